"""Moderators import files of places from the web with the CLI's importer and read its report; a file too large is
refused in French before it is read, and a broken file writes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from teletravail.apps.places.models import Place
from tests.apps.places.conftest import CORDEE, VILLAGE, overpass, schema_csv


pytestmark = pytest.mark.django_db
URL = reverse("places:import")
MEGABYTE = 1024 * 1024


def upload(client, user, content, file_format="csv", name="lieux.csv"):
    client.force_login(user)
    return client.post(URL, {"file": SimpleUploadedFile(name, content), "file_format": file_format})


def test_a_moderator_imports_a_csv_and_reads_the_report_and_again_nothing_is_duplicated(client, moderator):
    broken_row = {**VILLAGE, "id": "L9", "code_insee": "99999"}
    response = upload(client, moderator, schema_csv(CORDEE, VILLAGE, broken_row))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Lieux créés : 2" in page
    assert "Lignes refusées : 1" in page
    assert "Commune inconnue" in page
    assert sorted(Place.objects.values_list("name", flat=True)) == ["La Cordée Liberté", "Le Village by CA"]
    again = upload(client, moderator, schema_csv(CORDEE, VILLAGE)).content.decode()
    assert "Lieux inchangés : 2" in again
    assert Place.objects.count() == 2


def test_an_overpass_extract_is_imported_too(client, moderator):
    element = {
        "type": "node",
        "id": 42,
        "lat": 45.7600,
        "lon": 4.8400,
        "tags": {"amenity": "coworking_space", "name": "Coworking OSM"},
    }
    page = upload(client, moderator, overpass(element), "osm", "export.json").content.decode()
    assert "Lieux créés : 1" in page
    assert Place.objects.get().name == "Coworking OSM"


def test_a_file_that_cannot_be_read_writes_nothing(client, moderator):
    page = upload(client, moderator, b"pas,un,fichier\\n1,2,3\\n").content.decode()
    assert "Import annulé, aucune donnée écrite" in page
    assert not Place.objects.exists()


def test_a_50_mb_upload_is_refused_in_french_before_it_is_read(client, moderator):
    client.force_login(moderator)
    response = client.post(
        URL, data=b"x", content_type="multipart/form-data; boundary=B", CONTENT_LENGTH=str(50 * MEGABYTE)
    )
    assert response.status_code == 413
    assert "Le fichier dépasse 2 Mo" in response.content.decode()
    assert not Place.objects.exists()


def test_a_file_over_the_bound_is_refused_by_the_form_too(client, moderator, settings):
    settings.UPLOAD_MAX_MEGABYTES = {**settings.UPLOAD_MAX_MEGABYTES, "places_file": 0.0001}
    response = upload(client, moderator, schema_csv(CORDEE, VILLAGE))
    assert "Le fichier dépasse 0,0001 Mo" in response.content.decode()
    assert not Place.objects.exists()


def test_only_moderators_import(client, operator):
    assert upload(client, operator, schema_csv(CORDEE)).status_code == 403
    assert not Place.objects.exists()
    client.logout()
    assert client.get(URL).status_code == 302  # to the sign-in page
