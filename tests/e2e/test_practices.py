"""A practices campaign in a real browser, in the demo organisation with six more employees: the employer admin opens
it, an employee answers through the form (the others through the service), the team results hide a group under the
threshold, a weak point becomes an action of the plan, the campaign is re-run as the six-month review and its report,
downloaded as PDF, shows before and after."""

import io
import re
from dataclasses import replace

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from teletravail.apps.home import world as worlds
from teletravail.apps.organisations.models import Membership, Role
from teletravail.apps.practices.models import Campaign
from tests.apps.practices.factories import answer, close
from tests.conftest import TEST_PASSWORD
from tests.e2e.conftest import run_axe
from tests.e2e.test_planner import sign_in
from tests.world import communes


pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

NEWCOMERS = ("Inès Garnier", "Jules Faure", "Léa Marchand", "Noé Blanc", "Rose Chevalier", "Théo Robin")


def demo_with_more_employees():
    """The demo organisation of the product's builder, with six more employees in « Développement »: seven there
    with Sarah Benali, and one in « Relation clients », a group under the threshold."""
    people = [
        worlds.Person(
            f"dev{index}", name, f"dev{index}@{worlds.DEMO_DOMAIN}", role=Role.EMPLOYEE, team="Développement"
        )
        for index, name in enumerate(NEWCOMERS)
    ]
    people.append(
        worlds.Person(
            "client", "Yanis Colin", f"client@{worlds.DEMO_DOMAIN}", role=Role.EMPLOYEE, team="Relation clients"
        )
    )
    communes()
    return worlds.build_world(
        replace(worlds.DEMO, people=(*worlds.DEMO.people, *people)), modules=False, password=TEST_PASSWORD
    )


def employees(world):
    return list(Membership.objects.filter(organisation=world.organisation, role=Role.EMPLOYEE).select_related("user"))


@pytest.mark.django_db(transaction=True)
def test_a_campaign_its_results_an_action_and_the_six_month_review(live_server, page, browser, csp_violations):
    world = demo_with_more_employees()
    base = live_server.url
    organisation = world.organisation
    assert len([m for m in employees(world) if m.team_id == world.team.pk]) >= 6

    sign_in(page, base, world.admin.user.email)
    page.goto(f"{base}/pratiques/{organisation.pk}/")
    page.get_by_role("link", name="Ouvrir une campagne").click()
    page.get_by_label("Intitulé de la campagne").fill("Pratiques 2026")
    page.get_by_role("button", name="Ouvrir la campagne").click()
    expect(page.get_by_text("Campagne ouverte")).to_be_visible()
    campaign = Campaign.objects.get(organisation=organisation)

    # One employee answers in the browser, the others through the service.
    page.context.clear_cookies()
    sign_in(page, base, world.employee.user.email)
    page.goto(f"{base}/pratiques/{organisation.pk}/")
    page.get_by_role("link", name="Répondre à « Pratiques 2026 »").click()
    for group in page.locator("fieldset.fr-fieldset .fr-fieldset__element").all():
        radios = group.get_by_role("radio")
        if radios.count():
            radios.first.check(force=True)
    page.get_by_role("button", name="Envoyer mes réponses").click()
    expect(page.get_by_text("Merci : vos réponses sont enregistrées")).to_be_visible()
    for membership in employees(world):
        if membership.pk != world.employee.pk:
            answer(campaign, membership, level="low")

    page.context.clear_cookies()
    sign_in(page, base, world.admin.user.email)
    results_url = f"{base}/pratiques/{organisation.pk}/campagnes/{campaign.pk}/resultats/"
    page.goto(results_url)
    expect(page.get_by_text("Masqué : moins de 5 réponses").first).to_be_visible()
    expect(page.get_by_role("cell", name="Relation clients").first).to_be_visible()
    axe_context = browser.new_context(bypass_csp=True, locale="fr-FR")
    axe_page = axe_context.new_page()
    sign_in(axe_page, base, world.admin.user.email)
    axe_page.goto(results_url)
    assert run_axe(axe_page) == []
    axe_context.close()
    page.get_by_role("button", name=re.compile("^Ajouter au plan d'action")).first.click()
    expect(page.get_by_text(re.compile("ajoutée au plan d'action"))).to_be_visible()

    page.goto(f"{base}/pratiques/{organisation.pk}/campagnes/{campaign.pk}/")
    page.get_by_role("link", name="Clore la campagne").click()
    page.get_by_role("button", name="Clore la campagne").click()
    expect(page.get_by_text("Campagne close")).to_be_visible()
    page.get_by_role("link", name="Refaire la campagne en bilan à six mois").click()
    page.get_by_role("button", name="Ouvrir le bilan").click()
    expect(page.get_by_text("Bilan à six mois ouvert")).to_be_visible()
    review = Campaign.objects.get(review_of=campaign)
    for membership in employees(world):
        answer(review, membership, level="high")
    close(review)

    page.goto(f"{base}/pratiques/{organisation.pk}/campagnes/{review.pk}/bilan/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Avant / après")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger le rapport du bilan (PDF)").click()
    pages = PdfReader(io.BytesIO(download_info.value.path().read_bytes())).pages
    text = " ".join(" ".join(sheet.extract_text() for sheet in pages).split())
    assert "Score avant" in text and "Score après" in text and "n reliés" in text
    # Low answers at first (the browser's respondent took the first choices), the highest ones at the review: every
    # respondent linked, 100 after, a rise with its interval.
    assert re.search(r"Organisation du travail (\d+) \1 \1 \d+ 100 \+[\d,]+ \[[\d,]+ ; 100\]", text)
    assert csp_violations == []
