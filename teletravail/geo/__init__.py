"""Geography engine: text normalisation for commune search, distances between points and inside a commune.

Pure Python (no Django), so that notebooks and the CLI can use it without a database.

    >>> from teletravail.geo import normalize, great_circle_km
    >>> normalize("L'Haÿ-les-Roses")
    'l hay les roses'
"""

from teletravail.geo.distance import (
    RoadDistanceEstimate,
    great_circle_km,
    intra_commune_crow_flies_km,
    road_distance_estimate,
)
from teletravail.geo.text import normalize, normalize_query


__all__ = [
    "RoadDistanceEstimate",
    "great_circle_km",
    "intra_commune_crow_flies_km",
    "normalize",
    "normalize_query",
    "road_distance_estimate",
]
