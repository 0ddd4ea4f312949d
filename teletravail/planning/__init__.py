"""Hybrid planner: which days each employee works on site or remotely (pure Python, OR-Tools CP-SAT).

    >>> from teletravail.planning import solve, check_schedule
    >>> result = solve(data, time_limit=10, seed=0, workers=1)   # data: JSON-compatible input
    >>> check_schedule(data, result)                             # [] when every hard rule holds

Input, constraints, objective and explanations are described in docs/methodology/planning.md; an example
input is docs/examples/plan-equipe.json.
"""

from teletravail.lazy import lazy_exports


__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "PlanningInputError": "teletravail.planning.errors",
        "Problem": "teletravail.planning.problem",
        "Violation": "teletravail.planning.check",
        "Weights": "teletravail.planning.model",
        "check_schedule": "teletravail.planning.check",
        "explain_infeasibility": "teletravail.planning.explain",
        "parse_problem": "teletravail.planning.problem",
        "schedule_metrics": "teletravail.planning.metrics",
        "solve": "teletravail.planning.solver",
    },
)

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
