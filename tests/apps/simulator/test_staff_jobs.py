"""Issue 19: a large staff file on the employer page is streamed to the storage and simulated by a job (from
`uploads.staff_file_job_min_rows` rows); smaller files stay within the request."""

import csv
import html
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from teletravail.apps.jobs.models import Job, JobStatus
from teletravail.apps.simulator.services import STAFF_JOB
from teletravail.apps.simulator.views import STORED_STAFF_FILE
from teletravail.parameters import load_parameters
from tests.document_jobs import downloaded
from tests.factories import MembershipFactory


pytestmark = pytest.mark.django_db

FORM = {"mode": "voiture_thermique", "telework_days": "2", "office_days": "3", "desks": "900", "allowance": "2"}
MODES = ("voiture_thermique", "bus", "velo", "train", "covoiturage")
HEADER = "distance_km;mode;jours_teletravail;jours_bureau;profession\n"


@pytest.fixture
def stored_files(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "fichiers")
    return tmp_path / "fichiers"


def job_min_rows():
    return int(load_parameters("uploads")["staff_file_job_min_rows"].at().central)


def staff_file(rows, *, bad_line=None, title="46A1"):
    """A generated staff file of `rows` employees (varied distances, modes and days); `bad_line` (a line of the file,
    the header being line 1) gets a transport mode that does not exist."""
    lines = [HEADER]
    for index in range(rows):
        line = index + 2
        mode = "fusee" if line == bad_line else MODES[index % len(MODES)]
        profession = title if index % 7 == 0 else ("43A3", "37C1", "54A3")[index % 3]
        lines.append(f"{3 + index % 41};{mode};{1 + index % 3};{4 - index % 3};{profession}\n")
    return "".join(lines).encode()


def page_text(response):
    return html.unescape(response.content.decode())


def url(organisation):
    return reverse("simulator:organisation", kwargs={"organisation_id": organisation.pk})


def run_url(organisation, job):
    return reverse("simulator:organisation_run", kwargs={"organisation_id": organisation.pk, "run_id": job.pk})


def send(client, organisation, content, **extra):
    return client.post(
        url(organisation), {**FORM, **extra, "staff_file": SimpleUploadedFile("personnel.csv", content)}
    )


def test_a_large_staff_file_is_simulated_by_a_job_with_the_totals_of_the_request(
    client, organisation_with_staff, stored_files, run_jobs, monkeypatch
):
    organisation, admin = organisation_with_staff
    client.force_login(admin.user)
    content = staff_file(job_min_rows())

    response = send(client, organisation, content)
    job = Job.objects.get(kind=STAFF_JOB)
    assert response.status_code == 302 and response["Location"] == run_url(organisation, job)
    # The file is in the storage, not in the session.
    assert (stored_files / job.payload["file"]).read_bytes() == content
    assert STORED_STAFF_FILE not in client.session
    queued = page_text(client.get(run_url(organisation, job)))
    assert "En attente d'un serveur de calcul" in queued and "Annuler le calcul" in queued
    assert client.get(run_url(organisation, job), HTTP_ACCEPT="application/json").json()["status"] == "queued"

    run_jobs()
    page = client.get(run_url(organisation, job))
    assert Job.objects.get(pk=job.pk).status == JobStatus.SUCCEEDED
    by_job = page.context["result"].totals
    assert f"Calcul pour {job_min_rows()} salariés du fichier." in page_text(page).replace("\u202f", " ")

    # The same file within the request (as a smaller one would be): the same engine, the same totals.
    monkeypatch.setattr("teletravail.apps.simulator.views.staff_file_job_rows", lambda upload: None)
    in_request = send(client, organisation, content).context["result"].totals
    assert in_request and set(by_job) == set(in_request)
    for name, value in in_request.items():
        assert by_job[name] == pytest.approx(value), name

    rows = list(
        csv.reader(
            io.StringIO(client.get(run_url(organisation, job) + "?format=csv").content.decode("utf-8-sig")),
            delimiter=";",
        )
    )
    effects = {row[0]: row for row in rows[1 : rows.index([])]}
    assert float(effects["employees"][2]) == job_min_rows()
    report = client.get(
        reverse("simulator:organisation_run_report", kwargs={"organisation_id": organisation.pk, "run_id": job.pk})
    )
    assert downloaded(client, report, run_jobs)["Content-Type"] == "application/pdf"


def test_a_file_below_the_threshold_stays_within_the_request(client, organisation_with_staff, stored_files):
    organisation, admin = organisation_with_staff
    client.force_login(admin.user)
    response = send(client, organisation, staff_file(job_min_rows() - 1))
    assert response.status_code == 200 and response.context["result"] is not None
    assert not Job.objects.filter(kind=STAFF_JOB).exists() and STORED_STAFF_FILE in client.session


