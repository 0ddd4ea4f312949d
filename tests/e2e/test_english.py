"""An English page speaks English: the main pages of the demo organisation, opened in English, carry no French
sentence. A small detector flags words that only French uses; proper nouns, legal references, quotations (“…”) and
the French document's own text (marked lang="fr") are allowed."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from teletravail.apps.home.demo import create_demo
from tests.e2e.test_journeys import sign_in
from tests.factories import make_commune


pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

# Words an English sentence never holds, but nearly every French one does.
FRENCH_WORDS = {
    "le", "la", "les", "des", "du", "au", "aux", "est", "sont", "et", "ou", "pour", "avec", "sans", "sur", "dans",
    "une", "un", "par", "qui", "que", "vous", "votre", "vos", "ses", "leur", "leurs", "être", "pas", "ne", "plus",
    "jours", "jour", "salarié", "salariés", "équipe", "équipes", "télétravail", "semaine", "mois", "année",
    "enregistrer", "annuler", "modifier", "supprimer", "ajouter", "télécharger", "oui", "non", "aucun", "aucune",
}  # fmt: skip
# Proper nouns and names of French things that stay French in English (places, the demo, legal texts).
ALLOWED = re.compile(
    r"Atelier Démo|Lyon[^,;.\n]*|Saint-Étienne|Auvergne-Rhône-Alpes|Code du travail|Objectif Télétravail|"
    r"Légifrance|France Travail|Île-de-France|République française|Système de design de l'État|"
    r"Ministère[^\n]*|Gouvernement|Marianne|[\w.+-]+@[\w.-]+|Français|FR - Français|forfait jours|"
    r"“[^”\n]*”",  # a quotation: what the person types in French, or a French publication's title
)


def french_words(text, names=()):
    """The lines of `text` holding French words once the allowed names and the `names` people typed (teams,
    activities, campaigns: their own words, in their language) are taken out."""
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, " ")
    text = ALLOWED.sub(" ", text)
    found = []
    for line in text.splitlines():
        words = re.findall(r"[\wÀ-ÿ'’-]+", line)
        if any(word.lower() in FRENCH_WORDS for word in words):
            found.append(line.strip()[:120])
    return found


def test_the_detector_flags_french_and_passes_english_and_names():
    assert french_words("Les salariés invités")
    assert french_words("2 jours par semaine")
    assert french_words("« Le document de télétravail est adopté »")
    assert not french_words("for example “15 jours”, “2 semaines”")
    assert not french_words("Journey of Atelier Démo: 2 employees invited, Lyon 3e Arrondissement")
    assert not french_words("Telework days per week")


def english_text(page):
    """The text of the page's main content, without what it shows in French on purpose (lang="fr")."""
    # Taken out of the page itself: their text, read apart, does not always match the page's text (spaces, breaks).
    page.locator("main").evaluate("main => main.querySelectorAll('[lang=\"fr\"]').forEach(node => node.remove())")
    return page.locator("main").inner_text()


def demo_pages(organisation):
    """The pages of what the demo holds: its campaign and its results, its charter documents, its teams' plans."""
    from teletravail.apps.charters.models import CharterDocument
    from teletravail.apps.diagnostic.models import Campaign

    pages = []
    for campaign in Campaign.objects.filter(organisation=organisation):
        kwargs = {"organisation_id": organisation.pk, "campaign_id": campaign.pk}
        pages += [reverse("diagnostic:campaign", kwargs=kwargs), reverse("diagnostic:results", kwargs=kwargs)]
    for document in CharterDocument.objects.filter(organisation=organisation):
        pages.append(
            reverse("charters:document", kwargs={"organisation_id": organisation.pk, "document_id": document.pk})
        )
    return pages


def typed_names(organisation):
    """What the demo's people typed: names of teams, sites, jobs, activities, campaigns, documents, closures."""
    from teletravail.apps.actionplan.models import Action as PlanAction
    from teletravail.apps.diagnostic.models import Action, Campaign, CampaignJob, JobActivity
    from teletravail.apps.organisations.models import Closure, Membership, Site, Team
    from teletravail.apps.practices.models import Campaign as PracticesCampaign

    names = {organisation.name}
    names |= set(Team.objects.filter(organisation=organisation).values_list("name", flat=True))
    names |= set(Site.objects.filter(organisation=organisation).values_list("name", flat=True))
    names |= set(Closure.objects.filter(organisation=organisation).values_list("label", flat=True))
    names |= set(Campaign.objects.filter(organisation=organisation).values_list("title", flat=True))
    names |= set(CampaignJob.objects.filter(campaign__organisation=organisation).values_list("title", flat=True))
    names |= set(JobActivity.objects.filter(job__campaign__organisation=organisation).values_list("name", flat=True))
    for field in ("what", "who"):
        names |= set(Action.objects.filter(campaign__organisation=organisation).values_list(field, flat=True))
    names |= set(Membership.objects.filter(organisation=organisation).values_list("user__full_name", flat=True))
    # The action plan's items and the practices campaigns' titles are stored as written (in the organisation's
    # language), as the diagnostic's actions are.
    for field in ("title", "detail"):
        names |= set(PlanAction.objects.filter(organisation=organisation).values_list(field, flat=True))
    names |= set(PracticesCampaign.objects.filter(organisation=organisation).values_list("title", flat=True))
    return {name for name in names if name}


@pytest.fixture
def demo(db):
    make_commune("69383", "Lyon 3e Arrondissement", "lyon 3e arrondissement")
    make_commune("42218")
    return create_demo()


