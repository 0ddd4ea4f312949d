"""The communes lacking a telework place (plan action 15): where many potential teleworkers live farther than a
chosen distance from every open place, the case for public help to open one.

Pure: the communes come with their potential teleworkers (the app reads them from the commuting flows' reference),
the places as positions. Each commune's nearest place is found with the boxes and great-circle distances of
`teletravail.places.nearby`, the boxes growing until one holds a place.
"""

import bisect
from dataclasses import dataclass

from teletravail.places.nearby import WHOLE_EARTH_KM, box_around, by_distance


@dataclass(frozen=True)
class Residence:
    """A commune (or municipal arrondissement) and the potential teleworkers living there."""

    code: str
    name: str
    latitude: float
    longitude: float
    teleworkers: float


@dataclass(frozen=True)
class Gap:
    """A commune with no place within the distance asked: its residents and its nearest place's distance (km, great
    circle; None when there is no place at all)."""

    residence: Residence
    nearest_km: float | None


class _Places:
    """Place positions sorted by latitude, so that the places of a box are a slice, then a longitude test."""

    def __init__(self, positions):
        self.points = sorted((float(lat), float(lon)) for lat, lon in positions)
        self.latitudes = [lat for lat, _lon in self.points]

    def in_box(self, box):
        start = bisect.bisect_left(self.latitudes, box.min_lat)
        stop = bisect.bisect_right(self.latitudes, box.max_lat)
        return [(None, lat, lon) for lat, lon in self.points[start:stop] if box.min_lon <= lon <= box.max_lon]


def nearest_place_km(places, latitude, longitude, from_km):
    """The great-circle km to the nearest of `places` (a _Places), searching boxes from `from_km` outwards."""
    if not places.points:
        return None
    radius_km = from_km
    while True:
        everything = radius_km >= WHOLE_EARTH_KM
        candidates = (
            places.in_box(box_around(latitude, longitude, radius_km))
            if not everything
            else [(None, lat, lon) for lat, lon in places.points]
        )
        ranked = by_distance(candidates, latitude, longitude, None if everything else radius_km)
        if ranked:
            return ranked[0][0]
        radius_km *= 2


def communes_lacking_places(residences, place_positions, max_km, min_teleworkers=0.0):
    """[Gap] of the `residences` with at least `min_teleworkers` and no place of `place_positions` ((latitude,
    longitude) pairs) within `max_km`, the most potential teleworkers first (then the farthest from a place)."""
    if max_km <= 0:
        raise ValueError("La distance doit être positive.")
    places = _Places(place_positions)
    gaps = []
    for residence in residences:
        if residence.teleworkers < min_teleworkers or residence.teleworkers <= 0:
            continue
        km = nearest_place_km(places, residence.latitude, residence.longitude, max_km)
        if km is None or km > max_km:
            gaps.append(Gap(residence, km))
    gaps.sort(key=lambda gap: (-gap.residence.teleworkers, -(gap.nearest_km or float("inf")), gap.residence.code))
    return gaps
