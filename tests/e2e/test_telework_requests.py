"""A telework request in a real browser: an employee asks, their manager refuses without a reason (refused by the
page), then with one; the employee reads the decision and its reason. Each page passes axe."""

import re

import pytest
from playwright.sync_api import expect

from teletravail.apps.telework_requests.models import Status, TeleworkRequest
from tests.e2e.conftest import run_axe
from tests.e2e.test_planner import sign_in
from tests.world import build_world


pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

REASON = "L'équipe assure l'accueil du public tous les jours jusqu'à la fin mars."


@pytest.mark.django_db(transaction=True)
def test_an_employee_asks_the_manager_refuses_with_a_reason_the_employee_reads_it(
    live_server, page, browser, csp_violations
):
    world = build_world()
    base = live_server.url
    organisation = world.organisation
    violations = []
    # axe is injected as an inline script: it runs in a context of its own per person, without the CSP that the
    # test's page keeps.
    axe_pages = {}

    def axe(user, url, then=None):
        if user not in axe_pages:
            axe_pages[user] = browser.new_context(bypass_csp=True, locale="fr-FR").new_page()
            sign_in(axe_pages[user], base, user.email)
        checked = axe_pages[user]
        checked.goto(url)
        if then:
            then(checked)
        return run_axe(checked)

    sign_in(page, base, world.employee.user.email)
    page.goto(f"{base}/planning/{organisation.pk}/")
    page.get_by_role("link", name="Demandes de télétravail").click()
    page.get_by_role("link", name="Demander à télétravailler").click()
    violations += axe(world.employee.user, page.url)
    page.get_by_label("Jours de télétravail souhaités par semaine").fill("2")
    page.get_by_label("Message (facultatif)").fill("Le mardi et le jeudi.")
    page.get_by_role("button", name="Envoyer la demande").click()
    expect(page.get_by_text("Votre demande de télétravail est envoyée")).to_be_visible()
    expect(page.get_by_text("En attente de décision", exact=True)).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, base, world.manager.user.email)
    page.goto(f"{base}/demandes-teletravail/{organisation.pk}/")
    page.get_by_role("link", name=re.compile("^Décider")).click()
    expect(page.get_by_text("Le mardi et le jeudi.")).to_be_visible()
    page.get_by_label("Refuser").check(force=True)
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_text("Motivez le refus par écrit").first).to_be_visible()

    def refuse_without_reason(checked):
        checked.get_by_label("Refuser").check(force=True)
        checked.get_by_role("button", name="Enregistrer la décision").click()
        expect(checked.get_by_text("Motivez le refus par écrit").first).to_be_visible()

    violations += axe(world.manager.user, page.url, refuse_without_reason)
    assert TeleworkRequest.objects.get(membership=world.employee).status == Status.OPEN

    page.get_by_label("Refuser").check(force=True)
    page.get_by_label("Motif").fill(REASON)
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_text("La décision est enregistrée (refusée)")).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, base, world.employee.user.email)
    page.goto(f"{base}/demandes-teletravail/{organisation.pk}/")
    table = page.get_by_role("table", name="Mes demandes de télétravail")
    expect(table.get_by_text("Refusée", exact=True)).to_be_visible()
    expect(table.get_by_text(REASON)).to_be_visible()
    violations += axe(world.employee.user, page.url)
    page.goto(f"{base}/notifications/")
    expect(page.get_by_text("Votre demande de télétravail est refusée").first).to_be_visible()

    for checked in axe_pages.values():
        checked.context.close()
    assert violations == []
    assert csp_violations == []
