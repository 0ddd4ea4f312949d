"""Postal codes and INSEE codes told apart, on the real communes of the Rhône.

69003 is the postal code of Lyon 3e Arrondissement and the INSEE code of Albigny-sur-Saône; 69100 is the postal
code of Villeurbanne and the INSEE code of Irigny. A person who types a code means a postal code first, sees which
is which, and is asked to choose when a code may mean several communes."""

import pytest
from django.urls import reverse
from typer.testing import CliRunner

from teletravail.apps.geo.forms import CommuneDistanceForm
from teletravail.apps.geo.selectors import INSEE_CODE, POSTAL_CODE, resolve_commune, search_communes
from teletravail.cli import app


pytestmark = pytest.mark.django_db

LYON_3E, LYON, ALBIGNY = "69383", "69123", "69003"
VILLEURBANNE, IRIGNY = "69266", "69100"


def found(communes):
    return [(commune.code, commune.matched_by) for commune in communes]


def test_69003_is_lyon_3e_by_its_postal_code_before_albigny_by_its_insee_code(rhone_geography):
    assert found(search_communes("69003")) == [
        (LYON_3E, POSTAL_CODE),
        (LYON, POSTAL_CODE),
        (ALBIGNY, INSEE_CODE),
    ]


def test_69100_is_villeurbanne_by_its_postal_code_before_irigny(rhone_geography):
    assert found(search_communes("69100")) == [(VILLEURBANNE, POSTAL_CODE), (IRIGNY, INSEE_CODE)]


def test_a_postal_code_lists_its_communes_and_arrondissements(rhone_geography):
    # 69310 is shared by Oullins-Pierre-Bénite and no arrondissement; 69001 by Lyon and its 1st arrondissement.
    assert found(search_communes("69001")) == [("69381", POSTAL_CODE), (LYON, POSTAL_CODE), ("69001", INSEE_CODE)]
    names = {commune.name for commune in search_communes("69590")}
    assert len(names) > 1 and all("69590" in commune.postal_code_list for commune in search_communes("69590"))


def test_a_code_that_is_only_an_insee_code_finds_its_commune(rhone_geography):
    assert found(search_communes("69266")) == [(VILLEURBANNE, INSEE_CODE)]


def test_an_ambiguous_code_lists_the_candidates_and_chooses_none(rhone_geography):
    resolution = resolve_commune("69100")
    assert resolution.ambiguous and resolution.commune is None
    assert found(resolution.candidates) == [(VILLEURBANNE, POSTAL_CODE), (IRIGNY, INSEE_CODE)]


def test_a_code_that_means_one_commune_only_is_resolved(rhone_geography):
    assert resolve_commune("69266").commune.name == "Villeurbanne"
    assert resolve_commune("Villeurbanne").commune.code == VILLEURBANNE


def test_the_form_without_javascript_asks_to_choose_an_ambiguous_code(rhone_geography):
    form = CommuneDistanceForm({"origin_text": "69100", "destination_text": "Villeurbanne"})
    assert not form.is_valid()
    message = form.errors["origin"][0]
    assert "Villeurbanne (69), code postal" in message and "Irigny (69), code INSEE" in message


def test_a_commune_chosen_in_the_list_is_taken_by_its_insee_code(rhone_geography):
    # The hidden input carries the INSEE code of the commune chosen: 69003 chosen in the list is Albigny.
    form = CommuneDistanceForm({"origin": ALBIGNY, "origin_text": "Albigny-sur-Saône (69)", "destination": LYON_3E})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["origin"].name == "Albigny-sur-Saône"
    assert form.cleaned_data["destination"].name == "Lyon 3e Arrondissement"


def test_the_autocomplete_says_which_code_matched(client, rhone_geography):
    results = client.get(reverse("geo:search"), {"q": "69003"}).json()["results"]
    assert [(result["label"], result["matched_by"], result["detail"]) for result in results] == [
        ("Lyon 3e Arrondissement (69)", POSTAL_CODE, "code postal 69003"),
        ("Lyon (69)", POSTAL_CODE, "codes postaux 69001, 69002, 69003…"),
        ("Albigny-sur-Saône (69)", INSEE_CODE, "code INSEE 69003"),
    ]


def test_the_api_says_which_code_matched(client, rhone_geography):
    results = client.get("/api/v1/communes", {"q": "69100"}).json()["results"]
    assert [(result["name"], result["matched_by"]) for result in results] == [
        ("Villeurbanne", POSTAL_CODE),
        ("Irigny", INSEE_CODE),
    ]


def test_the_command_line_says_which_code_matched_and_asks_to_choose(rhone_geography):
    result = CliRunner().invoke(app, ["geo", "search", "69003"])

    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "« 69003 » est un code postal et aussi un code INSEE : choisissez la commune voulue."
    assert lines[1].startswith("69383  Lyon 3e Arrondissement (69)  [69003]") and lines[1].endswith("(code postal)")
    assert lines[2].startswith("69123  Lyon (69)") and lines[2].endswith("(code postal)")
    assert lines[3].startswith("69003  Albigny-sur-Saône (69)  [69250]") and lines[3].endswith("(code INSEE)")


def test_how_many_results_and_candidates_a_search_gives_are_settings_of_the_instance(
    client, rhone_geography, settings
):
    """Runtime knobs, not literals of the geo app: the widget's results, the largest search, the candidates listed."""
    settings.GEO_WIDGET_RESULTS = 1
    assert [r["code"] for r in client.get(reverse("geo:search"), {"q": "69003"}).json()["results"]] == [LYON_3E]
    settings.GEO_SEARCH_MAX_RESULTS = 2
    assert found(search_communes("69003", limit=50)) == [(LYON_3E, POSTAL_CODE), (LYON, POSTAL_CODE)]
    settings.GEO_MAX_CANDIDATES = 1
    assert found(resolve_commune("69100").candidates) == [(VILLEURBANNE, POSTAL_CODE)]
