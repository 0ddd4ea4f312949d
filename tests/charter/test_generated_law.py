"""What a generated document says, read as a labour lawyer would: the CSE question answered, every hour paid, no
return on site imposed after an absence, public acts in correct French with their citations and the décret's limits,
notices and contact hours within the law, and every variant accepted by the checker."""

import re

import pytest

from teletravail.charter.assembly import assemble, render
from teletravail.charter.catalogue import load_catalogue
from teletravail.charter.checker import check_text
from teletravail.charter.errors import CharterInputError
from teletravail.charter.options import default_options, parse_options
from teletravail.documents import Heading
from teletravail.parameters import load_parameters
from tests.charter.conftest import WHEN
from tests.charter.helpers import answered


def _parameter(name):
    return load_parameters("charter")[name].at(WHEN).central


def _markdown(given):
    return render(assemble(parse_options(given, when=WHEN), when=WHEN).document, "md")


def _article(markdown, clause_id, sector):
    """The text of one article of a rendered Markdown document."""
    title = load_catalogue().clause(clause_id).topic_for(sector)
    match = re.search(rf"^## Article \d+ – {re.escape(title)}\n(.*?)(?=^## |\Z)", markdown, re.S | re.M)
    assert match, title
    return match.group(1)


WITH_CSE = {
    "organisation": {"has_cse": True, "cse_opinion_date": "2026-06-18"},
    "monitoring": {"cse_consulted": True},
}
WITHOUT_CSE = {"organisation": {"has_cse": False}}
VARIANTS = {
    "charte, avec CSE": ("prive", {"document_type": "charte", **WITH_CSE}),
    "charte, sans CSE": ("prive", {"document_type": "charte", **WITHOUT_CSE}),
    "accord, avec CSE": ("prive", {"document_type": "accord_entreprise", **WITH_CSE}),
    "accord, sans CSE": ("prive", {"document_type": "accord_entreprise", **WITHOUT_CSE}),
    "arrêté": ("public", {"document_type": "arrete"}),
    "délibération": ("public", {"document_type": "deliberation"}),
    "délibération, avis rendu": (
        "public",
        {"document_type": "deliberation", "organisation": {"committee_opinion_date": "2026-06-18"}},
    ),
    "décision": ("public", {"document_type": "decision"}),
}


# 1. The CSE: a required answer, never a default.


def test_a_private_document_without_the_cse_answer_is_refused_with_the_legal_threshold():
    threshold = _parameter("procedure.cse_headcount_threshold")
    for attempt in (lambda: parse_options({"sector": "prive"}), lambda: default_options("prive")):
        with pytest.raises(CharterInputError) as error:
            attempt()
        [line] = [line for line in error.value.lines() if "organisation.has_cse" in line]
        assert f"au moins {threshold:g} salariés" in line and "L2311-2" in line


@pytest.mark.parametrize("has_cse", [True, False])
def test_the_document_states_the_cse_answer_it_was_given(has_cse):
    article = _article(_markdown(answered({"sector": "prive"}, has_cse=has_cse)), "DOC-01", "prive")
    assert ("ne dispose pas de comité social et économique" in article) is (not has_cse)


def test_the_text_suggested_for_a_missing_adoption_clause_assumes_no_answer_on_the_cse():
    report = check_text("Article 1 – Préambule\n\nLe télétravail est ouvert à tous.", "prive", when=WHEN)
    [adoption] = [item for item in report.missing if item.id == "DOC-01"]
    assert "ne dispose pas de comité" not in adoption.text
    assert "comité social et économique, s'il existe" in adoption.text


# 2. Working time: every hour recorded and paid.


@pytest.mark.parametrize("control", sorted(load_catalogue().choices["working_time_control"]))
def test_every_hour_worked_is_recorded_and_paid_and_no_prior_approval_withholds_it(control):
    article = _article(_markdown(answered({"working_time_control": control})), "ORG-04", "prive")
    assert "Toutes les heures de travail accomplies sont enregistrées et rémunérées" in article
    assert "à sa connaissance" in article
    assert "accord préalable" not in article


def test_the_public_act_counts_and_compensates_every_hour():
    article = _article(_markdown({"sector": "public"}), "ORG-04", "public")
    assert "Toutes les heures de travail accomplies sont décomptées" in article
    assert "accord préalable" not in article


# 3. No return on site imposed after an absence; eligibility after the trial period.


@pytest.mark.parametrize("sector", ["prive", "public"])
def test_no_clause_sends_people_back_on_site_after_a_long_absence(sector):
    markdown = _markdown(answered({"sector": sector}) if sector == "prive" else {"sector": sector})
    assert "la reprise se fait sur site" not in markdown
    article = _article(markdown, "ELIG-13", sector)
    assert "reprend le télétravail dans les conditions qui étaient les siennes, sans période de présence imposée" in (
        article
    )
    assert "maladie" in article and "naissance" in article


def test_the_newcomer_rule_agrees_with_the_trial_period_condition():
    options = parse_options(answered(), when=WHEN)
    assert any("période d'essai" in condition for condition in options.eligibility.conditions)
    article = _article(_markdown(answered()), "ELIG-13", "prive")
    assert "à l'issue de sa période d'essai" in article
    assert f"après {options.onboarding_weeks} semaines de présence lorsque son contrat n'en prévoit pas" in article


