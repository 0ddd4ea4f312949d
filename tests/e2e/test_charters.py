"""An employer admin writes the telework charter in a real browser: pre-filled steps, a live warning, a saved version
downloaded as DOCX, a second version named in the history; a public employer meets the ceiling of 3 days."""

import re
from pathlib import Path

import docx
import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from teletravail.apps.diagnostic import selectors as diagnostic
from teletravail.apps.planner.models import PlanStatus, TeamPlan
from tests.apps.planner.factories import next_monday
from tests.document_jobs import browser_download
from tests.e2e.conftest import run_axe
from tests.e2e.test_planner import sign_in
from tests.world import build_world


pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

ACTIVITY = "Instruction des dossiers de subvention"
CORPUS = Path(__file__).resolve().parents[1] / "charter" / "corpus"


def click_next(page):
    page.get_by_role("button", name="Suivant").click()


@pytest.mark.django_db(transaction=True)
def test_admin_walks_the_charter_form_saves_two_versions_and_downloads_the_docx(
    live_server, job_worker, page, browser, csp_violations, monkeypatch
):
    monkeypatch.setattr(diagnostic, "eligible_activities", lambda organisation: [ACTIVITY])
    world = build_world()
    TeamPlan.objects.create(
        team=world.team,
        start=next_monday(),
        weeks=1,
        days=["lun", "mar", "mer", "jeu", "ven"],
        max_telework_days_per_week=3,
        anchor_days=1,
        status=PlanStatus.PUBLISHED,
        published_at=timezone.now(),
    )
    base = f"{live_server.url}/charte/{world.organisation.pk}/"
    sign_in(page, live_server.url, world.admin.user.email)
    page.goto(base)
    page.get_by_role("link", name="Rédiger un nouveau document").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Type de document")
    expect(page.get_by_label("Secteur privé")).to_be_checked()
    page.get_by_role("combobox", name=re.compile("Type de document")).select_option("charte")
    click_next(page)

    expect(page.get_by_role("heading", level=1)).to_contain_text("Cadre et adoption")
    expect(page.get_by_label(re.compile("Nom de l'employeur"))).to_have_value(world.organisation.name)
    expect(page.get_by_label(re.compile("Personnel concerné"))).to_have_value(re.compile("Site Nord"))
    # Whether there is a CSE is asked, never pre-ticked (even for 42 people), with the legal threshold next to it.
    cse = page.get_by_role("group", name=re.compile("L'entreprise a-t-elle un comité social et économique"))
    expect(cse).to_contain_text("au moins 11 salariés")
    expect(cse.get_by_label("Oui", exact=True)).not_to_be_checked()
    expect(cse.get_by_label("Non", exact=True)).not_to_be_checked()
    click_next(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cadre et adoption")  # refused without the answer
    expect(cse).to_contain_text("Ce champ est obligatoire")
    cse.get_by_label("Non", exact=True).check(force=True)  # the employer states there is none
    click_next(page)

    expect(page.get_by_role("heading", level=1)).to_contain_text("Éligibilité")
    expect(page.get_by_label(re.compile("Activités éligibles"))).to_have_value(ACTIVITY)
    click_next(page)

    expect(page.get_by_role("heading", level=1)).to_contain_text("Rythme et lieux")
    expect(page.get_by_label(re.compile("Jours de télétravail au plus"))).to_have_value("3")
    expect(page.get_by_label(re.compile("Jour de présence commun"))).to_be_checked()
    click_next(page)

    expect(page.get_by_role("heading", level=1)).to_contain_text("Temps de travail")
    click_next(page)

    expect(page.get_by_role("heading", level=1)).to_contain_text("Équipement et frais")
    findings = page.locator("#charter-findings")
    expect(findings).to_contain_text("Aucune erreur ni avertissement")
    page.get_by_label(re.compile("Montant de l'allocation")).fill("5")
    expect(findings).to_contain_text("au-delà du plafond d'exonération")  # live, without reloading
    page.get_by_label(re.compile("Montant de l'allocation")).fill("2,50")
    expect(findings).to_contain_text("Aucune erreur ni avertissement")
    click_next(page)

    expect(page.get_by_role("heading", level=1)).to_contain_text("Contrôle et circonstances exceptionnelles")
    click_next(page)

    expect(page.get_by_role("heading", level=1)).to_contain_text("Récapitulatif")
    page.get_by_role("button", name="Enregistrer la version").click()
    expect(page.get_by_text("Version 1 enregistrée.")).to_be_visible()
    document_url = page.url

    page.get_by_role("link", name="Télécharger (DOCX)").click()
    paragraphs = [paragraph.text for paragraph in docx.Document(browser_download(page, job_worker).path()).paragraphs]
    articles = [text for text in paragraphs if re.match(r"^Article \d+ – ", text)]
    assert len(articles) > 20 and articles[0].startswith("Article 1 – ")
    assert any(ACTIVITY in text for text in paragraphs)

    page.goto(document_url)
    page.get_by_role("link", name="Modifier (nouvelle version)").click()
    page.goto(document_url + "etapes/4/")
    page.get_by_label(re.compile("Jours de télétravail au plus")).fill("2")
    click_next(page)
    page.goto(document_url + "etapes/8/")
    page.get_by_role("button", name="Enregistrer la version").click()
    expect(page.get_by_text("Version 2 enregistrée.")).to_be_visible()
    expect(page.locator("table").last).to_contain_text("Jours de télétravail au plus : 3 → 2.")
    assert csp_violations == []

    axe_context = browser.new_context(bypass_csp=True, locale="fr-FR")
    axe_page = axe_context.new_page()
    sign_in(axe_page, live_server.url, world.admin.user.email)
    for url in (document_url + "etapes/6/", document_url + "etapes/2/", document_url, base + "verifier/"):
        axe_page.goto(url)
        assert run_axe(axe_page) == [], url
    axe_context.close()


@pytest.mark.django_db(transaction=True)
def test_a_public_act_with_four_days_and_no_derogation_shows_the_error(live_server, page, monkeypatch):
    monkeypatch.setattr(diagnostic, "eligible_activities", lambda organisation: [])
    world = build_world(sector="public")
    sign_in(page, live_server.url, world.admin.user.email)
    page.goto(f"{live_server.url}/charte/{world.organisation.pk}/nouveau/")
    expect(page.get_by_label("Secteur public")).to_be_checked()
    page.get_by_role("combobox", name=re.compile("Type de document")).select_option("deliberation")
    click_next(page)
    document_url = page.url.removesuffix("etapes/2/")
    page.goto(document_url + "etapes/4/")
    page.get_by_label(re.compile("Jours de télétravail au plus")).fill("4")
    expect(page.locator("#charter-findings")).to_contain_text("sans dérogation prévue par l'article 4 du décret")
    click_next(page)
    page.goto(document_url + "etapes/8/")
    expect(page.get_by_text(re.compile("au-delà du plafond de 3 jours"))).to_be_visible()
    page.get_by_role("button", name="Enregistrer la version").click()
    expect(page.get_by_text(re.compile("Le document enfreint 1 règle"))).to_be_visible()
    expect(page.get_by_label(re.compile("Enregistrer malgré les erreurs"))).not_to_be_checked()


@pytest.mark.django_db(transaction=True)
def test_the_checker_shows_the_four_groups_of_a_bad_charter_accessibly(live_server, job_worker, browser):
    world = build_world()
    context = browser.new_context(bypass_csp=True, locale="fr-FR")  # axe-core is injected as a script
    page = context.new_page()
    sign_in(page, live_server.url, world.admin.user.email)
    page.goto(f"{live_server.url}/charte/{world.organisation.pk}/verifier/")
    page.locator("#id_document").set_input_files(CORPUS / "charte_privee_illicite.md")
    page.get_by_role("button", name="Vérifier", exact=True).click()
    headings = page.get_by_role("heading", level=3)
    expect(headings.first).to_have_text("Clauses contraires à la loi")
    for name in ("Clauses obligatoires manquantes", "Points d'attention et passages à relire", "Clauses couvertes"):
        expect(page.get_by_role("heading", level=3, name=name)).to_be_visible()
    errors = page.get_by_role("list").filter(has_text="Article 10 – Refus du salarié")
    expect(errors).to_contain_text("C. trav. L1222-9 III")
    expect(page.locator("#checker-disclaimer")).to_contain_text("pas un avis juridique")
    assert run_axe(page) == []
    page.get_by_role("link", name=re.compile("^PDF")).click()
    download = browser_download(page, job_worker)
    assert download.suggested_filename == "rapport-de-verification-charte_privee_illicite.pdf"
    text = "".join(page_.extract_text() for page_ in PdfReader(download.path()).pages)
    assert "Clauses contraires à la loi" in text and "Article 10 – Refus du salarié" in text
    context.close()
