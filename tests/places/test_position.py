import math

import pytest

from teletravail.places.position import (
    FAR_FROM_COMMUNE,
    OUT_OF_RANGE,
    OUTSIDE_FRANCE,
    SWAPPED,
    CentreIndex,
    CommuneCentre,
    commune_at,
    position_problem,
    tolerance_km,
)


# Centres and areas of the bundled communes_france.csv.
NANTES = CommuneCentre("44109", "Nantes", 47.23209, -1.54818, 65.55)
LYON = CommuneCentre("69123", "Lyon", 45.7549, 4.8364, 47.959)
GRENOBLE = CommuneCentre("38185", "Grenoble", 45.18229, 5.72114, 18.487)
INDEX = CentreIndex([NANTES, LYON, GRENOBLE])
ADE_COWORKING = (47.245935, -1.505602)  # CGET row 1, in Nantes


def test_a_place_in_its_commune_passes():
    assert position_problem(*ADE_COWORKING, NANTES, INDEX) is None


def test_swapped_latitude_and_longitude_are_recognised():
    latitude, longitude = ADE_COWORKING
    assert position_problem(longitude, latitude, NANTES, INDEX) == SWAPPED
    # Beyond the possible range too (a latitude of 200 cannot be, a longitude can).
    assert position_problem(2.35, 48.86, CommuneCentre("75056", "Paris", 48.85659, 2.34292, 105.4), INDEX) == SWAPPED


def test_a_point_outside_france_or_in_another_commune():
    assert position_problem(51.5072, -0.1276, NANTES, INDEX) == OUTSIDE_FRANCE  # London
    assert position_problem(45.19, 5.72, NANTES, INDEX) == FAR_FROM_COMMUNE  # Grenoble
    assert position_problem(95.0, 200.0, NANTES, INDEX) == OUT_OF_RANGE


def test_the_tolerance_grows_with_the_commune_area_above_a_floor():
    # 3 radii of the disc of the same area (places.yaml), at least 5 km.
    assert tolerance_km(GRENOBLE) == pytest.approx(3 * math.sqrt(18.487 / math.pi))
    assert tolerance_km(CommuneCentre("69003", "Albigny-sur-Saône", 45.866, 4.833, 2.7)) == pytest.approx(5.0)


def test_the_commune_of_a_point_is_the_nearest_centre():
    assert commune_at(45.76, 4.84, INDEX) == LYON
    assert commune_at(*ADE_COWORKING, INDEX) == NANTES
    assert commune_at(51.5072, -0.1276, INDEX) is None
