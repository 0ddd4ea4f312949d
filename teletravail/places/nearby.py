"""Places near a point without a spatial database: a bounding box that the database answers from its index on
latitude and longitude, then the exact great-circle distance computed here.

A box is written as the API takes it, `min_lon,min_lat,max_lon,max_lat` (the order of RFC 7946 §5).
"""

import math
from dataclasses import dataclass

from teletravail.geo import great_circle_km
from teletravail.parameters import load_parameters


# Half the Earth's circumference: a radius beyond it holds every point.
WHOLE_EARTH_KM = 20_040


class BoundingBoxError(ValueError):
    """A `bbox` that cannot be read; the message says why in French."""


@dataclass(frozen=True)
class BoundingBox:
    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float


def parse_bbox(text):
    """The BoundingBox of "min_lon,min_lat,max_lon,max_lat"; BoundingBoxError with a French message otherwise."""
    parts = [part.strip() for part in (text or "").split(",")]
    if len(parts) != 4:
        raise BoundingBoxError(
            "Le paramètre bbox attend 4 nombres séparés par des virgules : min_lon,min_lat,max_lon,max_lat "
            "(par exemple 4.79,45.70,4.90,45.80)."
        )
    numbers = []
    for part in parts:
        try:
            number = float(part)
        except ValueError:
            raise BoundingBoxError(f"bbox : « {part} » n'est pas un nombre.") from None
        if not math.isfinite(number):
            raise BoundingBoxError(f"bbox : « {part} » n'est pas un nombre fini.")
        numbers.append(number)
    box = BoundingBox(*numbers)
    for value in (box.min_lon, box.max_lon):
        if not -180 <= value <= 180:
            raise BoundingBoxError(f"bbox : la longitude {value} sort de l'intervalle -180 à 180.")
    for value in (box.min_lat, box.max_lat):
        if not -90 <= value <= 90:
            raise BoundingBoxError(f"bbox : la latitude {value} sort de l'intervalle -90 à 90.")
    if box.min_lon >= box.max_lon:
        raise BoundingBoxError("bbox : la longitude minimale doit être inférieure à la longitude maximale.")
    if box.min_lat >= box.max_lat:
        raise BoundingBoxError("bbox : la latitude minimale doit être inférieure à la latitude maximale.")
    return box


def km_per_degree_of_latitude(when=None):
    return math.radians(1) * load_parameters("geo")["earth_radius_km"].at(when).central


def box_around(latitude, longitude, radius_km, when=None):
    """The smallest box of whole degrees' fractions holding every point within `radius_km` of the point.

    A degree of longitude shrinks towards the poles: its width is taken at the box's latitude nearest a pole, so
    that no point within the radius falls outside the box."""
    degrees_latitude = radius_km / km_per_degree_of_latitude(when)
    min_lat, max_lat = max(-90.0, latitude - degrees_latitude), min(90.0, latitude + degrees_latitude)
    cos_lat = math.cos(math.radians(max(abs(min_lat), abs(max_lat))))
    if cos_lat < 1e-6 or degrees_latitude / cos_lat >= 180:
        return BoundingBox(-180.0, min_lat, 180.0, max_lat)
    degrees_longitude = degrees_latitude / cos_lat
    # A box crossing the antimeridian is widened to every longitude (no French place lies near it).
    if longitude - degrees_longitude < -180 or longitude + degrees_longitude > 180:
        return BoundingBox(-180.0, min_lat, 180.0, max_lat)
    return BoundingBox(longitude - degrees_longitude, min_lat, longitude + degrees_longitude, max_lat)


def by_distance(points, latitude, longitude, radius_km=None):
    """[(km, item)] of `points` — (item, latitude, longitude) — nearest first, within `radius_km` when given."""
    earth_radius_km = km_per_degree_of_latitude() / math.radians(1)  # read once, not once per point
    ranked = []
    for item, point_latitude, point_longitude in points:
        km = great_circle_km(latitude, longitude, point_latitude, point_longitude, radius_km=earth_radius_km)
        if radius_km is None or km <= radius_km:
            ranked.append((km, item))
    ranked.sort(key=lambda pair: pair[0])
    return ranked
