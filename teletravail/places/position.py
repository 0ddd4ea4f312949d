"""Is a place where its record says? Coordinates checked against the commune's centre and against France.

The reference geography has each commune's centre and area, not its outline: a place is accepted within a radius
that grows with the commune's area (`parameters/data/places.yaml`). A point far from its commune is told apart as
swapped latitude and longitude, outside France (no commune centre near it), or simply too far from its commune.
"""

import math
from dataclasses import dataclass

from teletravail.geo import great_circle_km
from teletravail.parameters import load_parameters


@dataclass(frozen=True)
class CommuneCentre:
    code: str
    name: str
    latitude: float
    longitude: float
    area_km2: float | None = None


def tolerance_km(commune, when=None):
    """How far from the commune's centre a place of the commune may lie."""
    parameters = load_parameters("places")
    factor = parameters["commune_tolerance_radius_factor"].at(when).central
    floor = parameters["commune_tolerance_min_km"].at(when).central
    radius = math.sqrt(commune.area_km2 / math.pi) if commune.area_km2 else 0.0
    return max(floor, factor * radius)


class CentreIndex:
    """The communes' centres on a grid of 0.1°, to find the commune nearest a point without reading them all."""

    CELL_DEGREES = 0.1

    def __init__(self, communes):
        self.cells = {}
        for commune in communes:
            if commune.latitude is None or commune.longitude is None:
                continue
            self.cells.setdefault(self._cell(commune.latitude, commune.longitude), []).append(commune)

    def _cell(self, latitude, longitude):
        return math.floor(latitude / self.CELL_DEGREES), math.floor(longitude / self.CELL_DEGREES)

    def nearest(self, latitude, longitude, max_km):
        """(commune, distance in km) of the centre nearest the point within `max_km`, else (None, None).

        Rings of cells around the point's cell, nearest first, until a ring lies farther than the best centre."""
        cell_km = 11.1 * self.CELL_DEGREES * 10  # 0.1° of latitude; a degree of longitude is shorter
        cos_lat = max(0.1, math.cos(math.radians(min(abs(latitude), 89))))
        row, column = self._cell(latitude, longitude)
        best, best_km = None, None
        ring = 0
        while (ring - 1) * cell_km * cos_lat <= min(max_km, best_km if best_km is not None else max_km):
            for r in range(row - ring, row + ring + 1):
                for c in range(column - ring, column + ring + 1):
                    if max(abs(r - row), abs(c - column)) != ring:
                        continue
                    for commune in self.cells.get((r, c), ()):
                        km = great_circle_km(latitude, longitude, commune.latitude, commune.longitude)
                        if km <= max_km and (best_km is None or km < best_km):
                            best, best_km = commune, km
            ring += 1
        return best, best_km


# The kinds of problem a position may have.
SWAPPED, OUTSIDE_FRANCE, FAR_FROM_COMMUNE, OUT_OF_RANGE = "swapped", "outside_france", "far_from_commune", "range"


def position_problem(latitude, longitude, commune, index, when=None):
    """None when the point lies near its commune, else one of SWAPPED, OUTSIDE_FRANCE, FAR_FROM_COMMUNE, OUT_OF_RANGE.

    `index` is a CentreIndex of all communes (France is where some commune centre is near)."""
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        if -90 <= longitude <= 90 and -180 <= latitude <= 180:
            return SWAPPED
        return OUT_OF_RANGE
    limit = tolerance_km(commune, when)
    if great_circle_km(latitude, longitude, commune.latitude, commune.longitude) <= limit:
        return None
    if great_circle_km(longitude, latitude, commune.latitude, commune.longitude) <= limit:
        return SWAPPED
    if commune_at(latitude, longitude, index, when) is None:
        return OUTSIDE_FRANCE
    return FAR_FROM_COMMUNE


def commune_at(latitude, longitude, index, when=None):
    """The commune whose centre is nearest the point, when the point is within its tolerance; else None (the point is
    outside France). A guess for records that name no commune (OpenStreetMap): the nearest centre, not the outline."""
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    floor = load_parameters("places")["commune_tolerance_min_km"].at(when).central
    # The largest communes (French Guiana) reach about 100 km from their centre.
    nearest, km = index.nearest(latitude, longitude, max_km=floor * 20)
    if nearest is None or km > tolerance_km(nearest, when):
        return None
    return nearest
