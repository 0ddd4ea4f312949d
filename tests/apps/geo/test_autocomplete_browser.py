"""The commune autocomplete in a real browser (Debian's Chromium): keyboard use, ARIA states, live region, CSP."""

import re

import pytest
from playwright.sync_api import expect

from teletravail.apps.geo.services import import_reference_geography
from tests.apps.geo.conftest import VALID

# The browser set-up of the end-to-end tests (Debian's Chromium, never a downloaded browser).
from tests.e2e.conftest import browser_type_launch_args, csp_violations, run_axe  # noqa: F401


pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e"), pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="session")
def base_url():
    # pytest-playwright 0.10 declares `base_url` as an instance method, which pytest 9 warns about (an error
    # here, warnings being errors); the tests use absolute URLs from live_server anyway.
    return None


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A French browser: numbers are then formatted the French way (50,7 km), as a French visitor sees them.
    return {**browser_context_args, "locale": "fr-FR"}


@pytest.fixture
def communes_page(live_server, page):
    import_reference_geography(VALID)
    page.goto(live_server.url + "/geo/communes/")
    return page


def combobox(page, label):
    return page.get_by_role("combobox", name=re.compile(label))


def test_choose_two_communes_with_the_keyboard_and_submit(communes_page, csp_violations):  # noqa: F811
    page = communes_page
    origin = combobox(page, "Commune de départ")
    origin.focus()
    origin.press_sequentially("st etienne")

    listbox = page.locator("#id_origin_listbox")
    expect(listbox).to_be_visible()
    expect(listbox.get_by_role("option")).to_have_count(2)
    expect(origin).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#id_origin_status")).to_have_text("2 communes trouvées")

    origin.press("ArrowDown")
    first = listbox.get_by_role("option").first
    expect(first).to_have_attribute("aria-selected", "true")
    expect(origin).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    origin.press("ArrowDown")
    origin.press("ArrowUp")
    expect(first).to_have_attribute("aria-selected", "true")

    # Enter chooses and does not submit the form.
    origin.press("Enter")
    expect(origin).to_have_value("Saint-Étienne (42)")
    expect(page.locator("#id_origin_code")).to_have_value("42218")
    expect(listbox).to_be_hidden()
    expect(origin).to_have_attribute("aria-expanded", "false")
    assert "origin=" not in page.url

    destination = combobox(page, "Commune d'arrivée")
    origin.press("Tab")
    expect(destination).to_be_focused()
    destination.press_sequentially("lyon")
    expect(page.locator("#id_destination_listbox").get_by_role("option")).to_have_count(3)
    destination.press("Escape")
    expect(page.locator("#id_destination_listbox")).to_be_hidden()
    destination.press("ArrowDown")
    expect(page.locator("#id_destination_listbox")).to_be_visible()
    destination.press("Enter")
    expect(page.locator("#id_destination_code")).to_have_value("69123")

    # With the list closed, Enter submits.
    destination.press("Enter")
    page.wait_for_url(re.compile(r"origin=42218.*destination=69123"))
    expect(page.get_by_text("la distance est de 50,7 km")).to_be_visible()
    expect(combobox(page, "Commune de départ")).to_have_value("Saint-Étienne (42)")
    assert csp_violations == []


def test_editing_the_text_drops_the_chosen_code_and_no_result_is_announced(communes_page):
    page = communes_page
    origin = combobox(page, "Commune de départ")
    origin.press_sequentially("2a004")
    expect(page.locator("#id_origin_listbox").get_by_role("option")).to_have_count(1)
    expect(page.locator("#id_origin_status")).to_have_text("1 commune trouvée")
    origin.press("Enter")
    expect(page.locator("#id_origin_code")).to_have_value("2A004")

    origin.press("End")
    origin.press_sequentially("xyz")
    expect(page.locator("#id_origin_code")).to_have_value("")
    expect(page.locator("#id_origin_status")).to_have_text("Aucune commune trouvée")
    expect(page.locator("#id_origin_listbox")).to_be_hidden()


def test_a_click_chooses_an_option(communes_page):
    page = communes_page
    origin = combobox(page, "Commune de départ")
    origin.press_sequentially("sain")
    page.locator("#id_origin_listbox").get_by_role("option", name=re.compile("Saint-Chamond")).click()
    expect(origin).to_have_value("Saint-Chamond (42)")
    expect(page.locator("#id_origin_code")).to_have_value("42207")


def test_no_serious_accessibility_violation_with_the_list_open(live_server, browser):
    import_reference_geography(VALID)
    # axe is injected as an inline script, which our CSP rightly forbids: bypass it for this check only.
    context = browser.new_context(bypass_csp=True, locale="fr-FR")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/geo/communes/")
        combobox(page, "Commune de départ").press_sequentially("saint")
        expect(page.locator("#id_origin_listbox")).to_be_visible()
        page.locator("#id_origin").press("ArrowDown")
        assert run_axe(page) == []
        page.goto(live_server.url + "/geo/communes/?origin=42218&destination=99999")
        # Said twice: in the summary at the top of the form, and under the field.
        expect(page.get_by_text("Commune inconnue : choisissez une commune dans la liste.")).to_have_count(2)
        assert run_axe(page) == []
    finally:
        context.close()


def test_typing_a_postal_code_offers_lyon_3e_first_and_says_which_code_matched(live_server, page, tmp_path):
    """Issue: typing 69003 (Lyon 3e's postal code) suggested Albigny-sur-Saône (INSEE code 69003) first."""
    from tests.real_geography import import_departements

    import_departements(tmp_path / "rhone")
    page.goto(live_server.url + "/geo/communes/")
    origin = combobox(page, "Commune de départ")
    origin.focus()
    origin.press_sequentially("69003")

    options = page.locator("#id_origin_listbox").get_by_role("option")
    expect(options).to_have_text(
        [
            "Lyon 3e Arrondissement (69)code postal 69003",
            "Lyon (69)codes postaux 69001, 69002, 69003…",
            "Albigny-sur-Saône (69)code INSEE 69003",
        ]
    )
    origin.press("ArrowDown")
    origin.press("Enter")
    expect(origin).to_have_value("Lyon 3e Arrondissement (69)")
    expect(page.locator("#id_origin_code")).to_have_value("69383")
