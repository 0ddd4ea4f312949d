"""Phase 1 of the hybrid planner: each team solved alone, for a proven lower bound of its share of the objective,
and placed among the teams before it, for a first schedule of the whole problem (docs/methodology/planning.md,
« Résolution »)."""

import time
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from teletravail.planning.budget import (
    FIRST_PASS_SECONDS,
    PLACEMENT_RETRY_SECONDS,
    PLACEMENT_SECONDS,
    lower_bound,
    single_worker_solver,
)
from teletravail.planning.model import ModelBuilder, site_loads, spread


@dataclass(frozen=True)
class TeamSolution:
    """One solve of one team: its status, and when a schedule was found, its cost and values."""

    status: int
    cost: int | None  # None when no schedule was found
    bound: int  # proven lower bound of the cost (0 when infeasible)
    on_site: dict  # (employee index in the whole problem, week, day) → on site
    anchors: dict  # (team id, week, day) → anchor day chosen
    model_seconds: float  # spent building the model


@dataclass(frozen=True)
class TeamPlan:
    """One team solved alone (phase 1): a proven lower bound of its cost, and its schedule once placed."""

    team: str
    status: int  # of the team solved alone against every desk of its sites
    bound: int
    cost: int | None  # of the schedule kept; None when the team could not be placed in time
    on_site: dict  # (employee index in the whole problem, week, day) → on site
    anchors: dict  # (team id, week, day) → anchor day chosen
    model_seconds: float


@dataclass(frozen=True)
class TeamsPhase:
    """The outcome of phase 1: one plan per team, in input order (stopped at the first team infeasible alone), and
    when every team was placed, the time (`time.perf_counter`) the placed schedules were complete."""

    plans: list[TeamPlan]
    placed_at: float | None


