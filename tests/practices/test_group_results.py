"""Group results keep answers anonymous: minimum group sizes per theme and the rule of difference."""

import pytest

from teletravail.practices import (
    DIFFERENCE,
    THRESHOLD,
    AnswerError,
    anonymity_rules,
    check_answers,
    group_results,
    item_counts,
    load_questionnaires,
    strengths,
    theme_scores,
    weak_points,
)


@pytest.fixture(scope="module")
def practices():
    return load_questionnaires()["practices"]


def organisation_answers(value):
    """Every organisation item answered with `value` (agree5); days_conflict is reversed."""
    return {
        "practices.rules_known": value,
        "practices.activities_shared": value,
        "practices.clear_goals": value,
        "practices.days_conflict": 6 - value,
    }


def responses(count, value=4, prefix="p"):
    return [(f"{prefix}{i}", organisation_answers(value)) for i in range(count)]


def result(results, group, theme="organisation"):
    return next(r for r in results if r.group == group and r.theme == theme)


def test_the_thresholds_are_the_dated_parameters():
    assert anonymity_rules("2026-12-01") == {
        "min_group": 5,
        "min_group_sensitive": 20,
        "difference": 3,
        "difference_sensitive": 10,
    }


def test_four_answers_are_hidden_and_five_shown(practices):
    answered = responses(9)
    groups = {"Équipe A": ["p0", "p1", "p2", "p3"], "Équipe B": ["p4", "p5", "p6", "p7", "p8"]}
    results = group_results(practices, answered, groups)
    hidden, shown = result(results, "Équipe A"), result(results, "Équipe B")
    assert (hidden.n, hidden.hidden_reason, hidden.score, hidden.distribution) == (4, THRESHOLD, None, {})
    assert (shown.n, shown.hidden_reason, shown.score) == (5, None, 75.0)  # every item at 4 → 75
    assert shown.distribution == {"weak": 0, "middle": 0, "strong": 5}  # 75 reaches strong_from 75


def test_people_without_a_score_on_the_theme_do_not_count(practices):
    answered = [*responses(4), ("blank", {"practices.rules_known": 5})]  # 1 of 4 items: no organisation score
    results = group_results(practices, answered, {"Équipe": ["p0", "p1", "p2", "p3", "blank"]})
    assert (result(results, "Équipe").n, result(results, "Équipe").hidden_reason) == (4, THRESHOLD)


def test_a_sensitive_theme_needs_twenty_answers():
    risks = load_questionnaires()["risks"]
    theme = risks.theme("psychosocial")
    items = [risks.item(item_id) for item_id in theme.scored_items]

    def answers():
        return {item.id: item.choices[0].value for item in items}

    answered = [(f"p{i}", answers()) for i in range(39)]
    groups = {"19": [f"p{i}" for i in range(19)], "20": [f"p{i}" for i in range(19, 39)]}
    results = group_results(risks, answered, groups)
    assert theme.min_group == 20
    assert result(results, "19", "psychosocial").hidden_reason == THRESHOLD
    assert result(results, "20", "psychosocial").hidden_reason is None


def test_a_team_of_five_inside_an_organisation_of_seven_is_hidden_by_the_difference_rule(practices):
    # Showing both would give the 2 others' mean: (7 × org - 5 × team) / 2. The rule of difference (3) keeps the
    # larger group, the organisation, and hides the team.
    answered = responses(7)
    groups = {"Organisation": [f"p{i}" for i in range(7)], "Équipe": [f"p{i}" for i in range(5)]}
    results = group_results(practices, answered, groups)
    assert result(results, "Organisation").hidden_reason is None
    team = result(results, "Équipe")
    assert (team.hidden_reason, team.score, team.distribution) == (DIFFERENCE, None, {})


def test_a_difference_of_three_people_may_be_shown(practices):
    answered = responses(8)
    groups = {"Organisation": [f"p{i}" for i in range(8)], "Équipe": [f"p{i}" for i in range(5)]}
    results = group_results(practices, answered, groups)
    assert [r.hidden_reason for r in results if r.theme == "organisation"] == [None, None]


def test_the_organisation_minus_its_shown_teams_must_not_leave_a_few_people(practices):
    # Teams of 5 and 5 and 2 people outside any team: organisation - A - B gives the 2 others.
    answered = responses(12)
    groups = {
        "Organisation": [f"p{i}" for i in range(12)],
        "A": [f"p{i}" for i in range(5)],
        "B": [f"p{i}" for i in range(5, 10)],
    }
    results = group_results(practices, answered, groups)
    shown = {r.group for r in results if r.theme == "organisation" and r.hidden_reason is None}
    assert shown in ({"Organisation", "A"}, {"Organisation", "B"})


