import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from teletravail.planning import Weights, check_schedule, explain_infeasibility, solve
from teletravail.planning.budget import STATUSES, portfolio_solver
from teletravail.planning.columns import ColumnGeneration, price_team
from teletravail.planning.generate import generate_problem
from teletravail.planning.greedy import greedy_on_site
from teletravail.planning.model import ModelBuilder
from teletravail.planning.neighbourhood import improve_by_teams
from teletravail.planning.parts import SolveOptions, search_and_bound
from teletravail.planning.problem import parse_problem
from teletravail.planning.schedule import score_schedule, solution_of
from teletravail.planning.teams import solve_team
from tests.planning.conftest import EVERY_DAY, places, solve_small


ONLY_PREFERENCES = Weights(
    preference_unmet=10, rotation_spread=0, pattern_change=0, site_load_spread=0, telework_target_gap=0
)


def everyone_prefers(data, field, days=EVERY_DAY):
    for employee in data["employees"]:
        employee[field] = list(days)


def on_site_count(result, week, day):
    return sum(a["where"] == "site" for a in result["assignments"] if a["week"] == week and a["day"] == day)


def assert_solved_and_valid(data, result):
    assert result["status"] == "optimal", result.get("explanation")
    assert check_schedule(data, result) == []


# --- Hard constraints: each binds against the preferences -------------------------------------------------------


def test_days_off_are_off(base):
    base["employees"][0]["days_off"] = ["mer"]
    everyone_prefers(base, "preferred_on_site", ["lun", "mar", "jeu", "ven"])
    result = solve_small(base)
    assert_solved_and_valid(base, result)
    assert {where for (week, day), where in places(result, "amina").items() if day == "mer"} == {"off"}
    assert "off" not in {where for (week, day), where in places(result, "bruno").items()}


def test_fixed_days_beat_preferences(base):
    base["employees"][0].update(fixed_remote=["mar"], preferred_on_site=["mar"])
    base["employees"][1].update(fixed_on_site=["ven"], preferred_remote=["ven"])
    result = solve_small(base)
    assert_solved_and_valid(base, result)
    assert all(places(result, "amina")[week, "mar"] == "remote" for week in (1, 2))
    assert all(places(result, "bruno")[week, "ven"] == "site" for week in (1, 2))
    assert result["metrics"]["preferences"]["met"] < result["metrics"]["preferences"]["total"]


@pytest.mark.parametrize(
    ("where", "field", "limit"),
    [("employee", "telework_days_max", 2), ("rules", "max_telework_days_per_week", 3)],
)
def test_telework_limits_bind(base, where, field, limit):
    everyone_prefers(base, "preferred_remote")
    target = base["employees"][0] if where == "employee" else base["rules"]
    target[field] = limit
    result = solve_small(base)
    assert_solved_and_valid(base, result)
    remote = [where for (week, _day), where in places(result, "amina").items() if week == 1].count("remote")
    assert remote == limit


@pytest.mark.parametrize(
    ("where", "field"), [("employee", "on_site_days_min"), ("rules", "min_on_site_days_per_week")]
)
def test_on_site_minimums_bind(base, where, field):
    everyone_prefers(base, "preferred_remote")
    (base["employees"][0] if where == "employee" else base["rules"])[field] = 2
    result = solve_small(base)
    assert_solved_and_valid(base, result)
    assert [w for (week, _d), w in places(result, "amina").items() if week == 2].count("site") == 2


def test_common_on_site_minimum_is_prorated_for_part_time(base):
    everyone_prefers(base, "preferred_remote", ["lun"])
    base["employees"][0]["days_off"] = ["mar", "mer", "jeu", "ven"]
    base["rules"]["min_on_site_days_per_week"] = 2
    result = solve_small(base)
    assert_solved_and_valid(base, result)
    assert places(result, "amina")[1, "lun"] == "site"


