"""The time budget of the hybrid planner: how the time limit is shared between the phases, and the CP-SAT solvers
each phase runs (docs/methodology/planning.md, « Résolution »).

The shares and seconds were tuned on the seeded synthetic organisations of `benchmarks/planning.py`; they are
solver tuning, not rules of telework, and live in the planning engine's parameter file (planning.yaml,
« solver.… ») with the reason for each value. They are read once, when the engine is imported.
"""

import math

from ortools.sat.python import cp_model

from teletravail.parameters import load_parameters


STATUSES = {
    cp_model.OPTIMAL: "optimal",
    cp_model.FEASIBLE: "feasible",
    cp_model.INFEASIBLE: "infeasible",
    cp_model.UNKNOWN: "unknown",
}


class FirstSolution(cp_model.CpSolverSolutionCallback):
    """Records the wall time of the first solution found."""

    def __init__(self):
        super().__init__()
        self.seconds = None

    def on_solution_callback(self):
        if self.seconds is None:
            self.seconds = self.wall_time


def _tuning(name):
    """A figure of the time budget, read from planning.yaml (« solver.… »), where each says why it has its value."""
    return load_parameters("planning")[f"solver.{name}"].at().central


# Share of the time limit that solving the teams one by one may take; the whole model has the rest.
TEAM_PHASE_SHARE = _tuning("team_phase_share")
# Most seconds given to placing one team among the teams before it, from its own schedule.
PLACEMENT_SECONDS = _tuning("placement_seconds")
# Most seconds for solving a team alone in the first pass (its schedule; most teams are proven optimal by then).
FIRST_PASS_SECONDS = _tuning("first_pass_seconds")
# Seconds for placing a team whose own schedule does not fit in the desks left, at least.
PLACEMENT_RETRY_SECONDS = _tuning("placement_retry_seconds")
# Largest whole model of phase 2, in on-site variables.
PART_MAX_VARIABLES = int(_tuning("part_max_variables"))
# Below this many seconds left, the whole model is not started.
MIN_WHOLE_MODEL_SECONDS = _tuning("min_whole_model_seconds")
# Phase 3: at most this many teams of one site planned again together, and the most seconds per team planned.
NEIGHBOURHOOD_TEAMS = int(_tuning("neighbourhood_teams"))
NEIGHBOURHOOD_SECONDS = _tuning("neighbourhood_seconds")
# Column generation: the most of a part's phase 3 its rounds may take (the mixes after them and the neighbourhood
# search have the rest), the most seconds for pricing one team and for one exact mix of the columns (per group).
COLUMN_SHARE = _tuning("column_share")
PRICING_SECONDS = _tuning("pricing_seconds")
MIX_SECONDS = _tuning("mix_seconds")
# Prices are whole numbers in thousandths of a point: how the model writes a fraction, not a tuning.
PRICE_SCALE = 1000
# Share of a part's time given to its whole model; the neighbourhood search by teams has the rest.
WHOLE_MODEL_SHARE = _tuning("whole_model_share")
# Most seconds for scoring a given schedule (every variable fixed: the anchors and penalties follow).
SCORING_SECONDS = _tuning("scoring_seconds")


def portfolio_solver(time_limit, seed, workers, relative_gap=None):
    """The default portfolio: with the teams' bounds in the model, its local search is what the whole model
    needs (on 250 employees, a core-based worker, better at raising the bound alone, found worse schedules)."""
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.001, float(time_limit))
    solver.parameters.random_seed = int(seed)
    solver.parameters.num_workers = int(workers)
    if relative_gap is not None:
        solver.parameters.relative_gap_limit = float(relative_gap)
    return solver


def single_worker_solver(time_limit, seed):
    """The solver of the small models (one team, a few teams): one worker, at the second linearisation level,
    which puts the anchor and fairness constraints into the LP (see `solve_team`)."""
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.001, float(time_limit))
    solver.parameters.random_seed = int(seed)
    solver.parameters.num_workers = 1
    solver.parameters.linearization_level = 2
    return solver


def lower_bound(solver):
    """The solver's proven bound, rounded up: every penalty is a whole number, and none is negative."""
    bound = solver.best_objective_bound
    return max(0, math.ceil(bound - 1e-6)) if math.isfinite(bound) else 0


def within_gap(objective, bound, relative_gap):
    return objective - bound <= (relative_gap or 0) * objective
