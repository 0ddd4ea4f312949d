"""What a person does in a real browser: sign in as the demo employer, switch language, open the journey."""

import re

import pytest
from playwright.sync_api import expect

from teletravail.apps.home.demo import create_demo
from tests.conftest import TEST_PASSWORD
from tests.factories import MembershipFactory, make_commune


# One live server per xdist worker is enough: keep the browser tests on one worker.
pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


@pytest.fixture
def employer(db):
    return MembershipFactory(role="employer_admin", organisation__name="Atelier Démo")


@pytest.fixture
def demo(db):
    """The demo organisation exactly as `make run` creates it, on the two communes it needs."""
    make_commune("69383", "Lyon 3e Arrondissement", "lyon 3e arrondissement")
    make_commune("42218")
    return create_demo()


def sign_in(page, base_url, email, password=TEST_PASSWORD):
    page.goto(base_url + "/compte/connexion/")
    page.get_by_role("textbox", name="Adresse électronique").fill(email)
    page.get_by_label("Mot de passe", exact=True).fill(password)
    page.locator("main").get_by_role("button", name="Se connecter").click()


@pytest.mark.django_db(transaction=True)
def test_demo_employer_signs_in_switches_to_english_and_back_and_opens_the_journey(
    live_server, page, demo, csp_violations
):
    admin = next(credential for credential in demo.credentials if credential.email.startswith("admin@"))
    sign_in(page, live_server.url, admin.email, admin.password)
    page.wait_for_url(re.compile(rf"/organisations/{demo.organisation.pk}/parcours/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Parcours d'Atelier Démo")
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


@pytest.mark.django_db(transaction=True)
def test_each_demo_role_is_led_to_a_next_task_and_every_journey_link_opens(live_server, page, demo):
    journey = f"{live_server.url}/organisations/{demo.organisation.pk}/parcours/"
    # The organisation's members and the consultant it gave access to; the other platform roles have no journey.
    people = [c for c in demo.credentials if c.email.split("@")[0] in ("admin", "manager", "salarie", "consultant")]
    assert len(people) == 4
    for credential in people:
        page.context.clear_cookies()
        sign_in(page, live_server.url, credential.email, credential.password)
        page.wait_for_load_state()
        page.goto(journey)
        links = page.locator("ol.journey a").evaluate_all("links => links.map(link => link.href)")
        assert links, credential.email
        assert links  # a loop over nothing would assert nothing
        for url in links:
            assert page.goto(url).status == 200, (credential.email, url)

        page.goto(journey)
        callout = page.locator(".journey-next")
        expect(callout.get_by_role("heading", name="Prochaine tâche")).to_be_visible()
        expect(page.locator('[aria-current="step"]')).to_have_count(1)
        with page.expect_navigation():
            callout.get_by_role("link").click()
        assert page.url != journey, credential.email


@pytest.mark.django_db(transaction=True)
def test_on_a_phone_the_organisation_tabs_fold_behind_a_keyboard_operable_button(
    live_server, page, employer, csp_violations
):
    page.set_viewport_size({"width": 375, "height": 812})
    sign_in(page, live_server.url, employer.user.email)
    page.wait_for_url(re.compile(r"/parcours/$"))
    tabs = page.get_by_role("navigation", name="Espace de l’organisation")
    toggle = tabs.get_by_role("button", name=re.compile("Rubriques : Parcours"))
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(tabs.get_by_role("link", name="Paramètres")).to_be_hidden()
    heading_top = page.get_by_role("heading", level=1).bounding_box()["y"]
    nav_top = tabs.bounding_box()["y"]
    assert heading_top - nav_top < 120  # the page starts under one button, not ten stacked tabs

    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    settings = tabs.get_by_role("link", name="Paramètres")
    expect(settings).to_be_visible()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "false")

    page.set_viewport_size({"width": 1280, "height": 800})
    expect(toggle).to_be_hidden()
    expect(settings).to_be_visible()
    assert csp_violations == []
