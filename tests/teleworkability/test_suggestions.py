"""Activity suggestions from the JRC task items of the profession's ISCO group."""

from teletravail.parameters import load_parameters
from teletravail.teleworkability.criteria import load_criteria
from teletravail.teleworkability.suggestions import suggest_activities


def test_office_job_gets_computer_work_and_no_blocker():
    suggestions = suggest_activities("54A3")
    labels = [suggestion.label for suggestion in suggestions]
    assert "Travail sur ordinateur (saisie, rédaction, analyse, logiciels métier)" in labels
    criteria = load_criteria().criteria
    assert not [code for item in suggestions for code in item.criteria if criteria[code].tier == "blocker"]


def test_suggestions_are_above_the_threshold_and_ordered():
    threshold = load_parameters("teleworkability")["suggestion_item_threshold"].at().central
    suggestions = suggest_activities("63E1")  # cooks
    assert suggestions
    assert all(item.importance >= threshold for item in suggestions)
    assert [item.importance for item in suggestions] == sorted((item.importance for item in suggestions), reverse=True)
    assert "Manipulation ou déplacement d'objets" in [item.label for item in suggestions]


def test_missing_three_digit_group_falls_back_to_its_two_digit_group():
    nurse = suggest_activities("43A5")  # ISCO 222 is missing from the JRC item table
    assert {item.isco_group for item in nurse} == {"22"}
    assert "Aide ou soin apporté à des personnes" in [item.label for item in nurse]


def test_armed_forces_get_no_suggestion():
    assert suggest_activities("53B3") == []


def test_suggestions_are_named_in_the_language_asked():
    labels = [suggestion.label for suggestion in suggest_activities("54A3", language="en")]
    assert "Computer work (data entry, writing, analysis, business software)" in labels
    assert not [label for label in labels if label in {item.label for item in load_criteria().task_items.values()}]
