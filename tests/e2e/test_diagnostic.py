"""A full diagnostic campaign in a real browser: the manager creates it, describes a job from a suggestion, invites
two employees; each answers (one differs from the manager), the manager answers, a shared decision settles the
difference; the results page passes axe, and the PDF report carries the charts."""

import io
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from pypdf import PdfReader

from teletravail.apps.diagnostic.selectors import criteria_by_tier
from tests.apps.diagnostic.factories import diagnostic_world
from tests.document_jobs import browser_download
from tests.e2e.conftest import run_axe
from tests.e2e.test_planner import sign_in
from tests.world import build_world


pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


def tick(page, activity, criterion):
    page.get_by_role("checkbox", name=f"{criterion} — {activity}").check()


def answer(page, base_url, organisation, name, ticks):
    """Open the participant's page (own or followed), then the answer form, tick and save."""
    page.goto(f"{base_url}/diagnostic/{organisation.pk}/")
    if name:
        page.get_by_role("link", name="Diagnostic 2026", exact=True).click()
        page.get_by_role("link", name=name).click()
    else:
        page.get_by_role("link", name=re.compile("Diagnostic 2026 — poste Comptable")).click()
    page.get_by_role("link", name=re.compile("^Évaluer")).click()
    for activity, _tier, criterion in ticks:
        tick(page, activity, criterion)
    page.get_by_role("button", name="Enregistrer l'évaluation").click()
    expect(page.get_by_text("Évaluation enregistrée.")).to_be_visible()


PAPER = ("Courrier papier", "Présence indispensable", "Originaux physiques non numérisables")
CONFIDENTIAL = ("Analyse des comptes", "Obstacle levable", "Confidentialité des données")


@pytest.mark.django_db(transaction=True)
def test_a_full_campaign_from_creation_to_the_pdf_report(live_server, job_worker, page, browser, csp_violations):
    world = build_world()
    base = live_server.url
    organisation = world.organisation
    sign_in(page, base, world.manager.user.email)

    page.goto(f"{base}/diagnostic/{organisation.pk}/")
    page.get_by_role("link", name="Nouvelle campagne").click()
    page.get_by_label("Intitulé de la campagne").fill("Diagnostic 2026")
    page.get_by_role("button", name="Créer la campagne").click()
    page.get_by_role("link", name="Ajouter un poste").click()
    page.get_by_label("Intitulé du poste").fill("Comptable")
    page.get_by_label(re.compile("Code PCS 2020")).fill("37C1")
    page.get_by_role("button", name="Ajouter le poste").click()

    page.get_by_role("link", name="Reprendre Courriels et échanges écrits").click()
    expect(page.get_by_label("Activité", exact=True)).to_have_value("Courriels et échanges écrits")
    page.get_by_label("Part du temps de travail (%)").fill("50")
    page.get_by_role("button", name="Ajouter l'activité").click()
    for name, share in (("Analyse des comptes", "40"), ("Courrier papier", "10")):
        page.get_by_label("Activité", exact=True).fill(name)
        page.get_by_label("Part du temps de travail (%)").fill(share)
        page.get_by_role("button", name="Ajouter l'activité").click()
        expect(page.get_by_text(f"Activité « {name} » ajoutée.")).to_be_visible()

    page.get_by_role("link", name="Retour à la campagne").click()
    page.get_by_role("link", name="Inviter des salariés").click()
    page.get_by_label("Poste évalué").select_option(label="Comptable")
    for name in ("Alice Essai (Alpha)", "Bruno Essai (Alpha)"):
        page.get_by_text(name, exact=True).click()
    page.get_by_role("button", name="Inviter").click()
    expect(page.get_by_text("2 membres invités")).to_be_visible()

    for member, ticks in ((world.members[0], [PAPER, CONFIDENTIAL]), (world.members[1], [PAPER])):
        context = browser.new_context(locale="fr-FR")
        employee = context.new_page()
        sign_in(employee, base, member.user.email)
        answer(employee, base, organisation, None, ticks)
        context.close()

    for name in ("Alice Essai", "Bruno Essai"):
        answer(page, base, organisation, name, [PAPER])
        page.get_by_role("button", name="Valider tous les accords").click()
        expect(page.get_by_text(re.compile(r"\d accords? validés?\."))).to_be_visible()

    # Alice and her manager differ on the analysis: the decision page shows both views, the shared decision is taken.
    page.get_by_role("link", name="Retour au diagnostic").click()
    page.get_by_role("link", name="Diagnostic 2026", exact=True).click()
    page.get_by_role("link", name="Alice Essai").click()
    expect(page.get_by_text("Regards différents")).to_be_visible()
    page.get_by_role("link", name="Décider — Analyse des comptes").click()
    expect(page.get_by_role("heading", name="Regard d'Alice Essai")).to_be_visible()
    page.get_by_role("group", name=re.compile("Obstacle levable")).get_by_text(CONFIDENTIAL[2], exact=True).click()
    page.get_by_label(re.compile(r"\bNote\b")).fill("Un coffre numérique sera ouvert.")
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_text("Jours de télétravail conseillés par semaine")).to_be_visible()

    results_url = (
        f"{base}/diagnostic/{organisation.pk}/campagnes/{organisation.diagnostic_campaigns.get().pk}/resultats/"
    )
    page.goto(results_url)
    title = "Part du temps de travail télétravaillable, par poste"
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    page.get_by_role("link", name="Télécharger le rapport (PDF)").click()
    reader = PdfReader(io.BytesIO(open(browser_download(page, job_worker).path(), "rb").read()))
    text = " ".join(" ".join((pdf_page.extract_text() or "").split()) for pdf_page in reader.pages)
    assert title in text
    assert "Postes entièrement télétravaillables : diagnostic et référence nationale" in text
    assert "Obstacles à lever, par part du temps de travail retenue" in text
    assert csp_violations == []

    axe_context = browser.new_context(bypass_csp=True, locale="fr-FR")
    axe_page = axe_context.new_page()
    sign_in(axe_page, base, world.manager.user.email)
    axe_page.goto(results_url)
    assert run_axe(axe_page) == []
    axe_context.close()


