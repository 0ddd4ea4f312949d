"""Issue 20 points 6 and 7 in a browser: an employee sees the telework places nearest their home on their planning
page, with what a day at each saves; the territories page lists the communes lacking a place, maps them (reached
with the keyboard) and downloads them as CSV."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from teletravail.apps.places.services import import_places
from teletravail.places.readers import read_schema_csv
from tests.apps.places.conftest import CORDEE, VILLAGE, schema_csv
from tests.apps.places.test_map_search import GLEIZE
from tests.apps.planner.test_places_near_home import SAINT_ETIENNE
from tests.e2e.conftest import run_axe
from tests.e2e.test_planner import sign_in
from tests.real_geography import import_departements
from tests.world import build_world


pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

MAX_TABS = 60


@pytest.mark.django_db(transaction=True)
def test_an_employee_sees_the_places_nearest_their_home_and_what_a_day_there_saves(live_server, page):
    world = build_world()
    import_places(read_schema_csv(schema_csv(SAINT_ETIENNE)))
    world.site.commune_id = "69383"  # the team works in Lyon 3e; the member lives in Saint-Étienne
    world.site.save()
    sign_in(page, live_server.url, world.members[0].user.email)

    page.goto(f"{live_server.url}/planning/{world.organisation.pk}/mon-planning/")

    section = page.get_by_role("region", name="Télétravailler dans un lieu près de chez soi")
    expect(section.get_by_role("table")).to_contain_text("Coworking du Crêt de Roc")
    expect(section).to_contain_text("en Voiture thermique")
    page.get_by_label("Mode de transport habituel").select_option("train")
    page.get_by_role("button", name="Recalculer").click()
    expect(page.get_by_role("region", name="Télétravailler dans un lieu près de chez soi")).to_contain_text(
        "en Train (TER)"
    )
    expect(page.get_by_role("link", name="Coworking du Crêt de Roc")).to_be_visible()


def tab_to_a_commune(page):
    """Tab through the map from its frame, Enter on a group zooming in, until a commune's own marker has the focus;
    its name."""
    page.locator("#places-map").focus()
    for _tab in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => ({cls: document.activeElement.className || '', alt: document.activeElement.alt || ''})"
        )
        if "leaflet-marker-icon" not in focused["cls"]:
            continue
        if "marker-cluster" in focused["cls"]:
            page.keyboard.press("Enter")
            page.wait_for_timeout(600)  # the zoom animation
            page.locator("#places-map").focus()
            continue
        return focused["alt"]
    raise AssertionError(f"aucune commune atteinte au clavier en {MAX_TABS} tabulations")


@pytest.mark.django_db(transaction=True)
def test_the_communes_lacking_a_place_are_listed_mapped_and_downloaded(
    live_server, page, browser, tmp_path, csp_violations
):
    import_departements(tmp_path / "rhone")
    import_places(read_schema_csv(schema_csv(CORDEE, VILLAGE, GLEIZE)))

    page.goto(live_server.url + "/lieux/")
    page.get_by_role("link", name=re.compile("Où manque-t-il des lieux")).click()
    area = page.get_by_role("combobox", name=re.compile("^Territoire"))
    area.press_sequentially("Rhône")
    expect(page.locator("#id_area_listbox").get_by_role("option").first).to_contain_text("Rhône")
    area.press("ArrowDown")
    area.press("Enter")
    page.get_by_label("Distance au lieu le plus proche").fill("10")
    page.get_by_label("Télétravailleurs potentiels au moins").fill("300")
    page.get_by_role("button", name="Chercher les communes").click()

    status = page.get_by_role("status").filter(has_text="sans lieu à cette distance")
    expect(status).to_be_visible()
    count = int(re.match(r"(\d+) communes", status.inner_text()).group(1))
    table = page.get_by_role("table", name=re.compile("Communes sans lieu de télétravail à moins de 10 km"))
    expect(table.locator("tbody tr")).to_have_count(min(count, 50))
    first_commune = table.locator("tbody tr").first.locator("th").inner_text().splitlines()[0]

    # The map shows the same communes, and a commune is reached with the keyboard.
    expect(page.locator("#places-map .leaflet-marker-icon").first).to_be_visible()
    name = tab_to_a_commune(page)
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text(name)
    expect(popup).to_contain_text("télétravailleurs potentiels")
    expect(popup.get_by_role("link", name=re.compile("Chercher les lieux autour"))).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger toutes les communes (CSV)").click()
    text = open(download.value.path(), encoding="utf-8-sig").read()
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:4] == ["code_insee", "commune", "teletravailleurs_potentiels", "lieu_le_plus_proche_km"]
    assert rows[0][-2:] == ["seuil_km", "seuil_minutes_voiture"] and rows[1][-2:] == ["10", ""]
    assert len(rows) - 1 == count and rows[1][1] == first_commune

    assert csp_violations == []

    # axe is injected as an inline script, which the CSP rightly forbids: bypass it for this check only.
    context = browser.new_context(bypass_csp=True, locale="fr-FR")
    axe_page = context.new_page()
    axe_page.goto(page.url)
    expect(axe_page.locator("#places-map .leaflet-marker-icon").first).to_be_visible()
    assert run_axe(axe_page) == []
    context.close()


@pytest.mark.django_db(transaction=True)
def test_the_communes_lacking_a_place_by_car_time_say_their_threshold_and_a_too_short_time_is_refused(
    live_server, page, tmp_path, csp_violations
):
    import_departements(tmp_path / "rhone")
    import_places(read_schema_csv(schema_csv(CORDEE, VILLAGE, GLEIZE)))

    page.goto(live_server.url + "/lieux/territoires-sans-lieu/")
    area = page.get_by_role("combobox", name=re.compile("^Territoire"))
    area.press_sequentially("Rhône")
    expect(page.locator("#id_area_listbox").get_by_role("option").first).to_contain_text("Rhône")
    area.press("ArrowDown")
    area.press("Enter")
    page.locator("label", has_text="Un temps en voiture").click()  # the DSFR radio is drawn by its label
    expect(page.get_by_label("Un temps en voiture")).to_be_checked()
    page.get_by_label("Temps en voiture jusqu'au lieu le plus proche").fill("20")
    page.get_by_role("button", name="Chercher les communes").click()

    status = page.get_by_role("status").filter(has_text="sans lieu à ce temps de trajet")
    expect(status).to_be_visible()
    count = int(re.match(r"(\d+) communes", status.inner_text()).group(1))
    expect(page.get_by_text("Seuil : aucun lieu à moins de 20 min en voiture, porte à porte.")).to_be_visible()
    caption = re.compile("Communes sans lieu de télétravail à moins de 20 min en voiture")
    table = page.get_by_role("table", name=caption)
    expect(table.locator("thead")).to_contain_text("Lieu le plus proche (minutes en voiture)")
    expect(page.locator("#places-map .leaflet-marker-icon").first).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger toutes les communes (CSV)").click()
    assert download.value.suggested_filename == "communes-sans-lieu-dep-69-20min.csv"
    rows = list(csv.reader(io.StringIO(open(download.value.path(), encoding="utf-8-sig").read()), delimiter=";"))
    assert len(rows) - 1 == count and {tuple(row[-2:]) for row in rows[1:]} == {("", "20")}

    page.get_by_label("Temps en voiture jusqu'au lieu le plus proche").fill("4")
    page.get_by_role("button", name="Chercher les communes").click()
    expect(page.get_by_text("Plus de 5 min : un trajet en voiture compte déjà autant").first).to_be_visible()
    assert csp_violations == []
