"""Phases 2 and 3 of the hybrid planner on the independent parts of a problem: each part's whole model, seeded with
the placed team schedules and tightened by the teams' bounds, then column generation and the neighbourhood search by
teams (docs/methodology/planning.md, « Résolution »)."""

import math
import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from teletravail.planning.budget import (
    COLUMN_SHARE,
    MIN_WHOLE_MODEL_SECONDS,
    PART_MAX_VARIABLES,
    STATUSES,
    WHOLE_MODEL_SHARE,
    FirstSolution,
    lower_bound,
    portfolio_solver,
    within_gap,
)
from teletravail.planning.columns import ColumnGeneration
from teletravail.planning.model import ModelBuilder, load_spread, site_loads, variable_count
from teletravail.planning.neighbourhood import improve_by_teams
from teletravail.planning.schedule import Schedule, score_schedule, solution_of


@dataclass(frozen=True)
class SolveOptions:
    """What the caller asked of every solve: the seed, the number of CP-SAT workers, the relative gap to stop at."""

    seed: int
    workers: int
    relative_gap: float | None


@dataclass(frozen=True)
class ConstructedSchedule:
    """The constructive schedule of a part (on-site values in the part's indices) and, when it breaks no rule, the
    seconds when it was found (else None)."""

    on_site: dict
    found_seconds: float | None


@dataclass(frozen=True)
class PartOutcome:
    """One part solved: its CP-SAT status, its best schedule (None when none was found in time), the proven lower
    bound of its objective, and the figures of its phases (None when its whole model was not run)."""

    status: int
    schedule: Schedule | None
    bound: int
    figures: dict | None


def components(problem):
    """Teams linked through the sites of their members, as lists of team ids: the problem splits into these
    independent parts (desks and site load are the only links between teams)."""
    parent = {}

    def root(node):
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    for employee in problem.employees:
        parent[root(("team", employee.team))] = root(("site", employee.site))
    by_root = {}
    for team in problem.teams:
        by_root.setdefault(root(("team", team.id)), []).append(team.id)
    return list(by_root.values())


def split_into_parts(problem):
    """The independent components, gathered in input order into parts of at most PART_MAX_VARIABLES on-site
    variables (one part holds at least one component): the parts solved one after the other in phase 2."""
    parts, size = [], PART_MAX_VARIABLES
    for team_ids in components(problem):
        component = variable_count(problem.for_teams(team_ids))
        if size + component > PART_MAX_VARIABLES:
            parts.append([])
            size = 0
        parts[-1] += team_ids
        size += component
    return [problem.for_teams(team_ids) for team_ids in parts]


