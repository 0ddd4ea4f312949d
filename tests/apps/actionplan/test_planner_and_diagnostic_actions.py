"""« Ajouter au plan d'action » from the planner's cohesion indicators and the diagnostic's obstacles."""

import html

import pytest
from django.urls import reverse

from teletravail.apps.actionplan.models import Action
from teletravail.apps.actionplan.origins import origin_link
from teletravail.apps.diagnostic import selectors
from teletravail.apps.planner import services as planner_services
from teletravail.apps.planner.models import Place
from tests.apps.planner.factories import solved_plan
from tests.world import build_world


pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    """A plan of the team where nobody is on site with the whole team, two are alone some days, Chloé is cut off."""
    plan = solved_plan(team=world.team, actor=world.manager.user)
    alice, bruno, chloe = world.members
    places = {}
    for week in (1, 2):
        for day in plan.days:
            places[alice.pk, week, day] = Place.SITE if day in ("lun", "mar") else Place.REMOTE
            places[bruno.pk, week, day] = Place.SITE if day in ("lun", "mer") else Place.REMOTE
            places[chloe.pk, week, day] = Place.SITE if day in ("jeu", "ven") else Place.REMOTE
    planner_services.save_grid(plan=plan, places=places)
    return plan


def planner_url(name, world, **kwargs):
    return reverse(f"planner:{name}", kwargs={"organisation_id": world.organisation.pk, **kwargs})


def test_each_cohesion_finding_becomes_one_action_of_the_plan(client, world, plan):
    client.force_login(world.manager.user)
    team_page = planner_url("team", world, team_id=world.team.pk)
    page = client.get(team_page).content.decode()
    assert page.count("Ajouter au plan d'action") == 3
    for indicator in ("together", "alone", "isolation", "isolation"):  # the second click adds nothing
        response = client.post(planner_url("cohesion_action", world, plan_id=plan.pk), {"indicator": indicator})
        assert response.status_code == 302
    actions = {action.origin: action for action in Action.objects.filter(organisation=world.organisation)}
    assert set(actions) == {f"planner:{plan.pk}:{name}" for name in ("together", "alone", "isolation")}
    isolation = actions[f"planner:{plan.pk}:isolation"]
    assert isolation.title == "Rompre l'isolement de membres de l'équipe « Alpha »"
    assert isolation.detail == "1 personne ne croise aucun collègue sur site pendant 2 semaines ou plus."
    assert "Chloé" not in isolation.detail  # the action is about the team; the plan shows who
    assert actions[f"planner:{plan.pk}:together"].detail == "2 semaines du planning sans jour commun sur site."
    assert isolation.owner_role == "managers" and isolation.created_by == world.manager.user
    # The team page now shows them as in the plan, and the plan links back to the team page.
    page = html.unescape(client.get(team_page).content.decode())
    assert "Ajouter au plan d'action" not in page and isolation.title in page
    assert origin_link(world.organisation, isolation.origin) == f"{team_page}?plan={plan.pk}"


def test_a_finding_the_plan_does_not_show_is_not_added(client, world, plan):
    alice, bruno, chloe = world.members
    together = {(m.pk, week, day): Place.SITE for m in world.members for week in (1, 2) for day in plan.days}
    planner_services.save_grid(plan=plan, places=together)
    client.force_login(world.manager.user)
    response = client.post(planner_url("cohesion_action", world, plan_id=plan.pk), {"indicator": "isolation"})
    assert response.status_code == 302
    assert not Action.objects.exists()
    client.post(planner_url("cohesion_action", world, plan_id=plan.pk), {"indicator": "anything"})
    assert not Action.objects.exists()


def test_only_who_plans_the_team_adds_its_cohesion_to_the_plan(client, world, plan):
    for user in (world.employee.user, world.outsider_employee.user):
        client.force_login(user)
        response = client.post(planner_url("cohesion_action", world, plan_id=plan.pk), {"indicator": "isolation"})
        assert response.status_code == 403
    client.force_login(world.consultant)
    assert client.post(planner_url("cohesion_action", world, plan_id=plan.pk)).status_code == 404
    assert not Action.objects.exists()


# --- The diagnostic's obstacles -------------------------------------------------------------------------------------


@pytest.fixture
def decided(db):
    """A world with its modules: a decided diagnostic campaign whose results hold obstacles."""
    return build_world("D", modules=True)


def diagnostic_url(name, world):
    return reverse(
        f"diagnostic:{name}", kwargs={"organisation_id": world.organisation.pk, "campaign_id": world.campaign.pk}
    )


def test_each_obstacle_of_the_results_becomes_one_action_of_the_plan(client, decided):
    world = decided
    client.force_login(world.admin.user)
    page = client.get(diagnostic_url("actions", world))
    obstacles = page.context["obstacles_table"].rows
    assert obstacles, "the demo campaign's results hold obstacles"
    code = selectors.campaign_results(world.campaign).synthesis.obstacles[0].code
    for _click in (1, 2):
        response = client.post(diagnostic_url("obstacle_action", world), {"criterion": code})
        assert response.status_code == 302
    action = Action.objects.get(organisation=world.organisation, origin__startswith="diagnostic:")
    assert action.origin == f"diagnostic:{world.campaign.pk}:obstacle:{code}"
    assert action.title == f"Lever l'obstacle « {selectors.criterion_label(code)} »"
    assert world.campaign.title in action.detail
    assert origin_link(world.organisation, action.origin) == diagnostic_url("actions", world)
    shown = html.unescape(client.get(diagnostic_url("actions", world)).content.decode())
    assert "Au plan d'action" in shown
    # An obstacle that the results do not show is not added.
    client.post(diagnostic_url("obstacle_action", world), {"criterion": "inconnu"})
    assert Action.objects.filter(origin__startswith="diagnostic:").count() == 1


def test_employees_and_consultants_cannot_add_an_obstacle_to_the_plan(client, decided):
    world = decided
    code = selectors.campaign_results(world.campaign).synthesis.obstacles[0].code
    client.force_login(world.employee.user)
    assert client.post(diagnostic_url("obstacle_action", world), {"criterion": code}).status_code == 403
    client.force_login(world.consultant)
    assert client.post(diagnostic_url("obstacle_action", world), {"criterion": code}).status_code == 403
    assert not Action.objects.filter(origin__startswith="diagnostic:").exists()