def test_team_minimum_presence_binds(base):
    everyone_prefers(base, "preferred_remote")
    base["teams"][0]["min_on_site"] = 2
    result = solve_small(base)
    assert_solved_and_valid(base, result)
    assert all(on_site_count(result, week, day) == 2 for week in (1, 2) for day in EVERY_DAY)


def test_desk_capacity_binds(base):
    everyone_prefers(base, "preferred_on_site")
    base["sites"][0]["desks"] = {"lun": 1, "mar": 2, "mer": 3, "jeu": 0, "ven": 1}
    result = solve_small(base)
    assert_solved_and_valid(base, result)
    assert [on_site_count(result, 1, day) for day in EVERY_DAY] == [1, 2, 3, 0, 1]
    assert result["metrics"]["peak_desk_use"]["siege"]["peak"] == 3


def test_anchor_day_gathers_the_whole_team_except_days_off(base):
    everyone_prefers(base, "preferred_remote")
    base["employees"][2]["days_off"] = ["lun"]
    base["teams"][0]["anchor_days"] = 1
    result = solve_small(base)
    assert_solved_and_valid(base, result)
    assert result["metrics"]["anchor_days"]["compta"]  # a loop over nothing would assert nothing
    for week, chosen in enumerate(result["metrics"]["anchor_days"]["compta"], start=1):
        assert len(chosen) == 1
        assert all(places(result, e)[week, chosen[0]] == "site" for e in ("amina", "bruno"))
        assert places(result, "chloe")[week, chosen[0]] in {"site", "off"}


def test_fixed_days_rule_repeats_the_week(base):
    base["horizon"]["weeks"] = 3
    base["teams"][0].update(min_on_site=1)
    base["rules"].update(fixed_days=True, fair_rotation_days=["lun", "ven"])
    everyone_prefers(base, "preferred_remote", ["lun", "ven"])
    result = solve_small(base)
    assert_solved_and_valid(base, result)
    for employee in ("amina", "bruno", "chloe"):
        grid = places(result, employee)
        assert all(grid[week, day] == grid[1, day] for week in (2, 3) for day in EVERY_DAY)


def test_people_who_cannot_telework_are_always_on_site(base):
    everyone_prefers(base, "preferred_remote")
    base["employees"][1]["can_telework"] = False
    result = solve_small(base)
    assert_solved_and_valid(base, result)
    assert set(places(result, "bruno").values()) == {"site"}


# --- Soft objectives --------------------------------------------------------------------------------------------


def test_preferences_are_met_when_the_rules_allow(base):
    base["employees"][0].update(preferred_remote=["lun", "ven"], preferred_on_site=["mar"])
    base["employees"][1].update(preferred_on_site=["lun"])
    result = solve_small(base)
    assert_solved_and_valid(base, result)
    assert result["metrics"]["preferences"] == {"met": 8, "total": 8, "percent": 100.0}


def test_rotation_days_are_shared_fairly(base):
    # Four people, two must be on site: eight remote slots on Mondays and Fridays over two weeks, two each.
    base["employees"].append({"id": "david", "team": "compta"})
    base["teams"][0]["min_on_site"] = 2
    base["rules"]["fair_rotation_days"] = ["lun", "ven"]
    base["employees"][0]["preferred_remote"] = ["lun", "ven"]
    everyone_prefers_mid_week = ["mar", "mer", "jeu"]
    for employee in base["employees"][1:]:
        employee["preferred_on_site"] = everyone_prefers_mid_week
    unfair = solve_small(base, weights=ONLY_PREFERENCES)
    fair = solve_small(
        base,
        weights=Weights(
            preference_unmet=10, rotation_spread=30, pattern_change=0, site_load_spread=0, telework_target_gap=0
        ),
    )
    assert_solved_and_valid(base, fair)
    assert unfair["metrics"]["fair_rotation_remote_days"]["compta"]["max"] == 4
    assert fair["metrics"]["fair_rotation_remote_days"]["compta"] == {"min": 2, "max": 2}


