import pytest
from django.urls import reverse
from django.utils import timezone

from teletravail.apps.organisations.journey import journey_steps
from teletravail.apps.organisations.models import ConsultantAccess, Site
from teletravail.apps.organisations.selectors import organisation_access
from tests.factories import MembershipFactory, OrganisationFactory, TeamFactory, UserFactory, make_commune


def journey_url(organisation):
    return reverse("organisations:journey", kwargs={"organisation_id": organisation.pk})


@pytest.mark.django_db
def test_journey_shows_the_four_steps_and_coming_modules(client):
    membership = MembershipFactory(role="employer_admin")
    client.force_login(membership.user)
    content = client.get(journey_url(membership.organisation)).content.decode()
    for title in ("Diagnostic partagé", "Opérer le changement", "Cadre juridique", "Bilan à six mois"):
        assert title in content
    assert "À venir" in content


@pytest.mark.django_db
def test_progress_counts_only_measured_tasks_and_follows_the_data():
    membership = MembershipFactory(role="employer_admin")
    organisation = membership.organisation
    access = organisation_access(membership.user, organisation.pk)
    first = journey_steps(access)[0]
    assert [task.done for task in first.measured_tasks] == [False, False, False]
    assert first.percent == 0

    site = Site.objects.create(organisation=organisation, name="Siège", commune=make_commune())
    TeamFactory(organisation=organisation, site=site)
    MembershipFactory(organisation=organisation, home_commune=make_commune())
    first = journey_steps(access)[0]
    assert first.done_count == 3 and first.is_complete and first.percent == 100
    # Step 3 has no tool yet: nothing is counted, nothing is claimed done.
    assert journey_steps(access)[2].measured_tasks == []
    assert not journey_steps(access)[2].is_complete


@pytest.mark.django_db
def test_the_planning_task_is_done_once_a_team_plan_is_published():
    from teletravail.apps.planner import services
    from tests.apps.planner.factories import plan_settings, planner_world

    world = planner_world()
    access = organisation_access(world.admin.user, world.organisation.pk)
    [planning] = journey_steps(access)[1].measured_tasks
    assert planning.done is False and planning.url == f"/planning/{world.organisation.pk}/"
    plan = services.create_plan(team=world.team, actor=world.manager.user, **plan_settings())
    assert journey_steps(access)[1].measured_tasks[0].done is False  # a draft is not the team's plan yet
    services.publish_plan(plan=plan, actor=world.manager.user)
    assert journey_steps(access)[1].measured_tasks[0].done is True


@pytest.mark.django_db
def test_consultant_task_of_the_review_step():
    membership = MembershipFactory(role="employer_admin")
    access = organisation_access(membership.user, membership.organisation_id)
    assert journey_steps(access)[3].done_count == 0
    grant = ConsultantAccess.objects.create(
        organisation=membership.organisation, consultant=UserFactory(platform_role="consultant")
    )
    assert journey_steps(access)[3].done_count == 1
    grant.revoked_at = timezone.now()
    grant.save()
    assert journey_steps(access)[3].done_count == 0


@pytest.mark.django_db
def test_journey_of_another_organisation_is_not_found(client):
    membership = MembershipFactory()
    client.force_login(membership.user)
    assert client.get(journey_url(OrganisationFactory())).status_code == 404


@pytest.mark.django_db
def test_employee_sees_the_journey_without_management_links(client):
    membership = MembershipFactory(role="employee")
    client.force_login(membership.user)
    response = client.get(journey_url(membership.organisation))
    assert response.status_code == 200
    assert reverse("organisations:members", kwargs={"organisation_id": membership.organisation_id}) not in (
        response.content.decode()
    )


@pytest.mark.django_db
def test_an_available_tool_is_linked_but_never_counted():
    membership = MembershipFactory(role="employer_admin")
    access = organisation_access(membership.user, membership.organisation_id)
    first = journey_steps(access)[0]
    tools = [task for task in first.tasks if task.is_tool]
    assert [task.url for task in tools] == [
        reverse("simulator:organisation", kwargs={"organisation_id": membership.organisation_id})
    ]
    assert tools[0] not in first.measured_tasks


@pytest.mark.django_db
def test_an_employee_gets_no_link_to_the_organisation_simulator():
    membership = MembershipFactory(role="employee")
    access = organisation_access(membership.user, membership.organisation_id)
    assert not any(task.is_tool for task in journey_steps(access)[0].tasks)
