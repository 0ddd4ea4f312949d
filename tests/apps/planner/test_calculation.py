"""The planner's solve as a job, seen from its pages: submitted, its progress, the plan when ready, cancelled,
failed with a French (or English) reason, submitted twice, and its worker dead."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from teletravail.apps.jobs.models import FailureCode, Job, JobStatus
from teletravail.apps.jobs.services import sweep_stale_jobs
from teletravail.apps.planner import services
from teletravail.apps.planner.models import TeamPlan
from tests.apps.planner.factories import PLAN_FORM, next_monday, solved_plan
from tests.factories import MembershipFactory


pytestmark = pytest.mark.django_db


def url(name, world, **kwargs):
    return reverse(f"planner:{name}", kwargs={"organisation_id": world.organisation.pk, **kwargs})


def submit(client, world, **headers):
    return client.post(
        url("plan_create", world, team_id=world.team.pk),
        {**PLAN_FORM, "start": next_monday().isoformat()},
        **headers,
    )


def status(client, world, job):
    return client.get(url("calculation_status", world, calculation_id=job.pk)).json()


def test_the_page_of_a_queued_solve_shows_its_state_a_refresh_link_and_a_cancel_button(client, world):
    client.force_login(world.manager.user)
    job = Job.objects.get(pk=re.search(r"/calculs/(\d+)/", submit(client, world).url).group(1))
    page = client.get(url("calculation", world, calculation_id=job.pk)).content.decode()
    assert "En attente d&#x27;un serveur de calcul" in page or "En attente d'un serveur de calcul" in page
    assert f'href="{url("calculation", world, calculation_id=job.pk)}"' in page  # refresh without JavaScript
    assert url("calculation_cancel", world, calculation_id=job.pk) in page
    assert "job-progress.js" in page
    assert status(client, world, job) | {"text": ""} == {
        "status": "queued",
        "active": True,
        "progress": 0,
        "text": "",
        "failure": "",
        "url": url("calculation", world, calculation_id=job.pk),
    }
    # The solve runs with the command line's options from the settings, not the request's.
    assert job.expected_seconds == services.solver_options()["time_limit"]


def test_once_solved_the_page_opens_the_plan_stored_as_before(client, world, run_jobs):
    client.force_login(world.manager.user)
    submitted = submit(client, world)
    run_jobs()
    job = Job.objects.get()
    plan = TeamPlan.objects.get(team=world.team)
    assert job.status == JobStatus.SUCCEEDED and job.result == {"plan": plan.pk}
    assert plan.assignments.count() == 3 * 2 * 5 and plan.solver_status in ("optimal", "feasible")
    assert status(client, world, job)["status"] == "succeeded"
    response = client.get(submitted.url, follow=True)
    assert response.redirect_chain[-1][0].endswith(f"?plan={plan.pk}")
    assert "Le planning est calculé" in response.content.decode()


def test_recalculating_goes_through_a_job_too(client, world, run_jobs):
    plan = solved_plan(team=world.team, actor=world.manager.user)
    revision = plan.revision
    client.force_login(world.manager.user)
    response = client.post(url("plan_regenerate", world, plan_id=plan.pk))
    job = Job.objects.get(status=JobStatus.QUEUED)  # the plan's first solve has ended
    assert response.url == url("calculation", world, calculation_id=job.pk)
    run_jobs()
    plan.refresh_from_db()
    assert plan.revision == revision + 1 and TeamPlan.objects.count() == 1


def test_a_solve_submitted_twice_is_the_same_job(client, world):
    client.force_login(world.manager.user)
    first = submit(client, world)
    again = submit(client, world)
    assert first.url == again.url and Job.objects.count() == 1
    page = client.get(again.url).content.decode()
    assert "Un calcul est déjà en cours pour cette équipe" in page


def test_a_cancelled_solve_never_shows_its_plan(client, world, run_jobs):
    client.force_login(world.manager.user)
    submitted = submit(client, world)
    job = Job.objects.get()
    response = client.post(url("calculation_cancel", world, calculation_id=job.pk), follow=True)
    assert "Calcul annulé : aucun planning n&#x27;a été enregistré." in response.content.decode()
    run_jobs()
    assert not TeamPlan.objects.exists()
    assert status(client, world, job)["status"] == "cancelled"
    page = client.get(submitted.url)
    assert page.status_code == 200 and "Annuler le calcul" not in page.content.decode()


def test_a_solve_cancelled_while_it_runs_stores_nothing(client, world, run_jobs, monkeypatch):
    """The user cancels while the solver works: the plan it finds is dropped."""
    original = services._solve

    def solve_then_see_it_cancelled(plan):
        outcome = original(plan)
        Job.objects.update(status=JobStatus.CANCELLED)
        return outcome

    monkeypatch.setattr(services, "_solve", solve_then_see_it_cancelled)
    client.force_login(world.manager.user)
    submit(client, world)
    run_jobs()
    assert not TeamPlan.objects.exists()
    assert Job.objects.get().status == JobStatus.CANCELLED


def test_a_failed_solve_says_why_in_french_and_in_english(client, world, run_jobs):
    client.force_login(world.manager.user)
    submit(client, world)
    english = MembershipFactory(organisation=world.organisation, role="employer_admin")
    # The team loses its members before the worker gets to it.
    world.team.members.update(team=None)
    run_jobs()
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED and job.failure_code == FailureCode.INVALID
    state = status(client, world, job)
    assert state["failure"].startswith(f"L'équipe « {world.team.name} » n'a aucun membre")
    page = client.get(url("calculation", world, calculation_id=job.pk)).content.decode()
    assert "Le calcul a échoué." in page and "aucun membre" in page

    # Asked in English, the reason is written in English.
    job.delete()
    for member in world.members:
        member.team = world.team
        member.save()
    client.force_login(english.user)
    submit(client, world, HTTP_ACCEPT_LANGUAGE="en")
    world.team.members.update(team=None)
    run_jobs()
    job = Job.objects.get()
    assert job.language == "en"
    assert "has no members" in status(client, world, job)["failure"]


def test_a_solve_whose_worker_died_is_queued_again_when_its_page_is_read(client, world):
    client.force_login(world.manager.user)
    submit(client, world)
    job = Job.objects.get()
    job.status, job.attempts, job.started_at = JobStatus.RUNNING, 1, job.created_at
    job.lease_until = job.created_at - timedelta(seconds=1)  # its lease ran out: its worker died
    job.save()
    assert status(client, world, job)["status"] == "queued"
    job.refresh_from_db()
    job.status, job.attempts, job.lease_until = JobStatus.RUNNING, 2, job.created_at - timedelta(seconds=1)
    job.save()
    state = status(client, world, job)
    assert state["status"] == "failed" and "interrompu deux fois" in state["failure"]
    assert sweep_stale_jobs() == 0


def test_only_who_plans_the_team_sees_its_solve(client, world):
    client.force_login(world.manager.user)
    submit(client, world)
    job = Job.objects.get()
    client.force_login(world.members[0].user)
    assert client.get(url("calculation", world, calculation_id=job.pk)).status_code == 403
    assert client.post(url("calculation_cancel", world, calculation_id=job.pk)).status_code == 403
    outsider = MembershipFactory(role="employer_admin")
    client.force_login(outsider.user)
    other = reverse(
        "planner:calculation_status", kwargs={"organisation_id": outsider.organisation.pk, "calculation_id": job.pk}
    )
    assert client.get(other).status_code == 404
    assert Job.objects.get().status == JobStatus.QUEUED


@pytest.mark.parametrize("language, written", [("fr", "1\u202f200 secondes"), ("en", "1,200 seconds")])
def test_the_expected_duration_is_written_as_a_number_of_the_page_s_language(client, world, language, written):
    client.force_login(world.manager.user)
    submit(client, world)
    job = Job.objects.get()
    Job.objects.filter(pk=job.pk).update(expected_seconds=1200.4)
    page = client.get(url("calculation", world, calculation_id=job.pk), HTTP_ACCEPT_LANGUAGE=language)
    assert written in re.sub(r"[ \n]+", " ", page.content.decode())  # not \s: it would match the narrow space
