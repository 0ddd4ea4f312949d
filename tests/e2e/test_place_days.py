"""Issue 20 point 6 in a browser, with the keyboard only: an administrator allows « tiers-lieu » days, an employee
picks a telework place near home and a day, and the published plan shows « Tiers-lieu » on that day; axe finds no
serious fault on the three pages."""

import re

import pytest
from playwright.sync_api import expect

from tests.apps.planner.test_place_days import place, published_plan
from tests.e2e.conftest import run_axe
from tests.e2e.test_planner import sign_in
from tests.world import build_world


pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


def press(locator, key):
    locator.focus()
    locator.page.keyboard.press(key)


@pytest.mark.django_db(transaction=True)
def test_an_admin_allows_place_days_an_employee_picks_a_place_and_a_day_and_the_plan_says_tiers_lieu(
    live_server, browser, csp_violations, page
):
    world = build_world()
    place()  # near Alice's home in Saint-Étienne
    plan = published_plan(world)  # Alice teleworks on Tuesday and Thursday
    settings_url = f"{live_server.url}/organisations/{world.organisation.pk}/parametres/"
    schedule_url = f"{live_server.url}/planning/{world.organisation.pk}/mon-planning/"
    team_url = f"{live_server.url}/planning/{world.organisation.pk}/equipes/{world.team.pk}/?plan={plan.pk}"

    # The administrator allows one day a week at a telework place.
    sign_in(page, live_server.url, world.admin.user.email)
    page.goto(settings_url)
    section = page.get_by_role("region", name="Jours en tiers-lieu")
    press(section.get_by_label("Autoriser les jours en tiers-lieu"), "Space")
    per_week = section.get_by_label(re.compile("Jours en tiers-lieu par semaine, au plus"))
    press(per_week, "Control+A")
    page.keyboard.type("1")
    press(section.get_by_role("button", name="Enregistrer les jours en tiers-lieu"), "Enter")
    expect(page.get_by_text("Les règles des jours en tiers-lieu sont enregistrées.")).to_be_visible()

    # Alice picks the place near her home, and Tuesday.
    alice = browser.new_context(locale="fr-FR").new_page()
    sign_in(alice, live_server.url, world.members[0].user.email)
    alice.goto(schedule_url)
    mine = alice.get_by_role("region", name="Mes jours en tiers-lieu")
    press(mine.get_by_role("radio", name="Coworking du Crêt de Roc — Saint-Étienne (42)"), "Space")
    press(mine.get_by_role("group", name=re.compile("Mes jours en tiers-lieu")).get_by_label("mardi"), "Space")
    press(mine.get_by_role("button", name="Enregistrer mes jours en tiers-lieu"), "Enter")
    expect(alice.get_by_text("Vos jours en tiers-lieu sont enregistrés")).to_be_visible()
    expect(alice.get_by_role("cell", name="Tiers-lieu – Coworking du Crêt de Roc")).to_have_count(1)
    expect(alice.locator("#chosen-place")).to_contain_text("Le mardi, vous télétravaillez à Coworking du Crêt de Roc")

    # The published plan says so on that day, in text, for the team.
    alice.goto(team_url)
    tuesday = alice.locator(f"#cell-{world.members[0].pk}-1-mar")
    expect(tuesday).to_contain_text("Tiers-lieu")
    expect(tuesday).to_contain_text("Coworking du Crêt de Roc")
    expect(alice.locator(f"#cell-{world.members[0].pk}-1-jeu")).not_to_contain_text("Tiers-lieu")
    assert csp_violations == []

    axe_context = browser.new_context(bypass_csp=True, locale="fr-FR")
    axe_page = axe_context.new_page()
    sign_in(axe_page, live_server.url, world.admin.user.email)
    axe_page.goto(settings_url)
    assert run_axe(axe_page) == []
    axe_page.goto(team_url)
    assert run_axe(axe_page) == []
    axe_alice = axe_context.browser.new_context(bypass_csp=True, locale="fr-FR").new_page()
    sign_in(axe_alice, live_server.url, world.members[0].user.email)
    axe_alice.goto(schedule_url)
    assert run_axe(axe_alice) == []
