"""The equality table inside the diagnostic's results and the planner: the same include as the equality page, for
the same people; under the headcount floor the explanation, no figures."""

import html
import re

import pytest
from django.urls import reverse

from tests.world import build_world


pytestmark = pytest.mark.django_db

HEADING = "Égalité entre les femmes et les hommes"
TABLE = "Indicateurs d'égalité entre les femmes et les hommes"  # the table's caption
FLOOR = "ne sont calculés que pour les organisations d'au moins 11 personnes ; l'effectif déclaré"


def text_of(response):
    assert response.status_code == 200
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


@pytest.fixture
def world(db):
    return build_world("E", modules=True)


def pages(world):
    return {
        "diagnostic": reverse("diagnostic:results", args=[world.organisation.pk, world.campaign.pk]),
        "planner": reverse("planner:index", args=[world.organisation.pk]),
    }


@pytest.mark.parametrize("page", ["diagnostic", "planner"])
def test_admins_managers_and_consultants_with_access_see_the_table_in_the_page(client, world, page):
    readers = [world.admin.user, world.manager.user]
    if page == "diagnostic":
        readers.append(world.consultant)  # the planner's pages are not open to consultants at all
    for user in readers:
        client.force_login(user)
        text = text_of(client.get(pages(world)[page]))
        assert HEADING in text and TABLE in text
        assert "Ont demandé le télétravail, parmi les éligibles" in text
        assert "Les demandes de télétravail et leurs décisions comptent sur les 12 derniers mois." in text


def test_an_employee_sees_the_planner_without_the_table(client, world):
    client.force_login(world.employee.user)
    text = text_of(client.get(pages(world)["planner"]))
    assert HEADING not in text and TABLE not in text


@pytest.mark.parametrize("page", ["diagnostic", "planner"])
def test_under_eleven_people_the_page_explains_and_gives_no_figure(client, world, page):
    world.organisation.headcount = 10
    world.organisation.save()
    client.force_login(world.admin.user)
    text = text_of(client.get(pages(world)[page]))
    assert HEADING in text and FLOOR in text and "l'effectif déclaré de l'organisation est de 10" in text
    assert TABLE not in text and "Non calculable" not in text
