"""Acceptance of the places directory (issue 20): an operator registers a place, a moderator approves it, a visitor
finds it on the map with the keyboard and opens its page, and another site embeds the widget in an iframe; axe finds
no serious violation on the directory with its map nor on the widget, and the CSP blocks nothing."""

import re
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth.models import Permission
from playwright.sync_api import expect

from teletravail.apps.places.services import import_places
from teletravail.places.readers import read_schema_csv
from tests.apps.places.conftest import CORDEE, VILLAGE, schema_csv
from tests.conftest import TEST_PASSWORD
from tests.e2e.conftest import run_axe
from tests.factories import UserFactory
from tests.real_geography import import_departements


pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

PLACE = "Atelier des Gratte-Ciel"
MAX_TABS = 40


def sign_in(browser, live_server, user):
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.goto(live_server.url + "/compte/connexion/")
    page.get_by_role("textbox", name="Adresse électronique").fill(user.email)
    page.get_by_label("Mot de passe", exact=True).fill(TEST_PASSWORD)
    page.locator("main").get_by_role("button", name="Se connecter").click()
    page.wait_for_url(re.compile(r"^(?!.*connexion).*$"))
    return context, page


def register_the_place(browser, live_server, operator):
    context, page = sign_in(browser, live_server, operator)
    page.goto(live_server.url + "/lieux/inscrire/")
    page.fill("#id_name", PLACE)
    page.select_option("#id_kind", "coworking")
    page.fill("#id_siret", "987 654 321 00015")
    page.fill("#id_address", "5 avenue Henri Barbusse")
    page.fill("#id_postal_code", "69100")
    commune = page.locator("#id_commune")
    commune.press_sequentially("villeurb")
    expect(page.locator("#id_commune_listbox").get_by_role("option").first).to_contain_text("Villeurbanne")
    commune.press("ArrowDown")
    commune.press("Enter")
    page.fill("#id_latitude", "45.7675")
    page.fill("#id_longitude", "4.8798")
    page.fill("#id_opening_hours", "Mo-Fr 09:00-18:00")
    page.get_by_role("button", name="Envoyer pour vérification").click()
    expect(page.get_by_text("un modérateur la vérifiera avant publication")).to_be_visible()
    context.close()


def approve_the_place(browser, live_server, moderator):
    context, page = sign_in(browser, live_server, moderator)
    page.goto(live_server.url + "/lieux/moderation/")
    page.get_by_role("link", name=re.compile(PLACE)).click()
    page.get_by_text("Approuver et publier").click()
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_text("Décision enregistrée.")).to_be_visible()
    context.close()


@contextmanager
def embedding_site(embed_code):
    """Another site (another origin than the live server's) whose page holds the embed code; yields its URL.
    A real server rather than a routed request: Chromium refuses a local frame in a page that has no address."""
    body = f'<!DOCTYPE html><html lang="fr"><meta charset="utf-8"><title>Mairie</title>{embed_code}'.encode()

    class Page(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the name http.server calls)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)  # any free port, as live_server takes one
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/tiers-lieux.html"
    finally:
        server.shutdown()
        server.server_close()


def tab_to_the_marker(page, name):
    """Tab through the map from its frame; Enter on a group of places zooms in, then Tab goes on."""
    page.locator("#places-map").focus()
    for _tab in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => ({cls: document.activeElement.className || '', alt: document.activeElement.alt || ''})"
        )
        if "leaflet-marker-icon" not in focused["cls"]:
            continue
        if focused["alt"] == name:
            return
        if "marker-cluster" in focused["cls"]:
            page.keyboard.press("Enter")
            page.wait_for_timeout(600)  # the zoom animation
            page.locator("#places-map").focus()
    raise AssertionError(f"{name} n'a pas été atteint au clavier en {MAX_TABS} tabulations")


@pytest.mark.django_db(transaction=True)
def test_register_moderate_find_on_the_map_with_the_keyboard_and_embed_the_widget(
    live_server, page, browser, tmp_path, csp_violations
):
    import_departements(tmp_path / "rhone")
    # Two places of Lyon, near each other: at the scale of the whole list they make a group on the map.
    import_places(read_schema_csv(schema_csv(CORDEE, VILLAGE)))
    operator = UserFactory()
    moderator = UserFactory()
    moderator.user_permissions.add(Permission.objects.get(codename="moderate_place"))

    register_the_place(browser, live_server, operator)
    approve_the_place(browser, live_server, moderator)

    # A visitor finds it on the map, with the keyboard only.
    page.goto(f"{live_server.url}/lieux/")
    expect(page.get_by_role("heading", level=2, name="3 lieux")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Carte des lieux")).to_be_visible()
    expect(page.locator("#places-map .leaflet-marker-icon").first).to_be_visible()
    tab_to_the_marker(page, PLACE)
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup")
    expect(popup).to_contain_text(PLACE)
    expect(popup).to_contain_text("Villeurbanne")
    link = popup.get_by_role("link", name=re.compile("Voir la fiche du lieu"))
    link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(PLACE)
    expect(page.get_by_text("Du lundi au vendredi : 9 h – 18 h")).to_be_visible()
    place_url = page.url

    # The same list without the map: the map section stays hidden when JavaScript is off.
    no_script = browser.new_context(java_script_enabled=False, locale="fr-FR")
    plain = no_script.new_page()
    plain.goto(f"{live_server.url}/lieux/?commune_text=Villeurbanne")
    expect(plain.get_by_role("link", name=PLACE)).to_be_visible()
    expect(plain.locator("#places-map-section")).to_be_hidden()
    no_script.close()

    # The embed code of the directory, searched for Villeurbanne, put in another site's page.
    page.goto(f"{live_server.url}/lieux/?commune=69266")
    embed_code = page.locator("#embed-code").input_value()
    assert embed_code.startswith(f'<iframe src="{live_server.url}/lieux/widget/?commune=69266"')
    expect(page.get_by_role("button", name="Copier le code")).to_be_visible()
    with embedding_site(embed_code) as site_url:
        page.goto(site_url)
        widget = page.frame_locator("iframe")
        expect(widget.get_by_role("heading", level=1)).to_contain_text("1 lieu de télétravail — Villeurbanne")
        expect(widget.get_by_role("link", name=re.compile(PLACE))).to_be_visible()
    assert csp_violations == []

    # axe is injected as an inline script, which the CSP rightly forbids: bypass it for this check only.
    context = browser.new_context(bypass_csp=True, locale="fr-FR")
    axe_page = context.new_page()
    axe_page.goto(f"{live_server.url}/lieux/")
    expect(axe_page.locator("#places-map .leaflet-marker-icon").first).to_be_visible()
    tab_to_the_marker(axe_page, PLACE)
    axe_page.keyboard.press("Enter")  # with a popup open too
    expect(axe_page.locator(".leaflet-popup")).to_be_visible()
    # The popup fades in: axe would otherwise measure the contrast of its half-transparent text.
    axe_page.wait_for_function("() => getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'")
    for url in (None, f"{live_server.url}/lieux/widget/?commune=69266", place_url):
        if url:
            axe_page.goto(url)
        assert run_axe(axe_page) == [], url
    context.close()
