"""Two records from different sources that are the same place: near each other, with similar names.

Names are compared without accents, case, punctuation or word order (rapidfuzz's token sort ratio, 0 to 100); the
distance and the least similarity are parameters (`parameters/data/places.yaml`).
"""

import math
from dataclasses import dataclass

from rapidfuzz import fuzz

from teletravail.geo import great_circle_km, normalize
from teletravail.parameters import load_parameters


def name_similarity(first, second):
    """0 to 100: how alike two place names are, ignoring accents, case, punctuation and word order."""
    return fuzz.token_sort_ratio(normalize(first), normalize(second))


def names_match(first, second, when=None):
    """Whether two names are similar enough to be the same place's (the least similarity of places.yaml)."""
    least = load_parameters("places")["duplicate_min_name_similarity"].at(when).central
    return name_similarity(first, second) >= least


@dataclass(frozen=True)
class Candidate:
    """A place already known: its key (the app's id), name and position."""

    key: object
    name: str
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Match:
    key: object
    distance_km: float
    similarity: float


class DuplicateFinder:
    """Known places on a grid whose cells are at least the matching distance wide: a record's twin is in its cell or
    a neighbouring one."""

    def __init__(self, candidates=(), when=None):
        parameters = load_parameters("places")
        self.max_km = parameters["duplicate_max_distance_km"].at(when).central
        self.min_similarity = parameters["duplicate_min_name_similarity"].at(when).central
        # 1° of latitude is 111 km; a cell of `max_km` in latitude is narrower than that in longitude, so widen it.
        self.cell_degrees = self.max_km / 111.0
        self.cells = {}
        for candidate in candidates:
            self.add(candidate)

    def _cell(self, latitude, longitude):
        cos_lat = max(0.1, math.cos(math.radians(min(abs(latitude), 89))))
        return math.floor(latitude / self.cell_degrees), math.floor(longitude * cos_lat / self.cell_degrees)

    def add(self, candidate):
        self.cells.setdefault(self._cell(candidate.latitude, candidate.longitude), []).append(candidate)

    def find(self, name, latitude, longitude, exclude=frozenset()):
        """The best Match among the known places within the distance and above the similarity, else None."""
        row, column = self._cell(latitude, longitude)
        best = None
        for r in (row - 1, row, row + 1):
            for c in (column - 1, column, column + 1):
                for candidate in self.cells.get((r, c), ()):
                    if candidate.key in exclude:
                        continue
                    km = great_circle_km(latitude, longitude, candidate.latitude, candidate.longitude)
                    if km > self.max_km:
                        continue
                    similarity = name_similarity(name, candidate.name)
                    if similarity < self.min_similarity:
                        continue
                    if best is None or (similarity, -km) > (best.similarity, -best.distance_km):
                        best = Match(candidate.key, km, similarity)
        return best