def test_weekly_pattern_stays_stable(base):
    base["horizon"]["weeks"] = 4
    base["teams"][0]["min_on_site"] = 1
    base["rules"]["max_telework_days_per_week"] = 3
    stable = Weights(
        preference_unmet=10, rotation_spread=0, pattern_change=3, site_load_spread=0, telework_target_gap=0
    )
    result = solve_small(base, weights=stable)
    assert_solved_and_valid(base, result)
    assert result["metrics"]["pattern_changes"] == 0


def test_site_load_is_spread_over_the_week(base):
    base["employees"].append({"id": "david", "team": "compta"})
    base["rules"]["min_on_site_days_per_week"] = 2
    spread = Weights(
        preference_unmet=10, rotation_spread=0, pattern_change=0, site_load_spread=2, telework_target_gap=0
    )
    result = solve_small(base, weights=spread)
    assert_solved_and_valid(base, result)
    loads = [on_site_count(result, week, day) for week in (1, 2) for day in EVERY_DAY]
    assert max(loads) - min(loads) <= 1  # 8 on-site days a week over 5 days: 2, 2, 2, 1, 1


def test_telework_days_wanted_are_granted_and_not_exceeded(base):
    base["rules"].update(max_telework_days_per_week=3, min_on_site_days_per_week=2)
    base["employees"][0]["telework_days_wanted"] = 1
    result = solve_small(base)
    assert_solved_and_valid(base, result)
    for employee, wanted in (("amina", 1), ("bruno", 3), ("chloe", 3)):
        for week in (1, 2):
            remote = [where for (w, _day), where in places(result, employee).items() if w == week].count("remote")
            assert remote == wanted
    assert result["metrics"]["telework_days_wanted"] == {
        "granted": 14,
        "wanted": 14,
        "percent": 100.0,
        "beyond_wanted": 0,
    }


def test_without_the_telework_target_nothing_pushes_remote_work(base):
    base["rules"]["max_telework_days_per_week"] = 3
    without = Weights(
        preference_unmet=10, rotation_spread=0, pattern_change=0, site_load_spread=2, telework_target_gap=0
    )
    spread_only = solve_small(base, weights=without)
    with_target = solve_small(base)
    assert spread_only["metrics"]["telework_days_wanted"]["percent"] < 100
    assert with_target["metrics"]["telework_days_wanted"]["percent"] == 100


@pytest.mark.parametrize("workers", [1, 2])  # two: the teams are priced on two threads
def test_reported_objective_is_the_weighted_sum_of_the_schedule_penalties(workers):
    weights = Weights(
        preference_unmet=10, rotation_spread=0, pattern_change=3, site_load_spread=2, telework_target_gap=5
    )
    data = generate_problem(employees=30, teams=3, sites=2, weeks=2, seed=7)
    # Any schedule will do: a gap of 100 % stops at the first one, and the 20 s bound leaves room for a loaded machine.
    result = solve(data, time_limit=20, seed=0, workers=workers, weights=weights, relative_gap=1.0)
    assert check_schedule(data, result) == []
    metrics, solver = result["metrics"], result["solver"]
    spread = 0
    for use in metrics["desk_use"].values():
        loads = [week[day] for week in use["used"] for day, desks in use["desks"].items() if desks > 0]
        spread += max(loads) - min(loads)
    telework = metrics["telework_days_wanted"]
    assert solver["objective"] == (
        10 * (metrics["preferences"]["total"] - metrics["preferences"]["met"])
        + 3 * metrics["pattern_changes"]
        + 2 * spread
        + 5 * (telework["wanted"] - telework["granted"] + telework["beyond_wanted"])
    )
    assert solver["teams_phase"]["bound"] <= solver["best_bound"] <= solver["objective"]
    assert solver["first_solution_seconds"] <= solver["wall_seconds"]


