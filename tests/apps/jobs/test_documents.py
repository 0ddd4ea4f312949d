"""Documents rendered by a job: a report page answers at once with the job's progress; the worker renders the file
into the storage; only the person who asked downloads it; a cancelled job never offers one."""

import dataclasses
import html
import io

import pypdf
import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse

from teletravail.apps.jobs import documents, registry
from teletravail.apps.jobs.models import Job, JobStatus
from tests.apps.simulator.test_reports import EMPLOYER, organisation_with_staff, report_url  # noqa: F401
from tests.document_jobs import document_job_id, downloaded
from tests.factories import MembershipFactory


pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_storage(settings, tmp_path):
    """Each test's files in a folder of its own: a file left by another test cannot pass for this one's."""
    settings.MEDIA_ROOT = tmp_path


PERSON = {
    "mode": "voiture_thermique",
    "telework_days": "2",
    "office_days": "3",
    "method": "default",
    "distance_km": "20",
}


def job_urls(job_id):
    return {
        name: reverse(f"jobs:{name}", kwargs={"job_id": job_id})
        for name in ("document", "document_status", "document_file", "document_cancel")
    }


def test_the_person_report_page_answers_with_the_job_then_offers_the_file_it_stored(client, run_jobs):
    response = client.get(reverse("simulator:person_report"), PERSON)
    job_id = document_job_id(response)
    urls = job_urls(job_id)
    page = html.unescape(client.get(urls["document"]).content.decode())
    assert "En attente d'un serveur de calcul" in page
    assert f'href="{urls["document"]}">Actualiser' in page  # the refresh link, without JavaScript
    assert "job-progress.js" in page  # the progress shown in place, with JavaScript
    assert client.get(urls["document_status"]).json()["status"] == "queued"
    assert client.get(urls["document_file"]).status_code == 404  # not ready yet
    assert not Job.objects.get(pk=job_id).result

    run_jobs()
    state = client.get(urls["document_status"]).json()
    assert state["status"] == "succeeded" and state["url"] == urls["document"]
    page = client.get(urls["document"]).content.decode()
    assert "Le document est prêt." in page and f'href="{urls["document_file"]}"' in page
    file = client.get(urls["document_file"])
    content = b"".join(file.streaming_content)
    assert file["Content-Type"] == "application/pdf"
    assert file["Content-Disposition"] == 'attachment; filename="rapport-simulation-teletravail.pdf"'
    reader = pypdf.PdfReader(io.BytesIO(content))
    assert "vous évitez" in " ".join(page.extract_text() for page in reader.pages)
    stored = Job.objects.get(pk=job_id).result["file"]
    assert default_storage.exists(stored)


def test_the_same_report_asked_twice_while_it_renders_is_one_job(client):
    first = document_job_id(client.get(reverse("simulator:person_report"), PERSON))
    second = document_job_id(client.get(reverse("simulator:person_report"), PERSON))
    other = document_job_id(client.get(reverse("simulator:person_report"), {**PERSON, "distance_km": "30"}))
    assert first == second != other
    assert Job.objects.filter(kind=documents.DOCUMENT_JOB).count() == 2


def test_a_visitor_s_document_is_not_found_from_another_session(client, run_jobs):
    job_id = document_job_id(client.get(reverse("simulator:person_report"), PERSON))
    run_jobs()
    stranger = Client()
    for name in ("document", "document_status", "document_file"):
        assert stranger.get(job_urls(job_id)[name]).status_code == 404
    assert stranger.post(job_urls(job_id)["document_cancel"]).status_code == 404
    assert client.get(job_urls(job_id)["document_file"]).status_code == 200


