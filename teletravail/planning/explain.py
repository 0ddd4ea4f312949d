"""Why a plan is infeasible: a minimal set of hard-constraint groups in conflict, in French.

The model is built again with one assumption literal per group (teletravail.planning.model); CP-SAT returns a
sufficient set of groups in conflict, which is then shrunk by deletion to a minimal one (no group can be dropped
without the rest becoming satisfiable). See docs/methodology/planning.md.
"""

import time

from ortools.sat.python import cp_model

from teletravail.planning.budget import portfolio_solver
from teletravail.planning.model import ModelBuilder
from teletravail.planning.problem import parse_problem
from teletravail.planning.wording import count, site_label, team_label, the_day


def explain_infeasibility(problem, *, time_limit=20.0, seed=0):
    """A minimal set of hard-constraint groups that cannot hold together, in French.

    CP-SAT gives a sufficient set of assumptions (groups) for infeasibility; each group is then removed in turn
    and kept out whenever the rest stays infeasible (deletion-based shrinking). `minimal` is false when the time
    ran out before every group was tested.
    """
    problem = parse_problem(problem)
    builder = ModelBuilder(problem, explain=True)
    deadline = time.perf_counter() + time_limit
    # One worker: the core comes from the search itself, which a portfolio of workers may not report.
    solver = portfolio_solver(time_limit, seed, workers=1)
    literals = {index: enforced.literal for index, enforced in builder.groups.items()}

    def infeasible_core(indices):
        """The core within `indices` when infeasible, [] when feasible, None when undecided in time."""
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            return None
        solver.parameters.max_time_in_seconds = remaining
        builder.model.clear_assumptions()
        builder.model.add_assumptions([literals[index] for index in indices])
        status = solver.solve(builder.model)
        if status == cp_model.INFEASIBLE:
            return [index for index in solver.sufficient_assumptions_for_infeasibility() if index in literals]
        return [] if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None

    core = infeasible_core(sorted(literals))
    if not core:
        return {
            "summary": "Aucun ensemble de contraintes en conflit n'a pu être isolé dans le temps imparti.",
            "constraints": [],
            "minimal": False,
        }
    minimal = True
    for index in list(core):
        if index not in core:
            continue
        trial = [other for other in core if other != index]
        smaller = infeasible_core(trial)
        if smaller is None:
            minimal = False
            break
        if smaller:
            core = [other for other in trial if other in smaller] or trial
    groups = [builder.groups[index].group for index in core]
    return {
        "summary": conflict_summary(problem, groups),
        "constraints": [group.as_dict() for group in groups],
        "minimal": minimal,
    }


def capitalized(text):
    return text[:1].upper() + text[1:]


def conflict_summary(problem, groups):
    kinds = sorted(group.kind for group in groups)
    if kinds == ["desks", "team_min"]:
        desks, team_min = sorted(groups, key=lambda group: group.kind)
        if desks.day == team_min.day:
            team, site = problem.team_by_id[team_min.team], problem.site_by_id[desks.site]
            day = problem.days.index(desks.day)
            return (
                f"{capitalized(team_label(team))} ne peut pas avoir {count(team.min_on_site, 'présent')} "
                f"{the_day(desks.day)} avec {count(site.desks[day], 'bureau')} sur {site_label(site)}."
            )
    sentences = " ; ".join(group.message for group in groups)
    return f"Ces contraintes ne peuvent pas être respectées ensemble : {sentences}."