def test_job_titles_are_confirmed_on_a_run_and_calculated_again_on_its_kept_file(
    client, organisation_with_staff, stored_files, run_jobs
):
    organisation, admin = organisation_with_staff
    client.force_login(admin.user)
    send(client, organisation, staff_file(job_min_rows(), title="comptable"))
    first = Job.objects.get(kind=STAFF_JOB)
    run_jobs()
    page = client.get(run_url(organisation, first))
    uncertain = page.context["unconfirmed"]
    assert uncertain == len(range(0, job_min_rows(), 7))
    assert "Intitulés de poste à confirmer" in page_text(page) and 'name="kept_staff_run"' in page_text(page)

    confirmed = client.post(
        url(organisation),
        {**FORM, "kept_staff_run": str(first.pk), "confirm_titles": "1", "title-1": "comptable", "pcs-1": "54A3"},
    )
    second = Job.objects.filter(kind=STAFF_JOB).exclude(pk=first.pk).get()
    assert confirmed["Location"] == run_url(organisation, second)
    assert second.payload["confirmed"] == {"comptable": "54A3"}
    run_jobs()
    result = client.get(run_url(organisation, second)).context["result"]
    assert result.totals.get("employees_with_unconfirmed_profession", 0) == 0
    assert result.totals["employees_with_known_profession"] == job_min_rows()

    # Deleting a run's job removes its files; the other run keeps its own copy.
    first.delete()
    assert not (stored_files / first.payload["file"]).exists()
    assert (stored_files / second.payload["file"]).exists()


def test_a_cancelled_run_never_shows_its_result(client, organisation_with_staff, stored_files, run_jobs):
    organisation, admin = organisation_with_staff
    client.force_login(admin.user)
    send(client, organisation, staff_file(job_min_rows()))
    job = Job.objects.get(kind=STAFF_JOB)
    cancel = reverse(
        "simulator:organisation_run_cancel", kwargs={"organisation_id": organisation.pk, "run_id": job.pk}
    )
    assert client.post(cancel)["Location"] == run_url(organisation, job)
    run_jobs()
    page = client.get(run_url(organisation, job))
    assert "result" not in page.context and "Calcul annulé" in page_text(page)
    assert Job.objects.get(pk=job.pk).status == JobStatus.CANCELLED
    assert not page_text(client.get(run_url(organisation, job) + "?format=csv")).startswith("effect")
    report = reverse(
        "simulator:organisation_run_report", kwargs={"organisation_id": organisation.pk, "run_id": job.pk}
    )
    assert client.get(report).status_code == 404


def test_a_refused_large_file_fails_its_job_saying_why_by_line(
    client, organisation_with_staff, stored_files, run_jobs
):
    organisation, admin = organisation_with_staff
    client.force_login(admin.user)
    send(client, organisation, staff_file(job_min_rows(), bad_line=137))
    job = Job.objects.get(kind=STAFF_JOB)
    run_jobs()
    page = client.get(run_url(organisation, job))
    text = page_text(page)
    assert Job.objects.get(pk=job.pk).status == JobStatus.FAILED
    assert "Le calcul a échoué." in text and "ligne 137" in text.lower() and "fusee" in text
    assert "result" not in page.context


def test_another_organisation_s_member_and_a_colleague_cannot_see_a_run(
    client, organisation_with_staff, stored_files, run_jobs
):
    organisation, admin = organisation_with_staff
    client.force_login(admin.user)
    send(client, organisation, staff_file(job_min_rows()))
    job = Job.objects.get(kind=STAFF_JOB)
    run_jobs()
    outsider = MembershipFactory(role="employer_admin")
    colleague = MembershipFactory(organisation=organisation, role="employer_admin")
    for membership, organisation_id in (
        (outsider, organisation.pk),
        (outsider, outsider.organisation.pk),
        (colleague, organisation.pk),
    ):
        client.force_login(membership.user)
        kwargs = {"organisation_id": organisation_id, "run_id": job.pk}
        assert client.get(reverse("simulator:organisation_run", kwargs=kwargs)).status_code == 404
        assert client.get(reverse("simulator:organisation_run", kwargs=kwargs) + "?format=csv").status_code == 404
        assert client.get(reverse("simulator:organisation_run_report", kwargs=kwargs)).status_code == 404
        assert client.post(reverse("simulator:organisation_run_cancel", kwargs=kwargs)).status_code == 404
        # Nor calculate again on its file.
        again = client.post(
            reverse("simulator:organisation", kwargs={"organisation_id": organisation_id}),
            {**FORM, "kept_staff_run": str(job.pk)},
        )
        assert again.status_code == 404
    assert Job.objects.get(pk=job.pk).status == JobStatus.SUCCEEDED
