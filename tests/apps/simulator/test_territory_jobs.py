"""Issue 19: the territory page's simulations run as jobs, on a flows file streamed to the storage (no 50 MB limit)
or on the synthetic national table."""

import html
from pathlib import Path

import polars as pl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.test import Client
from django.urls import reverse

import teletravail
from teletravail.apps.jobs.models import Job, JobStatus
from teletravail.apps.simulator import services
from teletravail.apps.simulator.services import NATIONAL_FOLDER, TERRITORY_JOB
from teletravail.impact.flows.simulation import simulate_flows_file
from teletravail.impact.flows.synthetic import DEFAULT_SEED, synthetic_table_name
from teletravail.impact.territory import TerritoryScenario
from teletravail.uploads import MEGABYTE, UNBOUNDED
from tests.document_jobs import downloaded


pytestmark = pytest.mark.django_db

FD_MOBPRO = Path(teletravail.__file__).parent / "data" / "mobpro" / "fd_mobpro_2021_extrait_01001-01004.csv"
SCENARIO = {"telework_days": "2", "adoption": "50", "area": "dep:01"}


@pytest.fixture
def stored_files(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "fichiers")
    return tmp_path / "fichiers"


def page_text(response):
    return html.unescape(response.content.decode())


def calculate(client, run_jobs, data, **headers):
    response = client.post(reverse("simulator:territory"), data, **headers)
    assert response.status_code == 302, response.content.decode()
    run_jobs()
    return client.get(reverse("simulator:territory"), **headers)


def repeated_extract(path, megabytes):
    """The FD_MOBPRO extract's rows written again and again until the file passes `megabytes`: `times` copies."""
    header, *rows = FD_MOBPRO.read_text(encoding="utf-8").splitlines()
    block = ("\n".join(rows) + "\n").encode()
    times = int(megabytes * MEGABYTE // len(block)) + 1
    with path.open("wb") as out:
        out.write(header.encode() + b"\n")
        for _ in range(times):
            out.write(block)
    return times


@pytest.mark.slow
def test_a_flows_file_over_50_mb_is_streamed_to_the_storage_and_simulated_by_a_job(
    client, run_jobs, stored_files, tmp_path, monkeypatch
):
    big = tmp_path / "flux-60mo.csv"
    times = repeated_extract(big, 60)
    assert big.stat().st_size > 50 * MEGABYTE
    received = []
    submit = services.submit_territory_simulation
    monkeypatch.setattr(
        "teletravail.apps.simulator.views.submit_territory_simulation",
        lambda session, upload, **kwargs: received.append(upload) or submit(session, upload, **kwargs),
    )
    with big.open("rb") as handle:
        response = client.post(reverse("simulator:territory"), {**SCENARIO, "flows_file": handle})
    assert response.status_code == 302
    # Django's upload handler wrote it to a temporary file, not to memory; the job reads it from the storage.
    assert isinstance(received[0], TemporaryUploadedFile)
    job = Job.objects.get(kind=TERRITORY_JOB)
    assert job.status == JobStatus.QUEUED
    assert (stored_files / job.payload["flows"]).stat().st_size == big.stat().st_size
    queued = page_text(client.get(reverse("simulator:territory")))
    assert "En attente d'un serveur de calcul" in queued and "Annuler le calcul" in queued

    run_jobs()
    page = client.get(reverse("simulator:territory"))
    extract = simulate_flows_file(FD_MOBPRO, TerritoryScenario(2.0, 0.5), area="dep:01")
    totals = page.context["result"].totals
    # The file is the extract `times` over: every flow, and so every total, `times` as large.
    assert totals["workers"] == pytest.approx(times * extract.totals["workers"])
    assert totals["km_avoided_per_year"] == pytest.approx(times * extract.totals["km_avoided_per_year"])
    assert "Le calcul est terminé." in page_text(page)
    csv = client.get(reverse("simulator:territory") + "?format=csv")
    assert csv.status_code == 200 and len(csv.content.decode("utf-8-sig").splitlines()) - 1 == (
        extract.by_commune.height
    )


def test_a_file_over_the_page_limit_is_refused_before_any_job_with_the_limit(client, settings, stored_files):
    settings.UPLOAD_MAX_MEGABYTES = {**settings.UPLOAD_MAX_MEGABYTES, "flows_file_job": 1}
    content = b"COMMUNE;DCLT;TRANS;IPONDI\n" + b"01001;01004;5;1.0\n" * (MEGABYTE // 18 + 10)
    response = client.post(
        reverse("simulator:territory"), {**SCENARIO, "flows_file": SimpleUploadedFile("flux.csv", content)}
    )
    assert response.status_code == 200
    assert "Le fichier dépasse 1 Mo" in page_text(response)
    assert not Job.objects.exists() and not stored_files.exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"depart;arrivee\n01001;01004\n", "format non reconnu : colonnes trouvées depart, arrivee"),
        (bytes(range(256)) * 40, "Le fichier n'est pas un texte lisible (encodages acceptés : UTF-8 et Windows-1252)"),
        (
            FD_MOBPRO.read_text(encoding="utf-8").encode("utf-16"),
            "Le fichier n'est pas un texte lisible (encodages acceptés : UTF-8 et Windows-1252)",
        ),
    ],
    ids=["wrong-columns", "not-text", "utf-16"],
)
def test_a_file_the_reader_refuses_fails_its_job_with_the_reason_in_french(
    client, run_jobs, stored_files, content, expected
):
    page = calculate(client, run_jobs, {**SCENARIO, "flows_file": SimpleUploadedFile("flux.csv", content)})
    text = page_text(page)
    assert "Le calcul a échoué." in text and expected in text and "flux.csv" in text
    assert "result" not in page.context
    assert Job.objects.get(kind=TERRITORY_JOB).status == JobStatus.FAILED
    assert client.get(reverse("simulator:territory") + "?format=csv").status_code == 400