# 4. Public acts: French, citations, every limit of the décret from the parameters.


@pytest.mark.parametrize(
    ("document_type", "taken"),
    [("arrete", "Il est pris"), ("deliberation", "Elle est prise"), ("decision", "Elle est prise")],
)
def test_public_acts_agree_with_their_gender_and_name_the_agent_correctly(document_type, taken):
    markdown = _markdown({"sector": "public", "document_type": document_type})
    assert f"{taken} en application du décret n° 2016-151" in markdown
    assert not re.search(r"\b(le|Le|du|au|de le) agents?\b", markdown)
    assert "l'agent" in markdown and "de l'agent" in markdown and "à l'agent" in markdown


@pytest.mark.parametrize("document_type", ["arrete", "deliberation", "decision"])
def test_public_acts_open_with_their_citations_before_the_articles(document_type):
    charter = assemble(parse_options({"sector": "public", "document_type": document_type}), when=WHEN)
    first_heading = next(i for i, block in enumerate(charter.document.blocks) if isinstance(block, Heading))
    citations = [block.text for block in charter.document.blocks[:first_heading]]
    assert citations[0] == "Vu le code général de la fonction publique, notamment son article L430-1 ;"
    assert citations[1].startswith("Vu le décret n° 2016-151 du 11 février 2016 modifié relatif aux conditions")
    assert any(text.startswith("Vu le décret n° 2021-1123 du 26 août 2021") for text in citations)
    assert citations[-1].startswith("Vu l'avis du comité social")


def test_the_allowance_citation_follows_the_allowance():
    charter = assemble(parse_options({"sector": "public", "allowance": {"mode": "frais_reels"}}), when=WHEN)
    assert not any("2021-1123" in getattr(block, "text", "") for block in charter.document.blocks[:5])


def test_public_acts_state_every_limit_of_the_decret_from_the_parameters():
    markdown = _markdown({"sector": "public"})
    rhythm = _article(markdown, "ORG-01", "public")
    assert f"dans la limite de {_parameter('public.max_telework_days_per_week'):g} jours par semaine" in rhythm
    assert f"ne peut être inférieur à {_parameter('public.min_onsite_days_per_week'):g} jours" in rhythm
    assert "article 4 du décret" in rhythm and "grossesse" in rhythm and "aidants" in rhythm
    expected = {
        "ELIG-04": f"délai de {_parameter('public.max_reply_delay_months'):g}\u00a0mois",
        "ELIG-07": f"ne peut excéder {_parameter('public.max_adaptation_period_months'):g} mois",
        "ELIG-08": f"{_parameter('public.end_notice_months'):g}\u00a0mois, ramené à ",
        "ELIG-10": f"{_parameter('public.derogation_health_max_months'):g} mois au plus",
        "ELIG-12": f"{_parameter('public.derogation_carer_max_months'):g} mois au plus",
        "EQ-05": f"{_parameter('public.home_visit_notice_working_days'):g} jours",
    }
    for clause_id, words in expected.items():
        assert words in _article(markdown, clause_id, "public"), clause_id


# 5. Notices and contact hours within the law.


@pytest.mark.parametrize(
    ("given", "option"),
    [
        (answered({"end_notice": "0 jours"}), "end_notice"),
        (answered({"adaptation_notice": "0 jour"}), "adaptation_notice"),
        (answered({"suspension_notice": "0 jours"}), "suspension_notice"),
        ({"sector": "public", "end_notice_adaptation": "0 mois"}, "end_notice_adaptation"),
    ],
)
def test_a_zero_day_notice_is_refused(given, option):
    with pytest.raises(CharterInputError) as error:
        parse_options(given, when=WHEN)
    minimum = _parameter("notice.min_days")
    assert any(
        line.startswith(f"« {option} » : un délai de prévenance est requis, d'au moins {minimum:g} jour")
        for line in error.value.lines()
    ), error.value.lines()


def test_contact_hours_that_break_the_daily_rest_are_refused():
    rest = _parameter("daily_rest_hours")
    with pytest.raises(CharterInputError) as error:
        parse_options(answered({"contact_hours": ["07:00-12:00", "14:00-21:00"]}), when=WHEN)
    [line] = error.value.lines()
    assert line.startswith("« contact_hours » :") and f"repos quotidien de {rest:g} heures" in line
    assert "L3131-1" in line
    longest = f"08:00-{8 + 24 - int(rest)}:00"
    assert parse_options(answered({"contact_hours": [longest]}), when=WHEN).contact_hours


# 6. The checker accepts every generated variant.


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_the_checker_accepts_every_generated_variant(variant):
    sector, given = VARIANTS[variant]
    charter = assemble(parse_options({"sector": sector, **given}, when=WHEN), when=WHEN)
    assert charter.errors == []
    report = check_text(render(charter.document, "md"), sector, when=WHEN)
    assert report.errors == []
    assert report.missing == []
    assert {item.id for item in report.covered} >= set(charter.clause_ids)
