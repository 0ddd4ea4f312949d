"""How each kind of question maps a form value to the option the engine takes, and back; which questions apply."""

from dataclasses import replace
from datetime import date

import pytest

from teletravail.apps.charters.steps import (
    STEPS,
    Question,
    StepForm,
    fill_organisation,
    option_value,
    set_option,
    step,
    word_diff,
)
from teletravail.charter.options import defaults_mapping, parse_options


@pytest.mark.parametrize(
    ("kind", "typed", "option"),
    [
        ("lines", "  première\n\n seconde \n", ["première", "seconde"]),
        ("hours", "09:30-12:00 ; 14:00-16:30,", ["09:30-12:00", "14:00-16:30"]),
        ("number", "2,5", 2.5),
        ("number", "3", 3),
        ("integer", "12", 12),
        ("integer", "douze", "douze"),  # left for the engine, which names the option and the value
        ("date", date(2026, 3, 1), "2026-03-01"),
        ("text", "  au   CSE ", "au CSE"),
        ("scope", "les salariés {tous}", "les salariés {{tous}}"),
    ],
)
def test_a_typed_value_becomes_the_option_value(kind, typed, option):
    assert Question("x", "X", kind).option(typed) == option


def test_an_empty_optional_number_is_none_and_a_required_one_is_reported_by_the_engine():
    assert Question("duration_years", "Durée", "integer", optional=True).option("") is None
    assert Question("onboarding_weeks", "Semaines", "integer").option(" ") == ""


def test_an_option_value_is_shown_as_typed():
    assert Question("x", "X", "lines").initial(["a", "b"], "") == "a\nb"
    assert Question("x", "X", "number").initial(2.5, "") == "2,5"
    assert Question("x", "X", "scope").initial("les salariés de {org} {{x}}", "ACME") == "les salariés de ACME {x}"


def test_every_default_option_survives_a_round_trip_through_its_question():
    for sector in ("prive", "public"):
        defaults = defaults_mapping(sector)
        options = {"sector": sector}
        for current in STEPS[1:]:
            for question in current.questions_for(sector, defaults["document_type"]):
                shown = question.initial(option_value(defaults, question.path), "ACME")
                set_option(options, question.path, question.option(shown))
        # The scope is shown with the employer's name filled in; the engine would fill in the same name.
        assert options["scope"] == fill_organisation(defaults["scope"], "ACME")
        # The CSE question has no default: unanswered in the defaults, unanswered after the round trip.
        expected = parse_options({"sector": sector, "organisation": options["organisation"]}, require_answers=False)
        assert replace(parse_options(options, require_answers=False), scope="") == replace(expected, scope="")


def test_questions_follow_the_sector_and_the_document_type():
    names = {question.path for question in step(2).questions_for("prive", "accord_entreprise")}
    assert "organisation.has_cse" in names
    assert "organisation.cse_opinion_date" not in names  # only a charter follows the CSE's opinion
    assert "organisation.committee" not in names
    public = {question.path for question in step(3).questions_for("public", "arrete")}
    assert "end_notice_adaptation" in public and "acceptance" not in public


def test_the_step_form_labels_engine_choices_and_flags_prohibited_monitoring():
    form = StepForm(step(7).questions_for("prive", "charte"), defaults_mapping("prive"), "ACME")
    labels = dict(form.fields["monitoring__tools"].choices)
    assert "pratique jugée excessive par la CNIL" in labels["webcam_permanente"]
    assert "CNIL" not in labels["suivi_objectifs"]
    assert "EXC-01" in dict(form.fields["omit"].choices)
    assert form.initial["monitoring__tools"] == ["suivi_objectifs"]


def test_word_diff_marks_the_words_only_in_each_text():
    assert word_diff("les salariés du service achats", "les salariés des services ventes et achats") == [
        ("same", "les salariés"),
        ("theirs", "du service"),
        ("yours", "des services ventes et"),
        ("same", "achats"),
    ]
    assert word_diff("", "tout le personnel") == [("yours", "tout le personnel")]


@pytest.mark.parametrize("sector", ["prive", "public"])
def test_every_option_offered_by_the_stepper_is_named_in_the_page_language(sector):
    """The places, equipment, objectives, monitoring tools, document types and clauses to leave out were named by the
    French text they put in the document, English pages included."""
    from django.utils import translation

    from teletravail.apps.charters.steps import all_questions

    def choices(language):
        with translation.override(language):
            return {
                question.path: [(code, str(label)) for code, label in question.field(sector, "Atelier Démo").choices]
                for question in all_questions()
                if question.kind in ("choice", "choices", "select") and sector in question.sectors
            }

    french, english = choices("fr"), choices("en")
    assert {"places", "equipment", "objectives", "monitoring.tools", "document_type", "omit"} <= set(english)
    same = [
        (path, code, label)
        for path, rows in english.items()
        for (code, label), (_code, french_label) in zip(rows, french[path], strict=True)
        if label == french_label
    ]
    assert same == []
    assert "Make Atelier Démo more attractive and retain its staff" in dict(english["objectives"]).values()
    assert "Renforcer l'attractivité d'Atelier Démo et fidéliser les équipes" in dict(french["objectives"]).values()
