"""The places directory in a real browser: a commune chosen with the keyboard, the filtered list, a place page, in
French then in English, with no serious accessibility violation and no CSP violation."""

import re

import pytest
from playwright.sync_api import expect

from teletravail.apps.places.services import import_places
from teletravail.places.readers import read_schema_csv
from tests.apps.places.conftest import CORDEE, VILLAGE, schema_csv
from tests.e2e.conftest import run_axe
from tests.e2e.test_english import french_words
from tests.real_geography import import_departements


pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


@pytest.mark.django_db(transaction=True)
def test_find_a_place_by_commune_and_open_its_page_in_french_and_english(
    live_server, page, browser, tmp_path, csp_violations
):
    import_departements(tmp_path / "rhone")
    villeurbanne = {
        **VILLAGE,
        "id": "V1",
        "nom": "Atelier Partagé Gratte-Ciel",
        "code_insee": "69266",
        "latitude": "45.7708",
        "longitude": "4.8890",
        "horaires": "Mo-Fr 09:00-18:00; Sa 10:00-13:00",
        "accessibilite": "wheelchair",
    }
    import_places(read_schema_csv(schema_csv(CORDEE, VILLAGE, villeurbanne)))

    page.goto(f"{live_server.url}/lieux/")
    expect(page.get_by_role("heading", level=2, name="3 lieux")).to_be_visible()
    commune = page.get_by_role("combobox", name=re.compile("Commune ou code postal"))
    commune.focus()
    commune.press_sequentially("villeur")
    expect(page.locator("#id_commune_listbox").get_by_role("option").first).to_contain_text("Villeurbanne")
    commune.press("ArrowDown")
    commune.press("Enter")
    wheelchair = page.get_by_role("checkbox", name="Accessible en fauteuil roulant")
    wheelchair.focus()
    wheelchair.press("Space")
    expect(wheelchair).to_be_checked()
    page.get_by_role("button", name="Rechercher").click()

    results = page.get_by_role("list", name=re.compile("1 lieu à Villeurbanne"))
    expect(results.get_by_role("listitem")).to_have_count(1)
    list_url = page.url
    results.get_by_role("link", name="Atelier Partagé Gratte-Ciel").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Atelier Partagé Gratte-Ciel")
    expect(page.get_by_text("Du lundi au vendredi : 9 h – 18 h")).to_be_visible()
    expect(page.get_by_text("Samedi : 10 h – 13 h")).to_be_visible()
    expect(page.get_by_text("Cette fiche n'a jamais été vérifiée")).to_be_visible()
    expect(
        page.get_by_text(re.compile("Source : Fichier importé au format de la plateforme, licence Licence Ouverte"))
    ).to_be_visible()
    place_url = page.url

    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.reload()
    expect(page.get_by_text("Monday to Friday: 09:00 – 18:00")).to_be_visible()
    expect(page.get_by_text("Wheelchair accessible")).to_be_visible()
    expect(page.get_by_text("This record has never been verified")).to_be_visible()
    main = page.locator("main").inner_text()
    assert french_words(main, names=("Atelier Partagé Gratte-Ciel", "Licence Ouverte", "Villeurbanne")) == []

    page.goto(f"{live_server.url}/lieux/")
    expect(page.get_by_role("heading", level=2, name="3 places")).to_be_visible()
    typed = ("La Cordée Liberté", "Le Village by CA", "1 rue de la Liberté")
    assert french_words(page.locator("main").inner_text(), names=typed) == []
    assert csp_violations == []

    # axe is injected as an inline script, which the CSP rightly forbids: bypass it for this check only.
    for locale in ("fr-FR", "en-GB"):
        context = browser.new_context(bypass_csp=True, locale=locale)
        axe_page = context.new_page()
        for url in (list_url, place_url):
            axe_page.goto(url)
            assert run_axe(axe_page) == [], (locale, url)
        context.close()
