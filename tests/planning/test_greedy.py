import pytest

from teletravail.planning import Weights, check_schedule, parse_problem, solve
from teletravail.planning.generate import generate_problem
from teletravail.planning.greedy import greedy_assignments, greedy_on_site
from teletravail.planning.metrics import schedule_metrics
from teletravail.planning.model import ModelBuilder
from teletravail.planning.schedule import score_schedule


SIZE = {"employees": 250, "teams": 20, "sites": 2, "weeks": 4}


@pytest.mark.parametrize("seed", [0, 2026])
@pytest.mark.parametrize("variant", ["normal", "fixed_days", "exceptionnel"])
def test_the_constructive_schedule_of_a_generated_organisation_breaks_no_rule(seed, variant):
    data = generate_problem(**SIZE, seed=seed)
    if variant == "fixed_days":
        data["rules"]["fixed_days"] = True
    if variant == "exceptionnel":
        data.update(mode="exceptionnel", exceptional_reason="Grève des transports")
        for team in data["teams"]:
            team["min_on_site_exceptionnel"] = 1
    problem = parse_problem(data)
    schedule = greedy_assignments(problem)
    assert check_schedule(problem, schedule) == []
    if variant == "fixed_days":
        weeks = {}
        for item in schedule:
            weeks.setdefault((item["employee"], item["day"]), set()).add(item["where"])
        assert weeks and all(len(places) == 1 for places in weeks.values())


def test_anchor_days_and_team_minimum_are_built_in(base):
    base["teams"][0].update(anchor_days=1, min_on_site=2)
    base["employees"][0]["fixed_remote"] = ["lun"]
    schedule = greedy_assignments(parse_problem(base))
    assert check_schedule(base, schedule) == []
    for week in (1, 2):
        on_site = {day: 0 for day in ("lun", "mar", "mer", "jeu", "ven")}
        for item in schedule:
            on_site[item["day"]] += item["week"] == week and item["where"] == "site"
        assert min(on_site.values()) >= 2 and max(on_site.values()) == 3  # one day with all three, never Monday
        assert on_site["lun"] == 2


def test_too_few_desks_are_left_to_the_checker(base):
    base["sites"][0]["desks"] = 1
    base["teams"][0]["min_on_site"] = 2
    violations = check_schedule(base, greedy_assignments(parse_problem(base)))
    assert violations and {violation.kind for violation in violations} == {"desks"}


def test_out_of_time_the_solver_returns_the_constructive_schedule():
    data = generate_problem(**SIZE, seed=2026)
    result = solve(data, time_limit=0.01, seed=0, workers=1)
    assert result["status"] == "feasible"
    assert check_schedule(data, result) == []
    solver = result["solver"]
    assert solver["objective"] is None and solver["gap_percent"] is None  # not scored: no time was left
    assert solver["first_solution_seconds"] <= solver["wall_seconds"]


def test_a_given_schedule_is_scored_with_the_solver_objective():
    weights = Weights(
        preference_unmet=10, rotation_spread=0, pattern_change=3, site_load_spread=2, telework_target_gap=5
    )
    data = generate_problem(employees=30, teams=3, sites=2, weeks=2, seed=7)
    problem = parse_problem(data)
    on_site = greedy_on_site(problem)
    builder = ModelBuilder(problem, explain=False)
    builder.objective(weights)
    scored = score_schedule(builder, on_site, 0.1, seed=0)
    assert scored.on_site == on_site and scored.found_seconds == 0.1
    metrics = schedule_metrics(problem, greedy_assignments(problem))
    spread = 0
    for use in metrics["desk_use"].values():
        loads = [week[day] for week in use["used"] for day, desks in use["desks"].items() if desks > 0]
        spread += max(loads) - min(loads)
    telework = metrics["telework_days_wanted"]
    assert scored.objective == (
        10 * (metrics["preferences"]["total"] - metrics["preferences"]["met"])
        + 3 * metrics["pattern_changes"]
        + 2 * spread
        + 5 * (telework["wanted"] - telework["granted"] + telework["beyond_wanted"])
    )
