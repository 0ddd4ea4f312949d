"""Distances between two points given in WGS84 degrees, and inside a commune, with parameters read from
`parameters/data/geo.yaml`."""

import math
from dataclasses import dataclass

from teletravail.parameters import Source, load_parameters


def _parameter(name, when=None):
    parameter = load_parameters("geo")[name]
    return parameter, parameter.at(when)


def great_circle_km(lat1, lon1, lat2, lon2, radius_km=None):
    """Haversine distance on a sphere of the mean Earth radius (or `radius_km`)."""
    if radius_km is None:
        radius_km = _parameter("earth_radius_km")[1].central
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    delta_phi = phi2 - phi1
    delta_lambda = math.radians(lon2 - lon1)
    # Haversine rather than the law of cosines: accurate for short distances (neighbouring communes).
    h = math.sin(delta_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(delta_lambda / 2) ** 2
    return 2 * radius_km * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class RoadDistanceEstimate:
    """A road distance estimated as great-circle distance × detour factor, with its range and sources."""

    great_circle_km: float
    detour_factor: float
    detour_factor_low: float
    detour_factor_high: float
    road_km: float
    road_km_low: float
    road_km_high: float
    sources: tuple[Source, ...]
    # Names of the parameters the sources belong to, in the same order (e.g. "road_detour_factor").
    source_parameters: tuple[str, ...] = ()

    @property
    def source_titles(self):
        return tuple(source.title for source in self.sources)

    @property
    def detour_factor_source(self):
        """The source of the detour factor, the one a reader needs to judge the estimate."""
        return self.sources[-1]


def road_distance_estimate(lat1, lon1, lat2, lon2, when=None):
    """Estimate the road distance between two points with the detour factor in force on `when` (today by default)."""
    radius_parameter, radius = _parameter("earth_radius_km", when)
    detour_parameter, detour = _parameter("road_detour_factor", when)
    crow_flies = great_circle_km(lat1, lon1, lat2, lon2, radius_km=radius.central)
    low = detour.low if detour.low is not None else detour.central
    high = detour.high if detour.high is not None else detour.central
    return RoadDistanceEstimate(
        great_circle_km=crow_flies,
        detour_factor=detour.central,
        detour_factor_low=low,
        detour_factor_high=high,
        road_km=crow_flies * detour.central,
        road_km_low=crow_flies * low,
        road_km_high=crow_flies * high,
        sources=(radius_parameter.source_of(radius), detour_parameter.source_of(detour)),
        source_parameters=(radius_parameter.name, detour_parameter.name),
    )


def intra_commune_crow_flies_km(area_km2, when=None):
    """Crow-flies one-way distance (km) of a trip inside a commune of `area_km2` km² (a number or a NumPy array).

    `intra_commune_distance_factor` × √(area / π): a fraction of the radius of the disc of the commune's area
    (homes and jobs gather in the centre; see the parameter's source). Multiply by `road_detour_factor` for road
    km. The one formula of the impact engine (one pair of communes) and of the commuting flows (every commune
    at once).
    """
    factor = _parameter("intra_commune_distance_factor", when)[1].central
    return factor * (area_km2 / math.pi) ** 0.5