def test_the_neighbourhood_search_by_teams_lowers_the_objective_and_reports_it_truthfully():
    weights = Weights.load()
    problem = parse_problem(generate_problem(employees=40, teams=4, sites=1, weeks=2, seed=3))
    constructed = greedy_on_site(problem)
    assert check_schedule(problem, problem.assignments(constructed)) == []

    def score(on_site):
        builder = ModelBuilder(problem, explain=False)
        builder.objective(weights)
        return score_schedule(builder, on_site, None, seed=0)

    start = score(constructed)
    improved, figures = improve_by_teams(problem, start, weights, 0, time.perf_counter() + 3)
    assert figures["improved"] >= 1
    assert improved.objective < start.objective
    assert check_schedule(problem, problem.assignments(improved.on_site)) == []
    # The objective and team costs it keeps track of are those of the whole model on its schedule.
    rescored = score(improved.on_site)
    assert (rescored.objective, rescored.team_costs) == (improved.objective, improved.team_costs)


@pytest.mark.parametrize(
    ("employees", "teams", "sites", "seed", "away"),
    [(24, 3, 1, 1, 0), (24, 3, 1, 5, 0), (36, 4, 1, 7, 0), (36, 4, 2, 11, 0), (36, 4, 2, 13, 3)],
)
def test_column_generation_bounds_the_optimum_and_its_mixes_are_true_schedules(employees, teams, sites, seed, away):
    """`away`: that many employees work on the other site than their team's, which links the sites."""
    weights = Weights.load()
    data = generate_problem(employees=employees, teams=teams, sites=sites, weeks=2, seed=seed)
    team_site = {team["id"]: team["site"] for team in data["teams"]}
    for employee in data["employees"][:away]:
        employee["site"] = "site2" if team_site[employee["team"]] == "site1" else "site1"
    problem = parse_problem(data)
    builder = ModelBuilder(problem, explain=False)
    builder.objective(weights)
    solver = portfolio_solver(30, seed=0, workers=2)
    assert STATUSES[solver.solve(builder.model)] == "optimal"
    optimum = round(solver.objective_value)
    floors = {team.id: solve_team(problem, team.id, weights, 0, 5).bound for team in problem.teams}
    # The constructive schedule, or the optimum when it breaks a rule (it then fills a site beyond its desks).
    start = score_schedule(builder, greedy_on_site(problem), None, seed=0) or solution_of(solver, builder, None)
    columns = ColumnGeneration(problem, floors, weights, seed=0, workers=1)
    assert len(columns.groups) == (1 if away else sites)  # one programme per site, unless people cross sites
    columns.add_schedule(start)
    best, deadline = start, time.perf_counter() + 30
    while columns.round(best, deadline):
        best = columns.mixed(best, deadline) or best
    best = columns.mixed(best, deadline) or best
    assert columns.finished and all(columns.finished)
    assert sum(floors.values()) <= columns.bound() <= optimum <= best.objective
    if seed != 5:  # there, the teams' floors are already the best the decomposition proves (32, optimum 36)
        assert columns.bound() > sum(floors.values())
    # The mix is a schedule that breaks no rule, with the objective and team costs of the whole model.
    assert check_schedule(problem, problem.assignments(best.on_site)) == []
    rescored = score_schedule(builder, best.on_site, None, seed=0)
    assert (rescored.objective, rescored.team_costs) == (best.objective, best.team_costs)


def test_a_team_priced_out_of_time_proves_no_bound():
    """Stopped before any solution, CP-SAT reports a bound of 0, which a negative price can undercut."""
    weights = Weights.load()
    problem = parse_problem(generate_problem(employees=36, teams=2, sites=1, weeks=4, seed=3))
    builder = ModelBuilder(problem, explain=False)
    builder.objective(weights)
    solver = portfolio_solver(10, seed=0, workers=2)
    solver.solve(builder.model)
    schedule = solution_of(solver, builder, None)
    team = problem.teams[0].id
    members = [index for index, employee in enumerate(problem.employees) if employee.team == team]
    prices = {("site1", week, 2): -2000 for week in range(4)}  # a quiet Wednesday: people there lower the bound
    priced = price_team(problem, team, members, prices, weights, 0, schedule, 5)
    assert priced.column is not None and priced.bound < 0
    early = price_team(problem, team, members, prices, weights, 0, schedule, 0.001)
    assert early.bound <= priced.bound


