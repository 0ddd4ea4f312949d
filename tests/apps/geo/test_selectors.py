import pytest

from teletravail.apps.geo.selectors import (
    MissingCoordinates,
    commune_by_code,
    commune_from_input,
    distance_between,
    search_communes,
)
from teletravail.geo import great_circle_km
from tests.factories import make_commune


pytestmark = pytest.mark.django_db


def codes(communes):
    return [commune.code for commune in communes]


@pytest.mark.parametrize("query", ["saint etienne", "Saint-Étienne", "ST ETIENNE", "st-étienne", "  SAINT-ETIENNE "])
def test_saint_etienne_comes_first_however_it_is_typed(geography, query):
    results = search_communes(query)
    assert codes(results)[:2] == ["42218", "42219"]  # exact name, then Saint-Étienne-le-Molard (prefix)


def test_ranking_exact_then_prefix_then_contains_with_ties_by_population(db):
    make_commune("01001", "Val", "val", population=10)
    make_commune("01002", "Valbonne", "valbonne", population=13000)
    make_commune("01003", "Valence", "valence", population=60000)
    make_commune("01004", "Laval", "laval", population=50000)
    make_commune("01005", "Saint-Val", "saint val", population=100)
    make_commune("01006", "Bourg", "bourg", population=90000)

    assert codes(search_communes("val")) == ["01001", "01003", "01002", "01004", "01005"]


def test_every_word_must_appear_in_any_order(geography):
    assert codes(search_communes("molard saint")) == ["42219"]
    assert search_communes("saint molard bastia") == []


def test_partial_name(geography):
    results = search_communes("sain")
    assert codes(results) == ["42218", "42207", "42219"]  # all "Saint-…", by population
    assert codes(search_communes("firm")) == ["42095"]


def test_accents_and_case_are_ignored(geography):
    assert codes(search_communes("ANDREZIEUX")) == ["42005"]
    assert codes(search_communes("ile de brehat")) == ["22016"]


def test_postal_code_finds_the_communes_having_it(geography):
    assert codes(search_communes("42000")) == ["42218"]
    assert codes(search_communes("20090")) == ["2A004"]
    assert codes(search_communes("69001")) == ["69381", "69123"]  # the 1st arrondissement, then Lyon


@pytest.mark.parametrize(
    ("query", "code"), [("42218", "42218"), ("2A004", "2A004"), ("2a004", "2A004"), ("2B033", "2B033")]
)
def test_insee_code_comes_first(geography, query, code):
    assert codes(search_communes(query))[0] == code


def test_a_commune_having_the_code_as_postal_code_ranks_before_the_one_having_it_as_insee_code(db):
    # People type postal codes: 42100 is a postal code of Saint-Étienne before being an INSEE code.
    make_commune("42100", "Commune au code INSEE 42100", "commune au code insee 42100", population=5, postal_codes="")
    make_commune("42218", population=170000, postal_codes="42000 42100")
    assert codes(search_communes("42100")) == ["42218", "42100"]


def test_start_of_a_postal_code_or_of_an_insee_code(geography):
    # 42218 (postal 42000), 42095 (INSEE code 42095), 42005 (INSEE code 42005); 42207 has 42400 and 42207.
    assert codes(search_communes("420")) == ["42218", "42095", "42005"]
    assert set(codes(search_communes("42"))) == {"42218", "42207", "42095", "42005", "42219"}


def test_label_with_departement_narrows_the_search(geography):
    assert codes(search_communes("Saint-Étienne (42)")) == ["42218", "42219"]
    assert search_communes("Saint-Étienne (69)") == []


@pytest.mark.parametrize("query", ["", " ", "a", " é ", None])
def test_fewer_than_two_characters_give_nothing(geography, query):
    assert search_communes(query) == []


def test_limit(geography):
    assert len(search_communes("sain", limit=2)) == 2
    assert len(search_communes("sain", limit=0)) == 1
    assert len(search_communes("lyon", limit=500)) == 3


def test_unknown_name_gives_nothing(geography):
    assert search_communes("xyzzy") == []


def test_commune_by_code(geography):
    assert commune_by_code(" 2a004 ").name == "Ajaccio"
    assert commune_by_code("99999") is None
    assert commune_by_code("lyon") is None
    assert commune_by_code(None) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("69123", "69123"),
        ("Lyon", "69123"),
        ("lyon", "69123"),
        ("Saint-Étienne (42)", "42218"),
        ("st etienne", "42218"),
        ("Saint", None),  # several communes: ambiguous
        ("Saint-Étienne (69)", None),
        ("99999", None),
        ("", None),
    ],
)
def test_commune_from_input(geography, text, code):
    commune = commune_from_input(text)
    assert (commune.code if commune else None) == code


def test_distance_between_two_communes(geography):
    paris, lyon = commune_by_code("75056"), commune_by_code("69123")

    result = distance_between(paris, lyon, when="2026-01-01")

    assert result.estimate.great_circle_km == pytest.approx(great_circle_km(48.85659, 2.34292, 45.7549, 4.8364))
    assert result.estimate.great_circle_km == pytest.approx(392.7, abs=0.1)
    assert result.estimate.road_km == pytest.approx(result.estimate.great_circle_km * 1.3)


def test_distance_needs_coordinates(db):
    make_commune("15031", "Celles", "celles", latitude=None, longitude=None)
    celles, saint_etienne = commune_by_code("15031"), make_commune()

    with pytest.raises(MissingCoordinates) as caught:
        distance_between(saint_etienne, celles)

    assert str(caught.value) == (
        "La commune Celles (15031) n'a pas de coordonnées dans les données de référence : "
        "la distance ne peut pas être calculée."
    )


def test_a_very_long_query_is_cut_rather_than_turned_into_thousands_of_conditions(geography):
    assert codes(search_communes("saint " * 5000)) == ["42218", "42207", "42219"]
    assert codes(search_communes("saint etienne " + "x" * 500)) == []
