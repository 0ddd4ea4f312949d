"""Every team of an organisation planned at once, as one job: who may start it, what it stores (one draft plan per
team, each checked alone afterwards, the teams of a site sharing its desks), submitted twice, cancelled, refused."""

import pytest
from django.urls import reverse

from teletravail.apps.jobs import registry
from teletravail.apps.jobs.models import Job, JobStatus
from teletravail.apps.planner import selectors
from teletravail.apps.planner.models import ORGANISATION_SOLVE_JOB, Place, TeamPlan
from tests.apps.planner.factories import PLAN_FORM, next_monday
from tests.factories import MembershipFactory, TeamFactory


pytestmark = pytest.mark.django_db


def url(name, world, **kwargs):
    return reverse(f"planner:{name}", kwargs={"organisation_id": world.organisation.pk, **kwargs})


def submit(client, world):
    return client.post(url("organisation_plan_create", world), {**PLAN_FORM, "start": next_monday().isoformat()})


@pytest.fixture
def second_team(world):
    """A second team on the same site as the first: the two share its desks."""
    team = TeamFactory(organisation=world.organisation, site=world.site, name="Achats")
    for name in ("Zoé Zola", "Yves Yon"):
        MembershipFactory(organisation=world.organisation, role="employee", team=team, user__full_name=name)
    return team


def test_an_admin_plans_every_team_with_a_site_at_once_each_plan_checked_alone(client, world, second_team, run_jobs):
    client.force_login(world.admin.user)
    index = client.get(url("index", world)).content.decode()
    assert url("organisation_plan_create", world) in index
    submitted = submit(client, world)
    job = Job.objects.get()
    assert job.kind == ORGANISATION_SOLVE_JOB
    assert submitted.url == url("calculation", world, calculation_id=job.pk)
    page = client.get(submitted.url).content.decode()
    assert "Calcul des plannings de toute l'organisation" in page and "Annuler le calcul" in page
    assert not TeamPlan.objects.exists()  # the solve waits for the worker

    run_jobs()
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.failure_detail
    # The team without a site (world.other_team) is left out; the others get one draft plan each.
    plans = {plan.team: plan for plan in TeamPlan.objects.all()}
    assert set(plans) == {world.team, second_team}
    assert sorted(job.result["plans"]) == sorted(plan.pk for plan in plans.values())
    assert job.result["status"] in ("optimal", "feasible") and job.result["objective"] is not None
    for team, plan in plans.items():
        members = selectors.team_members(team)
        assert sorted(plan.members.values()) == sorted(member.pk for member in members)
        assert [row["id"] for row in plan.problem["teams"]] == [f"equipe-{team.pk}"]
        assert plan.assignments.count() == len(members) * 2 * 5
        # Each plan is a plan of its team alone: its grid as stored breaks no rule of its own input.
        assert selectors.check_places(plan, selectors.stored_places(plan)) == []

    response = client.get(submitted.url, follow=True)
    assert response.redirect_chain[-1][0] == url("index", world)
    assert "2 plannings d&#x27;équipe sont calculés" in response.content.decode()


def test_the_teams_of_a_site_share_its_desks(client, world, second_team, run_jobs):
    world.site.desks = 4
    world.site.save(update_fields=["desks"])
    client.force_login(world.admin.user)
    submit(client, world)
    run_jobs()
    job = Job.objects.get()
    assert job.status == JobStatus.SUCCEEDED and job.result["status"] in ("optimal", "feasible"), job.result
    plans = list(TeamPlan.objects.all())
    assert len(plans) == 2
    on_site = {}
    for plan in plans:
        for assignment in plan.assignments.filter(where=Place.SITE):
            on_site[assignment.date] = on_site.get(assignment.date, 0) + 1
    assert on_site and max(on_site.values()) <= 4
    # Each plan keeps, as its desks, what the other team left it: a hand edit is checked against that.
    first, second = plans
    assert first.problem["sites"][0]["desks"]
    for day, left in first.problem["sites"][0]["desks"].items():
        assert (
            left + max(second.assignments.filter(day=day, where=Place.SITE, week=week).count() for week in (1, 2)) <= 4
        )


