"""Hybrid planner: which days each employee works on site or remotely (pure Python, OR-Tools CP-SAT).

    >>> from teletravail.planning import solve, check_schedule
    >>> result = solve(data, time_limit=10, seed=0, workers=1)   # data: JSON-compatible input
    >>> check_schedule(data, result)                             # [] when every hard rule holds

Input, constraints, objective and explanations are described in docs/methodology/planning.md; an example
input is docs/examples/plan-equipe.json.
"""

from teletravail.planning.check import Violation, check_schedule
from teletravail.planning.errors import PlanningInputError
from teletravail.planning.metrics import schedule_metrics
from teletravail.planning.problem import Problem, parse_problem
from teletravail.planning.solver import Weights, explain_infeasibility, solve


__all__ = [
    "PlanningInputError",
    "Problem",
    "Violation",
    "Weights",
    "check_schedule",
    "explain_infeasibility",
    "parse_problem",
    "schedule_metrics",
    "solve",
]
