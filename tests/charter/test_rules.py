"""Each validation rule with a case that fails it and one that passes it, on facts built directly."""

import re
from dataclasses import replace
from datetime import date

import pytest

from teletravail.charter.catalogue import load_catalogue
from teletravail.charter.rules import Allowance, Derogation, Facts, validate
from teletravail.parameters import load_parameters


WHEN = date(2026, 9, 1)


def complete(sector, **changes):
    """Facts of a document holding every clause of its sector, with nothing risky."""
    covered = frozenset(clause.id for clause in load_catalogue().for_sector(sector))
    return replace(Facts(sector=sector, covered=covered, when=WHEN, committee_opinion_known=False), **changes)


def without(facts, *clause_ids):
    return replace(facts, covered=facts.covered - set(clause_ids))


def findings(facts, rule=None):
    return [(f.id, f.severity) for f in validate(facts) if rule is None or f.rule == rule]


def ceiling(name):
    return load_parameters("charter")[name].at(WHEN).central


@pytest.mark.parametrize("sector", ["prive", "public"])
def test_a_complete_document_has_no_finding(sector):
    assert findings(complete(sector)) == []


@pytest.mark.parametrize(
    "clause_id", ["ELIG-02", "ELIG-03", "ORG-04", "ORG-05", "ELIG-10", "ELIG-11", "ELIG-12", "ELIG-08"]
)
def test_rule_1_each_l1222_9_item_missing_is_an_error(clause_id):
    found = validate(without(complete("prive"), clause_id))
    assert [(f.id, f.severity, f.rule) for f in found] == [(clause_id, "erreur", 1)]
    assert "L1222-9" in found[0].legal_basis
    assert "clause absente" in found[0].message


def test_rule_2_a_charter_needs_the_cse_opinion_date():
    facts = complete("prive", document_type="charte", has_cse=True)
    assert findings(facts, rule=2) == [("DOC-01", "erreur")]
    assert findings(replace(facts, cse_opinion_date=date(2026, 6, 1)), rule=2) == []
    assert findings(replace(facts, document_type="accord_entreprise"), rule=2) == []


def test_rule_2_a_charter_with_union_delegates_follows_a_failed_negotiation():
    facts = complete("prive", document_type="charte", has_union_delegate=True, disconnect_agreement=True)
    assert findings(facts, rule=2) == [("DOC-01", "avertissement")]
    assert findings(replace(facts, failed_negotiation=True), rule=2) == []


@pytest.mark.parametrize("clause_id", ["ELIG-01", "ELIG-05"])
def test_rule_3_eligibility_and_reasoned_refusal_are_required(clause_id):
    assert findings(without(complete("prive"), clause_id)) == [(clause_id, "erreur")]


@pytest.mark.parametrize("clause_id", ["ELIG-06", "ELIG-09", "ORG-07", "EQ-02", "EQ-06", "RIGHTS-01", "EXC-01"])
def test_rule_4_missing_restatements_are_warnings(clause_id):
    assert findings(without(complete("prive"), clause_id)) == [(clause_id, "avertissement")]


@pytest.mark.parametrize(
    ("days", "derogation", "expected"),
    [
        (3, None, []),
        (3.5, None, [("ORG-01", "erreur")]),
        (4, None, [("ORG-01", "erreur")]),
        (4, Derogation("sante_handicap", 6, medical_opinion=True), []),
        (4, Derogation("sante_handicap", 6, medical_opinion=False), [("ORG-01", "erreur")]),
        (4, Derogation("sante_handicap", 7, medical_opinion=True), [("ORG-01", "erreur")]),
        (5, Derogation("grossesse"), []),
        (4, Derogation("aidant", 3), []),
        (4, Derogation("aidant", 4), [("ORG-01", "erreur")]),
        (5, Derogation("situation_exceptionnelle", 1), []),
        (5, Derogation("situation_exceptionnelle"), [("ORG-01", "erreur")]),
        (4, Derogation("convenance"), [("ORG-01", "erreur")]),
    ],
)
def test_rule_5_public_ceiling_of_telework_days(days, derogation, expected):
    assert findings(complete("public", telework_days_per_week=days, derogation=derogation), rule=5) == expected


def test_rule_5_monthly_quota_is_averaged_over_the_weeks():
    weeks = ceiling("weeks_per_month")
    maximum = ceiling("public.max_telework_days_per_week")
    assert findings(complete("public", telework_days_per_week=13 / weeks), rule=5) == []
    assert 14 / weeks > maximum
    assert findings(complete("public", telework_days_per_week=14 / weeks), rule=5) == [("ORG-01", "erreur")]


def test_rule_5_does_not_apply_to_the_private_sector():
    assert findings(complete("prive", telework_days_per_week=5)) == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"adaptation_period_months": 3}, []),
        ({"adaptation_period_months": 4}, [("ELIG-07", "erreur")]),
        ({"end_notice_months": 2, "end_notice_adaptation_months": 1}, []),
        ({"end_notice_months": 1}, [("ELIG-08", "erreur")]),
        ({"end_notice_adaptation_months": 2}, [("ELIG-08", "erreur")]),
        ({"reply_delay_months": 1}, []),
        ({"reply_delay_months": 2}, [("ELIG-04", "erreur")]),
        ({"refusal_interview": True}, []),
        ({"refusal_interview": False}, [("ELIG-05", "erreur")]),
    ],
)
def test_rule_6_public_procedure(changes, expected):
    assert findings(complete("public", **changes), rule=6) == expected


@pytest.mark.parametrize(
    "clause_id", ["DOC-02", "ELIG-01", "ORG-03", "EQ-08", "EQ-05", "ORG-04", "EQ-03", "EQ-10", "EQ-07"]
)
def test_rule_7_the_nine_items_of_the_public_framework_act(clause_id):
    assert findings(without(complete("public"), clause_id)) == [(clause_id, "erreur")]