@pytest.mark.django_db(transaction=True)
def test_the_main_pages_in_english_carry_no_french_sentence(live_server, page, demo):
    admin = next(credential for credential in demo.credentials if credential.email.startswith("admin@"))
    sign_in(page, live_server.url, admin.email, admin.password)
    page.wait_for_url(re.compile(r"/parcours/$"))
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    kwargs = {"organisation_id": demo.organisation.pk}
    pages = [
        reverse(name, kwargs=kwargs)
        for name in (
            "home:journey",
            "organisations:members",
            "simulator:organisation",
            "diagnostic:index",
            "planner:index",
            "charters:index",
            "organisations:consultants",
            "organisations:audit_log",
            "organisations:settings",
        )
    ]
    pages += demo_pages(demo.organisation)
    names = typed_names(demo.organisation)
    french = {}
    for path in pages:
        page.goto(live_server.url + path)
        expect(page.locator("html")).to_have_attribute("lang", "en")
        found = french_words(english_text(page), names)
        if found:
            french[path] = found
    assert french == {}


def sign_in_in_english(page, base_url, credential):
    page.context.clear_cookies()
    sign_in(page, base_url, credential.email, credential.password)
    page.wait_for_url(lambda url: "/connexion/" not in url)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": base_url}])


def walk(page, base_url, paths, names):
    """{path: French lines} of the pages that hold some."""
    french = {}
    for path in paths:
        page.goto(base_url + path)
        expect(page.locator("html")).to_have_attribute("lang", "en")
        found = french_words(english_text(page), names)
        if found:
            french[path] = found
    return french


@pytest.mark.django_db(transaction=True)
def test_the_criteria_the_charter_options_and_the_dates_are_english_on_english_pages(live_server, page, demo):
    """The diagnostic's criteria (from a data file), the charter stepper's option lists and the dates were French or
    month-first on English pages."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from teletravail.apps.charters import selectors as charters
    from teletravail.apps.charters import services
    from teletravail.apps.diagnostic.models import Participant
    from teletravail.apps.organisations.services import invite_member
    from teletravail.french import long_date

    organisation = demo.organisation
    admin, employee = (
        next(credential for credential in demo.credentials if credential.email.startswith(key))
        for key in ("admin@", "salarie@")
    )
    admin_user = get_user_model().objects.get(email=admin.email)
    document = services.create_document(organisation=organisation, sector="prive", document_type="charte", actor=None)
    draft = charters.draft_of(document)
    draft["organisation"]["has_cse"] = False
    services.save_draft(document=document, options=draft)
    # Recorded in French: the notices of the adoption are read in English all the same by an English reader.
    services.save_version(document=document, options=draft, actor=admin_user, force=True)
    services.record_procedure(document=document, actor=admin_user, employees_informed_date=timezone.localdate())
    invitation = invite_member(organisation=organisation, actor=admin_user, email="new@example.org", full_name="Noa")
    names = typed_names(organisation) | {"Noa"}

    sign_in_in_english(page, live_server.url, employee)
    participant = Participant.objects.get(membership__user__email=employee.email)
    kwargs = {"organisation_id": organisation.pk, "campaign_id": participant.campaign_id}
    kwargs["participant_id"] = participant.pk
    assessment = [reverse("diagnostic:assess", kwargs=kwargs), reverse("diagnostic:participant", kwargs=kwargs)]
    french = walk(page, live_server.url, assessment, names)
    page.goto(live_server.url + assessment[0])
    expect(page.locator("main")).to_contain_text("Work on site")

    sign_in_in_english(page, live_server.url, admin)
    on_document = {"organisation_id": organisation.pk, "document_id": document.pk}
    steps = [reverse("charters:step", kwargs={**on_document, "number": number}) for number in range(1, 9)]
    french |= walk(page, live_server.url, steps, names)
    page.goto(live_server.url + steps[3])
    expect(page.locator("main")).to_contain_text("A third place or coworking space, in France")

    kwargs = {"organisation_id": organisation.pk}
    dated = [
        reverse(name, kwargs=kwargs)
        for name in ("home:journey", "organisations:members", "organisations:audit_log", "charters:index")
    ]
    dated += [reverse("charters:document", kwargs=on_document), reverse("notifications:list")]
    french |= walk(page, live_server.url, dated, names)
    assert french == {}
    page.goto(live_server.url + dated[0])
    review = charters.review_date(charters.procedure_status(organisation))
    expect(page.locator("main")).to_contain_text(long_date(review, "en"))  # was « June 7, 2027 »
    page.goto(live_server.url + dated[1])
    expires = timezone.localtime(invitation.expires_at).date()
    expect(page.locator("main")).to_contain_text(long_date(expires, "en"))


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "document, sector",
    [
        ("charte_privee_illicite.md", "prive"),
        ("acte_public_illicite.md", "public"),
        ("charte_privee_conforme.md", "prive"),
    ],
)
def test_the_checker_speaks_english_on_an_english_page_for_a_real_charter(live_server, page, document, sector):
    """The checker's findings, clause requirements and covered clauses were French on English pages; the document's
    own words (its headings, passages and the French clause text to add) are marked lang="fr"."""
    from tests.e2e.test_charters import CORPUS
    from tests.world import build_world

    world = build_world()
    world.organisation.sector = sector
    world.organisation.save(update_fields=["sector"])
    sign_in(page, live_server.url, world.admin.user.email)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(f"{live_server.url}/charte/{world.organisation.pk}/verifier/")
    page.locator("#id_document").set_input_files(CORPUS / document)
    page.get_by_role("button", name="Check", exact=True).click()
    expect(page.get_by_role("heading", level=2, name="Result")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    main = page.locator("main")
    if "illicite" in document:
        expect(main).to_contain_text("is unlawful" if sector == "prive" else "above the ceiling of 3 days")
        expect(main).to_contain_text("The text must state:")
    else:
        expect(main.get_by_role("table")).to_be_visible()
    assert french_words(english_text(page), typed_names(world.organisation)) == []
