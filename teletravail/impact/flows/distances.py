"""One-way road distances between communes, vectorised over NumPy arrays.

`teletravail.geo.great_circle_km` is scalar (the `math` module); the flows need millions of pairs, so this
module has a NumPy variant of the same haversine that reads the same parameters (`earth_radius_km` and
`road_detour_factor` in geo.yaml). Tests compare both on sample pairs.

A trip inside one commune gets a fraction of the radius of the disc of the commune's area
(`intra_commune_distance_factor` in geo.yaml), times the same detour factor: the formula of
`teletravail.geo.intra_commune_crow_flies_km`, which the impact engine uses for one pair of communes.
"""

import numpy as np
import polars as pl

from teletravail.geo import intra_commune_crow_flies_km
from teletravail.parameters import load_parameters


def earth_radius_km(when=None):
    return load_parameters("geo")["earth_radius_km"].at(when).central


def road_detour_factor(when=None):
    return load_parameters("geo")["road_detour_factor"].at(when).central


def great_circle_km_array(lat1, lon1, lat2, lon2, radius_km=None):
    """Haversine distance (km) between arrays of points in WGS84 degrees (broadcasting like NumPy)."""
    if radius_km is None:
        radius_km = earth_radius_km()
    phi1, phi2 = np.radians(lat1), np.radians(lat2)
    delta_phi = phi2 - phi1
    delta_lambda = np.radians(np.asarray(lon2) - np.asarray(lon1))
    h = np.sin(delta_phi / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(delta_lambda / 2) ** 2
    return 2 * radius_km * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def road_km_array(lat1, lon1, lat2, lon2, when=None):
    """Estimated one-way road km: great-circle distance × the road detour factor of geo.yaml."""
    return great_circle_km_array(lat1, lon1, lat2, lon2, radius_km=earth_radius_km(when)) * road_detour_factor(when)


def intra_commune_km(area_km2, *, when=None):
    """One-way road km of a trip inside a commune of `area_km2` (array): factor × √(area / π) × detour (geo.yaml)."""
    return intra_commune_crow_flies_km(np.asarray(area_km2, dtype=np.float64), when) * road_detour_factor(when)


def zone_pair_km(lat, lon, inside_km, home, work, when=None):
    """One-way road km from zones `home` to zones `work` (index arrays that broadcast together), given each zone's
    centre and intra-commune km. Where the two centres coincide, the zone itself or two communes whose centre was
    imputed from the same EPCI, the trip is taken to be of a commune's size (the larger intra-commune km of the
    two) rather than 0."""
    between = road_km_array(lat[home], lon[home], lat[work], lon[work], when)
    return np.where(between > 0, between, np.maximum(inside_km[home], inside_km[work]))


def pair_distances(pairs, reference, *, when=None, with_distance=True):
    """Add `distance_km`, `same_commune` and `imputed_distance` to a frame with `home` and `work` codes.

    Every code must be in `reference` (the readers check it first). Codes are mapped to the reference rows
    through a Polars Enum (no join), then distances are computed row by row with NumPy.
    `with_distance=False` skips the distances (`distance_km` is then null).
    """
    table = reference.table
    codes = pl.Enum(table["code"].to_list())
    home = pairs["home"].cast(codes).to_physical().to_numpy()
    work = pairs["work"].cast(codes).to_physical().to_numpy()
    commune_ids = np.unique(table["commune"].to_numpy(), return_inverse=True)[1]
    imputed = table["imputed"].to_numpy()
    columns = {
        "same_commune": pl.Series(commune_ids[home] == commune_ids[work], dtype=pl.Boolean),
        "imputed_distance": pl.Series(imputed[home] | imputed[work], dtype=pl.Boolean),
    }
    if with_distance:
        lat, lon = table["lat"].to_numpy(), table["lon"].to_numpy()
        inside = intra_commune_km(table["area_km2"].to_numpy(), when=when)
        columns["distance_km"] = pl.Series(zone_pair_km(lat, lon, inside, home, work, when), dtype=pl.Float64)
    else:
        columns["distance_km"] = pl.repeat(None, len(home), dtype=pl.Float64, eager=True)
    return pairs.with_columns(**columns)
