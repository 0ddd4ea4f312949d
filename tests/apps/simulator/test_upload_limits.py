"""A file beyond the upload limits gets a French form error (or a 400 from the API), never a server error."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from teletravail.apps.organisations.models import Site
from tests.factories import MembershipFactory, OrganisationFactory, make_commune
from tests.impact.flows.test_reader_limits import standard_parquet
from tests.uploads.bombs import STAFF_HEADER, measured, staff_rows, workbook_with_rows


pytestmark = pytest.mark.django_db

EMPLOYER_FORM = {
    "mode": "voiture_thermique",
    "telework_days": "2",
    "office_days": "3",
    "desks": "10",
    "allowance": "0",
}
TERRITORY_FORM = {"telework_days": "2", "adoption": "0.5"}


def test_the_bomb_of_a_staff_file_is_a_form_error(client):
    organisation = OrganisationFactory()
    Site.objects.create(organisation=organisation, name="Siège", commune=make_commune("69383"), desks=10)
    admin = MembershipFactory(organisation=organisation, role="employer_admin")
    client.force_login(admin.user)
    page = reverse("simulator:organisation", kwargs={"organisation_id": organisation.pk})
    assert client.get(page).status_code == 200  # the site's modules are loaded before the clock starts
    staff = SimpleUploadedFile(
        "personnel.xlsx", workbook_with_rows(STAFF_HEADER + staff_rows(500_000, numbered=False))
    )
    with measured() as cost:
        response = client.post(page, {**EMPLOYER_FORM, "staff_file": staff})
    assert response.status_code == 200
    content = response.content.decode()
    assert 'role="alert"' in content
    assert "le fichier se décompresse en plus de 100 fois sa taille, la limite de la plateforme" in content
    assert "result" not in response.context
    assert cost.seconds < 30  # the first request loads the engine's modules; reading the file took over 2 minutes


def test_a_parquet_file_of_millions_of_rows_is_a_form_error_of_a_report_posted_with_its_file(client, tmp_path):
    bomb = standard_parquet(tmp_path / "flux.parquet", 2_000_001).read_bytes()
    response = client.post(
        reverse("simulator:territory_report"),
        {**TERRITORY_FORM, "flows_file": SimpleUploadedFile("flux.parquet", bomb)},
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert 'role="alert"' in content and "le fichier dépasse 2\u202f000\u202f000 lignes" in content


def test_a_parquet_file_beyond_the_rows_of_a_job_fails_its_job(client, run_jobs, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "fichiers")
    bomb = standard_parquet(tmp_path / "flux.parquet", 10_000_001).read_bytes()
    response = client.post(
        reverse("simulator:territory"),
        {**TERRITORY_FORM, "adoption": "50", "flows_file": SimpleUploadedFile("flux.parquet", bomb)},
    )
    assert response.status_code == 302
    run_jobs()
    content = client.get(reverse("simulator:territory")).content.decode()
    assert 'role="alert"' in content and "le fichier dépasse 10\u202f000\u202f000 lignes" in content


def test_a_parquet_file_of_millions_of_rows_is_an_api_400(client, tmp_path):
    bomb = standard_parquet(tmp_path / "flux.parquet", 2_000_001).read_bytes()
    api = client.post(
        "/api/v1/simulations/territory", {**TERRITORY_FORM, "flows": SimpleUploadedFile("flux.parquet", bomb)}
    )
    assert api.status_code == 400
    assert "le fichier dépasse 2\u202f000\u202f000 lignes" in api.json()["detail"]
