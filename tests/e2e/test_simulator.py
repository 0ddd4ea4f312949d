"""The organisation's expected effects in a real browser: what a first real user with one known member sees."""

import re

import pytest
from playwright.sync_api import expect

from tests.apps.simulator.test_organisation_simulator import two_sites_and_one_known_member
from tests.e2e.test_journeys import sign_in


pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


@pytest.mark.django_db(transaction=True)
def test_one_known_member_on_two_sites_does_not_free_the_whole_building(live_server, page, csp_violations):
    """Issue 16: sites of 25 and 12 desks, one member with a home commune, 0.7 desk per person: the page used to
    show 36 desks freed and a yearly balance of 399 018 €."""
    organisation, admin = two_sites_and_one_known_member()

    sign_in(page, live_server.url, admin.user.email)
    page.wait_for_url(re.compile(r"/parcours/$"))
    page.goto(f"{live_server.url}/simulateur/organisation/{organisation.pk}/")
    expect(page.get_by_label("Postes de travail actuels")).to_have_value("37")  # the two sites' desks
    page.get_by_label(re.compile("Postes par salarié après réorganisation")).fill("0.7")
    page.get_by_role("button", name="Calculer").click()

    expect(page.get_by_test_id("desks-note")).to_have_text(
        "Postes libérés calculés sur 1 salarié couvert par le calcul, pour un effectif déclaré de 40. "
        "Seul 1 des 37 postes déclarés leur est compté : un salarié ne libère que son propre poste."
    )
    desks_row = page.get_by_role("row", name=re.compile("Postes de travail libérés par le partage des bureaux"))
    expect(desks_row.get_by_role("cell").first).to_have_text("0")
    balance = page.get_by_text(re.compile("Pour l'employeur, le solde annuel serait de"))
    expect(balance).not_to_contain_text("399")
    assert csp_violations == []


@pytest.mark.django_db(transaction=True)
def test_the_parameters_page_filters_as_the_reader_types(live_server, page, csp_violations):
    """Issue 16: a search box over 200 rows; with a script it filters live, without one the form sends a GET."""
    page.goto(f"{live_server.url}/simulateur/parametres/")
    rows = page.locator("tbody tr")
    total = rows.count()
    assert total > 150
    page.get_by_label("Rechercher un paramètre").fill("vélo électrique")  # typed, not submitted
    visible = page.locator("tbody tr:visible")
    expect(visible.first).to_contain_text("vélo")
    assert 0 < visible.count() < total / 10
    assert all("lectrique" in text for text in visible.all_inner_texts())
    expect(page.locator("#parameter-count")).to_have_text(f"{visible.count()} valeurs datées")
    expect(page.get_by_role("heading", name="Limites des fichiers déposés")).to_be_hidden()
    page.get_by_label("Rechercher un paramètre").fill("")
    expect(page.locator("tbody tr:visible")).to_have_count(total)
    assert csp_violations == []
