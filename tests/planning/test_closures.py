"""Dated closures of a site (public holidays, the organisation's closures): nobody of the site works that day."""

import copy

import pytest

from teletravail.planning import PlanningInputError, check_schedule, parse_problem
from teletravail.planning.generate import generate_problem
from teletravail.planning.greedy import greedy_assignments
from tests.planning.conftest import EVERY_DAY, places, solve_small


CHRISTMAS = {"week": 1, "day": "ven", "label": "Férié — Noël"}


def closed_on_friday(base):
    base["sites"][0]["closures"] = [CHRISTMAS]
    return base


def test_nobody_works_on_a_closure_and_the_plan_respects_every_rule(base):
    base["rules"].update(max_telework_days_per_week=3, min_on_site_days_per_week=2)
    result = solve_small(closed_on_friday(base))
    assert result["status"] == "optimal"
    for employee in ("amina", "bruno", "chloe"):
        assert places(result, employee)[1, "ven"] == "off"
        assert places(result, employee)[2, "ven"] in ("site", "remote")
    assert check_schedule(base, result) == []


def test_weekly_rules_are_counted_on_the_open_days(base):
    # Everyone on site every day: in the week of the closure, four days, and the rule holds.
    base["rules"]["min_on_site_days_per_week"] = 5
    result = solve_small(closed_on_friday(base))
    assert result["status"] == "optimal"
    week_one = [where for (week, _day), where in places(result, "amina").items() if week == 1]
    assert week_one.count("site") == 4
    assert check_schedule(base, result) == []


def test_telework_limit_leaves_the_other_open_days_on_site(base):
    base["rules"]["max_telework_days_per_week"] = 1
    base["employees"][0]["telework_days_wanted"] = 1
    result = solve_small(closed_on_friday(base))
    week_one = [where for (week, _day), where in places(result, "amina").items() if week == 1]
    assert week_one.count("remote") == 1
    assert week_one.count("site") == 3


def test_team_presence_and_anchor_days_skip_the_closure(base):
    base["teams"][0].update(min_on_site=3, anchor_days=5)
    result = solve_small(closed_on_friday(base))
    assert result["status"] == "optimal"
    assert check_schedule(base, result) == []
    assert result["metrics"]["anchor_days"]["compta"][0] == ["lun", "mar", "mer", "jeu"]


def test_fixed_days_rule_compares_with_the_first_week_the_day_is_worked(base):
    base["horizon"]["weeks"] = 3
    base["rules"].update(fixed_days=True, max_telework_days_per_week=2)
    base["sites"][0]["closures"] = [{"week": 1, "day": "lun", "label": "Lundi de Pâques"}]
    result = solve_small(base)
    assert result["status"] == "optimal"
    assert check_schedule(base, result) == []
    monday = {week: places(result, "amina")[week, "lun"] for week in (1, 2, 3)}
    assert monday[1] == "off"
    assert monday[2] == monday[3] != "off"


def test_exceptional_mode_asks_no_coverage_on_a_closure(base):
    base.update(mode="exceptionnel", exceptional_reason="Épidémie")
    base["teams"][0]["min_on_site_exceptionnel"] = 1
    result = solve_small(closed_on_friday(base))
    assert result["status"] == "optimal"
    assert check_schedule(base, result) == []
    assert {places(result, name)[1, "ven"] for name in ("amina", "bruno", "chloe")} == {"off"}


def test_work_on_a_closure_is_a_violation_naming_it(base):
    closed_on_friday(base)
    result = solve_small(base)
    schedule = copy.deepcopy(result)
    for item in schedule["assignments"]:
        if (item["employee"], item["week"], item["day"]) == ("amina", 1, "ven"):
            item["where"] = "remote"
    violations = check_schedule(base, schedule)
    assert [(v.kind, v.employee, v.week, v.day) for v in violations] == [("closure", "amina", 1, "ven")]
    assert violations[0].message == (
        "Amina est planifié·e en télétravail en semaine 1, le vendredi, jour non travaillé sur son site : "
        "Férié — Noël."
    )


def test_a_plan_made_without_the_closure_breaks_it(base):
    """The schedule of the same team planned as if the day were worked is not accepted once the day is closed."""
    unaware = solve_small(copy.deepcopy(base))
    assert places(unaware, "amina")[1, "ven"] != "off"
    kinds = {violation.kind for violation in check_schedule(closed_on_friday(base), unaware)}
    assert "closure" in kinds


def test_greedy_schedule_leaves_closures_off(base):
    base["teams"][0].update(min_on_site=1, anchor_days=1)
    problem = parse_problem(closed_on_friday(base))
    friday = [a for a in greedy_assignments(problem) if (a["week"], a["day"]) == (1, "ven")]
    assert {a["where"] for a in friday} == {"off"}


def test_closures_on_several_sites_with_many_teams():
    """The decomposition (teams alone, parts, column generation) keeps every closure off."""
    data = generate_problem(employees=60, teams=6, sites=2, weeks=2, seed=3)
    data["sites"][0]["closures"] = [{"week": 1, "day": "ven", "label": "Noël"}]
    data["sites"][1]["closures"] = [{"week": 2, "day": "lun", "label": "Fermeture annuelle"}]
    result = solve_small(data)
    assert result["status"] in ("optimal", "feasible")
    assert check_schedule(data, result) == []
    site_of = {team["id"]: team["site"] for team in data["teams"]}
    assert result["assignments"]  # a loop over nothing would assert nothing
    for item in result["assignments"]:
        site = site_of[next(e["team"] for e in data["employees"] if e["id"] == item["employee"])]
        if (site, item["week"], item["day"]) in {("site1", 1, "ven"), ("site2", 2, "lun")}:
            assert item["where"] == "off"


@pytest.mark.parametrize(
    ("closure", "message"),
    [
        ({"week": 3, "day": "ven"}, "« week » doit être inférieur ou égal à 2"),
        ({"week": 1, "day": "sam"}, "le samedi ne fait pas partie de l'horizon"),
        ({"week": 1, "day": "ven", "reason": "x"}, "champ inconnu « reason »"),
        ("2026-12-25", "un objet {week, day, label} est attendu"),
    ],
)
def test_malformed_closures_are_refused(base, closure, message):
    base["sites"][0]["closures"] = [closure]
    with pytest.raises(PlanningInputError) as error:
        parse_problem(base)
    assert any(message in line for line in error.value.lines())


def test_every_day_of_the_week_closed_leaves_nothing_to_plan(base):
    base["sites"][0]["closures"] = [{"week": 1, "day": day} for day in EVERY_DAY]
    base["rules"]["min_on_site_days_per_week"] = 2
    base["teams"][0]["anchor_days"] = 1
    result = solve_small(base)
    assert result["status"] == "optimal"
    assert {a["where"] for a in result["assignments"] if a["week"] == 1} == {"off"}
    assert check_schedule(base, result) == []


def test_metrics_leave_the_closure_out(base):
    base["employees"][0]["preferred_remote"] = ["ven"]
    base["rules"]["fixed_days"] = False
    result = solve_small(closed_on_friday(base))
    metrics = result["metrics"]
    # One wish left (Friday of week 2), met; the closure is neither a wish missed nor a change of pattern.
    assert metrics["preferences"] == {"met": 1, "total": 1, "percent": 100.0}
    assert metrics["pattern_changes"] == 0
    assert metrics["telework_days_wanted"]["percent"] == 100.0
