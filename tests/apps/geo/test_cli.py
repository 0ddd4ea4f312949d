import pytest
from typer.testing import CliRunner

from teletravail.apps.geo.models import Commune
from teletravail.cli import app
from tests.apps.geo.conftest import VALID, edit_csv, line_of


pytestmark = pytest.mark.django_db
runner = CliRunner()


def test_geo_load_prints_counts_and_time():
    result = runner.invoke(app, ["geo", "load", "--data-dir", str(VALID)])

    assert result.exit_code == 0, result.output
    assert "Communes : 13 lignes dans les fichiers ; créées : 13, mises à jour : 0, inchangées : 0" in result.stdout
    assert "Régions : 4 lignes dans les fichiers" in result.stdout
    assert "Import terminé en" in result.stdout
    assert Commune.objects.count() == 13


def test_geo_load_twice_changes_nothing():
    runner.invoke(app, ["geo", "load", "--data-dir", str(VALID)])
    result = runner.invoke(app, ["geo", "load", "--data-dir", str(VALID)])

    assert result.exit_code == 0
    assert "Communes : 13 lignes dans les fichiers ; créées : 0, mises à jour : 0, inchangées : 13" in result.stdout


def test_geo_load_bad_data_exits_with_code_2_and_french_errors(data_dir):
    line = line_of(data_dir / "communes_france.csv", "42095,")
    edit_csv(data_dir / "communes_france.csv", lambda n, text: text.replace(",17060,", ",abc,") if n == line else text)

    result = runner.invoke(app, ["geo", "load", "--data-dir", str(data_dir)])

    assert result.exit_code == 2
    assert "Import annulé, aucune donnée écrite :" in result.stderr
    assert f"- communes_france.csv, ligne {line}, colonne population : « abc » n'est pas un nombre entier" in (
        result.stderr
    )
    assert Commune.objects.count() == 0


def test_geo_search(geography):
    result = runner.invoke(app, ["geo", "search", "st etienne"])

    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "42218  Saint-Étienne (42)  [42000 42100 42230]  173\xa0136 hab."
    assert lines[1].startswith("42219  Saint-Étienne-le-Molard (42)")


def test_geo_search_without_result(geography):
    result = runner.invoke(app, ["geo", "search", "xyzzy"])

    assert result.exit_code == 1
    assert result.stdout.strip() == "Aucune commune trouvée."


def test_geo_distance(geography):
    result = runner.invoke(app, ["geo", "distance", "75056", "69123"])

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Paris (75) → Lyon (69)"
    assert lines[1] == "À vol d'oiseau : 392,7 km"
    assert lines[2] == (
        "Par la route (estimation) : 510,5 km, entre 471,3 et 549,8 km (facteur de détour 1,3, de 1,2 à 1,4)"
    )
    assert lines[3].startswith("Source du facteur de détour : Ballou, Rahardja and Sakai")
    assert lines[3].endswith("Valeur à vérifier dans la publication d'origine.")


def test_geo_distance_unknown_code(geography):
    result = runner.invoke(app, ["geo", "distance", "75056", "99999"])

    assert result.exit_code == 2
    assert result.stderr.strip() == "Commune inconnue : 99999."


def test_geo_search_before_the_geography_is_loaded_says_what_to_run():
    result = runner.invoke(app, ["geo", "search", "69003"])

    assert result.exit_code == 3
    assert result.stderr.strip() == "La géographie de référence n'est pas chargée : lancez « teletravail geo load »."
