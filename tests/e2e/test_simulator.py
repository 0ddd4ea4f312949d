"""The organisation's expected effects in a real browser: what a first real user with one known member sees."""

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from teletravail.apps.geo.models import Departement, Region
from teletravail.impact.flows.simulation import simulate_flows_file
from teletravail.impact.territory import TerritoryScenario
from tests.apps.simulator.test_organisation_simulator import two_sites_and_one_known_member
from tests.apps.simulator.test_territory_simulator import FD_MOBPRO
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


def text_fits(button):
    """The button shows its whole text: nothing overflows it and its box is at least as wide as the text."""
    return button.evaluate(
        """element => {
            const range = document.createRange();
            range.selectNodeContents(element);
            const text = range.getBoundingClientRect().width;
            return element.scrollWidth <= element.clientWidth && element.getBoundingClientRect().width >= text
                && text > 0;
        }"""
    )


def wait_for_the_territory_result(page, job_worker):
    """The job runs; « Actualiser l'avancement » (no JavaScript needed) shows the result once it is stored."""
    job_worker()
    for _attempt in range(120):
        refresh = page.get_by_role("link", name="Actualiser l'avancement")
        if not refresh.count():
            break
        refresh.click()
        page.wait_for_timeout(500)
    expect(page.get_by_role("heading", name="Résultats par an")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_territory_downloads_are_of_the_result_on_screen_and_show_their_text(
    live_server, job_worker, page, settings, tmp_path, csp_violations
):
    """Issue 16: after « Calculer », the PDF and CSV buttons answered 400 « Ce champ est obligatoire » (the browser
    had emptied the file field), and the PDF button was clipped to its icon. Issue 19: the file is simulated by a
    job, whose progress the page shows until « Actualiser » finds the result."""
    settings.MEDIA_ROOT = str(tmp_path)
    page.goto(f"{live_server.url}/simulateur/territoire/")
    page.get_by_label("Fichier des flux domicile-travail").set_input_files(FD_MOBPRO)
    page.get_by_role("combobox", name=re.compile("^Zone")).fill("dep:01")
    page.get_by_role("button", name="Calculer").click()
    expect(page.locator("#territory-run-text")).to_have_text("En attente d'un serveur de calcul…")
    wait_for_the_territory_result(page, job_worker)

    downloads = page.get_by_test_id("downloads")
    csv_link = downloads.get_by_role("link", name="Télécharger le tableau par commune (CSV)")
    pdf_link = downloads.get_by_role("link", name="Télécharger le rapport PDF")
    for link in (csv_link, pdf_link):
        expect(link).to_be_visible()
        assert text_fits(link)

    with page.expect_download() as csv_download:
        csv_link.click()
    lines = Path(csv_download.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("commune;")
    assert (
        len(lines) - 1 == simulate_flows_file(FD_MOBPRO, TerritoryScenario(2.0, 0.5), area="dep:01").by_commune.height
    )
    pdf_link.click()
    job_worker()
    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Télécharger le document").click(timeout=60_000)
    assert Path(pdf_download.value.path()).read_bytes().startswith(b"%PDF")
    assert pdf_download.value.suggested_filename == "rapport-simulation-territoire.pdf"
    assert csp_violations == []


@pytest.mark.django_db(transaction=True)
def test_the_person_report_is_prepared_by_a_job_whose_progress_shows_in_place_then_downloaded(
    live_server, job_worker, page, csp_violations, monkeypatch
):
    from teletravail.apps.jobs import documents

    render_pdf = documents.RENDERERS["pdf"][0]

    def slower_render(document):
        time.sleep(3)  # long enough for the page to show the rendering under way, as a long report's would
        return render_pdf(document)

    monkeypatch.setitem(documents.RENDERERS, "pdf", (slower_render, "application/pdf"))
    page.goto(
        f"{live_server.url}/simulateur/?mode=voiture_thermique&telework_days=2&office_days=3&method=default"
        "&distance_km=20"
    )
    page.get_by_role("link", name="Télécharger le rapport PDF").click()
    # The page answers at once: no worker yet, the job waits and the page says so.
    expect(page.get_by_role("heading", level=1)).to_have_text("Document rapport-simulation-teletravail.pdf")
    state = page.locator("#job-progress-text")
    expect(state).to_have_text("En attente d'un serveur de calcul…")
    expect(page.get_by_role("link", name="Actualiser l'avancement")).to_be_visible()
    page.evaluate("window.stillTheSamePage = true")

    job_worker()
    expect(state).to_contain_text("Préparation du document", timeout=20_000)  # in place, without reloading
    assert page.evaluate("window.stillTheSamePage") is True
    download_link = page.get_by_role("link", name="Télécharger le document")
    expect(download_link).to_be_visible(timeout=60_000)
    expect(state).to_have_text("Le document est prêt.")
    with page.expect_download() as pdf_download:
        download_link.click()
    assert Path(pdf_download.value.path()).read_bytes().startswith(b"%PDF")
    assert pdf_download.value.suggested_filename == "rapport-simulation-teletravail.pdf"
    assert csp_violations == []


@pytest.mark.django_db(transaction=True)
def test_the_employer_page_download_buttons_show_their_text(live_server, page):
    """Issue 16: on « Effets attendus » the PDF button was clipped to its icon."""
    organisation, admin = two_sites_and_one_known_member()
    sign_in(page, live_server.url, admin.user.email)
    page.wait_for_url(re.compile(r"/parcours/$"))
    page.goto(f"{live_server.url}/simulateur/organisation/{organisation.pk}/")
    for name in ("Télécharger le rapport PDF", "Télécharger les résultats (CSV)"):
        button = page.get_by_role("button", name=name)
        expect(button).to_be_visible()
        assert text_fits(button), name


@pytest.mark.django_db(transaction=True)
def test_the_territory_zone_is_chosen_by_its_name_in_the_list(
    live_server, page, settings, tmp_path, csp_violations, job_worker
):
    """Issue 16: the zone field took only « dep:01 »; a person types the start of « Ain » and chooses."""
    settings.MEDIA_ROOT = str(tmp_path)
    region = Region.objects.create(code="84", name="Auvergne-Rhône-Alpes", zone="metro")
    Departement.objects.create(code="01", name="Ain", region=region)
    page.goto(f"{live_server.url}/simulateur/territoire/")
    page.get_by_label("Fichier des flux domicile-travail").set_input_files(FD_MOBPRO)
    zone = page.get_by_role("combobox", name=re.compile("Zone"))
    zone.fill("")
    zone.press_sequentially("ain")
    page.get_by_role("listbox", name="Zones proposées").get_by_role("option", name="Ain (01)").click()
    expect(zone).to_have_value("Ain (01)")
    page.get_by_role("button", name="Calculer").click()
    wait_for_the_territory_result(page, job_worker)

    expect(page.get_by_text("Population présente en journée : gain ou perte par commune").first).to_be_visible()
    expect(page.get_by_role("combobox", name=re.compile("Zone"))).to_have_value("Ain (01)")
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
