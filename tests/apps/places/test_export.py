"""The open-data export: a CSV, its Table Schema and datapackage.json that frictionless validates with no error."""

import csv
import io
import json
import zipfile

import pytest
from django.urls import reverse
from frictionless import Package, validate
from typer.testing import CliRunner

from teletravail.apps.places.models import Place, PlaceStatus
from teletravail.apps.places.services import import_places
from teletravail.cli import app
from teletravail.places.readers import read_schema_csv
from tests.apps.places.conftest import CORDEE, VILLAGE, schema_csv


@pytest.fixture
def places(lyon):
    tricky = {
        **VILLAGE,
        "id": "L3",
        "nom": 'Le "Hangar", atelier; partagé',
        "presentation": "Deux lignes\\nde <b>présentation</b>",
        "code_insee": "69266",
        "latitude": "45.7708",
        "longitude": "4.8890",
        "labels": "fabrique_de_territoire",
        "licence": "ODbL 1.0",
    }
    import_places(read_schema_csv(schema_csv(CORDEE, VILLAGE, tricky)))
    Place.objects.filter(name="Le Village by CA").update(status=PlaceStatus.PENDING)


def test_the_exported_package_is_valid_with_frictionless_and_keeps_each_records_licence(places, tmp_path):
    result = CliRunner().invoke(app, ["places", "export", str(tmp_path / "export")])
    assert result.exit_code == 0, result.output
    report = validate(str(tmp_path / "export" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.stats["errors"] == 0

    package = Package(str(tmp_path / "export" / "datapackage.json"))
    assert package.licenses[0]["name"] == "etalab-2.0"
    rows = package.get_resource("lieux-teletravail").read_rows()
    by_name = {row["nom"]: row for row in rows}
    # Only published places; each keeps its own licence.
    assert sorted(by_name) == ["La Cordée Liberté", 'Le "Hangar", atelier; partagé']
    assert by_name['Le "Hangar", atelier; partagé']["licence"] == "ODbL 1.0"
    cordee = by_name["La Cordée Liberté"]
    assert (cordee["licence"], cordee["source"], cordee["code_insee"], cordee["code_postal"]) == (
        "Licence Ouverte 2.0",
        "csv",
        "69383",
        "69003",
    )
    assert cordee["services"] == "wifi;printing"
    assert (float(cordee["prix_journee_ht"]), float(cordee["taux_tva"])) == (20, 20)


def test_the_exported_csv_is_imported_again_as_the_same_places(places, tmp_path):
    CliRunner().invoke(app, ["places", "export", str(tmp_path)])
    rows = list(read_schema_csv((tmp_path / "lieux-teletravail.csv").read_bytes(), source="reimport"))
    assert [row.problems for row in rows] == [(), ()]
    assert {row.record.name for row in rows} == {"La Cordée Liberté", 'Le "Hangar", atelier; partagé'}


def test_the_directory_offers_the_package_as_a_zip(client, places):
    response = client.get(reverse("places:open_data"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == ["datapackage.json", "lieux-teletravail.csv", "schema-lieux-teletravail.json"]
    package = json.loads(archive.read("datapackage.json"))
    assert package["resources"][0]["path"] == "lieux-teletravail.csv"
    lines = list(csv.DictReader(io.StringIO(archive.read("lieux-teletravail.csv").decode())))
    assert len(lines) == 2
