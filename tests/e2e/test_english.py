"""An English page speaks English: the main pages of the demo organisation, opened in English, carry no French
sentence. A small detector flags words that only French uses; proper nouns and legal references are allowed."""

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
    r"Ministère[^\n]*|Gouvernement|Marianne|[\w.+-]+@[\w.-]+|Français|FR - Français",
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
    assert not french_words("Journey of Atelier Démo: 2 employees invited, Lyon 3e Arrondissement")
    assert not french_words("Telework days per week")


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
    from teletravail.apps.diagnostic.models import Action, Campaign, CampaignJob, JobActivity
    from teletravail.apps.organisations.models import Closure, Membership, Site, Team

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
        found = french_words(page.locator("main").inner_text(), names)
        if found:
            french[path] = found
    assert french == {}
