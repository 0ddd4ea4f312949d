"""The communes lacking a telework place (plan action 15): where many potential teleworkers live farther than a
chosen distance or time from every open place, the case for public help to open one.

Pure: the communes come with their potential teleworkers (the app reads them from the commuting flows' reference),
the places as positions. Each commune's nearest place is found with the boxes and great-circle distances of
`teletravail.places.nearby`, the boxes growing until one holds a place. Its time by car is the impact engine's
timing of a car commute (`one_way_minutes`) over the road distance estimated from the great circle (the detour
factor of the commuting flows).
"""

import bisect
from dataclasses import dataclass

import numpy as np

from teletravail.impact.flows.distances import road_detour_factor
from teletravail.impact.place_day import one_way_minutes
from teletravail.parameters import load_parameters
from teletravail.places.nearby import WHOLE_EARTH_KM, box_around, by_distance


CAR = "voiture"  # the census car fleet, timed as every car is
# The first box of a search by time: a town's surroundings; it doubles until it holds a place.
FIRST_SEARCH_RADIUS_KM = 10


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
    """A commune with no place within the distance or time asked: its residents, its nearest place's distance (km,
    great circle) and time by car (minutes, door to door); both None when there is no place at all."""

    residence: Residence
    nearest_km: float | None
    nearest_minutes: float | None = None


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


def car_minutes(crow_kms, when=None):
    """Door-to-door minutes by car to points `crow_kms` away as the crow flies (an array): the road km estimated with
    the detour factor, timed by the impact engine."""
    road_kms = np.asarray(crow_kms, dtype=float) * road_detour_factor(when)
    return one_way_minutes(road_kms, CAR, when=when)


def threshold_bounds(when=None):
    """(greatest km, least minutes, greatest minutes) a threshold may be: the km of `lacking_places_max_km`; a time
    beyond the minutes of a car trip of 0 km (walking to the car and parking: with less, a place next door is too
    far), up to the minutes of the greatest distance."""
    max_km = load_parameters("places")["lacking_places_max_km"].at(when).central
    least, greatest = car_minutes([0.0, max_km], when).tolist()
    return max_km, round(least, 1), greatest  # the least as it is shown: 5 min, not 4.999…


def communes_lacking_places(residences, place_positions, max_km=None, min_teleworkers=0.0, *, max_minutes=None):
    """[Gap] of the `residences` with at least `min_teleworkers` and no place of `place_positions` ((latitude,
    longitude) pairs) within `max_km` (great circle) or, given instead, `max_minutes` by car; the most potential
    teleworkers first (then the farthest from a place)."""
    if (max_km is None) == (max_minutes is None):
        raise ValueError("Donnez une distance ou un temps, l'un des deux.")
    if max_km is not None and max_km <= 0:
        raise ValueError("La distance doit être positive.")
    if max_minutes is not None and max_minutes <= 0:
        raise ValueError("Le temps doit être positif.")
    places = _Places(place_positions)
    first_radius_km = max_km or FIRST_SEARCH_RADIUS_KM
    nearest = [
        (residence, nearest_place_km(places, residence.latitude, residence.longitude, first_radius_km))
        for residence in residences
        if residence.teleworkers >= min_teleworkers and residence.teleworkers > 0
    ]
    reached = [km for _residence, km in nearest if km is not None]
    minutes = iter(car_minutes(reached).tolist() if reached else ())
    gaps = []
    for residence, km in nearest:
        time = None if km is None else next(minutes)
        if km is None or (km > max_km if max_km is not None else time > max_minutes):
            gaps.append(Gap(residence, km, time))
    gaps.sort(key=lambda gap: (-gap.residence.teleworkers, -(gap.nearest_km or float("inf")), gap.residence.code))
    return gaps
