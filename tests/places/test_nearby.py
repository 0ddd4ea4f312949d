import math
import random

import pytest

from teletravail.geo import great_circle_km
from teletravail.places.nearby import BoundingBox, BoundingBoxError, box_around, by_distance, parse_bbox


def test_a_bbox_is_read_in_the_order_of_rfc_7946():
    assert parse_bbox("4.79, 45.70,4.90,45.80") == BoundingBox(4.79, 45.70, 4.90, 45.80)


@pytest.mark.parametrize("text", ["", "1,2,3", "a,1,2,3", "1,2,3,4,5", "1e400,0,2,1", "0,0,0,1", "0,1,1,0"])
def test_a_bad_bbox_is_refused(text):
    with pytest.raises(BoundingBoxError):
        parse_bbox(text)


@pytest.mark.parametrize("latitude", [-21.1, 0.0, 45.76, 51.0, 78.2])
def test_the_box_around_a_point_holds_every_point_within_the_radius(latitude):
    rng = random.Random(latitude)
    radius = 30.0
    box = box_around(latitude, 4.85, radius)
    checked = 0
    for _ in range(2000):
        # A point near the circle of the radius, in any direction: the farthest a point inside may lie.
        bearing, km = rng.uniform(0, 2 * math.pi), rng.uniform(0.95, 1.0) * radius
        point_latitude = latitude + math.degrees(km / 6371.0088) * math.cos(bearing)
        shrink = math.cos(math.radians(point_latitude))
        point_longitude = 4.85 + math.degrees(km / 6371.0088) * math.sin(bearing) / shrink
        if great_circle_km(latitude, 4.85, point_latitude, point_longitude) <= radius:
            checked += 1
            assert box.min_lat <= point_latitude <= box.max_lat
            assert box.min_lon <= point_longitude <= box.max_lon
    assert checked > 1000


def test_a_box_reaching_a_pole_or_the_antimeridian_takes_every_longitude():
    assert box_around(89.9, 10, 50) == BoundingBox(-180.0, box_around(89.9, 10, 50).min_lat, 180.0, 90.0)
    assert (box_around(-17.5, 179.9, 50).min_lon, box_around(-17.5, 179.9, 50).max_lon) == (-180.0, 180.0)


def test_points_are_ranked_by_distance_within_the_radius():
    points = [("far", 45.0, 5.0), ("near", 45.76, 4.86), ("here", 45.7578, 4.8320)]
    ranked = by_distance(points, 45.7578, 4.8320, radius_km=50)
    assert [item for _km, item in ranked] == ["here", "near"]
    assert ranked[0][0] == 0
    assert [item for _km, item in by_distance(points, 45.7578, 4.8320)] == ["here", "near", "far"]
