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


def test_same_commune_uses_the_mean_distance_in_a_disc_of_its_area():
    distance = commute_distance("75056", "75056", "2026-11-01")
    paris = communes()["75056"]
    # 128 / (45 π) × √(area / π) × 1.3
    assert distance.road_km == pytest.approx(
        128 / (45 * math.pi) * math.sqrt(paris.area_km2 / math.pi) * 1.3, rel=1e-9
    )
    assert distance.method == "intra-commune"


def test_codes_are_normalised():
    assert normalize_code(" 1001 ") == "01001"
    assert normalize_code("2a004") == "2A004"
    assert commute_distance("1001", "01004").road_km > 0


@pytest.mark.parametrize(
    ("home", "work", "message"),
    [
        ("99999", "49007", "« home » : code commune INSEE inconnu « 99999 »"),
        ("49007", "", "« work » : code commune INSEE manquant"),
        ("15031", "49007", "« home » : la commune 15031 (Celles) n'a pas de coordonnées"),
    ],
)
def test_bad_codes_are_named(home, work, message):
    with pytest.raises(ImpactInputError, match=re.escape(message)):
        commute_distance(home, work)