def test_rule_7_public_committee_opinion_date_is_flagged_when_unknown():
    facts = complete("public", committee_opinion_known=True)
    assert findings(facts) == [("DOC-02", "avertissement")]
    assert findings(replace(facts, committee_opinion_date=date(2026, 5, 20))) == []


@pytest.mark.parametrize(
    ("period", "name"),
    [
        ("jour", "private_allowance.per_day.no_agreement"),
        ("mois", "private_allowance.per_month.no_agreement"),
        ("jour_hebdomadaire", "private_allowance.per_weekly_day.no_agreement"),
    ],
)
def test_rule_8_private_allowance_above_the_exemption_ceiling(period, name):
    limit = ceiling(name)
    assert findings(complete("prive", allowances=(Allowance(limit, period),))) == []
    above = findings(complete("prive", allowances=(Allowance(limit + 0.01, period),)))
    assert above == [("EQ-03", "avertissement")]


def test_rule_8_branch_agreements_have_a_higher_ceiling():
    amount = ceiling("private_allowance.per_day.branch_or_group_agreement")
    assert amount > ceiling("private_allowance.per_day.no_agreement")
    assert findings(complete("prive", allowances=(Allowance(amount, "jour", "branche_ou_groupe"),))) == []
    assert findings(complete("prive", allowances=(Allowance(amount, "jour", "entreprise"),))) == [
        ("EQ-03", "avertissement")
    ]


def test_rule_8_public_forfait_and_territorial_deliberation():
    forfait = ceiling("public_forfait.per_day")
    facts = complete("public", allowances=(Allowance(forfait, "jour"),), versant="FPT", document_type="deliberation")
    assert findings(facts) == []
    assert findings(replace(facts, allowances=(Allowance(forfait + 0.5, "jour"),))) == [("EQ-03", "avertissement")]
    assert findings(replace(facts, document_type="arrete")) == [("EQ-03", "avertissement")]
    cap = ceiling("public_forfait.per_year_cap")
    assert findings(replace(facts, allowances=(Allowance(cap + 1, "an"),))) == [("EQ-03", "avertissement")]


def test_rule_8_uses_the_ceiling_of_the_year():
    amount = 2.65
    assert findings(complete("prive", allowances=(Allowance(amount, "jour"),))) == []
    assert findings(complete("prive", when=date(2024, 6, 1), allowances=(Allowance(amount, "jour"),))) == [
        ("EQ-03", "avertissement")
    ]


def test_rule_9_prohibited_monitoring_is_an_error():
    facts = complete(
        "prive", monitoring_tools=("suivi_objectifs",), monitoring_information=True, monitoring_consultation=True
    )
    assert findings(facts) == []
    assert findings(replace(facts, monitoring_tools=("suivi_objectifs", "enregistreur_frappe"))) == [
        ("EQ-09", "erreur")
    ]


@pytest.mark.parametrize("missing", ["monitoring_information", "monitoring_consultation"])
def test_rule_9_monitoring_needs_prior_information_and_consultation(missing):
    facts = complete(
        "public", monitoring_tools=("compte_rendu",), monitoring_information=True, monitoring_consultation=True
    )
    assert findings(replace(facts, **{missing: False})) == [("EQ-09", "erreur")]


def test_rule_10_right_to_disconnect_where_the_annual_negotiation_applies():
    facts = complete("prive", has_union_delegate=True, failed_negotiation=True, document_type="charte")
    assert findings(facts) == [("ORG-06", "avertissement")]
    assert findings(replace(facts, disconnect_agreement=True)) == []


def test_rule_11_forfait_jours_staff_need_disconnect_modalities():
    facts = complete("prive", forfait_jours_staff=True)
    assert findings(facts) == []
    assert findings(without(facts, "ORG-06")) == [("ORG-06", "avertissement"), ("ORG-06", "suggestion")]


def test_conditional_clause_is_required_only_when_its_condition_holds():
    facts = without(complete("prive"), "DOC-09")
    assert findings(facts) == []
    assert findings(replace(facts, pre_2017_contract_clauses=True)) == [("DOC-09", "avertissement")]


@pytest.mark.parametrize(
    "facts",
    [
        without(complete("prive", has_cse=True, document_type="charte", has_union_delegate=True), "ELIG-05"),
        complete("prive", monitoring_tools=("enregistreur_frappe",), monitoring_information=False,
                 monitoring_consultation=False, forfait_jours_staff=True, allowances=(Allowance(20, "jour"),)),
        complete("public", telework_days_per_week=4, derogation=Derogation("aidant", 12), committee_opinion_known=True,
                 adaptation_period_months=6, end_notice_months=0, end_notice_adaptation_months=2,
                 reply_delay_months=1.5, refusal_interview=False, versant="FPT", document_type="arrete",
                 allowances=(Allowance(5, "jour"), Allowance(400, "an"))),
        complete("public", telework_days_per_week=4, derogation=Derogation("sante_handicap", 6)),
    ],
)  # fmt: skip
def test_every_finding_of_every_rule_has_its_message_in_english(facts):
    """The findings were French on English pages (first users' review, point 16); the English names no value in
    French (« mois », « par jour »)."""
    found = validate(facts)
    assert found
    for finding in found:
        english = finding.in_language("en").message
        assert english and english != finding.message, finding.id
        assert not {"mois", "jour", "jours", "par", "du", "le", "la", "et"} & set(english.lower().split()), english
        assert finding.in_language("fr").message == finding.message
        # Nor a code identifier (« organisation.failed_negotiation ») in either language (point 14).
        assert not re.search(r"\b[a-z]+\.[a-z]+_[a-z_]+\b", finding.message + english), finding.message
