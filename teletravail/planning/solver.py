"""The CP-SAT model of the hybrid planner: hard constraints, weighted soft objectives, explanation of conflicts.

One Boolean per employee, week and worked day: on site (1) or remote (0). Days off carry no variable. Hard
constraints are added by groups (« l'équipe Compta doit avoir 3 présents le mardi », « le site Siège a 2 bureaux
le mardi »…). When the plan is infeasible the model is built again with one assumption literal per group; CP-SAT
returns a sufficient set of groups in conflict, which is then shrunk by deletion to a minimal one (no group can be
dropped without the rest becoming satisfiable). See docs/methodology/planning.md.
"""

import os
import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from teletravail.parameters import ParameterError, load_parameters
from teletravail.planning.greedy import greedy_on_site
from teletravail.planning.metrics import schedule_metrics
from teletravail.planning.problem import parse_problem
from teletravail.planning.wording import count, employee_label, site_label, team_label, the_day


OFF, SITE, REMOTE = "off", "site", "remote"
STATUSES = {
    cp_model.OPTIMAL: "optimal",
    cp_model.FEASIBLE: "feasible",
    cp_model.INFEASIBLE: "infeasible",
    cp_model.UNKNOWN: "unknown",
}


@dataclass(frozen=True)
class Weights:
    """Integer weights of the soft objectives (planning.yaml)."""

    preference_unmet: int
    rotation_spread: int
    pattern_change: int
    site_load_spread: int

    @classmethod
    def load(cls, when=None):
        parameters = load_parameters("planning")
        values = {}
        for field in ("preference_unmet", "rotation_spread", "pattern_change", "site_load_spread"):
            name = f"weight_{field}"
            if name not in parameters:
                raise ParameterError(f"planning.yaml : paramètre « {name} » manquant.")
            value = parameters[name].at(when).central
            if value != int(value) or value < 0:
                raise ParameterError(f"planning.yaml : « {name} » doit être un entier positif ou nul, {value} trouvé.")
            values[field] = int(value)
        return cls(**values)


@dataclass(frozen=True)
class Group:
    """One named group of hard constraints: the unit of an infeasibility explanation."""

    kind: str
    message: str
    employee: str | None = None
    team: str | None = None
    site: str | None = None
    day: str | None = None

    def as_dict(self):
        return {
            "kind": self.kind,
            "employee": self.employee,
            "team": self.team,
            "site": self.site,
            "day": self.day,
            "message": self.message,
        }


