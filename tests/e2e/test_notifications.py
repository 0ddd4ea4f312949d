"""Issue 16, point 11, in a real browser: an employee gets an assessment request, sees the count in the header (read
by screen readers as words), finds the task on their own space, opens it, and the count drops."""

import re

import pytest
from playwright.sync_api import expect

from tests.apps.diagnostic.factories import diagnostic_world
from tests.e2e.conftest import run_axe
from tests.e2e.test_planner import sign_in


pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


@pytest.mark.django_db(transaction=True)
def test_an_employee_opens_the_assessment_asked_of_them_and_the_count_drops(
    live_server, page, browser, csp_violations
):
    world = diagnostic_world(invite=1)  # the manager invites Alice to assess her job
    alice = world.campaign.participants.get()
    base = live_server.url

    sign_in(page, base, alice.membership.user.email)
    page.wait_for_url(re.compile(r"/mon-espace/$"))  # her own space, not the employer's checklist
    bell = page.locator("header .fr-header__tools-links").get_by_role("link", name=re.compile("^Notifications"))
    expect(bell).to_have_accessible_name(
        re.compile(r"^Notifications\s+1\s+\(1 non lue\)$|^Notifications\s+\(1 non lue\)$")
    )
    expect(bell).to_contain_text("1")

    tasks = page.get_by_role("region", name="Mes tâches")
    tasks.get_by_role("link", name="Remplir votre évaluation").click()
    page.wait_for_url(re.compile(rf"/participants/{alice.pk}/evaluation/$"))
    expect(bell).to_have_accessible_name(re.compile(r"^Notifications\s+\(aucune non lue\)$"))

    bell.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    expect(
        page.get_by_role("link", name="Votre évaluation est attendue : « Diagnostic 2026 », poste Comptable")
    ).to_be_visible()
    expect(page.get_by_text("Non lue", exact=True)).to_have_count(0)
    page.get_by_role("link", name="Choisir les courriels que je reçois").click()
    page.get_by_text(
        "Un désaccord attend une décision partagée", exact=True
    ).click()  # DSFR: the label takes the click
    page.get_by_role("button", name="Enregistrer mes préférences").click()
    expect(page.get_by_text("Vos préférences de courriel sont enregistrées.")).to_be_visible()
    expect(page.get_by_label("Un désaccord attend une décision partagée")).not_to_be_checked()
    assert csp_violations == []

    # axe is injected as an inline script: a context that lets it run.
    axe_page = browser.new_context(bypass_csp=True, locale="fr-FR").new_page()
    sign_in(axe_page, base, alice.membership.user.email)
    found = {}
    for path in ("/mon-espace/", "/notifications/", "/notifications/courriels/"):
        axe_page.goto(base + path)
        if violations := run_axe(axe_page):
            found[path] = violations
    assert found == {}