def test_identical_groups_may_both_be_shown(practices):
    answered = responses(6)
    everyone = [f"p{i}" for i in range(6)]
    results = group_results(practices, answered, {"Organisation": everyone, "Seule équipe": everyone})
    assert [r.hidden_reason for r in results if r.theme == "organisation"] == [None, None]


def test_weak_points_and_strengths(practices):
    answered = responses(5, value=1, prefix="weak") + responses(5, value=5, prefix="strong")
    groups = {"Faible": [f"weak{i}" for i in range(5)], "Fort": [f"strong{i}" for i in range(5)]}
    results = group_results(practices, answered, groups)
    assert [(r.group, r.theme, r.score, r.level) for r in weak_points(results)] == [
        ("Faible", "organisation", 0.0, "weak")
    ]
    assert [(r.group, r.theme, r.score) for r in strengths(results)] == [("Fort", "organisation", 100.0)]


def test_a_person_answering_twice_is_refused(practices):
    with pytest.raises(AnswerError, match="deux fois"):
        group_results(practices, responses(2) + responses(1), {"Tous": ["p0", "p1"]})


def test_an_answer_outside_the_scale_is_refused(practices):
    with pytest.raises(AnswerError, match="n'est pas une réponse possible"):
        group_results(practices, [("p0", {"practices.rules_known": 9})], {"Tous": ["p0"]})


def test_the_organisation_s_self_assessment_is_shown_with_its_single_respondent():
    # digital_organisation is answered by the employer in their own name: no anonymity threshold applies.
    questionnaire = load_questionnaires()["digital_organisation"]
    answers = {"digital_organisation.two_factor": 1, "digital_organisation.updates_backups": 1}
    results = group_results(questionnaire, [("employer", answers)], {"Organisation": ["employer"]})
    security = result(results, "Organisation", "security")
    assert (security.n, security.hidden_reason, security.score, security.level) == (1, None, 0.0, "weak")


def test_working_while_ill_is_counted_by_group_under_the_sensitive_threshold():
    risks = load_questionnaires()["risks"]
    answered = [(f"f{i}", {"risks.worked_while_ill": "yes" if i < 8 else "no"}) for i in range(20)]
    answered += [(f"h{i}", {"risks.worked_while_ill": "no"}) for i in range(19)]
    groups = {"Femmes": [f"f{i}" for i in range(20)], "Hommes": [f"h{i}" for i in range(19)]}
    women, men = item_counts(risks, "risks.worked_while_ill", answered, groups)
    assert (women.n, women.counts, women.hidden_reason) == (20, {"no": 12, "yes": 8}, None)
    assert (men.n, men.counts, men.hidden_reason) == (19, {}, THRESHOLD)


def test_training_needs_count_each_chosen_skill():
    training = load_questionnaires()["training"]
    answered = [(f"p{i}", {"training.skills_self": ["digital_security", "ergonomics"]}) for i in range(3)]
    answered += [(f"q{i}", {"training.skills_self": ["digital_security"]}) for i in range(2)]
    answered += [("r0", {"training.formats": ["peers"]})]  # did not answer the skills item: not counted
    groups = {"Équipe": ["p0", "p1", "p2", "q0", "q1", "r0"]}
    [team] = item_counts(training, "training.skills_self", answered, groups)
    assert team.n == 5
    assert team.counts["digital_security"] == 5
    assert team.counts["ergonomics"] == 3
    assert team.counts["remote_management"] == 0
    with pytest.raises(ValueError, match="réponses libres"):
        item_counts(training, "training.other_needs", answered, groups)


def test_a_role_answers_only_its_own_items(practices):
    check_answers(practices, {"practices.manager_goals_set": 4}, role="manager")
    with pytest.raises(AnswerError, match="n'existe pas dans ce questionnaire pour ce rôle"):
        check_answers(practices, {"practices.manager_goals_set": 4}, role="employee")
    with pytest.raises(AnswerError):
        check_answers(load_questionnaires()["digital_organisation"], {"digital_organisation.laptops": 4}, "employee")


def test_an_answer_to_an_unknown_item_is_refused(practices):
    with pytest.raises(AnswerError, match=r"« practices.nothing » n'existe pas dans ce questionnaire\.$"):
        theme_scores(practices, {"practices.nothing": 3})
