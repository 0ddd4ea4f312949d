import math

import numpy as np
import polars as pl
import pytest

from teletravail.geo import great_circle_km, road_distance_estimate
from teletravail.impact.communes import commute_distance
from teletravail.impact.flows import great_circle_km_array, intra_commune_km, load_reference, road_km_array
from teletravail.impact.flows.distances import pair_distances
from teletravail.parameters import load_parameters


@pytest.fixture(scope="module")
def sample_pairs():
    table = load_reference().table.filter(~pl.col("imputed"))
    rng = np.random.default_rng(7)
    first = table[rng.integers(0, table.height, 300).tolist()]
    second = table[rng.integers(0, table.height, 300).tolist()]
    return first, second


def test_vectorised_haversine_matches_the_scalar_geo_function(sample_pairs):
    first, second = sample_pairs
    vector = great_circle_km_array(first["lat"], first["lon"], second["lat"], second["lon"])
    scalar = [
        great_circle_km(a, b, c, d)
        for a, b, c, d in zip(first["lat"], first["lon"], second["lat"], second["lon"], strict=True)
    ]
    assert vector == pytest.approx(scalar, rel=1e-12, abs=1e-9)
    assert max(scalar) > 1000  # the sample spans metropolitan France and overseas départements


def test_road_km_uses_the_detour_factor_of_geo_yaml(sample_pairs):
    first, second = sample_pairs
    road = road_km_array(
        first["lat"].to_numpy(), first["lon"].to_numpy(), second["lat"].to_numpy(), second["lon"].to_numpy()
    )
    expected = [
        road_distance_estimate(a, b, c, d).road_km
        for a, b, c, d in zip(first["lat"], first["lon"], second["lat"], second["lon"], strict=True)
    ]
    assert road == pytest.approx(expected, rel=1e-12, abs=1e-9)


def test_broadcasting_one_point_against_many():
    distances = great_circle_km_array(48.85659, 2.34292, np.array([48.85659, 45.7549]), np.array([2.34292, 4.8364]))
    assert distances[0] == 0
    assert distances[1] == pytest.approx(great_circle_km(48.85659, 2.34292, 45.7549, 4.8364))


def test_intra_commune_rule():
    # Discs of radius 1 and 2 km: intra_commune_distance_factor 0.43 × radius × detour 1.3 = 0.559 and 1.118 km.
    assert intra_commune_km(np.array([math.pi, 4 * math.pi])).tolist() == pytest.approx([0.559, 1.118], rel=1e-12)


def test_the_intra_commune_factor_is_the_one_parameter_of_geo_yaml():
    geo = load_parameters("geo")
    factor = geo["intra_commune_distance_factor"].at("2026-11-01")
    assert (factor.central, factor.low, factor.high) == (0.43, 0.35, 0.9054)
    assert "0.9054" in geo["intra_commune_distance_factor"].source.title  # the uniform disc, upper bound
    assert not [name for name in load_parameters("impact") if name.startswith("intra_commune")]
    assert not [name for name in load_parameters("flows") if name.startswith("intra_commune")]


def test_the_flows_and_the_impact_engine_give_the_same_distance_inside_a_commune():
    """One formula (teletravail.geo.intra_commune_crow_flies_km): vectorised here, scalar in the engine."""
    pairs = pl.DataFrame({"home": ["01001", "75056", "69123"], "work": ["01001", "75056", "69123"]})
    flows = pair_distances(pairs, load_reference(), when="2026-11-01")["distance_km"].to_list()
    engine = [commute_distance(code, code, "2026-11-01").road_km for code in pairs["home"]]
    assert flows == pytest.approx(engine, rel=1e-12)
    # 01001 (L'Abergement-Clémenciat, 15.703 km²): 0.43 × √(15.703 / π) × 1.3 = 0.43 × 2.23571… × 1.3 = 1.24976… km
    assert flows[0] == pytest.approx(1.2498, abs=1e-4)


def test_pair_distances_flags_same_commune_including_paris_arrondissements():
    pairs = pl.DataFrame({"home": ["75115", "75115", "01004", "15031"], "work": ["75108", "75115", "01001", "15031"]})
    result = pair_distances(pairs, load_reference())
    assert result["same_commune"].to_list() == [True, True, False, True]
    assert result["imputed_distance"].to_list() == [False, False, False, True]
    assert result["distance_km"].is_finite().all()
    table = load_reference().table
    row = table.filter(pl.col("code") == "75115").row(0, named=True)
    detour = load_parameters("geo")["road_detour_factor"].at().central
    assert result["distance_km"][1] == pytest.approx(0.43 * math.sqrt(row["area_km2"] / math.pi) * detour)


def test_the_four_communes_without_outline_are_imputed_within_their_epci():
    table = load_reference().table
    imputed = table.filter(pl.col("imputed"))
    assert sorted(imputed["code"]) == ["15031", "15035", "15047", "15171"]
    assert imputed["lat"].is_between(44.5, 45.5).all() and imputed["lon"].is_between(2.5, 3.5).all()
    assert imputed["area_km2"].is_not_null().all()
    assert table["lat"].null_count() == 0


def test_two_communes_imputed_on_the_same_point_are_a_communes_size_apart_not_zero():
    # Chalinargues and Chavagnac have no outline: both take the centre of their EPCI.
    table = load_reference().table.filter(pl.col("code").is_in(["15035", "15047"]))
    assert table["lat"].n_unique() == 1 and table["lon"].n_unique() == 1
    result = pair_distances(pl.DataFrame({"home": ["15047", "15035"], "work": ["15035", "15035"]}), load_reference())
    assert result["same_commune"].to_list() == [False, True]
    assert result["distance_km"][0] == pytest.approx(intra_commune_km(table["area_km2"].to_numpy()).max())
    assert result["distance_km"][0] > 0