def solve_team(problem, team_id, weights, seed, time_limit, placed=None, hint=None):
    """One team solved alone on one worker, as a `TeamSolution`.

    Alone, every penalty but the site load spread counted, it is a relaxation of the whole problem (the team's
    members alone against the desks), hence its bound is a lower bound of the team's share of the whole
    objective. With `placed` ((site id, week, day) → people of the teams already placed), the team is placed
    among them instead: within the desks they leave, the site load spread counted on their loads plus its own.
    The second linearisation level puts the anchor and fairness constraints into the LP: on 250 employees it
    proves the twenty teams optimal in 1.3 s in all, against 9 s at the default level.
    """
    started = time.perf_counter()
    index_of = {employee.id: index for index, employee in enumerate(problem.employees)}
    team_problem = problem.for_teams([team_id])
    builder = ModelBuilder(team_problem, explain=False)
    builder.objective(weights, site_load=False)
    indices = [index_of[employee.id] for employee in team_problem.employees]
    if placed is not None:
        place_among(builder, placed, weights)
    for (index, week, day), variable in builder.on_site.items():
        if hint and (indices[index], week, day) in hint:
            builder.model.add_hint(variable, hint[indices[index], week, day])
    built = time.perf_counter() - started
    solver = single_worker_solver(time_limit - built, seed)
    if placed is not None:
        # Placing has hundredths of a second: presolve would take them all (15 teams in 20 then found nothing).
        solver.parameters.cp_model_presolve = False
    status = solver.solve(builder.model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        bound = lower_bound(solver) if status != cp_model.INFEASIBLE else 0
        return TeamSolution(status, None, bound, {}, {}, built)
    on_site = {
        (indices[index], week, day): solver.boolean_value(variable)
        for (index, week, day), variable in builder.on_site.items()
    }
    anchors = {key: solver.boolean_value(variable) for key, variable in builder.anchors.items()}
    cost = round(solver.value(builder.team_costs[team_id]))
    return TeamSolution(status, cost, lower_bound(solver), on_site, anchors, built)


def place_among(builder, placed, weights, spread_sites=None):
    """Desks left by the teams already placed, and the site load spread of their loads plus the builder's teams'
    own; minimise the builder's teams' costs plus that spread. `spread_sites`: the sites whose spread counts
    (default: every site of these teams with two open days or more)."""
    problem, model = builder.problem, builder.model
    by_site = {}
    for index, employee in enumerate(problem.employees):
        by_site.setdefault(employee.site, []).append(index)
    spreads = []
    for site in problem.sites:
        if site.id not in by_site:
            continue
        counted = spread_sites is None or site.id in spread_sites
        loads = []
        for week in range(problem.weeks):
            for day in range(len(problem.days)):
                load = placed[site.id, week, day] + sum(builder.at(index, week, day) for index in by_site[site.id])
                model.add(load <= site.desks[day])
                if site.is_open(week, day):
                    loads.append(load)
        if counted and sum(desks > 0 for desks in site.desks) >= 2 and not problem.exceptional:
            spreads.append(spread(model, f"placed_{site.id}", loads, max(site.desks)))
    model.minimize(sum(builder.team_costs.values()) + weights.site_load_spread * sum(spreads))


def solve_teams(problem, weights, seed, deadline):
    """Phase 1, in two passes over the teams, each solve on one worker; a `TeamsPhase`.

    First pass, for a first schedule soon: each team solved alone for at most FIRST_PASS_SECONDS, then placed
    among the teams before it from that schedule: within the desks they leave, site load spread counted, for
    PLACEMENT_SECONDS (longer when its own schedule does not fit). Side by side, the placed schedules make a
    schedule of the whole problem. Second pass: each team not yet proven optimal alone is solved alone again,
    given an even share of the time left until `deadline` (fast teams leave time to the slow ones), for the
    proven lower bound of its cost. A team infeasible alone stops: the whole problem is infeasible too.
    """
    loads = site_loads(problem, {})
    plans = []
    for team in problem.teams:
        if time.perf_counter() >= deadline:
            plans.append(TeamPlan(team.id, cp_model.UNKNOWN, 0, None, {}, {}, 0.0))
            continue  # out of time: the constructive schedule stands in for the teams not placed
        alone = solve_team(problem, team.id, weights, seed, FIRST_PASS_SECONDS)
        built = alone.model_seconds
        if alone.status == cp_model.INFEASIBLE:
            return TeamsPhase([*plans, TeamPlan(team.id, alone.status, alone.bound, None, {}, {}, built)], None)
        cost, on_site, anchors = None, alone.on_site, {}
        for limit in (PLACEMENT_SECONDS, 4 * PLACEMENT_SECONDS, PLACEMENT_RETRY_SECONDS):
            placed = solve_team(problem, team.id, weights, seed, limit, placed=loads, hint=on_site)
            built += placed.model_seconds
            if placed.cost is not None:
                cost, on_site, anchors = placed.cost, placed.on_site, placed.anchors
                break
        if cost is None:
            on_site = {}
        plans.append(TeamPlan(team.id, alone.status, alone.bound, cost, on_site, anchors, built))
        for (index, week, day), present in on_site.items():
            loads[problem.employees[index].site, week, day] += present
    placed_at = time.perf_counter()
    unproven = [position for position, plan in enumerate(plans) if plan.status != cp_model.OPTIMAL]
    for rank, position in enumerate(unproven):
        share = (deadline - time.perf_counter()) / (len(unproven) - rank)
        if share <= 0:
            break
        plan = plans[position]
        again = solve_team(problem, plan.team, weights, seed, share, hint=plan.on_site)
        if again.status == cp_model.INFEASIBLE:
            return TeamsPhase(
                [*plans[:position], replace(plan, status=again.status, cost=None, on_site={}, anchors={})], None
            )
        plans[position] = replace(
            plan,
            status=again.status,
            bound=max(plan.bound, again.bound),
            model_seconds=plan.model_seconds + again.model_seconds,
        )
    return TeamsPhase(plans, placed_at)
