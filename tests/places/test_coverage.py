"""The communes lacking a telework place, on a small synthetic territory laid along one meridian, where the
great-circle distance is the arc of latitude: radians(Δlatitude) × the Earth's radius, computed here by hand."""

import math

import pytest

from teletravail.parameters import load_parameters
from teletravail.places.coverage import Residence, communes_lacking_places


PLACE = (45.0, 5.0)


def km_north(degrees):
    return math.radians(degrees) * load_parameters("geo")["earth_radius_km"].at().central


def commune(code, degrees_north, teleworkers):
    return Residence(code, f"Commune {code}", PLACE[0] + degrees_north, PLACE[1], teleworkers)


TERRITORY = [
    commune("A", 0.05, 900),  # 5.6 km from the place: served
    commune("B", 0.2, 100),  # 22.2 km
    commune("C", 0.5, 100),  # 55.6 km: as many teleworkers as B, farther
    commune("D", 0.3, 500),  # 33.4 km: the most teleworkers of those lacking a place
    commune("E", 0.9, 0),  # nobody to serve
]


def test_the_communes_farther_than_the_distance_come_most_teleworkers_first_then_farthest_first():
    gaps = communes_lacking_places(TERRITORY, [PLACE], max_km=10)

    assert [gap.residence.code for gap in gaps] == ["D", "C", "B"]
    assert [gap.nearest_km for gap in gaps] == pytest.approx([km_north(0.3), km_north(0.5), km_north(0.2)])


def test_a_larger_distance_serves_more_communes_and_a_threshold_keeps_the_larger_ones():
    assert [gap.residence.code for gap in communes_lacking_places(TERRITORY, [PLACE], max_km=40)] == ["C"]
    assert [gap.residence.code for gap in communes_lacking_places(TERRITORY, [PLACE], 10, min_teleworkers=150)] == [
        "D"
    ]


def test_a_second_place_near_a_commune_serves_it_and_gives_the_others_their_own_nearest_place():
    second = (PLACE[0] + 0.45, PLACE[1])  # 0.05° from C
    gaps = communes_lacking_places(TERRITORY, [PLACE, second], max_km=10)
    assert [(gap.residence.code, gap.nearest_km) for gap in gaps] == [
        ("D", pytest.approx(km_north(0.15))),
        ("B", pytest.approx(km_north(0.2))),
    ]


def test_without_any_place_every_inhabited_commune_lacks_one():
    gaps = communes_lacking_places(TERRITORY, [], max_km=10)
    assert [(gap.residence.code, gap.nearest_km) for gap in gaps] == [
        ("A", None),
        ("D", None),
        ("B", None),
        ("C", None),
    ]


def test_a_distance_that_is_not_positive_is_refused():
    with pytest.raises(ValueError, match="positive"):
        communes_lacking_places(TERRITORY, [PLACE], max_km=0)
