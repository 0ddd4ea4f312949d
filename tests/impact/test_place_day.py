"""A day at a telework place, computed by hand from the parameter files and compared with the engine."""

import math

import pytest

from teletravail.impact.communes import communes
from teletravail.impact.errors import ImpactInputError
from teletravail.impact.place_day import place_days
from teletravail.parameters import load_parameters


def central(group, name):
    return load_parameters(group)[name].at().central


def road_km(a, b):
    """Great-circle distance between two communes' centres × the road detour factor, written out here."""
    radius = central("geo", "earth_radius_km")
    phi1, phi2 = math.radians(a.latitude), math.radians(b.latitude)
    h = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(b.longitude - a.longitude) / 2) ** 2
    )
    return 2 * radius * math.asin(math.sqrt(h)) * central("geo", "road_detour_factor")


def minutes_one_way(km):
    """A car trip: the near km at the car's speed, the km beyond the near section faster, plus the parking time."""
    near_km = central("impact", "near_section_km")
    near = min(km, near_km) / central("impact", "average_speed_kmh.voiture_thermique")
    far = max(km - near_km, 0) / central("impact", "long_distance_speed_kmh.voiture")
    return (near + far) * 60 + central("impact", "access_minutes_per_trip.voiture")


def test_a_day_at_a_place_near_home_saves_the_office_round_trip_less_the_trip_to_the_place():
    reference = communes()
    home, office, place = reference["01004"], reference["69123"], reference["01007"]  # Ambérieu, Lyon, Ambronay
    office_km, place_km = road_km(home, office), road_km(home, place)
    assert office_km > 40 and place_km < 10  # the office is past the near section, the place is not

    [day] = place_days(office_km, [place_km], "voiture_thermique")

    trips = central("impact", "trips_per_office_day")
    kg_per_km = central("impact", "fuel_consumption_l_per_100km.voiture_thermique") / 100 * central(
        "impact", "fuel_emission_factor_kgco2e_per_litre.gazole"
    ) + central("impact", "construction_emission_factor_kgco2e_per_km.voiture_thermique")
    assert day.place_km == pytest.approx(place_km)
    assert day.km_saved == pytest.approx(trips * (office_km - place_km))
    assert day.co2e_kg_saved == pytest.approx(trips * (office_km - place_km) * kg_per_km)
    assert day.minutes_saved == pytest.approx(trips * (minutes_one_way(office_km) - minutes_one_way(place_km)))


def test_a_place_farther_than_the_office_costs_what_it_adds_and_each_place_gets_its_own_figures():
    near, far = place_days(10.0, [4.0, 16.0], "velo")
    speed = central("impact", "average_speed_kmh.velo")
    trips = central("impact", "trips_per_office_day")
    assert near.km_saved == pytest.approx(trips * 6)
    assert far.km_saved == pytest.approx(-trips * 6)
    assert near.minutes_saved == pytest.approx(trips * 6 / speed * 60)
    assert far.minutes_saved == pytest.approx(-trips * 6 / speed * 60)
    assert near.co2e_kg_saved == pytest.approx(trips * 6 * central("impact", "emission_factor_kgco2e_per_km.velo"))


def test_a_day_without_commute_or_a_negative_distance_is_refused_in_french():
    with pytest.raises(ImpactInputError, match="n'est pas un mode de déplacement"):
        place_days(10.0, [2.0], "aucun")
    with pytest.raises(ImpactInputError, match="ne peut pas être négative"):
        place_days(10.0, [-2.0], "velo")
