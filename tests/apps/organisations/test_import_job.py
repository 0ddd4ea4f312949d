"""A large member import (from `uploads.member_import_job_min_rows` rows) is applied by a job: the confirmation
answers at once with the job's progress; the job writes every invitation and team, or, refused, nothing at all."""

import html

import pytest
from django.urls import reverse

from teletravail.apps.jobs.models import Job, JobStatus
from teletravail.apps.organisations.import_jobs import IMPORT_JOB
from teletravail.apps.organisations.models import Invitation, Team
from teletravail.parameters import load_parameters
from tests.apps.organisations.test_import_atomicity import counts
from tests.apps.organisations.test_views import preview_and_confirm
from tests.factories import MembershipFactory


pytestmark = pytest.mark.django_db

HEADER = "email,nom,equipe,role,commune_residence\n"


def large_file(rows=None):
    """As many rows as make an import a job, over two new teams."""
    rows = rows or int(load_parameters("uploads")["member_import_job_min_rows"].at().central)
    return HEADER + "".join(f"membre{n}@exemple.fr,Membre {n},Équipe {n % 2},salarie,\n" for n in range(rows))


def job_url(organisation, job):
    return reverse("organisations:members_import_job", args=[organisation.pk, job.pk])


def test_a_large_import_is_applied_by_a_job_whose_page_shows_progress_then_what_it_created(client, world, run_jobs):
    client.force_login(world.admin.user)
    rows = int(load_parameters("uploads")["member_import_job_min_rows"].at().central)
    before = Invitation.objects.count()
    _preview, confirmation = preview_and_confirm(client, world.organisation, large_file())
    job = Job.objects.get(kind=IMPORT_JOB)
    assert confirmation.status_code == 302 and confirmation["Location"] == job_url(world.organisation, job)
    assert Invitation.objects.count() == before  # nothing written by the request

    page = html.unescape(client.get(job_url(world.organisation, job)).content.decode())
    assert "En attente d'un serveur de calcul" in page and "job-progress.js" in page
    assert f"Le fichier de {rows} membres est appliqué par un serveur de calcul" in page
    state = client.get(job_url(world.organisation, job), HTTP_ACCEPT="application/json").json()
    assert state["status"] == "queued" and state["url"] == job_url(world.organisation, job)

    run_jobs()
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert Invitation.objects.count() == before + rows
    result = client.get(job_url(world.organisation, job))
    assert result.status_code == 200
    assert len(result.context["result"].invitations) == rows
    assert sorted(team.name for team in result.context["result"].teams_created) == ["Équipe 0", "Équipe 1"]
    assert f"{rows} invitations envoyées" in result.content.decode()


def test_a_small_import_is_still_applied_at_once(client, world):
    client.force_login(world.admin.user)
    _preview, confirmation = preview_and_confirm(client, world.organisation, large_file(rows=3))
    assert confirmation.status_code == 200 and len(confirmation.context["result"].invitations) == 3
    assert not Job.objects.filter(kind=IMPORT_JOB).exists()


def test_an_import_job_refused_when_it_runs_writes_nothing_and_says_why(client, world, run_jobs):
    """An address invited between the confirmation and the job's run: the whole file is refused."""
    client.force_login(world.admin.user)
    _preview, confirmation = preview_and_confirm(client, world.organisation, large_file())
    job = Job.objects.get(kind=IMPORT_JOB)
    from teletravail.apps.organisations import services

    services.invite_member(organisation=world.organisation, actor=world.admin.user, email="membre7@exemple.fr")
    before = counts()
    run_jobs()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert counts() == before  # no team, no invitation, no audit event
    assert not Team.objects.filter(name="Équipe 0").exists()
    page = html.unescape(client.get(job_url(world.organisation, job)).content.decode())
    assert "L'import a échoué : aucun membre ni aucune équipe n'a été créé." in page
    assert "membre7@exemple.fr" in page  # the reason, with its line


def test_another_organisation_s_admin_does_not_see_an_import_job(client, world, run_jobs):
    client.force_login(world.admin.user)
    preview_and_confirm(client, world.organisation, large_file())
    job = Job.objects.get(kind=IMPORT_JOB)
    stranger = MembershipFactory(role="employer_admin")
    client.force_login(stranger.user)
    assert client.get(job_url(world.organisation, job)).status_code == 404
    assert client.get(job_url(stranger.organisation, job)).status_code == 404
    employee = MembershipFactory(organisation=world.organisation, role="employee")
    client.force_login(employee.user)
    assert client.get(job_url(world.organisation, job)).status_code in (403, 404)