def test_in_exceptional_mode_the_mix_counts_no_load_spread():
    data = {
        "mode": "exceptionnel",
        "exceptional_reason": "Épisode de pollution",
        "horizon": {"weeks": 1, "days": EVERY_DAY},
        "sites": [{"id": "siege", "desks": 10}],
        "teams": [
            {"id": "a", "site": "siege", "min_on_site_exceptionnel": 1},
            {"id": "b", "site": "siege", "min_on_site_exceptionnel": 1},
        ],
        "employees": [
            {"id": "a1", "team": "a", "can_telework": False},
            {"id": "a2", "team": "a", "can_telework": False, "days_off": ["lun"]},
            {"id": "b1", "team": "b", "preferred_on_site": EVERY_DAY},
            {"id": "b2", "team": "b"},
            {"id": "b3", "team": "b"},
        ],
    }
    weights = Weights.load()
    problem = parse_problem(data)
    builder = ModelBuilder(problem, explain=False)
    builder.objective(weights)
    start = score_schedule(builder, greedy_on_site(problem), None, seed=0)
    floors = {team.id: solve_team(problem, team.id, weights, 0, 5).bound for team in problem.teams}
    schedule, bound = search_and_bound(
        problem, start, sum(floors.values()), floors, weights, SolveOptions(0, 1, None), time.perf_counter() + 5, {}
    )
    assert schedule.objective == score_schedule(builder, schedule.on_site, None, seed=0).objective
    assert bound <= schedule.objective


def test_column_generation_prices_the_desks_that_bind():
    """Two teams whose gathering days fall on the same day, two desks short of both: the teams' own bounds ignore
    the shortage, the desks' prices in the master programme count it."""
    base = {
        "horizon": {"weeks": 1, "days": ["lun", "mar"]},
        "sites": [{"id": "siege", "desks": {"lun": 4, "mar": 4}}],
        "teams": [{"id": "a", "site": "siege"}, {"id": "b", "site": "siege"}],
        "employees": [
            {"id": f"{team}{number}", "team": team, "preferred_on_site": ["lun"], "on_site_days_min": 1}
            for team in "ab"
            for number in range(3)
        ],
    }
    weights = Weights(
        preference_unmet=10, rotation_spread=0, pattern_change=0, site_load_spread=0, telework_target_gap=0
    )
    problem = parse_problem(base)
    floors = {team.id: solve_team(problem, team.id, weights, 0, 5).bound for team in problem.teams}
    assert floors == {"a": 0, "b": 0}
    builder = ModelBuilder(problem, explain=False)
    builder.objective(weights)
    start = score_schedule(builder, greedy_on_site(problem), None, seed=0)
    columns = ColumnGeneration(problem, floors, weights, seed=0, workers=1)
    columns.add_schedule(start)
    deadline = time.perf_counter() + 10
    while columns.round(start, deadline):
        pass
    # Two of the six who wish to come on Monday cannot: 2 × 10 points, which the bound proves.
    assert columns.bound() == 20


def test_teams_feasible_alone_but_not_together_are_explained(base):
    base["teams"].append({"id": "rh", "name": "RH", "site": "siege", "min_on_site": 2})
    base["teams"][0]["min_on_site"] = 2
    base["employees"] += [{"id": "david", "team": "rh"}, {"id": "emma", "team": "rh"}]
    base["sites"][0]["desks"] = {"lun": 4, "mar": 3, "mer": 4, "jeu": 4, "ven": 4}
    result = solve_small(base)
    assert result["status"] == "infeasible"
    assert result["solver"]["teams_phase"]["teams_placed"] == 1  # the second team does not fit beside the first
    explanation = result["explanation"]
    assert explanation["minimal"] is True
    assert sorted((c["kind"], c["team"], c["day"]) for c in explanation["constraints"]) == [
        ("desks", None, "mar"),
        ("team_min", "compta", "mar"),
        ("team_min", "rh", "mar"),
    ]
    assert "le site Siège n'a que 3 bureaux le mardi" in explanation["summary"]


