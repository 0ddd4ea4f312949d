"""What a person does in a real browser: sign in, switch language, open the journey, pick a commune by keyboard."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import TEST_PASSWORD
from tests.factories import MembershipFactory


# One live server per xdist worker is enough: keep the browser tests on one worker.
pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


@pytest.fixture
def employer(db):
    return MembershipFactory(role="employer_admin", organisation__name="Atelier Démo")


def sign_in(page, base_url, email):
    page.goto(base_url + "/compte/connexion/")
    page.get_by_role("textbox", name="Adresse électronique").fill(email)
    page.get_by_label("Mot de passe", exact=True).fill(TEST_PASSWORD)
    page.locator("main").get_by_role("button", name="Se connecter").click()


@pytest.mark.django_db(transaction=True)
def test_employer_signs_in_switches_to_english_and_back_and_opens_the_journey(
    live_server, page, employer, csp_violations
):
    sign_in(page, live_server.url, employer.user.email)
    page.wait_for_url(re.compile(rf"/organisations/{employer.organisation_id}/parcours/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Parcours de Atelier Démo")
    expect(page.get_by_role("heading", name=re.compile("Étape 1 : Diagnostic partagé"))).to_be_visible()

    # The DSFR language menu: open it, choose English.
    page.locator("header").get_by_role("button", name=re.compile("^FR")).first.click()
    page.locator("header").get_by_role("button", name=re.compile("EN - English")).first.click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name=re.compile("Step 1: Shared diagnosis"))).to_be_visible()

    page.locator("header").get_by_role("button", name=re.compile("^EN")).first.click()
    page.locator("header").get_by_role("button", name=re.compile("FR - Français")).first.click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", name=re.compile("Étape 1 : Diagnostic partagé"))).to_be_visible()
    assert csp_violations == []


@pytest.mark.django_db(transaction=True)
def test_wrong_password_shows_the_error_in_the_page(live_server, page, employer):
    page.goto(live_server.url + "/compte/connexion/")
    page.get_by_role("textbox", name="Adresse électronique").fill(employer.user.email)
    page.get_by_label("Mot de passe", exact=True).fill("pas-le-bon")
    page.locator("main").get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("alert")).to_contain_text("Adresse électronique ou mot de passe incorrect.")
