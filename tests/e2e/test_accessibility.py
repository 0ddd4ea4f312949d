"""Automated accessibility check (axe-core) of the main pages: zero serious or critical violations."""

import pytest

from teletravail.apps.organisations.models import Site
from tests.conftest import TEST_PASSWORD
from tests.e2e.conftest import run_axe
from tests.factories import MembershipFactory, TeamFactory, make_commune
from tests.world import build_world, communes, organisation_urls, url_for


# One live server per xdist worker is enough: keep the browser tests on one worker.
pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


PUBLIC_PAGES = [
    "/",
    "/outils/",
    "/compte/connexion/",
    "/compte/mot-de-passe/oubli/",
    "/mentions-legales/",
    "/donnees-personnelles/",
    "/accessibilite/",
    "/plan-du-site/",
    "/geo/communes/",
    "/simulateur/",
    "/simulateur/?distance_km=20&mode=voiture_thermique&telework_days=2&office_days=3&method=default",
    "/simulateur/parametres/",
    "/simulateur/territoire/",
]


@pytest.fixture
def axe_page(browser):
    # axe is injected as an inline script, which our CSP rightly forbids: bypass it for this check only.
    context = browser.new_context(bypass_csp=True, locale="fr-FR")
    yield context.new_page()
    context.close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_has_no_serious_accessibility_violation(live_server, axe_page, path):
    axe_page.goto(live_server.url + path)
    assert run_axe(axe_page) == []


MEMBER_PAGES = [
    "parcours",
    "parametres",
    "sites/ajouter",
    "equipes/ajouter",
    "membres",
    "membres/inviter",
    "import",
    "consultants",
    "journal",
]


@pytest.mark.django_db(transaction=True)
def test_organisation_pages_have_no_serious_accessibility_violation(live_server, axe_page):
    membership = MembershipFactory(role="employer_admin")
    site = Site.objects.create(organisation=membership.organisation, name="Siège", commune=make_commune(), desks=4)
    team = TeamFactory(organisation=membership.organisation, site=site)
    colleague = MembershipFactory(organisation=membership.organisation, team=team)
    axe_page.goto(live_server.url + "/compte/connexion/")
    axe_page.get_by_role("textbox", name="Adresse électronique").fill(membership.user.email)
    axe_page.get_by_label("Mot de passe", exact=True).fill(TEST_PASSWORD)
    axe_page.locator("main").get_by_role("button", name="Se connecter").click()
    axe_page.wait_for_url(f"**/organisations/{membership.organisation_id}/parcours/")
    found = {}
    for page_path in [
        *(f"/organisations/{membership.organisation_id}/{path}/" for path in MEMBER_PAGES),
        "/organisations/creer/",
        "/mon-espace/",
        f"/simulateur/organisation/{membership.organisation_id}/",
        *(
            f"/planning/{membership.organisation_id}/{path}"
            for path in (
                "",
                "mon-planning/",
                "mode/",
                f"equipes/{team.pk}/",
                f"equipes/{team.pk}/membres/",
                f"equipes/{team.pk}/membres/{colleague.pk}/",
                f"equipes/{team.pk}/nouveau/",
                f"sites/{site.pk}/",
            )
        ),
    ]:
        axe_page.goto(live_server.url + page_path)
        if violations := run_axe(axe_page):
            found[page_path] = violations
    assert found == {}


@pytest.mark.django_db(transaction=True)
def test_english_home_page_has_no_serious_accessibility_violation(live_server, browser):
    context = browser.new_context(bypass_csp=True, locale="en-GB")
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert run_axe(page) == []
    context.close()


def test_the_accessibility_check_reports_real_violations(axe_page):
    """Guards the guard: a page with an unlabelled image and field must fail the check."""
    axe_page.set_content('<html lang="fr"><body><main><img src="x.png"><input type="text"></main></body></html>')
    violations = run_axe(axe_page)
    assert any(v.startswith("image-alt") for v in violations)
    assert any(v.startswith("label") for v in violations)


@pytest.mark.django_db(transaction=True)
def test_every_organisation_page_that_draws_a_table_has_no_serious_accessibility_violation(
    live_server, client, axe_page
):
    """The tables drawn by core/_table.html (and the form grids) with rows behind them: the demo-like organisation
    with one object of every module, seen by its admin; and the communes page with its two tables."""
    world = build_world("A", modules=True)
    client.force_login(world.admin.user)
    pages = []
    for name, arguments, methods in organisation_urls():
        if "GET" not in methods or name.startswith("api"):
            continue
        url = url_for(name, arguments, world.organisation, world)
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            if b"<table" in response.content:
                pages.append(url)
    assert len(pages) >= 15  # members, settings, journal, planner, diagnostic, charters…: the walk found them
    places = communes()
    pages.append(f"/geo/communes/?origin={places['42218'].code}&destination={places['69383'].code}")
    axe_page.goto(live_server.url + "/compte/connexion/")
    axe_page.get_by_role("textbox", name="Adresse électronique").fill(world.admin.user.email)
    axe_page.get_by_label("Mot de passe", exact=True).fill(TEST_PASSWORD)
    axe_page.locator("main").get_by_role("button", name="Se connecter").click()
    axe_page.wait_for_url(f"**/organisations/{world.organisation.pk}/parcours/")
    found = {}
    for page_path in pages:
        axe_page.goto(live_server.url + page_path)
        assert axe_page.locator("table").count(), page_path
        if violations := run_axe(axe_page):
            found[page_path] = violations
    assert found == {}
