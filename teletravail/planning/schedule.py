"""A schedule of a part of the problem with its objective, read from a solved model or scored by one."""

from dataclasses import dataclass

from ortools.sat.python import cp_model

from teletravail.planning.budget import SCORING_SECONDS


@dataclass(frozen=True)
class Schedule:
    """The best schedule known for a part of the problem: on-site values, anchors, objective (its teams' costs
    plus the site load spread), each team's cost, when found."""

    on_site: dict
    anchors: dict
    objective: int
    found_seconds: float | None
    team_costs: dict


def solution_of(solver, builder, found_seconds):
    """The schedule of the builder's model as the solver left it."""
    return Schedule(
        on_site={key: solver.boolean_value(variable) for key, variable in builder.on_site.items()},
        anchors={key: solver.boolean_value(variable) for key, variable in builder.anchors.items()},
        objective=round(solver.objective_value),
        found_seconds=found_seconds,
        team_costs=team_costs_of(solver, builder),
    )


def team_costs_of(solver, builder):
    return {team_id: round(solver.value(cost)) for team_id, cost in builder.team_costs.items()}


def score_schedule(builder, on_site, found_seconds, seed):
    """The schedule `on_site` with its objective, the builder's model solved with every variable fixed to it."""
    builder.model.clear_hints()
    for key, value in on_site.items():
        builder.model.add_hint(builder.on_site[key], value)
    solver = cp_model.CpSolver()
    solver.parameters.fix_variables_to_their_hinted_value = True
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = int(seed)
    solver.parameters.max_time_in_seconds = SCORING_SECONDS
    if solver.solve(builder.model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return solution_of(solver, builder, found_seconds)