def test_teams_on_separate_sites_are_solved_as_independent_parts(base):
    base["sites"].append(
        {"id": "annexe", "name": "Annexe", "desks": {"lun": 2, "mar": 2, "mer": 2, "jeu": 2, "ven": 0}}
    )
    base["teams"].append({"id": "rh", "name": "RH", "site": "annexe", "anchor_days": 1})
    base["employees"] += [{"id": "david", "team": "rh", "preferred_remote": ["mar"]}, {"id": "emma", "team": "rh"}]
    base["teams"][0]["min_on_site"] = 1
    result = solve_small(base)
    assert_solved_and_valid(base, result)
    assert result["solver"]["best_bound"] == result["solver"]["objective"]
    assert all(places(result, e)[week, "ven"] == "remote" for e in ("david", "emma") for week in (1, 2))
    assert result["metrics"]["peak_desk_use"]["annexe"]["desks"] == 2


# --- Exceptional mode ---------------------------------------------------------------------------------------------


def test_exceptional_mode_keeps_only_the_declared_coverage(base):
    base.update(mode="exceptionnel", exceptional_reason="Épisode de pollution (alerte préfectorale)")
    base["employees"].append({"id": "david", "team": "compta", "can_telework": False, "days_off": ["ven"]})
    base["teams"][0]["min_on_site_exceptionnel"] = 1
    base["rules"]["max_telework_days_per_week"] = 2  # suspended in exceptional mode
    everyone_prefers(base, "preferred_on_site")
    result = solve_small(base)
    assert_solved_and_valid(base, result)
    assert result["mode"] == "exceptionnel"
    assert result["exceptional_reason"] == "Épisode de pollution (alerte préfectorale)"
    assert set(places(result, "david").values()) == {"site", "off"}
    assert all(on_site_count(result, week, day) == 1 for week in (1, 2) for day in EVERY_DAY)
    duty = [list(places(result, e).values()).count("site") for e in ("amina", "bruno", "chloe")]
    assert sorted(duty) == [0, 0, 2] or max(duty) - min(duty) <= 1


# --- Infeasibility ------------------------------------------------------------------------------------------------


def test_infeasible_plan_names_the_minimal_conflict_in_french(base):
    base["teams"][0]["min_on_site"] = 3
    base["sites"][0]["desks"] = {"lun": 3, "mar": 2, "mer": 3, "jeu": 3, "ven": 3}
    result = solve_small(base)
    assert result["status"] == "infeasible"
    assert result["assignments"] == []
    explanation = result["explanation"]
    assert explanation["minimal"] is True
    assert (
        explanation["summary"]
        == "L'équipe Compta ne peut pas avoir 3 présents le mardi avec 2 bureaux sur le site Siège."
    )
    assert {(c["kind"], c["day"]) for c in explanation["constraints"]} == {("team_min", "mar"), ("desks", "mar")}


def test_conflict_with_a_day_off_is_minimal(base):
    base["teams"][0]["min_on_site"] = 3
    base["employees"][0]["days_off"] = ["mer"]
    base["employees"][2]["telework_days_max"] = 1  # irrelevant to the conflict
    explanation = solve_small(base)["explanation"]
    assert sorted((c["kind"], c["employee"], c["team"], c["day"]) for c in explanation["constraints"]) == [
        ("day_off", "amina", None, "mer"),
        ("team_min", None, "compta", "mer"),
    ]
    assert explanation["summary"] == (
        "Ces contraintes ne peuvent pas être respectées ensemble : Amina ne travaille pas le mercredi ; "
        "l'équipe Compta doit avoir au moins 3 présents sur site le mercredi."
    )


