"""Results through the engine's anonymity rules: a team under the threshold is hidden with its reason, the scores of
the groups shown follow the answers, weak points lead to their advice for the viewer's role."""

import pytest

from teletravail.apps.organisations.journey import journey_steps
from teletravail.apps.organisations.selectors import OrganisationAccess
from teletravail.apps.practices import reports, selectors
from tests.apps.practices.factories import access_of, add_employees, answer, open_campaign, practices_world


pytestmark = pytest.mark.django_db


def results_by_group(campaign, questionnaire_id="practices"):
    found = next(r for r in selectors.campaign_results(campaign) if r.questionnaire.id == questionnaire_id)
    by_group = {}
    for result in found.results:
        by_group.setdefault(result.group, []).append(result)
    return found, by_group


def test_a_team_under_the_threshold_is_hidden_and_says_why():
    found = practices_world(team_size=6)
    small_team = found.world.other_team
    add_employees(found.world, 1, team=small_team)  # two employees in « Bravo »
    for membership in found.employees():
        answer(found.campaign, membership, level="low")
    for membership in found.employees(small_team):
        answer(found.campaign, membership, level="high")

    _found, by_group = results_by_group(found.campaign)
    assert all(result.hidden_reason == "threshold" for result in by_group[small_team.name])
    assert all(result.score is None and not result.distribution for result in by_group[small_team.name])
    shown = [result for results in by_group.values() for result in results if result.hidden_reason is None]
    assert shown, "the team of six is shown, or the whole campaign"
    assert all(result.n >= 5 for result in shown)


def test_the_hidden_reason_is_said_in_french():
    found = practices_world(team_size=6)
    for membership in found.employees()[:4]:
        answer(found.campaign, membership)
    questionnaire_results, by_group = results_by_group(found.campaign)
    theme = questionnaire_results.questionnaire.themes[0]
    result = next(r for r in by_group[found.world.team.name] if r.theme == theme.id)
    assert result.hidden_reason == "threshold"
    assert reports.hidden_text(result, theme).startswith("Masqué : moins de 5 réponses")


def test_low_answers_make_weak_points_with_advice_for_the_viewer_role():
    found = practices_world(team_size=7)
    for membership in found.employees():
        answer(found.campaign, membership, level="low")
    questionnaire_results, _by_group = results_by_group(found.campaign)
    shown = [result for result in questionnaire_results.results if result.hidden_reason is None]
    assert shown and all(result.score == 0 for result in shown)
    assert {r.theme for r in questionnaire_results.weak} == {r.theme for r in shown}
    assert questionnaire_results.strong == []
    questionnaire = questionnaire_results.questionnaire
    assert questionnaire_results.weak
    for result in questionnaire_results.weak:
        for access, role in ((access_of(found.world.admin), "employer"), (access_of(found.world.manager), "manager")):
            sheets = selectors.advice(questionnaire, result.theme, access)
            assert all(sheet.role == role for sheet in sheets)


def test_high_answers_make_strengths():
    found = practices_world(team_size=7)
    for membership in found.employees():
        answer(found.campaign, membership, level="high")
    questionnaire_results, _by_group = results_by_group(found.campaign)
    assert questionnaire_results.strong and questionnaire_results.weak == []


def test_the_consultant_reads_the_employer_advice():
    found = practices_world()
    consultant = OrganisationAccess(found.organisation, None, via_consultant_access=True)
    assert selectors.advice_role(consultant) == "employer"


def test_training_needs_are_counted_once_enough_people_answered():
    found = practices_world(team_size=6)
    campaign = open_campaign(found.world, questionnaires=("training",))
    employees = found.employees()
    for membership in employees[:4]:
        answer(campaign, membership, level="low")
    assert selectors.training_needs(campaign) == []
    answer(campaign, employees[4], level="low")

    needs = selectors.training_needs(campaign)
    # Every employee ticked the first skill of each question: five people ask for it, counted once each.
    assert [(need.value, need.people) for need in needs] == [("digital_tools", 5)]
    assert needs[0].trainings, "the panorama points to a kind of training for it"
    assert selectors.training_needs(found.campaign) is None  # no training questionnaire there
    access = access_of(found.world.admin)
    steps = journey_steps(access)
    task = next(task for task in steps[1].tasks if str(task.title) == "Recenser les besoins de formation")
    assert task.done is True and "Outils collaboratifs" in task.detail


def test_a_skill_chosen_in_two_questions_counts_its_person_once():
    found = practices_world(team_size=6)
    campaign = open_campaign(found.world, questionnaires=("training",))
    for membership in found.employees()[:4]:
        answer(campaign, membership, level="low")
    # The manager ticks the first skill for themselves and for their team: one more person, not two.
    answer(campaign, found.world.manager, level="low")
    assert [(need.value, need.people) for need in selectors.training_needs(campaign)] == [("digital_tools", 5)]
