"""A manager builds the plan of the four weeks from 14 December 2026 in a real browser: Christmas and New Year's
Day are shown as public holidays, with nothing to choose; the member's « Mon planning » names them too."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from teletravail.apps.planner import selectors
from tests.e2e.test_planner import sign_in
from tests.world import build_world


# Slashes are left out of the name patterns (a dot matches them): Playwright passes them on as JavaScript literals.
pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


@pytest.mark.django_db(transaction=True)
def test_the_plan_from_14_december_shows_christmas_as_a_public_holiday(
    live_server, job_worker, page, browser, monkeypatch
):
    world = build_world()
    team_url = f"{live_server.url}/planning/{world.organisation.pk}/equipes/{world.team.pk}/"
    sign_in(page, live_server.url, world.manager.user.email)

    page.goto(team_url)
    page.get_by_role("link", name="Nouveau planning").click()
    page.get_by_label("Premier lundi du planning").fill("2026-12-14")
    page.get_by_label("Nombre de semaines", exact=True).fill("4")
    page.get_by_label(re.compile("Présents minimum sur site chaque jour")).fill("1")
    page.get_by_label(re.compile("Jours de télétravail maximum par semaine")).fill("3")
    page.get_by_role("button", name="Calculer le planning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Calcul du planning de l'équipe Alpha")
    job_worker()
    expect(page.get_by_role("heading", level=1)).to_have_text("Planning de l'équipe Alpha", timeout=60_000)
    expect(page.locator("#planner-violations")).to_contain_text("Toutes les règles sont respectées.")

    week_two = page.get_by_role("table", name=re.compile(r"^Semaine 2, du 21.12.2026 au 25.12.2026"))
    expect(week_two.get_by_role("columnheader", name=re.compile("Vendredi 25.12"))).to_contain_text("Férié — Noël")
    alice = week_two.get_by_role("row", name=re.compile("^Alice Essai"))
    expect(alice.get_by_role("cell").last).to_have_text("Férié — Noël")
    # Four days to choose that week, none on Christmas.
    expect(alice.get_by_role("combobox")).to_have_count(4)
    expect(page.get_by_role("combobox", name=re.compile(r"^Alice Essai, vendredi 25.12"))).to_have_count(0)
    week_three = page.get_by_role("table", name=re.compile(r"^Semaine 3, du 28.12.2026 au 01.01.2027"))
    expect(week_three.get_by_role("row", name=re.compile("^Alice Essai")).get_by_role("cell").last).to_have_text(
        "Férié — Jour de l'an"
    )

    # Saved and published as it is, the grid keeps the holidays off.
    page.get_by_role("button", name="Vérifier et enregistrer").click()
    expect(page.get_by_text("Planning enregistré : toutes les règles sont respectées.")).to_be_visible()
    page.get_by_role("button", name="Publier le planning").click()
    expect(page.get_by_text("Le planning est publié")).to_be_visible()

    monkeypatch.setattr(selectors, "this_monday", lambda: date(2026, 12, 14))
    member_context = browser.new_context(locale="fr-FR")
    member = member_context.new_page()
    sign_in(member, live_server.url, world.members[0].user.email)
    member.goto(f"{live_server.url}/planning/{world.organisation.pk}/mon-planning/")
    christmas = member.get_by_role("row", name=re.compile("^Vendredi 25.12"))
    expect(christmas.get_by_role("cell")).to_have_text("Férié — Noël")
    member_context.close()