def test_only_the_organisations_admins_plan_it_all(client, world):
    client.force_login(world.manager.user)
    assert client.get(url("organisation_plan_create", world)).status_code == 403
    assert submit(client, world).status_code == 403
    assert url("organisation_plan_create", world) not in client.get(url("index", world)).content.decode()
    client.force_login(world.admin.user)
    submit(client, world)
    job = Job.objects.get()
    client.force_login(world.manager.user)
    assert client.get(url("calculation", world, calculation_id=job.pk)).status_code == 403
    assert client.post(url("calculation_cancel", world, calculation_id=job.pk)).status_code == 403
    outsider = MembershipFactory(role="employer_admin")
    client.force_login(outsider.user)
    other = reverse(
        "planner:calculation_status", kwargs={"organisation_id": outsider.organisation.pk, "calculation_id": job.pk}
    )
    assert client.get(other).status_code == 404
    assert Job.objects.get().status == JobStatus.QUEUED


def test_the_organisation_submitted_twice_is_the_same_job(client, world):
    client.force_login(world.admin.user)
    first = submit(client, world)
    again = submit(client, world)
    assert first.url == again.url and Job.objects.count() == 1
    assert "Un calcul de toute l&#x27;organisation est déjà en cours" in client.get(again.url).content.decode()


def test_a_cancelled_organisation_solve_never_shows_its_plans(client, world, second_team, run_jobs, monkeypatch):
    """Cancelled while the solver works: the plans it finds are dropped, and the page says so."""
    kind = registry.kind_of(ORGANISATION_SOLVE_JOB)

    def solve_then_see_it_cancelled(payload):
        outcome = kind.compute(payload)
        client.post(url("calculation_cancel", world, calculation_id=Job.objects.get().pk))
        return outcome

    monkeypatch.setitem(
        registry.KINDS,
        ORGANISATION_SOLVE_JOB,
        registry.JobKind(name=kind.name, compute=solve_then_see_it_cancelled, store=kind.store),
    )
    client.force_login(world.admin.user)
    submitted = submit(client, world)
    run_jobs()
    job = Job.objects.get()
    assert job.status == JobStatus.CANCELLED and job.result == {}
    assert not TeamPlan.objects.exists()
    page = client.get(submitted.url)
    assert page.status_code == 200
    assert "Calcul annulé : aucun planning n&#x27;a été enregistré." in page.content.decode()
    state = client.get(url("calculation_status", world, calculation_id=job.pk)).json()
    assert state["status"] == "cancelled" and not state["active"]


def test_an_organisation_without_a_team_to_plan_is_refused_in_french(client, world):
    world.team.members.update(team=None)
    client.force_login(world.admin.user)
    page = submit(client, world)
    assert page.status_code == 200
    assert "Aucune équipe à planifier" in page.content.decode()
    assert not Job.objects.exists()


def test_a_team_given_a_site_during_the_solve_is_left_for_the_next_one(client, world, run_jobs, monkeypatch):
    kind = registry.kind_of(ORGANISATION_SOLVE_JOB)

    def solve_then_a_team_gets_a_site(payload):
        outcome = kind.compute(payload)
        world.other_team.site = world.site  # it has a member: it would be planned from now on
        world.other_team.save(update_fields=["site"])
        return outcome

    monkeypatch.setitem(
        registry.KINDS,
        ORGANISATION_SOLVE_JOB,
        registry.JobKind(name=kind.name, compute=solve_then_a_team_gets_a_site, store=kind.store),
    )
    client.force_login(world.admin.user)
    submit(client, world)
    run_jobs()
    job = Job.objects.get()
    assert job.status == JobStatus.SUCCEEDED, job.failure_code
    assert list(TeamPlan.objects.values_list("team", flat=True)) == [world.team.pk]
