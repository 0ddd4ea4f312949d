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


# A time threshold: the impact engine's car trip over the road km (great circle × detour factor 1.3): 5 access
# minutes, the first 10 road km at 38 km/h (15.79 min), the rest at 70 km/h. 30 minutes leave 30 − 5 − 15.79 = 9.21
# min at 70 km/h = 10.75 km: 20.75 road km, 20.75 / 1.3 = 15.96 km as the crow flies.
def car_minutes_by_hand(crow_km):
    impact = load_parameters("impact")

    def value(name):
        return impact[name].at().central

    road_km = crow_km * load_parameters("geo")["road_detour_factor"].at().central
    near_km = min(road_km, value("near_section_km"))
    return (
        value("access_minutes_per_trip.voiture")
        + near_km / value("average_speed_kmh.voiture_thermique") * 60
        + (road_km - near_km) / value("long_distance_speed_kmh.voiture") * 60
    )


def degrees_north(km):
    return math.degrees(km / load_parameters("geo")["earth_radius_km"].at().central)


def test_a_time_threshold_keeps_the_commune_just_beyond_it_by_car_and_serves_the_one_just_within():
    within = commune("IN", degrees_north(15.90), 300)  # 20.67 road km: 5 + 15.79 + 10.67 / 70 × 60 = 29.94 min
    beyond = commune("OUT", degrees_north(16.02), 200)  # 20.83 road km: 5 + 15.79 + 10.83 / 70 × 60 = 30.07 min

    gaps = communes_lacking_places([within, beyond], [PLACE], max_minutes=30)

    assert [gap.residence.code for gap in gaps] == ["OUT"]
    assert gaps[0].nearest_km == pytest.approx(16.02)
    assert gaps[0].nearest_minutes == pytest.approx(car_minutes_by_hand(16.02)) == pytest.approx(30.07, abs=0.01)
    assert car_minutes_by_hand(15.90) == pytest.approx(29.94, abs=0.01)
    # The same communes by distance: both are beyond 15 km, neither beyond 16.1 km.
    assert [gap.residence.code for gap in communes_lacking_places([within, beyond], [PLACE], max_km=15)] == [
        "IN",
        "OUT",
    ]
    assert communes_lacking_places([within, beyond], [PLACE], max_km=16.1) == []


def test_a_gap_by_distance_gives_its_time_by_car_too():
    gaps = communes_lacking_places(TERRITORY, [PLACE], max_km=10)
    assert [gap.nearest_minutes for gap in gaps] == pytest.approx(
        [car_minutes_by_hand(km_north(degrees)) for degrees in (0.3, 0.5, 0.2)]
    )


@pytest.mark.parametrize(
    ("thresholds", "message"),
    [
        ({"max_minutes": 0}, "positif"),
        ({"max_minutes": -10}, "positif"),
        ({}, "l'un des deux"),
        ({"max_km": 10, "max_minutes": 20}, "l'un des deux"),
    ],
)
def test_a_time_that_is_not_positive_or_two_thresholds_are_refused(thresholds, message):
    with pytest.raises(ValueError, match=message):
        communes_lacking_places(TERRITORY, [PLACE], **thresholds)
