"""A weak point becomes one action of the plan, with the advice of the viewer's role; a theme that is no weak point,
an employee or a consultant cannot add one."""

import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from teletravail.apps.actionplan.models import Action, OwnerRole
from teletravail.apps.practices import selectors, services
from tests.apps.practices.factories import access_of, answer, practices_world


pytestmark = pytest.mark.django_db


def weak_world(level="low"):
    found = practices_world(team_size=6)
    for membership in found.employees():
        answer(found.campaign, membership, level=level)
    return found


def first_weak(campaign):
    results = next(r for r in selectors.campaign_results(campaign) if r.questionnaire.id == "practices")
    return results.questionnaire, results.weak[0]


def add(found, by, questionnaire_id, theme_id):
    return services.add_weak_point_action(
        access=access_of(by),
        actor=by.user,
        campaign=found.campaign,
        questionnaire_id=questionnaire_id,
        theme_id=theme_id,
    )


def test_a_weak_point_becomes_one_action_with_the_advice_of_the_role():
    found = weak_world()
    questionnaire, weak = first_weak(found.campaign)
    action = add(found, found.world.manager, questionnaire.id, weak.theme)

    assert action.origin == f"practices:{found.campaign.pk}:{questionnaire.id}.{weak.theme}"
    assert action.owner_role == OwnerRole.MANAGERS
    assert action.title.startswith(questionnaire.theme(weak.theme).title("fr"))
    sheets = selectors.advice(questionnaire, weak.theme, access_of(found.world.manager))
    assert all(sheet.text("fr") in action.detail for sheet in sheets)
    assert add(found, found.world.manager, questionnaire.id, weak.theme) == action
    assert Action.objects.count() == 1


def test_a_theme_that_is_no_weak_point_and_an_employee_are_refused():
    found = weak_world(level="high")
    with pytest.raises(ValidationError, match="n'est pas un point faible"):
        add(found, found.world.admin, "practices", "organisation")
    with pytest.raises(ValidationError, match="Seuls l'employeur et les managers"):
        add(found, found.world.employee, "practices", "organisation")
    assert not Action.objects.exists()


def test_the_button_of_the_results_page_adds_the_action(client):
    found = weak_world()
    questionnaire, weak = first_weak(found.campaign)
    client.force_login(found.world.admin.user)
    kwargs = {"organisation_id": found.organisation.pk, "practices_campaign_id": found.campaign.pk}
    page = client.get(reverse("practices:results", kwargs=kwargs))
    assert "Ajouter au plan d'action" in html.unescape(page.content.decode())
    response = client.post(
        reverse("practices:add_action", kwargs=kwargs), {"questionnaire": questionnaire.id, "theme": weak.theme}
    )
    assert response.status_code == 302
    assert Action.objects.get().owner_role == OwnerRole.EMPLOYER
    client.force_login(found.world.consultant)
    assert client.post(reverse("practices:add_action", kwargs=kwargs), {}).status_code == 404
