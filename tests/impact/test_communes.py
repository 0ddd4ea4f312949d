import math
import re

import pytest

from teletravail.geo import great_circle_km
from teletravail.impact import ImpactInputError
from teletravail.impact.communes import communes, commute_distance, normalize_code


def test_distance_between_two_communes_is_centroids_times_the_detour_factor():
    distance = commute_distance("44109", "49007", "2026-11-01")
    nantes, angers = communes()["44109"], communes()["49007"]
    crow_flies = great_circle_km(nantes.latitude, nantes.longitude, angers.latitude, angers.longitude)
    assert distance.method == "centroïdes"
    assert distance.road_km == pytest.approx(crow_flies * 1.3)
    assert 95 < distance.road_km < 115


def test_same_commune_uses_the_calibrated_fraction_of_the_radius_of_its_disc():
    distance = commute_distance("75056", "75056", "2026-11-01")
    paris = communes()["75056"]
    assert paris.area_km2 == 105.264
    # intra_commune_distance_factor 0.43 (geo.yaml, calibrated on Insee's 2 km share; the uniform disc's
    # 128 / (45 π) ≈ 0.9054 is its upper bound) × √(area / π) × detour 1.3:
    # √(105.264 / π) = √33.50657… = 5.78849… km; × 0.43 = 2.48905… km as the crow flies; × 1.3 = 3.23576… km.
    assert distance.great_circle_km == pytest.approx(0.43 * math.sqrt(105.264 / math.pi), rel=1e-12)
    assert distance.road_km == pytest.approx(0.43 * math.sqrt(105.264 / math.pi) * 1.3, rel=1e-12)
    assert distance.road_km == pytest.approx(3.2358, abs=1e-4)
    assert distance.detour_factor == 1.3
    assert distance.method == "intra-commune"


def test_codes_are_normalised():
    assert normalize_code(" 1001 ") == "01001"
    assert normalize_code("2a004") == "2A004"
    assert commute_distance("1001", "01004").road_km > 0


@pytest.mark.parametrize(
    ("home", "work", "message"),
    [
        ("99999", "49007", "« commune de résidence » : code commune INSEE inconnu « 99999 »"),
        ("49007", "", "« commune de travail » : code commune INSEE manquant"),
        ("15031", "49007", "« commune de résidence » : la commune 15031 (Celles) n'a pas de coordonnées"),
    ],
)
def test_bad_codes_are_named(home, work, message):
    with pytest.raises(ImpactInputError, match=re.escape(message)):
        commute_distance(home, work)
