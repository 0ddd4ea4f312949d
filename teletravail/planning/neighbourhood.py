"""Phase 3 of the hybrid planner, the search: a large neighbourhood search by teams of one part
(docs/methodology/planning.md, « Résolution »)."""

import random
import time
from dataclasses import replace

from ortools.sat.python import cp_model

from teletravail.planning.budget import NEIGHBOURHOOD_SECONDS, NEIGHBOURHOOD_TEAMS, single_worker_solver
from teletravail.planning.model import ModelBuilder, load_spread, site_loads, spread_sites
from teletravail.planning.schedule import team_costs_of
from teletravail.planning.teams import place_among


def improve_by_teams(part, schedule, weights, seed, deadline, target=None, publish=None):
    """Phase 3, a large neighbourhood search by teams: a few teams sharing a site are planned again together, every
    other team fixed (its people on site weigh on the desks and the load), and the new plan of these teams is
    kept when their costs plus the load spread of their sites go down. Moving a team's anchor days off a crowded
    day takes coordinated changes of all its members, which the whole model's search rarely makes; here it is one
    small exact solve. Stops at `deadline`, once the objective reaches `target()`, or after a sweep of the largest
    groups without improvement (« converged »); `publish` receives each better schedule. (schedule, figures)"""
    figures = {"neighbourhoods": 0, "improved": 0, "objective_before": schedule.objective}
    members = {team.id: [] for team in part.teams}
    teams_at = {}
    for index, employee in enumerate(part.employees):
        members[employee.team].append(index)
        teams_at.setdefault(employee.site, set()).add(employee.team)
    counted_sites = set(spread_sites(part))
    crowded = sorted(site_id for site_id, teams in teams_at.items() if len(teams) >= 2)
    if part.exceptional or not crowded:
        return schedule, figures
    rng = random.Random(seed)
    on_site, anchors, costs = dict(schedule.on_site), dict(schedule.anchors), dict(schedule.team_costs)
    loads = site_loads(part, on_site)
    objective = schedule.objective
    size, queue, improved_in_sweep = 1, [], False
    while time.perf_counter() + NEIGHBOURHOOD_SECONDS / 4 < deadline and (target is None or objective > target()):
        if not queue:
            # A sweep: every team once (size 1), or as many random groups of teams of one site; after a sweep
            # without improvement, the groups grow by one team, and past NEIGHBOURHOOD_TEAMS the search stops.
            if not improved_in_sweep and figures["neighbourhoods"]:
                if size == NEIGHBOURHOOD_TEAMS:
                    figures["converged"] = True
                    break  # a sweep of the largest groups without improvement
                size += 1
            improved_in_sweep = False
            if size == 1:
                queue = [[team.id] for team in part.teams]
                rng.shuffle(queue)
            else:
                for _ in part.teams:
                    teams = sorted(teams_at[rng.choice(crowded)])
                    queue.append(rng.sample(teams, min(size, len(teams))))
        chosen = queue.pop()
        # for_teams keeps the employees in their order: the sub-problem's employee i is the part's whole[i].
        whole = sorted(index for team_id in chosen for index in members[team_id])
        sub = part.for_teams(chosen)
        builder = ModelBuilder(sub, explain=False)
        builder.objective(weights, site_load=False)
        fixed = dict(loads)  # the other teams' people on site
        for index, week, day in builder.on_site:
            fixed[sub.employees[index].site, week, day] -= on_site[whole[index], week, day]
            builder.model.add_hint(builder.on_site[index, week, day], on_site[whole[index], week, day])
        place_among(builder, fixed, weights, counted_sites)
        touched = {employee.site for employee in sub.employees} & counted_sites
        current = sum(costs[team_id] for team_id in chosen) + weights.site_load_spread * load_spread(
            part, loads, touched
        )
        solver = single_worker_solver(
            min(NEIGHBOURHOOD_SECONDS * len(chosen), deadline - time.perf_counter()), seed + figures["neighbourhoods"]
        )
        status = solver.solve(builder.model)
        figures["neighbourhoods"] += 1
        # Ties are kept too: the load spread is flat over many schedules, and moving along them opens new moves.
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE) or round(solver.objective_value) > current:
            continue
        better = round(solver.objective_value) < current
        if better:
            figures["improved"] += 1
            improved_in_sweep = True
        loads = fixed
        for (index, week, day), variable in builder.on_site.items():
            on_site[whole[index], week, day] = present = solver.boolean_value(variable)
            loads[sub.employees[index].site, week, day] += present
        anchors.update({key: solver.boolean_value(variable) for key, variable in builder.anchors.items()})
        costs.update(team_costs_of(solver, builder))
        objective = sum(costs.values()) + weights.site_load_spread * load_spread(part, loads)
        if better and publish is not None:
            publish(
                replace(
                    schedule, on_site=dict(on_site), anchors=dict(anchors), objective=objective, team_costs=dict(costs)
                )
            )
    figures["objective_after"] = objective
    return replace(schedule, on_site=on_site, anchors=anchors, objective=objective, team_costs=costs), figures
