import pytest
from typer.testing import CliRunner

from teletravail.apps.geo.services import import_reference_geography
from teletravail.apps.places.models import Place, PlaceSource
from teletravail.cli import app
from tests.apps.places.conftest import CORDEE, VILLAGE, overpass, schema_csv


runner = CliRunner()


def test_a_csv_import_prints_its_report_with_the_reasons(lyon, tmp_path):
    path = tmp_path / "lieux.csv"
    path.write_bytes(schema_csv(CORDEE, {**VILLAGE, "horaires": "9h-18h"}))
    result = runner.invoke(app, ["places", "import", str(path), "--format", "csv"])
    assert result.exit_code == 0, result.output
    for line in ("Lignes lues : 2", "Lieux créés : 1", "Lignes refusées : 1"):
        assert line in result.stdout
    assert "- ligne 3 : Horaires illisibles « 9h-18h »" in result.stdout
    assert "Import terminé en" in result.stdout


def test_a_file_that_cannot_be_read_writes_nothing(lyon, tmp_path):
    path = tmp_path / "lieux.json"
    path.write_text("{pas du json", encoding="utf-8")
    result = runner.invoke(app, ["places", "import", str(path), "--format", "osm"])
    assert result.exit_code == 2
    assert "Import annulé, aucune donnée écrite : Le fichier n'est pas un JSON valide" in result.stderr
    assert not Place.objects.exists()


def test_an_osm_import(lyon, tmp_path):
    path = tmp_path / "overpass.json"
    node = {"type": "node", "id": 5, "lat": 45.7578, "lon": 4.843, "tags": {"amenity": "coworking_space", "name": "A"}}
    path.write_bytes(overpass(node))
    result = runner.invoke(app, ["places", "import", str(path), "--format", "osm"])
    assert result.exit_code == 0, result.output
    assert PlaceSource.objects.get().source_id == "node/5"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ([], "Indiquez soit un fichier (avec --format), soit --source cget2019."),
        (["lieux.csv"], "Indiquez le format du fichier : --format csv ou --format osm."),
        (["lieux.csv", "--format", "csv", "--source", "cget2019"], "Indiquez soit un fichier"),
    ],
)
def test_the_command_line_says_what_it_needs(lyon, arguments, message):
    result = runner.invoke(app, ["places", "import", *arguments])
    assert result.exit_code == 2
    assert message in result.stderr


def test_without_the_reference_geography_the_import_says_what_to_run(db):
    result = runner.invoke(app, ["places", "import", "--source", "cget2019"])
    assert result.exit_code == 2
    assert "lancez « teletravail geo load »" in result.stderr


@pytest.mark.django_db
def test_the_bundled_cget_list_is_imported_whole_then_again_without_change():
    """The real file on the real reference geography: the figures of the directory's seed data."""
    import_reference_geography()
    result = runner.invoke(app, ["places", "import", "--source", "cget2019"])
    assert result.exit_code == 0, result.output
    assert "Lignes lues : 1512" in result.stdout
    assert "Lieux créés : 1512" in result.stdout
    assert "Lignes refusées : 0" in result.stdout
    assert Place.objects.count() == 1512
    assert Place.objects.filter(kind="coworking").count() == 1118
    # SOURCES.md: 625 distinct communes, 6 places in the DROM.
    assert Place.objects.values("commune").distinct().count() == 625
    assert Place.objects.filter(commune__departement__region__zone="drom").count() == 6

    again = runner.invoke(app, ["places", "import", "--source", "cget2019"])
    assert "Lieux inchangés : 1512" in again.stdout
    assert Place.objects.count() == 1512