@pytest.mark.django_db(transaction=True)
def test_the_employee_contests_a_decision_and_the_manager_sees_it(live_server, browser):
    """Issue 16: the employee sees each shared decision and accepts or contests it; the pages pass axe."""
    from tests.apps.diagnostic.factories import decide_all

    dworld = diagnostic_world(invite=1)
    alice = dworld.campaign.participants.get()
    decide_all(alice, dworld)
    base = live_server.url
    own_page = f"{base}/diagnostic/{dworld.organisation.pk}/campagnes/{dworld.campaign.pk}/participants/{alice.pk}/"

    context = browser.new_context(bypass_csp=True, locale="fr-FR")  # bypassed for axe's inline script only
    employee = context.new_page()
    sign_in(employee, base, alice.membership.user.email)
    employee.goto(own_page)
    assert run_axe(employee) == []
    employee.get_by_label(re.compile("Votre commentaire.*Relances téléphoniques")).fill("Un casque suffit.")
    employee.get_by_role("button", name="Je conteste la décision — Relances téléphoniques").click()
    expect(employee.get_by_text("Vous contestez la décision sur « Relances téléphoniques »")).to_be_visible()
    employee.get_by_role("button", name="J'accepte la décision — Courrier papier").click()
    expect(employee.get_by_text("Vous acceptez la décision sur « Courrier papier ».")).to_be_visible()
    context.close()

    manager = browser.new_context(locale="fr-FR").new_page()
    sign_in(manager, base, dworld.world.manager.user.email)
    manager.goto(own_page)
    calls = manager.get_by_role("row", name=re.compile("^Relances téléphoniques"))
    expect(calls.get_by_text("Contestée par le salarié")).to_be_visible()
    expect(calls.get_by_text("« Un casque suffit. »")).to_be_visible()
    expect(manager.get_by_role("button", name=re.compile("Je conteste"))).to_have_count(0)
    manager.get_by_role("link", name="Revoir la décision — Relances téléphoniques").click()
    expect(manager.get_by_role("table", name="Les deux regards, critère par critère")).to_be_visible()
    manager.context.close()


FIVE_ACTIVITIES = (
    ("Saisie comptable", 30, []),
    ("Relances téléphoniques", 20, []),
    ("Analyse des comptes", 20, []),
    ("Courrier papier", 10, []),
    ("Accueil des clients", 20, []),
)
# Issue 16: the five-activity form was 6,855 px tall (85 checkboxes, one fieldset per activity and tier).
COMPACT_HEIGHT = 3000


@pytest.mark.django_db(transaction=True)
def test_a_five_activity_assessment_fits_in_a_few_screens_and_is_answered_by_keyboard(
    live_server, page, browser, csp_violations
):
    dworld = diagnostic_world(activities=FIVE_ACTIVITIES, invite=1)
    member = dworld.world.members[0]
    participant = dworld.campaign.participants.get()
    path = reverse(
        "diagnostic:assess",
        kwargs={
            "organisation_id": dworld.organisation.pk,
            "campaign_id": dworld.campaign.pk,
            "participant_id": participant.pk,
        },
    )
    criteria = sum(len(of_tier) for _tier, of_tier in criteria_by_tier())
    sign_in(page, live_server.url, member.user.email)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + path)
    expect(page.get_by_role("checkbox")).to_have_count(5 * criteria)
    height = page.evaluate("document.documentElement.scrollHeight")
    print(f"five-activity assessment form: {height} px tall at 1280 px wide")
    assert height <= COMPACT_HEIGHT, height

    # Each checkbox is named by its criterion and its activity; the keyboard ticks and moves on.
    paper = page.get_by_role("checkbox", name="Originaux physiques non numérisables — Courrier papier")
    paper.focus()
    page.keyboard.press("Space")
    expect(paper).to_be_checked()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "checkbox"
    page.keyboard.press("Space")
    page.get_by_label(re.compile("Commentaire sur « Courrier papier »")).fill("Le courrier arrive au siège.")
    page.get_by_role("button", name="Enregistrer l'évaluation").click()
    expect(page.get_by_text("Évaluation enregistrée.")).to_be_visible()
    answers = {answer.activity.name: answer for answer in participant.answers.select_related("activity")}
    assert "originaux_physiques" in answers["Courrier papier"].criteria
    assert len(answers["Courrier papier"].criteria) + len(answers["Accueil des clients"].criteria) == 2
    assert answers["Courrier papier"].comment == "Le courrier arrive au siège."
    assert csp_violations == []

    axe_context = browser.new_context(bypass_csp=True, locale="fr-FR")
    axe_page = axe_context.new_page()
    sign_in(axe_page, live_server.url, member.user.email)
    axe_page.goto(live_server.url + path)
    # Saved ticks are shown again, in the same place.
    expect(
        axe_page.get_by_role("checkbox", name="Originaux physiques non numérisables — Courrier papier")
    ).to_be_checked()
    assert run_axe(axe_page) == []
    axe_context.close()