def test_anchor_day_against_fixed_remote_days(base):
    base["teams"][0]["anchor_days"] = 1
    base["employees"][0].update(fixed_remote=["lun", "mar"], preferred_on_site=["jeu"])
    base["employees"][1].update(fixed_remote=["mer", "jeu", "ven"])
    explanation = solve_small(base)["explanation"]
    assert explanation["minimal"] is True
    assert sorted((c["kind"], c["employee"], c["day"]) for c in explanation["constraints"]) == [
        ("anchor", None, None),
        ("fixed_remote", "amina", "lun"),
        ("fixed_remote", "amina", "mar"),
        ("fixed_remote", "bruno", "jeu"),
        ("fixed_remote", "bruno", "mer"),
        ("fixed_remote", "bruno", "ven"),
    ]
    messages = [c["message"] for c in explanation["constraints"]]
    assert "Bruno télétravaille toujours le mercredi (jour fixe)" in messages
    assert "l'équipe Compta se retrouve au complet sur site 1 jour par semaine (jours d'ancrage)" in messages


def test_explanation_can_be_asked_directly(base):
    base["rules"].update(max_telework_days_per_week=3, min_on_site_days_per_week=3)
    base["employees"][0]["fixed_remote"] = ["lun", "mar", "mer"]
    explanation = explain_infeasibility(base, time_limit=10)
    assert [c["kind"] for c in explanation["constraints"]] == ["fixed_remote"] * 3 + ["rule_on_site_min"]
    assert "la règle commune impose au moins 3 jours sur site par semaine" in explanation["summary"]


# --- Every schedule the solver returns passes the checker -------------------------------------------------------

DAY_LISTS = st.lists(st.sampled_from(EVERY_DAY), max_size=2, unique=True)


@st.composite
def small_problems(draw):
    employees = []
    for index in range(draw(st.integers(2, 6))):
        days_off, fixed = draw(DAY_LISTS), draw(DAY_LISTS)
        employee = {"id": f"e{index}", "team": f"t{index % 2}", "days_off": days_off}
        free = [day for day in fixed if day not in days_off]
        if free and draw(st.booleans()):
            employee["fixed_on_site"] = free[:1]
        employee["preferred_remote"] = [d for d in draw(DAY_LISTS) if d not in days_off + free[:1]]
        employee["can_telework"] = draw(st.booleans()) or index % 3 != 0
        if draw(st.booleans()):
            employee["telework_days_max"] = draw(st.integers(0, 3))
        employees.append(employee)
    mode = draw(st.sampled_from(["normal", "normal", "exceptionnel"]))
    return {
        "horizon": {"weeks": draw(st.integers(1, 3)), "days": EVERY_DAY},
        "sites": [{"id": "s", "desks": draw(st.integers(1, 6))}],
        "teams": [
            {
                "id": team,
                "site": "s",
                "min_on_site": draw(st.integers(0, 2)),
                "anchor_days": draw(st.integers(0, 1)),
                "min_on_site_exceptionnel": draw(st.integers(0, 1)),
            }
            for team in ("t0", "t1")
        ],
        "employees": employees,
        "rules": {
            "max_telework_days_per_week": draw(st.sampled_from([None, 2, 3])),
            "min_on_site_days_per_week": draw(st.sampled_from([None, 1, 2])),
            "fixed_days": draw(st.booleans()),
            "fair_rotation_days": ["lun", "ven"],
        },
        "mode": mode,
        "exceptional_reason": "Grève des transports" if mode == "exceptionnel" else "",
    }


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(small_problems())
def test_every_returned_schedule_passes_the_checker(data):
    result = solve_small(data)
    assert result["status"] in {"optimal", "infeasible"}
    if result["status"] == "optimal":
        assert check_schedule(data, result) == []
    else:
        assert result["explanation"]["constraints"]
        assert result["explanation"]["minimal"] is True
