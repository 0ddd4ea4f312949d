"""The hybrid planner: which days each employee works on site or remotely (pure Python, OR-Tools CP-SAT).

`solve` runs the phases one after the other within the time limit (docs/methodology/planning.md, « Résolution »):
a constructive schedule (teletravail.planning.greedy), the teams alone and placed (teletravail.planning.teams),
then each independent part's whole model, column generation and neighbourhood search (teletravail.planning.parts,
.columns, .neighbourhood); the model itself is teletravail.planning.model, the shares of time
teletravail.planning.budget, and an infeasible plan is explained by teletravail.planning.explain.
"""

import os
import time

from ortools.sat.python import cp_model

from teletravail.planning.budget import TEAM_PHASE_SHARE
from teletravail.planning.check import check_schedule
from teletravail.planning.explain import explain_infeasibility
from teletravail.planning.greedy import greedy_on_site
from teletravail.planning.metrics import schedule_metrics
from teletravail.planning.model import Weights, variable_count, worked_days
from teletravail.planning.parts import ConstructedSchedule, SolveOptions, solve_part, split_into_parts
from teletravail.planning.problem import parse_problem
from teletravail.planning.teams import solve_teams


def solve(data, *, time_limit=20.0, seed=0, workers=None, relative_gap=None, weights=None, explain_time_limit=None):
    """Plan on-site and remote days. `data` is the JSON-compatible input (or a parsed `Problem`).

    A constructive schedule (teletravail.planning.greedy) comes first: when it breaks no rule, it is the first
    schedule, and the one returned, unscored, if time runs out before anything better. Then three phases
    (docs/methodology/planning.md, « Résolution »): each team is solved alone, which gives a proven
    lower bound of its share of the objective, then placed among the others; then each independent part of the
    problem (teams linked by shared sites) is improved as a whole, seeded with the placed schedules and tightened
    by the teams' bounds; then column generation over the teams' schedules proves a bound that counts the site load
    spread and mixes the known team schedules at their best, and a neighbourhood search by teams goes on from
    there. Returns a JSON-compatible dict: status (optimal, feasible, infeasible, or unknown when the time ran out
    before any plan was found), assignments, metrics, solver figures (objective, best bound, gap,
    times), and, when infeasible, an explanation naming a minimal set of conflicting constraints in French.
    Raises `PlanningInputError` for malformed input. `workers=1` with a fixed `seed` gives reproducible results.
    """
    started = time.perf_counter()
    deadline = started + time_limit
    workers = int(workers or os.cpu_count() or 1)
    problem = parse_problem(data)
    weights = weights or Weights.load()
    # The constructive schedule: when it breaks no rule, a plan exists from now on, whatever happens next.
    greedy = greedy_on_site(problem)
    greedy_feasible = not check_schedule(problem, problem.assignments(greedy))
    greedy_seconds = time.perf_counter() - started if greedy_feasible else None
    teams_phase = solve_teams(problem, weights, seed, started + TEAM_PHASE_SHARE * time_limit)
    plans = {plan.team: plan for plan in teams_phase.plans}
    figures = {
        "objective": None,
        "best_bound": None,
        "gap_percent": None,
        "model_seconds": round(sum(plan.model_seconds for plan in plans.values()), 3),
        "first_solution_seconds": None,
        "wall_seconds": None,
        "workers": workers,
        "seed": int(seed),
        "weights": weights.__dict__,
        "teams_phase": {
            "seconds": round(time.perf_counter() - started, 3),
            "teams": len(problem.teams),
            "teams_proved_optimal": sum(plan.status == cp_model.OPTIMAL for plan in plans.values()),
            "teams_placed": sum(plan.cost is not None for plan in plans.values()),
            "bound": sum(plan.bound for plan in plans.values()),
        },
        "parts_phase": [],
    }
    result = {"status": "unknown", "mode": problem.mode, "assignments": [], "metrics": None, "solver": figures}
    if problem.exceptional:
        result["exceptional_reason"] = problem.exceptional_reason
    # A team infeasible alone is a conflict of the whole problem: explaining it alone is faster.
    conflict = next(
        (problem.for_teams([team]) for team, plan in plans.items() if plan.status == cp_model.INFEASIBLE), None
    )
    index_of = {employee.id: index for index, employee in enumerate(problem.employees)}
    on_site, anchors, objective, bound, found, complete = {}, {}, 0, 0, 0.0, True
    parts = split_into_parts(problem) if conflict is None else []
    variables_left = variable_count(problem)
    placed_seconds = teams_phase.placed_at - started if teams_phase.placed_at is not None else None
    options = SolveOptions(seed, workers, relative_gap)
    for part in parts:
        size = variable_count(part)
        share = max(0.0, deadline - time.perf_counter()) * size / max(1, variables_left)
        variables_left -= size
        whole_indices = [index_of[employee.id] for employee in part.employees]
        outcome = solve_part(
            part,
            whole_indices,
            [plans[team.id] for team in part.teams],
            weights,
            options,
            share,
            started,
            placed_seconds,
            ConstructedSchedule(
                {(i, w, d): greedy[whole_indices[i], w, d] for (i, w, d) in worked_days(part)}, greedy_seconds
            ),
        )
        if outcome.figures:
            figures["parts_phase"].append(outcome.figures)
        if outcome.status == cp_model.INFEASIBLE:
            conflict = part
            break
        bound += outcome.bound
        schedule = outcome.schedule
        if schedule is None and greedy_seconds is not None:
            # No time left to improve or even score it: the constructive schedule, objective unknown.
            local = {whole: index for index, whole in enumerate(whole_indices)}
            on_site.update({key: value for key, value in greedy.items() if key[0] in local})
            objective = None
            continue
        if schedule is None:
            complete = False
            continue
        if objective is not None:
            objective += schedule.objective
        anchors.update(schedule.anchors)
        on_site.update({(whole_indices[i], w, d): value for (i, w, d), value in schedule.on_site.items()})
        if found is not None:
            found = None if schedule.found_seconds is None else max(found, schedule.found_seconds)
    if conflict is not None:
        result["status"] = "infeasible"
        result["explanation"] = explain_infeasibility(conflict, time_limit=explain_time_limit or time_limit, seed=seed)
    elif complete:
        result["status"] = "optimal" if objective is not None and objective <= bound else "feasible"

        result["assignments"] = problem.assignments(on_site)
        chosen = {}
        for (team_id, week, day), anchor in sorted(anchors.items()):
            week_days = chosen.setdefault(team_id, [[] for _ in range(problem.weeks)])[week]
            if anchor:
                week_days.append(problem.days[day])
        result["metrics"] = schedule_metrics(problem, result["assignments"], anchors=chosen)
        figures["objective"] = objective
        figures["best_bound"] = bound if objective is None else min(bound, objective)
        if objective is not None:
            figures["gap_percent"] = round(100 * (objective - figures["best_bound"]) / max(1, objective), 3)
        if greedy_seconds is not None:
            found = greedy_seconds if found is None else min(found, greedy_seconds)
        figures["first_solution_seconds"] = round(found, 3) if found is not None else None
    else:
        figures["best_bound"] = bound
        result["message"] = (
            f"Aucun planning trouvé dans le temps imparti ({time_limit:g} s) : augmentez --time-limit "
            "ou allégez les contraintes."
        )
    figures["wall_seconds"] = round(time.perf_counter() - started, 3)
    return result
