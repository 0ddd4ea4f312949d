import math

import pytest

from teletravail.geo import great_circle_km, road_distance_estimate
from teletravail.parameters import ParameterError


# Centroids of Paris (75056) and Lyon (69123) in the bundled communes_france.csv.
PARIS = (48.85659, 2.34292)
LYON = (45.7549, 4.8364)
MEAN_EARTH_RADIUS_KM = 6371.0088


def chord_distance_km(lat1, lon1, lat2, lon2, radius):
    """Independent formula: angle between the two unit vectors (3D chord), not the haversine."""

    def unit(lat, lon):
        lat, lon = math.radians(lat), math.radians(lon)
        return (math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat))

    a, b = unit(lat1, lon1), unit(lat2, lon2)
    chord = math.dist(a, b)
    return radius * 2 * math.asin(chord / 2)


def test_paris_lyon_matches_an_independent_formula():
    expected = chord_distance_km(*PARIS, *LYON, MEAN_EARTH_RADIUS_KM)
    assert great_circle_km(*PARIS, *LYON) == pytest.approx(expected, abs=1e-6)


def test_paris_lyon_matches_the_published_value():
    # Paris–Lyon "à vol d'oiseau" is usually given as about 392 km (city hall to city hall 391.5 km);
    # centroids differ from town halls by a few hundred metres.
    assert great_circle_km(*PARIS, *LYON) == pytest.approx(392, abs=3)


def test_one_degree_of_meridian():
    # 2πR/360 on the mean sphere = 111.195 km.
    assert great_circle_km(45.0, 3.0, 46.0, 3.0) == pytest.approx(2 * math.pi * MEAN_EARTH_RADIUS_KM / 360, rel=1e-12)
    assert great_circle_km(45.0, 3.0, 46.0, 3.0) == pytest.approx(111.195, abs=0.001)


def test_same_point_and_symmetry():
    assert great_circle_km(*PARIS, *PARIS) == 0
    assert great_circle_km(*PARIS, *LYON) == great_circle_km(*LYON, *PARIS)


def test_antipodes_are_half_a_circumference():
    assert great_circle_km(0, 0, 0, 180) == pytest.approx(math.pi * MEAN_EARTH_RADIUS_KM)


def test_explicit_radius():
    assert great_circle_km(0, 0, 0, 90, radius_km=1) == pytest.approx(math.pi / 2)


def test_road_estimate_uses_the_detour_factor_in_force():
    estimate = road_distance_estimate(*PARIS, *LYON, when="2026-01-01")
    crow_flies = great_circle_km(*PARIS, *LYON)
    assert estimate.great_circle_km == pytest.approx(crow_flies)
    assert estimate.detour_factor == 1.3
    assert (estimate.detour_factor_low, estimate.detour_factor_high) == (1.2, 1.4)
    assert estimate.road_km == pytest.approx(crow_flies * 1.3)
    assert estimate.road_km_low == pytest.approx(crow_flies * 1.2)
    assert estimate.road_km_high == pytest.approx(crow_flies * 1.4)
    assert estimate.road_km_low < estimate.road_km < estimate.road_km_high


def test_road_estimate_cites_its_sources():
    estimate = road_distance_estimate(*PARIS, *LYON)
    assert len(estimate.source_titles) == 2
    assert estimate.source_titles[0].startswith("IUGG mean Earth radius")
    assert estimate.detour_factor_source.title.startswith("Ballou, Rahardja and Sakai")
    assert estimate.detour_factor_source.to_verify is True


def test_road_estimate_before_any_value_is_an_error():
    with pytest.raises(ParameterError, match="road_detour_factor"):
        road_distance_estimate(*PARIS, *LYON, when="1990-01-01")


def test_road_estimate_names_the_parameters_of_its_sources():
    estimate = road_distance_estimate(*PARIS, *LYON)
    assert estimate.source_parameters == ("earth_radius_km", "road_detour_factor")