class _Builder:
    """Builds the model; with `explain`, every hard-constraint group is enforced by its own literal."""

    def __init__(self, problem, explain):
        self.problem = problem
        self.explain = explain
        self.model = cp_model.CpModel()
        self.groups = {}  # literal index → (literal, Group)
        self.on_site = {}  # (employee index, week, day) → Boolean variable
        self.anchors = {}  # (team id, week, day) → Boolean variable
        for index, employee in enumerate(problem.employees):
            for week in range(problem.weeks):
                for day in range(len(problem.days)):
                    if explain or day not in employee.days_off:
                        self.on_site[index, week, day] = self.model.new_bool_var(f"x_{index}_{week}_{day}")
        self._hard_constraints()

    def at(self, index, week, day):
        """The on-site variable, or 0 for a day off (outside explanations)."""
        return self.on_site.get((index, week, day), 0)

    def _group(self, group):
        if not self.explain:
            return None
        literal = self.model.new_bool_var(f"group_{len(self.groups)}")
        self.groups[literal.index] = (literal, group)
        return literal

    def _add(self, literal, constraint):
        if literal is not None:
            constraint.only_enforce_if(literal)

    # --- Hard constraints ---------------------------------------------------------------------------------------

    def _hard_constraints(self):
        problem = self.problem
        weeks, days = range(problem.weeks), problem.days
        for index, employee in enumerate(problem.employees):
            who = employee_label(employee)
            working = problem.working_days(employee)
            if self.explain:
                for day in sorted(employee.days_off):
                    literal = self._group(
                        Group("day_off", f"{who} ne travaille pas {the_day(days[day])}", employee.id, day=days[day])
                    )
                    for week in weeks:
                        self._add(literal, self.model.add(self.at(index, week, day) == 0))
            for field, value, sentence in (
                ("fixed_remote", 0, "télétravaille toujours"),
                ("fixed_on_site", 1, "est toujours sur site"),
            ):
                if field == "fixed_on_site" and problem.exceptional:
                    continue  # exceptional circumstances override usual on-site days
                for day in sorted(getattr(employee, field)):
                    literal = self._group(
                        Group(field, f"{who} {sentence} {the_day(days[day])} (jour fixe)", employee.id, day=days[day])
                    )
                    for week in weeks:
                        self._add(literal, self.model.add(self.at(index, week, day) == value))
            if not employee.can_telework:
                literal = self._group(
                    Group(
                        "cannot_telework",
                        f"{who} ne peut pas télétravailler (activités non télétravaillables)",
                        employee.id,
                    )
                )
                for week in weeks:
                    for day in working:
                        self._add(literal, self.model.add(self.at(index, week, day) == 1))
            if problem.exceptional:
                continue
            self._weekly_limits(index, employee, who, working)
        if problem.exceptional:
            self._exceptional_coverage()
        else:
            self._team_presence()
            self._anchor_days()
            if problem.rules.fixed_days:
                literal = self._group(
                    Group("fixed_days", "la règle des jours fixes impose le même planning chaque semaine")
                )
                for (index, week, day), variable in self.on_site.items():
                    if week > 0:
                        self._add(literal, self.model.add(variable == self.on_site[index, 0, day]))
        self._desks()

    def _weekly_limits(self, index, employee, who, working):
        problem, rules = self.problem, self.problem.rules
        limits = []
        if employee.telework_days_max is not None and employee.can_telework:
            limits.append(
                (
                    Group(
                        "telework_max",
                        f"{who} télétravaille au plus {count(employee.telework_days_max, 'jour')} par semaine",
                        employee.id,
                    ),
                    len(working) - employee.telework_days_max,
                )
            )
        if employee.on_site_days_min:
            limits.append(
                (
                    Group(
                        "on_site_min",
                        f"{who} vient sur site au moins {count(employee.on_site_days_min, 'jour')} par semaine",
                        employee.id,
                    ),
                    employee.on_site_days_min,
                )
            )
        if rules.max_telework_days_per_week is not None and employee.can_telework:
            limits.append((self._rule_group("rule_telework_max"), len(working) - rules.max_telework_days_per_week))
        if problem.common_on_site_floor(employee):
            limits.append((self._rule_group("rule_on_site_min"), problem.common_on_site_floor(employee)))
        for group, minimum in limits:
            if minimum <= 0:
                continue
            literal = group if not isinstance(group, Group) else self._group(group)
            for week in range(problem.weeks):
                self._add(literal, self.model.add(sum(self.at(index, week, day) for day in working) >= minimum))

    def _rule_group(self, kind):
        """One literal for a common rule, shared by every employee it applies to."""
        if not self.explain:
            return None
        if not hasattr(self, "_rules"):
            self._rules = {}
        if kind not in self._rules:
            rules = self.problem.rules
            message = (
                "la règle commune limite le télétravail à "
                f"{count(rules.max_telework_days_per_week, 'jour')} par semaine"
                if kind == "rule_telework_max"
                else f"la règle commune impose au moins {count(rules.min_on_site_days_per_week, 'jour')} "
                "sur site par semaine (au prorata des jours travaillés)"
            )
            self._rules[kind] = self._group(Group(kind, message))
        return self._rules[kind]

    def _members(self):
        """Team → list of (employee index, employee)."""
        members = {team.id: [] for team in self.problem.teams}
        for index, employee in enumerate(self.problem.employees):
            members[employee.team].append((index, employee))
        return members

    def _team_presence(self):
        problem, days = self.problem, self.problem.days
        members = self._members()
        for team in problem.teams:
            if not team.min_on_site:
                continue
            for day in range(len(days)):
                literal = self._group(
                    Group(
                        "team_min",
                        f"{team_label(team)} doit avoir au moins {count(team.min_on_site, 'présent')} sur site "
                        f"{the_day(days[day])}",
                        team=team.id,
                        day=days[day],
                    )
                )
                for week in range(problem.weeks):
                    present = sum(self.at(index, week, day) for index, _ in members[team.id])
                    self._add(literal, self.model.add(present >= team.min_on_site))

    def _anchor_days(self):
        problem, days = self.problem, self.problem.days
        members = self._members()
        for team in problem.teams:
            if not team.anchor_days:
                continue
            literal = self._group(
                Group(
                    "anchor",
                    f"{team_label(team)} se retrouve au complet sur site {count(team.anchor_days, 'jour')} "
                    "par semaine (jours d'ancrage)",
                    team=team.id,
                )
            )
            for week in range(problem.weeks):
                chosen = []
                for day in range(len(days)):
                    if all(day in employee.days_off for _, employee in members[team.id]):
                        continue  # nobody of the team works that day: no gathering possible
                    anchor = self.model.new_bool_var(f"anchor_{team.id}_{week}_{day}")
                    self.anchors[team.id, week, day] = anchor
                    chosen.append(anchor)
                    for index, employee in members[team.id]:
                        if day not in employee.days_off:
                            if literal is None:
                                # Linear form (x ≥ anchor): it enters the LP relaxation and tightens the bound.
                                self.model.add(self.at(index, week, day) >= anchor)
                            else:
                                self.model.add(self.at(index, week, day) == 1).only_enforce_if([anchor, literal])
                    wishing = [index for index, employee in members[team.id] if day in employee.preferred_remote]
                    if literal is None and wishing:
                        # Redundant cut, the sum of the implications above over the members who wish to work
                        # remotely that day: the solver sees them as clauses, the LP sees this and bounds the
                        # preferences an anchor day costs.
                        self.model.add(sum(self.at(index, week, day) for index in wishing) >= len(wishing) * anchor)
                self._add(literal, self.model.add(sum(chosen) == team.anchor_days))

    def _exceptional_coverage(self):
        problem, days = self.problem, self.problem.days
        members = self._members()
        for team in problem.teams:
            for day in range(len(days)):
                teleworkers = [index for index, employee in members[team.id] if employee.can_telework]
                required_on_site = sum(
                    1 for _, employee in members[team.id] if not employee.can_telework and day not in employee.days_off
                )
                allowed = max(0, team.min_on_site_exceptionnel - required_on_site)
                coverage = None
                if team.min_on_site_exceptionnel:
                    coverage = self._group(
                        Group(
                            "exceptional_coverage",
                            f"en mode exceptionnel, {team_label(team)} garde au moins "
                            f"{count(team.min_on_site_exceptionnel, 'présent')} sur site {the_day(days[day])}",
                            team=team.id,
                            day=days[day],
                        )
                    )
                remote = self._group(
                    Group(
                        "exceptional_remote",
                        f"en mode exceptionnel, les membres de {team_label(team)} qui peuvent télétravailler "
                        f"télétravaillent {the_day(days[day])}, hors présence minimale",
                        team=team.id,
                        day=days[day],
                    )
                )
                for week in range(problem.weeks):
                    if team.min_on_site_exceptionnel:
                        present = sum(self.at(index, week, day) for index, _ in members[team.id])
                        self._add(coverage, self.model.add(present >= team.min_on_site_exceptionnel))
                    if teleworkers:
                        volunteers = sum(self.at(index, week, day) for index in teleworkers)
                        self._add(remote, self.model.add(volunteers <= allowed))

    def _desks(self):
        problem, days = self.problem, self.problem.days
        by_site = {site.id: [] for site in problem.sites}
        for index, employee in enumerate(problem.employees):
            by_site[employee.site].append(index)
        for site in problem.sites:
            if not by_site[site.id]:
                continue
            for day in range(len(days)):
                literal = self._group(
                    Group(
                        "desks",
                        f"{site_label(site)} n'a que {count(site.desks[day], 'bureau')} {the_day(days[day])}",
                        site=site.id,
                        day=days[day],
                    )
                )
                for week in range(problem.weeks):
                    load = sum(self.at(index, week, day) for index in by_site[site.id])
                    self._add(literal, self.model.add(load <= site.desks[day]))

    # --- Soft objectives ----------------------------------------------------------------------------------------

    def objective(self, weights):
        problem = self.problem
        terms = []
        unmet = []
        for index, employee in enumerate(problem.employees):
            for week in range(problem.weeks):
                unmet += [self.at(index, week, day) for day in employee.preferred_remote]
                unmet += [1 - self.at(index, week, day) for day in employee.preferred_on_site]
        terms.append(weights.preference_unmet * sum(unmet))
        terms.append(weights.rotation_spread * sum(self._rotation_shortfalls()))
        if not problem.exceptional:
            if not problem.rules.fixed_days and problem.weeks > 1:
                terms.append(weights.pattern_change * sum(self._pattern_changes()))
            terms.append(weights.site_load_spread * sum(self._site_load_spreads()))
        self.model.minimize(sum(terms))

    def _spread(self, name, amounts, upper):
        high = self.model.new_int_var(0, upper, f"{name}_high")
        low = self.model.new_int_var(0, upper, f"{name}_low")
        for amount in amounts:
            self.model.add(high >= amount)
            self.model.add(low <= amount)
        return high - low

    def _rotation_shortfalls(self):
        """Fair sharing of the fair-rotation days (see docs/methodology/planning.md, « Équité »).

        Each eligible member is owed an even share of the remote slots that the team's minimum presence leaves
        on those days over the horizon; every day short of that share is penalised. In exceptional mode, each
        member who can telework owes at most an even share of the team's on-site duty; every day beyond it is
        penalised. A linear shortfall keeps the LP relaxation, hence the solver's bound, tight.
        """
        problem = self.problem
        shortfalls = []
        for team_id, members in self._members().items():
            team = problem.team_by_id[team_id]
            if problem.exceptional:
                days = range(len(problem.days))
                eligible = [index for index, employee in members if employee.can_telework and not employee.days_off]
                pinned = sum(1 for _, employee in members if not employee.can_telework)
                duty = max(0, team.min_on_site_exceptionnel - pinned) * len(days) * problem.weeks
                share = -(-duty // len(eligible)) if eligible else 0  # rounded up
            else:
                rotation = problem.rules.fair_rotation_days
                days = sorted(rotation)
                eligible = [
                    index
                    for index, employee in members
                    if employee.can_telework
                    and not (employee.days_off | employee.fixed_remote | employee.fixed_on_site) & rotation
                ]
                free_slots = max(0, len(eligible) - team.min_on_site) * len(days) * problem.weeks
                # An even share of the free slots, at most one rotation day a week: a guarantee, not a quota.
                share = min(problem.weeks, free_slots // len(eligible)) if eligible else 0
            if len(eligible) < 2 or not days:
                continue
            for index in eligible:
                on_site = sum(self.at(index, week, day) for week in range(problem.weeks) for day in days)
                shortfall = self.model.new_int_var(0, problem.weeks * len(days), f"share_{index}")
                if problem.exceptional:
                    self.model.add(shortfall >= on_site - share)
                else:
                    self.model.add(shortfall >= share - (problem.weeks * len(days) - on_site))
                shortfalls.append(shortfall)
        return shortfalls

    def _pattern_changes(self):
        changes = []
        for (index, week, day), variable in self.on_site.items():
            if week == 0:
                continue
            previous = self.on_site[index, week - 1, day]
            changed = self.model.new_bool_var(f"change_{index}_{week}_{day}")
            self.model.add(changed >= variable - previous)
            self.model.add(changed >= previous - variable)
            changes.append(changed)
        return changes

    def _site_load_spreads(self):
        problem = self.problem
        by_site = {site.id: [] for site in problem.sites}
        for index, employee in enumerate(problem.employees):
            by_site[employee.site].append(index)
        spreads = []
        for site in problem.sites:
            open_days = [day for day in range(len(problem.days)) if site.desks[day] > 0]
            if len(by_site[site.id]) < 2 or len(open_days) < 2:
                continue
            loads = [
                sum(self.at(index, week, day) for index in by_site[site.id])
                for week in range(problem.weeks)
                for day in open_days
            ]
            spreads.append(self._spread(f"load_{site.id}", loads, len(by_site[site.id])))
        return spreads


# --- Solving ---------------------------------------------------------------------------------------------------


class _FirstSolution(cp_model.CpSolverSolutionCallback):
    """Records the wall time of the first solution found."""

    def __init__(self):
        super().__init__()
        self.seconds = None

    def on_solution_callback(self):
        if self.seconds is None:
            self.seconds = self.wall_time


# Above this many on-site variables, two workers keep the default portfolio (see _solver).
CORE_PORTFOLIO_MAX_VARIABLES = 20_000


def _solver(time_limit, seed, workers, relative_gap=None, variables=0):
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = float(time_limit)
    solver.parameters.random_seed = int(seed)
    solver.parameters.num_workers = int(workers or os.cpu_count() or 1)
    if solver.parameters.num_workers == 2 and variables <= CORE_PORTFOLIO_MAX_VARIABLES:
        # On two workers the default portfolio keeps one LP worker and interleaves local search; a core-based
        # worker (MaxSAT-like lower bounds on the sum of penalties) closes the gap much faster on this model
        # (measured on 250 employees), but finds no first schedule in time on 5,000: large models keep the
        # default portfolio and its local search.
        solver.parameters.subsolvers.extend(["core", "default_lp"])
    if relative_gap is not None:
        solver.parameters.relative_gap_limit = float(relative_gap)
    return solver


def _assignments(problem, where):
    return [
        {
            "employee": employee.id,
            "week": week + 1,
            "day": problem.days[day],
            "where": where(index, employee, week, day),
        }
        for index, employee in enumerate(problem.employees)
        for week in range(problem.weeks)
        for day in range(len(problem.days))
    ]


def solve(data, *, time_limit=20.0, seed=0, workers=None, relative_gap=None, weights=None, explain_time_limit=None):
    """Plan on-site and remote days. `data` is the JSON-compatible input (or a parsed `Problem`).

    Returns a JSON-compatible dict: status (optimal, feasible, infeasible, or unknown when the time ran out before
    any plan was found), assignments, metrics, solver figures (objective, best bound, gap, times), and, when
    infeasible, an explanation naming a minimal set of conflicting constraints in French. Raises
    `PlanningInputError` for malformed input. `workers=1` with a fixed `seed` gives reproducible results.
    """
    started = time.perf_counter()
    problem = parse_problem(data)
    weights = weights or Weights.load()
    builder = _Builder(problem, explain=False)
    builder.objective(weights)
    for key, value in greedy_on_site(problem).items():
        builder.model.add_hint(builder.on_site[key], value)
    built = time.perf_counter() - started
    solver = _solver(time_limit, seed, workers, relative_gap, variables=len(builder.on_site))
    first = _FirstSolution()
    status = solver.solve(builder.model, first)
    result = {
        "status": STATUSES.get(status, "unknown"),
        "mode": problem.mode,
        "assignments": [],
        "metrics": None,
        "solver": {
            "objective": None,
            "best_bound": solver.best_objective_bound if status != cp_model.INFEASIBLE else None,
            "gap_percent": None,
            "model_seconds": round(built, 3),
            "first_solution_seconds": round(built + first.seconds, 3) if first.seconds is not None else None,
            "wall_seconds": None,
            "workers": solver.parameters.num_workers,
            "seed": solver.parameters.random_seed,
            "weights": weights.__dict__,
        },
    }
    if problem.exceptional:
        result["exceptional_reason"] = problem.exceptional_reason
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):

        def where(index, employee, week, day):
            if day in employee.days_off:
                return OFF
            return SITE if solver.boolean_value(builder.on_site[index, week, day]) else REMOTE

        result["assignments"] = _assignments(problem, where)
        anchors = {}
        for (team_id, week, day), variable in builder.anchors.items():
            week_days = anchors.setdefault(team_id, [[] for _ in range(problem.weeks)])[week]
            if solver.boolean_value(variable):
                week_days.append(problem.days[day])
        result["metrics"] = schedule_metrics(problem, result["assignments"], anchors=anchors)
        objective, bound = solver.objective_value, solver.best_objective_bound
        result["solver"]["objective"] = objective
        result["solver"]["gap_percent"] = round(100 * abs(objective - bound) / max(1.0, abs(objective)), 3)
    elif status == cp_model.INFEASIBLE:
        result["explanation"] = explain_infeasibility(problem, time_limit=explain_time_limit or time_limit, seed=seed)
    else:
        result["message"] = (
            f"Aucun planning trouvé dans le temps imparti ({time_limit:g} s) : augmentez --time-limit "
            "ou allégez les contraintes."
        )
    result["solver"]["wall_seconds"] = round(time.perf_counter() - started, 3)
    return result


def explain_infeasibility(problem, *, time_limit=20.0, seed=0):
    """A minimal set of hard-constraint groups that cannot hold together, in French.

    CP-SAT gives a sufficient set of assumptions (groups) for infeasibility; each group is then removed in turn
    and kept out whenever the rest stays infeasible (deletion-based shrinking). `minimal` is false when the time
    ran out before every group was tested.
    """
    problem = parse_problem(problem)
    builder = _Builder(problem, explain=True)
    deadline = time.perf_counter() + time_limit
    # One worker: the core comes from the search itself, which a portfolio of workers may not report.
    solver = _solver(time_limit, seed, workers=1)
    literals = {index: literal for index, (literal, _group) in builder.groups.items()}

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
    groups = [builder.groups[index][1] for index in core]
    return {
        "summary": _summary(problem, groups),
        "constraints": [group.as_dict() for group in groups],
        "minimal": minimal,
    }


def _capitalized(text):
    return text[:1].upper() + text[1:]


def _summary(problem, groups):
    kinds = sorted(group.kind for group in groups)
    if kinds == ["desks", "team_min"]:
        desks, team_min = sorted(groups, key=lambda group: group.kind)
        if desks.day == team_min.day:
            team, site = problem.team_by_id[team_min.team], problem.site_by_id[desks.site]
            day = problem.days.index(desks.day)
            return (
                f"{_capitalized(team_label(team))} ne peut pas avoir {count(team.min_on_site, 'présent')} "
                f"{the_day(desks.day)} avec {count(site.desks[day], 'bureau')} sur {site_label(site)}."
            )
    sentences = " ; ".join(group.message for group in groups)
    return f"Ces contraintes ne peuvent pas être respectées ensemble : {sentences}."