def test_another_organisation_s_member_and_a_colleague_get_no_access_to_a_member_s_report(
    client,
    run_jobs,
    organisation_with_staff,  # noqa: F811
):
    organisation, admin = organisation_with_staff
    client.force_login(admin.user)
    job_id = document_job_id(client.get(report_url(organisation), EMPLOYER))
    run_jobs()
    assert client.get(job_urls(job_id)["document_file"]).status_code == 200
    for other in (MembershipFactory(role="employer_admin"), MembershipFactory(organisation=organisation)):
        intruder = Client()
        intruder.force_login(other.user)
        for name in ("document", "document_status", "document_file"):
            assert intruder.get(job_urls(job_id)[name]).status_code == 404
        assert intruder.post(job_urls(job_id)["document_cancel"]).status_code == 404


@pytest.mark.parametrize("change", ["removed", "demoted"])
def test_an_employer_report_is_no_longer_offered_to_an_admin_who_left_the_organisation_or_lost_the_role(
    client,
    run_jobs,
    organisation_with_staff,  # noqa: F811
    change,
):
    """The report holds the staff's figures: its download checks again the access the employer page requires."""
    organisation, admin = organisation_with_staff
    client.force_login(admin.user)
    job_id = document_job_id(client.get(report_url(organisation), EMPLOYER))
    run_jobs()
    assert client.get(job_urls(job_id)["document_file"]).status_code == 200
    if change == "removed":
        admin.delete()
    else:
        admin.role = "employee"
        admin.save()
    page = client.get(job_urls(job_id)["document"])
    assert page.status_code == 404 and "Télécharger le document" not in page.content.decode()
    for name in ("document_status", "document_file"):
        assert client.get(job_urls(job_id)[name]).status_code == 404
    assert Job.objects.get(pk=job_id).status == JobStatus.SUCCEEDED  # the job is kept, only no longer offered


def test_a_visitor_s_public_document_needs_no_organisation_access(client, run_jobs):
    job_id = document_job_id(client.get(reverse("simulator:person_report"), PERSON))
    assert "access" not in Job.objects.get(pk=job_id).payload
    run_jobs()
    assert client.get(job_urls(job_id)["document_file"]).status_code == 200


def test_a_document_cancelled_before_it_renders_is_never_offered(client, run_jobs):
    job_id = document_job_id(client.get(reverse("simulator:person_report"), PERSON))
    page = html.unescape(client.post(job_urls(job_id)["document_cancel"], follow=True).content.decode())
    assert "Préparation annulée : aucun document n'a été enregistré." in page
    run_jobs()
    job = Job.objects.get(pk=job_id)
    assert job.status == JobStatus.CANCELLED and job.result == {}
    assert client.get(job_urls(job_id)["document_file"]).status_code == 404
    assert "Télécharger le document" not in client.get(job_urls(job_id)["document"]).content.decode()


def test_a_document_cancelled_while_it_renders_stores_no_file(client, run_jobs, monkeypatch):
    job_id = document_job_id(client.get(reverse("simulator:person_report"), PERSON))
    render = documents.render_document

    def cancelled_meanwhile(payload):
        content = render(payload)
        client.post(job_urls(job_id)["document_cancel"])
        return content

    kind = registry.kind_of(documents.DOCUMENT_JOB)
    monkeypatch.setitem(registry.KINDS, documents.DOCUMENT_JOB, dataclasses.replace(kind, compute=cancelled_meanwhile))
    run_jobs()
    job = Job.objects.get(pk=job_id)
    assert job.status == JobStatus.CANCELLED and job.result == {}
    assert not default_storage.exists(f"documents/{job_id}/rapport-simulation-teletravail.pdf")
    assert client.get(job_urls(job_id)["document_file"]).status_code == 404


def test_a_finished_document_job_removed_takes_its_file_with_it(client, run_jobs):
    response = downloaded(client, client.get(reverse("simulator:person_report"), PERSON), run_jobs)
    assert response.content.startswith(b"%PDF")
    job = Job.objects.get(kind=documents.DOCUMENT_JOB)
    assert default_storage.exists(job.result["file"])
    Job.objects.filter(pk=job.pk).delete()  # as retention deletes finished jobs
    assert not default_storage.exists(job.result["file"])
