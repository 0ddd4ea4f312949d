"""The one « Ajouter au plan d'action » of the planner and the diagnostic (`services.add_finding`): a finding the
module's results still show becomes an action once; one they no longer show is refused with the module's message,
said on the next page, and nothing is added."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from teletravail.apps.actionplan import services
from teletravail.apps.actionplan.models import Action, OwnerRole
from tests.apps.actionplan.test_planner_and_diagnostic_actions import plan  # noqa: F401 (fixture)


def add(world, finding, gone="Plus montré."):
    return services.add_finding(
        organisation=world.organisation,
        finding=finding,
        origin="planner:1:alone",
        actor=world.manager.user,
        role=OwnerRole.MANAGERS,
        gone=gone,
    )


def test_a_finding_still_shown_becomes_one_action(world):
    first = add(world, ("Éviter qu'un membre soit seul sur site", "2 jours."))
    again = add(world, ("Éviter qu'un membre soit seul sur site", "2 jours."))
    assert first == again
    assert (first.title, first.detail, first.owner_role, first.created_by) == (
        "Éviter qu'un membre soit seul sur site",
        "2 jours.",
        "managers",
        world.manager.user,
    )


def test_a_finding_no_longer_shown_is_refused_with_the_module_s_message(world):
    with pytest.raises(ValidationError) as refused:
        add(world, None, gone="Ce planning ne montre plus ce problème de cohésion : rien n'a été ajouté.")
    assert refused.value.messages == ["Ce planning ne montre plus ce problème de cohésion : rien n'a été ajouté."]
    assert not Action.objects.exists()


def test_the_planner_says_on_the_next_page_what_was_added_or_why_not(client, world, plan):  # noqa: F811
    client.force_login(world.manager.user)
    url = reverse("planner:cohesion_action", kwargs={"organisation_id": world.organisation.pk, "plan_id": plan.pk})
    page = client.post(url, {"indicator": "anything"}, follow=True)
    assert [str(message) for message in page.context["messages"]] == [
        "Ce planning ne montre plus ce problème de cohésion : rien n'a été ajouté."
    ]
    page = client.post(url, {"indicator": "alone"}, follow=True)
    assert [str(message) for message in page.context["messages"]] == [
        "« Éviter qu'un membre de l'équipe « Alpha » soit seul sur site » est au plan d'action."
    ]