def test_a_failed_job_says_why_in_the_language_of_the_person_who_asked(client, run_jobs, stored_files):
    upload = SimpleUploadedFile("flux.csv", b"depart;arrivee\n01001;01004\n")
    text = page_text(calculate(client, run_jobs, {**SCENARIO, "flows_file": upload}, HTTP_ACCEPT_LANGUAGE="en"))
    assert "The calculation failed." in text and "Rien n'a été importé" not in text


def test_a_cancelled_run_never_shows_its_result(client, run_jobs, stored_files):
    client.post(
        reverse("simulator:territory"),
        {**SCENARIO, "flows_file": SimpleUploadedFile("flux.csv", FD_MOBPRO.read_bytes())},
    )
    client.post(reverse("simulator:territory_cancel"))
    run_jobs()
    page = client.get(reverse("simulator:territory"))
    assert "result" not in page.context and "Calcul annulé" in page_text(page)
    assert Job.objects.get(kind=TERRITORY_JOB).status == JobStatus.CANCELLED
    assert client.get(reverse("simulator:territory") + "?format=csv").status_code == 400
    assert client.get(reverse("simulator:territory_report")).status_code == 400


def test_sent_twice_while_queued_the_page_follows_the_first_run(client, stored_files):
    form = {**SCENARIO, "flows_file": SimpleUploadedFile("flux.csv", FD_MOBPRO.read_bytes())}
    client.post(reverse("simulator:territory"), form)
    again = client.post(
        reverse("simulator:territory"),
        {**SCENARIO, "flows_file": SimpleUploadedFile("autre.csv", FD_MOBPRO.read_bytes())},
        follow=True,
    )
    assert Job.objects.filter(kind=TERRITORY_JOB).count() == 1
    text = page_text(again)
    assert "Un calcul est déjà en cours : voici où il en est." in text and "« flux.csv »" in text
    assert [path.name for path in stored_files.glob("simulations/territoire/*/*")] == ["flux.csv"]


def test_another_visitor_never_sees_a_run(client, run_jobs, stored_files):
    calculate(client, run_jobs, {**SCENARIO, "flows_file": SimpleUploadedFile("flux.csv", FD_MOBPRO.read_bytes())})
    other = Client()
    page = other.get(reverse("simulator:territory"))
    assert "result" not in page.context and "job" not in page.context
    assert other.get(reverse("simulator:territory") + "?format=csv").status_code == 400


def test_the_national_synthetic_table_is_chosen_on_the_page_and_simulated_by_a_job(client, run_jobs, stored_files):
    """The table the job generates is stored once under a name holding its seed and inputs; here a small table
    stands in for it (generating the national one takes half a minute and 3 GB)."""
    national = stored_files / NATIONAL_FOLDER / synthetic_table_name(DEFAULT_SEED)
    national.parent.mkdir(parents=True)
    pl.read_csv(FD_MOBPRO, separator=";", infer_schema=False).write_parquet(national)
    page = calculate(client, run_jobs, {**SCENARIO, "source": "national"})
    expected = simulate_flows_file(national, TerritoryScenario(2.0, 0.5), area="dep:01", limits=UNBOUNDED)
    assert page.context["result"].totals["km_avoided_per_year"] == pytest.approx(
        expected.totals["km_avoided_per_year"]
    )
    assert "Calcul sur la table nationale synthétique" in page_text(page)
    report = downloaded(client, client.get(reverse("simulator:territory_report")), run_jobs)
    assert report["Content-Type"] == "application/pdf"


def test_a_file_is_still_asked_for_when_the_national_table_is_not_chosen(client, stored_files):
    response = client.post(reverse("simulator:territory"), SCENARIO)
    assert response.status_code == 200
    assert "Envoyez un fichier de flux, ou choisissez la table nationale." in page_text(response)
    assert not Job.objects.exists()


def test_reading_a_file_ends_before_the_job_is_taken_for_lost_with_its_worker(settings):
    """A job's lease bounds its run: the reading limit of a page's flows file must end before it, or a long, legal
    read would be swept as a dead worker's and run again."""
    from teletravail.apps.jobs.services import lease_for
    from teletravail.uploads import upload_limits

    assert upload_limits("flows_file_job").seconds < lease_for(settings.SIMULATION_TERRITORY_MAX_SECONDS)
    assert upload_limits("flows_file_job").seconds < settings.SIMULATION_TERRITORY_MAX_SECONDS