def solve_part(part, whole_indices, plans, weights, options, time_limit, started, placed_seconds, constructed):
    """Phase 2 on one independent part: the placed schedules of its teams, improved by the part's whole model,
    seeded with them and tightened by the teams' bounds, as a `PartOutcome`.

    `constructed` is the part's `ConstructedSchedule`: when it breaks no rule, it is the hint when no team schedule
    was placed, and is scored by the part's model when the solver found nothing better.
    """
    seed, workers, relative_gap = options.seed, options.workers, options.relative_gap
    floors = {plan.team: plan.bound for plan in plans}
    bound = sum(floors.values())
    local = {whole: index for index, whole in enumerate(whole_indices)}  # employee index in the whole → in part
    placed = {}
    for plan in plans:
        placed.update(plan.on_site)
    schedule = None
    if all(plan.cost is not None for plan in plans):
        on_site = {(local[key[0]], key[1], key[2]): value for key, value in placed.items()}
        objective = sum(plan.cost for plan in plans)
        objective += weights.site_load_spread * load_spread(part, site_loads(part, on_site))
        anchors = {key: value for plan in plans for key, value in plan.anchors.items()}
        schedule = Schedule(on_site, anchors, objective, placed_seconds, {plan.team: plan.cost for plan in plans})
    if schedule is not None and within_gap(schedule.objective, bound, relative_gap):
        return PartOutcome(cp_model.OPTIMAL, schedule, bound, None)
    if time_limit < MIN_WHOLE_MODEL_SECONDS:
        return PartOutcome(cp_model.UNKNOWN, schedule, bound, None)
    part_started = time.perf_counter()
    builder = ModelBuilder(part, explain=False)
    builder.objective(weights, team_floors=floors)
    if schedule is not None:
        hint = schedule.on_site
    elif constructed.found_seconds is not None:
        hint = constructed.on_site  # a schedule that breaks no rule, rather than placed teams beside an unchecked rest
    else:
        hint = dict(constructed.on_site)
        hint.update({(local[key[0]], key[1], key[2]): value for key, value in placed.items()})
    for key, value in hint.items():
        builder.model.add_hint(builder.on_site[key], value)
    part_deadline = part_started + time_limit
    solver = portfolio_solver(WHOLE_MODEL_SHARE * (part_deadline - time.perf_counter()), seed, workers, relative_gap)
    first = FirstSolution()
    status = solver.solve(builder.model, first)
    figures = {
        "teams": len(plans),
        "seconds": round(time.perf_counter() - part_started, 3),
        "status": STATUSES.get(status, "unknown"),
    }
    if status == cp_model.INFEASIBLE:
        return PartOutcome(status, None, bound, figures)
    bound = max(bound, lower_bound(solver))
    if (
        status not in (cp_model.OPTIMAL, cp_model.FEASIBLE)
        and schedule is None
        and constructed.found_seconds is not None
    ):
        schedule = score_schedule(builder, constructed.on_site, constructed.found_seconds, seed)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and (
        schedule is None or solver.objective_value < schedule.objective
    ):
        found = part_started - started + first.seconds if first.seconds is not None else None
        schedule = solution_of(solver, builder, schedule.found_seconds if schedule else found)
    if schedule is not None and status != cp_model.OPTIMAL:
        schedule, bound = search_and_bound(part, schedule, bound, floors, weights, options, part_deadline, figures)
        if schedule.objective <= bound:
            status = cp_model.OPTIMAL
    left = part_deadline - time.perf_counter()
    if (
        schedule is not None
        and status != cp_model.OPTIMAL
        and not within_gap(schedule.objective, bound, relative_gap)
        and left >= MIN_WHOLE_MODEL_SECONDS
    ):
        # Time left after the search (it converged): the whole model again, from the best schedule, may prove it
        # optimal (small parts) or better it.
        builder.model.clear_hints()
        for key, value in schedule.on_site.items():
            builder.model.add_hint(builder.on_site[key], value)
        solver = portfolio_solver(left, seed, workers, relative_gap)
        status = solver.solve(builder.model)
        figures["whole_model_again"] = {"seconds": round(solver.wall_time, 3), "status": STATUSES.get(status)}
        bound = max(bound, lower_bound(solver))
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and solver.objective_value < schedule.objective:
            schedule = solution_of(solver, builder, schedule.found_seconds)
        status = cp_model.OPTIMAL if schedule.objective <= bound else cp_model.FEASIBLE
    figures["seconds"] = round(time.perf_counter() - part_started, 3)
    return PartOutcome(status, schedule, bound, figures)


def search_and_bound(part, schedule, bound, floors, weights, options, deadline, figures):
    """Phase 3 on one part: rounds of column generation (the bound that counts the load spread; the team
    schedules met, mixed at their best after each round), for at most COLUMN_SHARE of the time; then the
    neighbourhood search by teams from the best schedule, whose schedules join the columns for a last mix. Stops
    once the gap asked for is reached. (schedule, bound)"""
    seed, workers, relative_gap = options.seed, options.workers, options.relative_gap
    started = time.perf_counter()
    columns = ColumnGeneration(part, floors, weights, seed, workers)
    columns.add_schedule(schedule)

    def target():
        best = max(bound, columns.bound())
        return math.floor(best / (1 - relative_gap)) if relative_gap else best

    columns_deadline = started + COLUMN_SHARE * (deadline - started)
    while schedule.objective > target():
        more = columns.round(schedule, columns_deadline)
        schedule = columns.mixed(schedule, deadline) or schedule
        if not more:
            break
    if schedule.objective > target():
        schedule, figures["neighbourhood_search"] = improve_by_teams(
            part, schedule, weights, seed, deadline, target, publish=columns.add_schedule
        )
        columns.add_schedule(schedule)
        schedule = columns.mixed(schedule, deadline) or schedule
    figures["column_generation"] = columns.figures(started)
    return schedule, max(bound, columns.bound())
