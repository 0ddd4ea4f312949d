"""The CP-SAT model of the hybrid planner: hard constraints, weighted soft objectives, explanation of conflicts.

One Boolean per employee, week and worked day: on site (1) or remote (0). Days off carry no variable. Hard
constraints are added by groups (« l'équipe Compta doit avoir 3 présents le mardi », « le site Siège a 2 bureaux
le mardi »…). When the plan is infeasible the model is built again with one assumption literal per group; CP-SAT
returns a sufficient set of groups in conflict, which is then shrunk by deletion to a minimal one (no group can be
dropped without the rest becoming satisfiable). See docs/methodology/planning.md.
"""

import math
import os
import random
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

from teletravail.parameters import ParameterError, load_parameters
from teletravail.planning.check import check_schedule
from teletravail.planning.greedy import greedy_on_site
from teletravail.planning.metrics import schedule_metrics
from teletravail.planning.problem import parse_problem
from teletravail.planning.wording import count, employee_label, site_label, team_label, the_day


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
    telework_target_gap: int

    @classmethod
    def load(cls, when=None):
        parameters = load_parameters("planning")
        values = {}
        for field in cls.__dataclass_fields__:
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
                    # A dated closure is no constraint to explain: no variable, even in explanations.
                    if problem.closure(employee.site, week, day) is None and (explain or day not in employee.days_off):
                        self.on_site[index, week, day] = self.model.new_bool_var(f"x_{index}_{week}_{day}")
        self._hard_constraints()

    def at(self, index, week, day):
        """The on-site variable, or 0 for a day off (outside explanations) or a closure of the site."""
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
            if self.explain:
                for day in sorted(employee.days_off):
                    literal = self._group(
                        Group("day_off", f"{who} ne travaille pas {the_day(days[day])}", employee.id, day=days[day])
                    )
                    for week in weeks:
                        if (index, week, day) in self.on_site:
                            self._add(literal, self.model.add(self.on_site[index, week, day] == 0))
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
                        if problem.works(employee, week, day):
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
                    for day in problem.working_days(employee, week):
                        self._add(literal, self.model.add(self.at(index, week, day) == 1))
            if problem.exceptional:
                continue
            self._weekly_limits(index, employee, who)
        if problem.exceptional:
            self._exceptional_coverage()
        else:
            self._team_presence()
            self._anchor_days()
            if problem.rules.fixed_days:
                literal = self._group(
                    Group("fixed_days", "la règle des jours fixes impose le même planning chaque semaine")
                )
                first = {}  # (employee index, day) → its variable in the first week the day is worked
                for (index, _week, day), variable in sorted(self.on_site.items()):
                    if (index, day) in first:
                        self._add(literal, self.model.add(variable == first[index, day]))
                    else:
                        first[index, day] = variable
        self._desks()

    def _weekly_limits(self, index, employee, who):
        """Each week's limits as a minimum of on-site days, counted on the days worked that week (a public holiday
        is neither on site nor remote): a telework limit leaves the other days on site."""
        problem, rules = self.problem, self.problem.rules
        limits = []  # (group or shared literal, kind of limit)
        if employee.telework_days_max is not None and employee.can_telework:
            group = Group(
                "telework_max",
                f"{who} télétravaille au plus {count(employee.telework_days_max, 'jour')} par semaine",
                employee.id,
            )
            limits.append((self._group(group), "telework_max"))
        if employee.on_site_days_min:
            group = Group(
                "on_site_min",
                f"{who} vient sur site au moins {count(employee.on_site_days_min, 'jour')} par semaine",
                employee.id,
            )
            limits.append((self._group(group), "on_site_min"))
        if rules.max_telework_days_per_week is not None and employee.can_telework:
            limits.append((self._rule_group("rule_telework_max"), "rule_telework_max"))
        if problem.common_on_site_floor(employee):
            limits.append((self._rule_group("rule_on_site_min"), "rule_on_site_min"))
        for week in range(problem.weeks):
            working = problem.working_days(employee, week)
            minimums = {
                "telework_max": len(working) - (employee.telework_days_max or 0),
                "on_site_min": problem.on_site_minimum(employee, week),
                "rule_telework_max": len(working) - (rules.max_telework_days_per_week or 0),
                "rule_on_site_min": problem.common_on_site_floor(employee, week),
            }
            for literal, kind in limits:
                if minimums[kind] > 0:
                    on_site = sum(self.at(index, week, day) for day in working)
                    self._add(literal, self.model.add(on_site >= minimums[kind]))

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
                    if problem.team_closed(team, week, day):
                        continue
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
                    working = [index for index, employee in members[team.id] if problem.works(employee, week, day)]
                    if not working:
                        continue  # nobody of the team works that day (days off, closures): no gathering possible
                    anchor = self.model.new_bool_var(f"anchor_{team.id}_{week}_{day}")
                    self.anchors[team.id, week, day] = anchor
                    chosen.append(anchor)
                    for index in working:
                        if literal is None:
                            # Linear form (x ≥ anchor): it enters the LP relaxation and tightens the bound.
                            self.model.add(self.at(index, week, day) >= anchor)
                        else:
                            self.model.add(self.at(index, week, day) == 1).only_enforce_if([anchor, literal])
                    wishing = [index for index in working if day in problem.employees[index].preferred_remote]
                    if literal is None and wishing:
                        # Redundant cut, the sum of the implications above over the members who wish to work
                        # remotely that day: the solver sees them as clauses, the LP sees this and bounds the
                        # preferences an anchor day costs.
                        self.model.add(sum(self.at(index, week, day) for index in wishing) >= len(wishing) * anchor)
                self._add(literal, self.model.add(sum(chosen) == problem.anchor_days_in_week(team, week)))

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
                    if problem.team_closed(team, week, day):
                        continue
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

    def objective(self, weights, *, site_load=True, team_floors=None):
        """Minimise the weighted penalties. Every penalty but the site load spread belongs to one team: each team's
        share is kept in `team_costs`. `team_floors` (team id → a proven lower bound of that share, from the team
        solved alone) are redundant bounds that tighten the whole model; `site_load=False` leaves the spread out."""
        problem = self.problem
        shares = {team.id: [] for team in problem.teams}
        for index, employee in enumerate(problem.employees):
            unmet = []
            for week in range(problem.weeks):
                worked = problem.working_days(employee, week)
                unmet += [self.at(index, week, day) for day in employee.preferred_remote if day in worked]
                unmet += [1 - self.at(index, week, day) for day in employee.preferred_on_site if day in worked]
            shares[employee.team].append(weights.preference_unmet * sum(unmet))
            if not problem.exceptional:
                shares[employee.team].append(weights.telework_target_gap * sum(self._telework_gaps(index, employee)))
        for team_id, shortfalls in self._rotation_shortfalls().items():
            shares[team_id].append(weights.rotation_spread * sum(shortfalls))
        if not problem.exceptional and not problem.rules.fixed_days and problem.weeks > 1:
            for index, changes in self._pattern_changes().items():
                shares[problem.employees[index].team].append(weights.pattern_change * sum(changes))
        self.team_costs = {team_id: sum(terms) for team_id, terms in shares.items()}
        costs = []
        for team_id, cost in self.team_costs.items():
            floor = (team_floors or {}).get(team_id, 0)
            if floor > 0:
                # A variable whose domain starts at the floor: the solver's bound then starts at the sum of floors.
                bounded = self.model.new_int_var(floor, cp_model.INT32_MAX, f"cost_{team_id}")
                self.model.add(bounded == cost)
                cost = bounded
            costs.append(cost)
        if site_load:
            costs.append(weights.site_load_spread * sum(self._site_load_spreads()))
        self.model.minimize(sum(costs))

    def _telework_gaps(self, index, employee):
        """Per week, the days between the remote days granted and the target (telework_target), either way:
        short of it the wish is not granted, beyond it telework is imposed, and telework is voluntary."""
        if not employee.can_telework:
            return []
        gaps = []
        for week in range(self.problem.weeks):
            target = self.problem.telework_target(employee, week)
            working = self.problem.working_days(employee, week)
            remote = len(working) - sum(self.at(index, week, day) for day in working)
            gap = self.model.new_int_var(0, len(working), f"telework_gap_{index}_{week}")
            self.model.add(gap >= target - remote)
            self.model.add(gap >= remote - target)
            gaps.append(gap)
        return gaps

    def _rotation_shortfalls(self):
        """Fair sharing of the fair-rotation days (see docs/methodology/planning.md, « Équité »).

        Each eligible member is owed an even share of the remote slots that the team's minimum presence leaves
        on those days over the horizon; every day short of that share is penalised. In exceptional mode, each
        member who can telework owes at most an even share of the team's on-site duty; every day beyond it is
        penalised. A linear shortfall keeps the LP relaxation, hence the solver's bound, tight.
        """
        problem = self.problem
        shortfalls = {}
        for team_id, members in self._members().items():
            team = problem.team_by_id[team_id]

            def open_slots(days, team=team):
                """The team's (week, day) slots among `days` over the horizon, its site's closures aside."""
                return sum(not problem.team_closed(team, week, day) for week in range(problem.weeks) for day in days)

            if problem.exceptional:
                days = range(len(problem.days))
                eligible = [index for index, employee in members if employee.can_telework and not employee.days_off]
                pinned = sum(1 for _, employee in members if not employee.can_telework)
                duty = max(0, team.min_on_site_exceptionnel - pinned) * open_slots(days)
                share = -(-duty // len(eligible)) if eligible else 0  # rounded up
            else:
                rotation = problem.rules.fair_rotation_days
                days = sorted(rotation)
                eligible = [
                    index
                    for index, employee in members
                    if problem.telework_target(employee) > 0  # who wants no telework is owed no rotation day
                    and not (employee.days_off | employee.fixed_remote | employee.fixed_on_site) & rotation
                ]
                free_slots = max(0, len(eligible) - team.min_on_site) * open_slots(days)
                # An even share of the free slots, at most one rotation day a week: a guarantee, not a quota.
                share = min(problem.weeks, free_slots // len(eligible)) if eligible else 0
            if len(eligible) < 2 or not days:
                continue
            for index in eligible:
                # Slots of the rotation days the member works: a closure is no remote day granted.
                slots = [
                    (week, day) for week in range(problem.weeks) for day in days if (index, week, day) in self.on_site
                ]
                on_site = sum(self.on_site[index, week, day] for week, day in slots)
                shortfall = self.model.new_int_var(0, problem.weeks * len(days), f"share_{index}")
                if problem.exceptional:
                    self.model.add(shortfall >= on_site - share)
                else:
                    self.model.add(shortfall >= share - (len(slots) - on_site))
                shortfalls.setdefault(team_id, []).append(shortfall)
        return shortfalls

    def _pattern_changes(self):
        """Employee index → one Boolean per worked day whose place differs from the same day a week before."""
        changes = {}
        for (index, week, day), variable in self.on_site.items():
            previous = self.on_site.get((index, week - 1, day))
            if previous is None:
                continue  # first week, or the day before was not worked (closure): no change to count
            changed = self.model.new_bool_var(f"change_{index}_{week}_{day}")
            self.model.add(changed >= variable - previous)
            self.model.add(changed >= previous - variable)
            changes.setdefault(index, []).append(changed)
        return changes

    def _site_load_spreads(self):
        problem = self.problem
        by_site = {site.id: [] for site in problem.sites}
        for index, employee in enumerate(problem.employees):
            by_site[employee.site].append(index)
        spreads = []
        for site_id, open_slots in _spread_sites(problem).items():
            loads = [sum(self.at(index, week, day) for index in by_site[site_id]) for week, day in open_slots]
            spreads.append(_spread(self.model, f"load_{site_id}", loads, len(by_site[site_id])))
        return spreads


def _spread(model, name, amounts, upper):
    """The busiest minus the quietest of `amounts` (each between 0 and `upper`), as a linear expression."""
    high = model.new_int_var(0, upper, f"{name}_high")
    low = model.new_int_var(0, upper, f"{name}_low")
    for amount in amounts:
        model.add(high >= amount)
        model.add(low <= amount)
    return high - low


# --- Solving ---------------------------------------------------------------------------------------------------


class _FirstSolution(cp_model.CpSolverSolutionCallback):
    """Records the wall time of the first solution found."""

    def __init__(self):
        super().__init__()
        self.seconds = None

    def on_solution_callback(self):
        if self.seconds is None:
            self.seconds = self.wall_time


# Share of the time limit that solving the teams one by one may take; the whole model has the rest.
TEAM_PHASE_SHARE = 0.5
# Most seconds given to placing one team among the teams before it, from its own schedule.
PLACEMENT_SECONDS = 0.04
# Most seconds for solving a team alone in the first pass (its schedule; most teams are proven optimal by then).
FIRST_PASS_SECONDS = 0.1
# Seconds for placing a team whose own schedule does not fit in the desks left, at least.
PLACEMENT_RETRY_SECONDS = 1.0
# Largest whole model of phase 2, in on-site variables: on 250 employees (5,000 variables) one model of both sites
# reached the teams' bound where one model per site did not; 5,000 employees (100,000) are split in five parts.
PART_MAX_VARIABLES = 20_000
# Below this many seconds left, the whole model is not started.
MIN_WHOLE_MODEL_SECONDS = 0.05
# Phase 3: at most this many teams of one site planned again together, and the most seconds per team planned.
NEIGHBOURHOOD_TEAMS = 3
NEIGHBOURHOOD_SECONDS = 0.2
# Column generation: the most of a part's phase 3 its rounds may take (the mixes after them and the neighbourhood
# search have the rest), the most seconds for pricing one team and for one exact mix of the columns (per group),
# and its prices in thousandths of a point.
COLUMN_SHARE = 0.5
PRICING_SECONDS = 1.0
MIX_SECONDS = 1.0
PRICE_SCALE = 1000
# Share of a part's time given to its whole model; the neighbourhood search by teams has the rest.
WHOLE_MODEL_SHARE = 0.1
# Most seconds for scoring a given schedule (every variable fixed: the anchors and penalties follow).
SCORING_SECONDS = 5.0


def _solver(time_limit, seed, workers, relative_gap=None):
    """The default portfolio: with the teams' bounds in the model, its local search is what the whole model
    needs (on 250 employees, a core-based worker, better at raising the bound alone, found worse schedules)."""
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.001, float(time_limit))
    solver.parameters.random_seed = int(seed)
    solver.parameters.num_workers = int(workers)
    if relative_gap is not None:
        solver.parameters.relative_gap_limit = float(relative_gap)
    return solver


def _single_worker_solver(time_limit, seed):
    """The solver of the small models (one team, a few teams): one worker, at the second linearisation level,
    which puts the anchor and fairness constraints into the LP (see `_solve_team`)."""
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.001, float(time_limit))
    solver.parameters.random_seed = int(seed)
    solver.parameters.num_workers = 1
    solver.parameters.linearization_level = 2
    return solver


def _lower_bound(solver):
    """The solver's proven bound, rounded up: every penalty is a whole number, and none is negative."""
    bound = solver.best_objective_bound
    return max(0, math.ceil(bound - 1e-6)) if math.isfinite(bound) else 0


@dataclass(frozen=True)
class _TeamPlan:
    """One team solved alone (phase 1): a proven lower bound of its cost, and its schedule once placed."""

    team: str
    status: int  # of the team solved alone against every desk of its sites
    bound: int
    cost: int | None  # of the schedule kept; None when the team could not be placed in time
    on_site: dict  # (employee index in the whole problem, week, day) → on site
    anchors: dict  # (team id, week, day) → anchor day chosen
    model_seconds: float


def _solve_team(problem, team_id, weights, seed, time_limit, placed=None, hint=None):
    """(status, cost, bound, on_site, anchors, model seconds) of one team solved alone on one worker.

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
    builder = _Builder(team_problem, explain=False)
    builder.objective(weights, site_load=False)
    indices = [index_of[employee.id] for employee in team_problem.employees]
    if placed is not None:
        _place_among(builder, placed, weights)
    for (index, week, day), variable in builder.on_site.items():
        if hint and (indices[index], week, day) in hint:
            builder.model.add_hint(variable, hint[indices[index], week, day])
    built = time.perf_counter() - started
    solver = _single_worker_solver(time_limit - built, seed)
    if placed is not None:
        # Placing has hundredths of a second: presolve would take them all (15 teams in 20 then found nothing).
        solver.parameters.cp_model_presolve = False
    status = solver.solve(builder.model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return status, None, _lower_bound(solver) if status != cp_model.INFEASIBLE else 0, {}, {}, built
    on_site = {
        (indices[index], week, day): solver.boolean_value(variable)
        for (index, week, day), variable in builder.on_site.items()
    }
    anchors = {key: solver.boolean_value(variable) for key, variable in builder.anchors.items()}
    cost = round(solver.value(builder.team_costs[team_id]))
    return status, cost, _lower_bound(solver), on_site, anchors, built


def _place_among(builder, placed, weights, spread_sites=None):
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
            spreads.append(_spread(model, f"placed_{site.id}", loads, max(site.desks)))
    model.minimize(sum(builder.team_costs.values()) + weights.site_load_spread * sum(spreads))


def _solve_teams(problem, weights, seed, deadline):
    """Phase 1, in two passes over the teams, each solve on one worker.

    First pass, for a first schedule soon: each team solved alone for at most FIRST_PASS_SECONDS, then placed
    among the teams before it from that schedule: within the desks they leave, site load spread counted, for
    PLACEMENT_SECONDS (longer when its own schedule does not fit). Side by side, the placed schedules make a
    schedule of the whole problem. Second pass: each team not yet proven optimal alone is solved alone again,
    given an even share of the time left until `deadline` (fast teams leave time to the slow ones), for the
    proven lower bound of its cost. A team infeasible alone stops: the whole problem is infeasible too.
    """
    loads = _site_loads(problem, {})
    plans = []
    for team in problem.teams:
        if time.perf_counter() >= deadline:
            plans.append(_TeamPlan(team.id, cp_model.UNKNOWN, 0, None, {}, {}, 0.0))
            continue  # out of time: the constructive schedule stands in for the teams not placed
        status, _cost, bound, on_site, _anchors, built = _solve_team(
            problem, team.id, weights, seed, FIRST_PASS_SECONDS
        )
        if status == cp_model.INFEASIBLE:
            return [*plans, _TeamPlan(team.id, status, bound, None, {}, {}, built)], None
        cost, anchors = None, {}
        for limit in (PLACEMENT_SECONDS, 4 * PLACEMENT_SECONDS, PLACEMENT_RETRY_SECONDS):
            placed = _solve_team(problem, team.id, weights, seed, limit, placed=loads, hint=on_site)
            built += placed[-1]
            if placed[1] is not None:
                _status, cost, _bound, on_site, anchors, _built = placed
                break
        if cost is None:
            on_site = {}
        plans.append(_TeamPlan(team.id, status, bound, cost, on_site, anchors, built))
        for (index, week, day), present in on_site.items():
            loads[problem.employees[index].site, week, day] += present
    placed_at = time.perf_counter()
    unproven = [position for position, plan in enumerate(plans) if plan.status != cp_model.OPTIMAL]
    for rank, position in enumerate(unproven):
        share = (deadline - time.perf_counter()) / (len(unproven) - rank)
        if share <= 0:
            break
        plan = plans[position]
        status, _cost, bound, _on_site, _anchors, built = _solve_team(
            problem, plan.team, weights, seed, share, hint=plan.on_site
        )
        if status == cp_model.INFEASIBLE:
            return [*plans[:position], replace(plan, status=status, cost=None, on_site={}, anchors={})], None
        plans[position] = replace(
            plan, status=status, bound=max(plan.bound, bound), model_seconds=plan.model_seconds + built
        )
    return plans, placed_at


def _site_loads(problem, on_site):
    """(site id, week, day) → people on site."""
    loads = {
        (site.id, week, day): 0
        for site in problem.sites
        for week in range(problem.weeks)
        for day in range(len(problem.days))
    }
    for (index, week, day), present in on_site.items():
        loads[problem.employees[index].site, week, day] += present
    return loads


class _ColumnGeneration:
    """The bound that counts the site load spread, and the best mix of the known team schedules: a Dantzig-Wolfe
    decomposition of a part by teams (docs/methodology/planning.md, « Génération de colonnes »).

    Every penalty but the spread belongs to one team, and only the desks and the spread link the teams. A column is
    one schedule of one team: its cost and its people on site per (site, week, day). The master linear programme
    mixes the columns, a convex combination per team, within the desks, and pays the spread of the mixed loads
    (busiest minus quietest open day of each site). Its duals price a person on site: μ on the busiest days and
    ν on the quietest (each summing to the spread weight), π on the desks. Each team solved alone at these prices
    gives a new column and a lower bound of its priced cost; their sum, less the desks times their prices, is a
    Lagrangian lower bound of the part's objective, whatever the prices. The rounds stop once that bound, rounded
    up (the objective is whole), reaches the master's value (the decomposition can prove no more), or when a round
    brings no new or cheaper column (the next would be the same). The columns met
    (schedules placed, found, priced) are also mixed exactly, one per team, by a small CP-SAT model: known team
    schedules often combine better than they were found.

    Teams are grouped by site when each works on one site (one programme per site), else all together."""

    def __init__(self, part, floors, weights, seed, workers):
        self.part, self.weights, self.seed = part, weights, seed
        self.workers = workers
        self.spread = {site_id: set(slots) for site_id, slots in _spread_sites(part).items()}
        self.team_of = [employee.team for employee in part.employees]
        self.members = {team.id: [] for team in part.teams}  # team id → its employees' indices in the part
        team_sites = {team.id: set() for team in part.teams}
        for index, employee in enumerate(part.employees):
            self.members[employee.team].append(index)
            team_sites[employee.team].add(employee.site)
        if all(len(sites) == 1 for sites in team_sites.values()):
            by_sites = {}
            for team in part.teams:
                by_sites.setdefault(frozenset(team_sites[team.id]), []).append(team.id)
        else:
            by_sites = {frozenset().union(*team_sites.values()): [team.id for team in part.teams]}
        self.groups = []  # (team ids, the (site id, week, day) slots of their sites' open days)
        for site_ids, team_ids in by_sites.items():
            slots = [
                (site.id, week, day)
                for site in part.sites
                if site.id in site_ids
                for week in range(part.weeks)
                for day in range(len(part.days))
                if site.is_open(week, day)
            ]
            self.groups.append((team_ids, slots))
        self.group_of = {team_id: group for group, (team_ids, _) in enumerate(self.groups) for team_id in team_ids}
        self.columns = {team.id: {} for team in part.teams}  # loads → (cost, on-site values, anchors)
        self.bounds = [sum(floors[team_id] for team_id in team_ids) for team_ids, _ in self.groups]
        self.finished = [False] * len(self.groups)  # no round can do more
        self.proved = [False] * len(self.groups)  # the bound reached the master's value
        self.changes = 0  # columns added or made cheaper
        self.mixed_at = None  # `changes` at the last mix
        self.rounds = 0

    def bound(self):
        return sum(self.bounds)

    def _loads(self, team_id, on_site):
        _team_ids, slots = self.groups[self.group_of[team_id]]
        loads = dict.fromkeys(slots, 0)
        for (index, week, day), present in on_site.items():
            if present:
                loads[self.part.employees[index].site, week, day] += 1
        return tuple(loads[slot] for slot in slots)

    def add(self, team_id, on_site, anchors, cost):
        """One schedule of one team (on-site values in the part's indices) as a column, unless one as cheap has
        the same loads."""
        loads = self._loads(team_id, on_site)
        known = self.columns[team_id].get(loads)
        if known is None or cost < known[0]:
            self.columns[team_id][loads] = (cost, on_site, anchors)
            self.changes += 1

    def _by_team(self, schedule):
        """Team id → its on-site values and anchors in a part schedule."""
        teams = {team_id: ({}, {}) for team_id in self.columns}
        for key, present in schedule.on_site.items():
            teams[self.team_of[key[0]]][0][key] = present
        for key, chosen in schedule.anchors.items():
            teams[key[0]][1][key] = chosen
        return teams

    def add_schedule(self, schedule):
        """Every team's schedule in a part schedule, as columns."""
        for team_id, (on_site, anchors) in self._by_team(schedule).items():
            self.add(team_id, on_site, anchors, schedule.team_costs[team_id])

    def round(self, schedule, deadline):
        """One round over the groups not finished: the master solved, then each team priced (on as many threads as
        workers, hinted with `schedule`). False once every group is finished, or out of time."""
        self.rounds += 1
        for group, (team_ids, _slots) in enumerate(self.groups):
            if self.finished[group]:
                continue
            if time.perf_counter() >= deadline:
                return False
            value, prices, desks_price = self._master(group)
            if not math.isfinite(value):
                self.finished[group] = True
                continue
            if self.bounds[group] >= math.ceil(value - 1e-6):
                self.finished[group] = self.proved[group] = True
                continue
            changes = self.changes
            priced = self._price(team_ids, prices, schedule, deadline)
            for team_id, outcome in zip(team_ids, priced, strict=True):
                if outcome is not None and outcome[1] is not None:
                    self.add(team_id, *outcome[1])
            if None in priced:
                return False  # out of time before the last team: the columns found are kept, not the bound
            total = sum(team_bound for team_bound, _column in priced) - desks_price
            if math.isfinite(total):
                self.bounds[group] = max(self.bounds[group], math.ceil(total / PRICE_SCALE - 1e-6))
            if self.changes == changes:
                self.finished[group] = True  # no new or cheaper column: the next master would be this one again
        return not all(self.finished)

    def _price(self, team_ids, prices, schedule, deadline):
        """Per team, (lower bound of its priced cost, its column or None), or None when the time ran out first."""

        def price(team_id):
            left = deadline - time.perf_counter()
            if left <= 0:
                return None
            limit = min(PRICING_SECONDS, left)
            return _priced_team(
                self.part, team_id, self.members[team_id], prices, self.weights, self.seed, schedule, limit
            )

        if self.workers < 2:
            return [price(team_id) for team_id in team_ids]
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            return list(pool.map(price, team_ids))

    def _master(self, group):
        """The group's master programme, solved: (its value; the price of a person on site, in 1/PRICE_SCALE of a
        point, (site id, week, day) → whole number; the desks times their prices, in the same unit)."""
        team_ids, slots = self.groups[group]
        desks = {slot: self.part.site_by_id[slot[0]].desks[slot[2]] for slot in slots}
        lp = pywraplp.Solver.CreateSolver("GLOP")
        infinity = lp.infinity()
        objective = lp.Objective()
        busiest, quietest = {}, {}
        for site_id in sorted({site_id for site_id, _week, _day in slots} & set(self.spread)):
            busiest[site_id] = lp.NumVar(0, infinity, f"busiest_{site_id}")
            quietest[site_id] = lp.NumVar(0, infinity, f"quietest_{site_id}")
            objective.SetCoefficient(busiest[site_id], self.weights.site_load_spread)
            objective.SetCoefficient(quietest[site_id], -self.weights.site_load_spread)
        above, below, within = {}, {}, {}
        for slot in slots:
            site_id, week, day = slot
            if site_id in busiest and (week, day) in self.spread[site_id]:
                above[slot] = lp.Constraint(0, infinity)  # busiest − load ≥ 0
                above[slot].SetCoefficient(busiest[site_id], 1)
                below[slot] = lp.Constraint(0, infinity)  # load − quietest ≥ 0
                below[slot].SetCoefficient(quietest[site_id], -1)
            within[slot] = lp.Constraint(-infinity, desks[slot])
        for team_id in team_ids:
            convexity = lp.Constraint(1, 1)
            for loads, (cost, _on_site, _anchors) in self.columns[team_id].items():
                share = lp.NumVar(0, infinity, "")
                convexity.SetCoefficient(share, 1)
                objective.SetCoefficient(share, cost)
                for slot, load in zip(slots, loads, strict=True):
                    if load:
                        within[slot].SetCoefficient(share, load)
                        if slot in above:
                            above[slot].SetCoefficient(share, -load)
                            below[slot].SetCoefficient(share, load)
        objective.SetMinimization()
        if lp.Solve() != pywraplp.Solver.OPTIMAL:
            return math.inf, {}, 0
        # A desk's dual is ≤ 0 in a minimisation; its price is the opposite.
        prices = {slot: max(0, round(-within[slot].dual_value() * PRICE_SCALE)) for slot in slots}
        desks_price = sum(prices[slot] * desks[slot] for slot in slots)
        for site_id in busiest:
            site_slots = [slot for slot in above if slot[0] == site_id]
            mu = {slot: max(0.0, above[slot].dual_value()) for slot in site_slots}
            nu = {slot: max(0.0, below[slot].dual_value()) for slot in site_slots}
            if sum(mu.values()) <= 1e-9 or sum(nu.values()) <= 1e-9:
                continue  # no price on this site's spread: the bound holds as well
            # Exactly the spread weight on each side, in whole numbers: the relaxation holds for these prices.
            scale = self.weights.site_load_spread * PRICE_SCALE
            mu = _integral({slot: weight / sum(mu.values()) for slot, weight in mu.items()}, scale)
            nu = _integral({slot: weight / sum(nu.values()) for slot, weight in nu.items()}, scale)
            for slot in site_slots:
                prices[slot] += mu[slot] - nu[slot]
        return objective.Value(), prices, desks_price

    def mixed(self, schedule, deadline):
        """A schedule better than `schedule` made of one known column per team (each group solved by CP-SAT for at
        most MIX_SECONDS, hinted with `schedule`), or None. `schedule` is one such mix: with no column new since
        the last mix, there is nothing to find."""
        if self.changes == self.mixed_at:
            return None
        on_site, anchors, costs = dict(schedule.on_site), dict(schedule.anchors), dict(schedule.team_costs)
        current = {team_id: self._loads(team_id, values) for team_id, (values, _) in self._by_team(schedule).items()}
        site_loads = _site_loads(self.part, schedule.on_site)
        for team_ids, slots in self.groups:
            left = deadline - time.perf_counter()
            if left <= 0:
                break
            share = sum(schedule.team_costs[team_id] for team_id in team_ids) + self.weights.site_load_spread * (
                _load_spread(self.part, site_loads, {site_id for site_id, _week, _day in slots})
            )
            chosen = self._mix(team_ids, slots, current, share, left)
            for team_id, (cost, team_on_site, team_anchors) in chosen.items():
                on_site.update(team_on_site)
                anchors.update(team_anchors)
                costs[team_id] = cost
        else:
            self.mixed_at = self.changes  # every group mixed
        objective = sum(costs.values()) + self.weights.site_load_spread * _load_spread(
            self.part, _site_loads(self.part, on_site)
        )
        if objective >= schedule.objective:
            return None
        return replace(schedule, on_site=on_site, anchors=anchors, objective=objective, team_costs=costs)

    def _mix(self, team_ids, slots, current, share, time_limit):
        """Team id → its column in the best mix of the group; {} when the group's `share` of the schedule (whose
        team loads are `current`) is not bettered in time."""
        model = cp_model.CpModel()
        loads = dict.fromkeys(slots, 0)
        choices, costs = [], []
        for team_id in team_ids:
            team_choices = []
            for team_loads, column in self.columns[team_id].items():
                choice = model.new_bool_var(f"column_{team_id}_{len(team_choices)}")
                model.add_hint(choice, team_loads == current[team_id])
                team_choices.append((choice, team_loads, column))
                costs.append(column[0] * choice)
                for slot, load in zip(slots, team_loads, strict=True):
                    if load:
                        loads[slot] += load * choice
            model.add_exactly_one(choice for choice, _loads, _column in team_choices)
            choices.append((team_id, team_choices))
        for slot in slots:
            model.add(loads[slot] <= self.part.site_by_id[slot[0]].desks[slot[2]])
        spreads = []
        for site_id in sorted({site_id for site_id, _week, _day in slots} & set(self.spread)):
            open_loads = [loads[slot] for slot in slots if slot[0] == site_id and slot[1:] in self.spread[site_id]]
            spreads.append(_spread(model, f"load_{site_id}", open_loads, len(self.part.employees)))
        model.minimize(sum(costs) + self.weights.site_load_spread * sum(spreads))
        solver = _solver(min(MIX_SECONDS, time_limit), self.seed, self.workers)
        status = solver.solve(model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE) or round(solver.objective_value) >= share:
            return {}
        return {
            team_id: column
            for team_id, team_choices in choices
            for choice, _loads, column in team_choices
            if solver.boolean_value(choice)
        }

    def figures(self, started):
        return {
            "rounds": self.rounds,
            "columns": sum(len(columns) for columns in self.columns.values()),
            "proved": sum(self.proved),
            "groups": len(self.groups),
            "bound": self.bound(),
            "seconds": round(time.perf_counter() - started, 3),
        }


def _integral(weights, scale):
    """{key: weight} summing to 1 as whole numbers summing to `scale` (largest remainders), so that prices stay
    exact: the relaxation is valid for any weights that sum to 1, not for rounded ones."""
    floors = {key: math.floor(weight * scale) for key, weight in weights.items()}
    missing = scale - sum(floors.values())
    for key in sorted(weights, key=lambda key: weights[key] * scale - floors[key], reverse=True)[:missing]:
        floors[key] += 1
    return floors


def _priced_team(part, team_id, whole, prices, weights, seed, schedule, time_limit):
    """The team (its employees at the part's indices `whole`) solved alone on one worker, each of its people on site
    priced ((site id, week, day) → 1/PRICE_SCALE of a point), hinted with its schedule in `schedule`: (lower bound
    of its cost plus the prices, in 1/PRICE_SCALE of a point; its optimal schedule, as (on-site values in the
    part's indices, anchors, cost), or None)."""
    sub = part.for_teams([team_id])  # keeps the employees in their order: its employee i is the part's whole[i]
    builder = _Builder(sub, explain=False)
    builder.objective(weights, site_load=False)
    terms = [PRICE_SCALE * builder.team_costs[team_id]]
    for (index, week, day), variable in builder.on_site.items():
        price = prices.get((sub.employees[index].site, week, day))
        if price:
            terms.append(price * variable)
        builder.model.add_hint(variable, schedule.on_site[whole[index], week, day])
    builder.model.minimize(sum(terms))
    solver = _single_worker_solver(time_limit, seed)
    status = solver.solve(builder.model)
    # Stopped before any solution, CP-SAT reports 0 as its bound, which proves nothing: a priced cost can be < 0.
    proved = status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and math.isfinite(solver.best_objective_bound)
    bound = solver.best_objective_bound if proved else -math.inf
    if status != cp_model.OPTIMAL:
        # Only at the optimum are the penalty variables tight: the column's cost is then its schedule's.
        return bound, None
    on_site = {
        (whole[index], week, day): solver.boolean_value(variable)
        for (index, week, day), variable in builder.on_site.items()
    }
    anchors = {key: solver.boolean_value(variable) for key, variable in builder.anchors.items()}
    return bound, (on_site, anchors, round(solver.value(builder.team_costs[team_id])))


def _spread_sites(problem):
    """Site id → its open (week, day) slots (with a desk, no dated closure), for the sites whose load spread is
    penalised: two people or more work there and it opens two days a week or more; none in exceptional mode. The
    objective, its evaluation and the bounds share this rule."""
    if problem.exceptional:
        return {}
    headcount = {site.id: 0 for site in problem.sites}
    for employee in problem.employees:
        headcount[employee.site] += 1
    sites = {}
    for site in problem.sites:
        open_days = [day for day in range(len(problem.days)) if site.desks[day] > 0]
        if headcount[site.id] >= 2 and len(open_days) >= 2:
            sites[site.id] = [
                (week, day) for week in range(problem.weeks) for day in open_days if site.is_open(week, day)
            ]
    return sites


def _load_spread(problem, loads, site_ids=None):
    """The site load spread penalty of `_Builder._site_load_spreads`, in persons, summed over the sites (or over
    `site_ids`)."""
    spread = 0
    for site_id, open_slots in _spread_sites(problem).items():
        if site_ids is not None and site_id not in site_ids:
            continue
        site_loads = [loads[site_id, week, day] for week, day in open_slots]
        spread += max(site_loads) - min(site_loads)
    return spread


def _components(problem):
    """Teams linked through the sites of their members, as lists of team ids: the problem splits into these
    independent parts (desks and site load are the only links between teams)."""
    parent = {}

    def root(node):
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    for employee in problem.employees:
        parent[root(("team", employee.team))] = root(("site", employee.site))
    components = {}
    for team in problem.teams:
        components.setdefault(root(("team", team.id)), []).append(team.id)
    return list(components.values())


def _parts(problem):
    """The independent components, gathered in input order into parts of at most PART_MAX_VARIABLES on-site
    variables (one part holds at least one component): the parts solved one after the other in phase 2."""
    parts, size = [], PART_MAX_VARIABLES
    for team_ids in _components(problem):
        component = _variables(problem.for_teams(team_ids))
        if size + component > PART_MAX_VARIABLES:
            parts.append([])
            size = 0
        parts[-1] += team_ids
        size += component
    return [problem.for_teams(team_ids) for team_ids in parts]


@dataclass
class _Schedule:
    """The best schedule known for a part of the problem: on-site values, anchors, objective (its teams' costs
    plus the site load spread), each team's cost, when found."""

    on_site: dict
    anchors: dict
    objective: int
    found_seconds: float | None
    team_costs: dict


def _worked_days(problem):
    """Every (employee index, week, day index) the employee works."""
    return [
        (index, week, day)
        for index, employee in enumerate(problem.employees)
        for week in range(problem.weeks)
        for day in problem.working_days(employee, week)
    ]


def _variables(problem):
    return len(_worked_days(problem))


def _solve_part(part, whole_indices, plans, weights, options, time_limit, started, placed_seconds, constructed):
    """Phase 2 on one independent part: the placed schedules of its teams, improved by the part's whole model,
    seeded with them and tightened by the teams' bounds. (status, schedule or None, bound, figures).

    `constructed` is the constructive schedule of the part (on-site values in the part's indices) and, when it
    breaks no rule, the seconds when it was found (else None): such a schedule is the hint when no team schedule
    was placed, and is scored by the part's model when the solver found nothing better.
    """
    seed, workers, relative_gap = options
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
        objective += weights.site_load_spread * _load_spread(part, _site_loads(part, on_site))
        anchors = {key: value for plan in plans for key, value in plan.anchors.items()}
        schedule = _Schedule(on_site, anchors, objective, placed_seconds, {plan.team: plan.cost for plan in plans})
    if schedule is not None and _within_gap(schedule.objective, bound, relative_gap):
        return cp_model.OPTIMAL, schedule, bound, None
    if time_limit < MIN_WHOLE_MODEL_SECONDS:
        return cp_model.UNKNOWN, schedule, bound, None
    part_started = time.perf_counter()
    builder = _Builder(part, explain=False)
    builder.objective(weights, team_floors=floors)
    if schedule is not None:
        hint = schedule.on_site
    elif constructed[1] is not None:
        hint = constructed[0]  # a schedule that breaks no rule, rather than placed teams beside an unchecked rest
    else:
        hint = dict(constructed[0])
        hint.update({(local[key[0]], key[1], key[2]): value for key, value in placed.items()})
    for key, value in hint.items():
        builder.model.add_hint(builder.on_site[key], value)
    part_deadline = part_started + time_limit
    solver = _solver(WHOLE_MODEL_SHARE * (part_deadline - time.perf_counter()), seed, workers, relative_gap)
    first = _FirstSolution()
    status = solver.solve(builder.model, first)
    figures = {
        "teams": len(plans),
        "seconds": round(time.perf_counter() - part_started, 3),
        "status": STATUSES.get(status, "unknown"),
    }
    if status == cp_model.INFEASIBLE:
        return status, None, bound, figures
    bound = max(bound, _lower_bound(solver))
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE) and schedule is None and constructed[1] is not None:
        schedule = _scored(builder, *constructed, seed)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and (
        schedule is None or solver.objective_value < schedule.objective
    ):
        found = part_started - started + first.seconds if first.seconds is not None else None
        schedule = _solution(solver, builder, schedule.found_seconds if schedule else found)
    if schedule is not None and status != cp_model.OPTIMAL:
        schedule, bound = _search_and_bound(part, schedule, bound, floors, weights, options, part_deadline, figures)
        if schedule.objective <= bound:
            status = cp_model.OPTIMAL
    left = part_deadline - time.perf_counter()
    if (
        schedule is not None
        and status != cp_model.OPTIMAL
        and not _within_gap(schedule.objective, bound, relative_gap)
        and left >= MIN_WHOLE_MODEL_SECONDS
    ):
        # Time left after the search (it converged): the whole model again, from the best schedule, may prove it
        # optimal (small parts) or better it.
        builder.model.clear_hints()
        for key, value in schedule.on_site.items():
            builder.model.add_hint(builder.on_site[key], value)
        solver = _solver(left, seed, workers, relative_gap)
        status = solver.solve(builder.model)
        figures["whole_model_again"] = {"seconds": round(solver.wall_time, 3), "status": STATUSES.get(status)}
        bound = max(bound, _lower_bound(solver))
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and solver.objective_value < schedule.objective:
            schedule = _solution(solver, builder, schedule.found_seconds)
        status = cp_model.OPTIMAL if schedule.objective <= bound else cp_model.FEASIBLE
    figures["seconds"] = round(time.perf_counter() - part_started, 3)
    return status, schedule, bound, figures


def _within_gap(objective, bound, relative_gap):
    return objective - bound <= (relative_gap or 0) * objective


def _search_and_bound(part, schedule, bound, floors, weights, options, deadline, figures):
    """Phase 3 on one part: rounds of column generation (the bound that counts the load spread; the team
    schedules met, mixed at their best after each round), for at most COLUMN_SHARE of the time; then the
    neighbourhood search by teams from the best schedule, whose schedules join the columns for a last mix. Stops
    once the gap asked for is reached. (schedule, bound)"""
    seed, workers, relative_gap = options
    started = time.perf_counter()
    columns = _ColumnGeneration(part, floors, weights, seed, workers)
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
        schedule, figures["neighbourhood_search"] = _improve_by_teams(
            part, schedule, weights, seed, deadline, target, publish=columns.add_schedule
        )
        columns.add_schedule(schedule)
        schedule = columns.mixed(schedule, deadline) or schedule
    figures["column_generation"] = columns.figures(started)
    return schedule, max(bound, columns.bound())


def _solution(solver, builder, found_seconds):
    """The schedule of the builder's model as the solver left it."""
    return _Schedule(
        on_site={key: solver.boolean_value(variable) for key, variable in builder.on_site.items()},
        anchors={key: solver.boolean_value(variable) for key, variable in builder.anchors.items()},
        objective=round(solver.objective_value),
        found_seconds=found_seconds,
        team_costs=_team_costs(solver, builder),
    )


def _team_costs(solver, builder):
    return {team_id: round(solver.value(cost)) for team_id, cost in builder.team_costs.items()}


def _improve_by_teams(part, schedule, weights, seed, deadline, target=None, publish=None):
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
    spread_sites = set(_spread_sites(part))
    crowded = sorted(site_id for site_id, teams in teams_at.items() if len(teams) >= 2)
    if part.exceptional or not crowded:
        return schedule, figures
    rng = random.Random(seed)
    on_site, anchors, costs = dict(schedule.on_site), dict(schedule.anchors), dict(schedule.team_costs)
    loads = _site_loads(part, on_site)
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
        builder = _Builder(sub, explain=False)
        builder.objective(weights, site_load=False)
        fixed = dict(loads)  # the other teams' people on site
        for index, week, day in builder.on_site:
            fixed[sub.employees[index].site, week, day] -= on_site[whole[index], week, day]
            builder.model.add_hint(builder.on_site[index, week, day], on_site[whole[index], week, day])
        _place_among(builder, fixed, weights, spread_sites)
        touched = {employee.site for employee in sub.employees} & spread_sites
        current = sum(costs[team_id] for team_id in chosen) + weights.site_load_spread * _load_spread(
            part, loads, touched
        )
        solver = _single_worker_solver(
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
        costs.update(_team_costs(solver, builder))
        objective = sum(costs.values()) + weights.site_load_spread * _load_spread(part, loads)
        if better and publish is not None:
            publish(
                replace(
                    schedule, on_site=dict(on_site), anchors=dict(anchors), objective=objective, team_costs=dict(costs)
                )
            )
    figures["objective_after"] = objective
    return replace(schedule, on_site=on_site, anchors=anchors, objective=objective, team_costs=costs), figures


def _scored(builder, on_site, found_seconds, seed):
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
    return _solution(solver, builder, found_seconds)


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
    plans, placed_at = _solve_teams(problem, weights, seed, started + TEAM_PHASE_SHARE * time_limit)
    plans = {plan.team: plan for plan in plans}
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
    parts = _parts(problem) if conflict is None else []
    variables_left = _variables(problem)
    placed_seconds = placed_at - started if placed_at is not None else None
    options = (seed, workers, relative_gap)
    for part in parts:
        size = _variables(part)
        share = max(0.0, deadline - time.perf_counter()) * size / max(1, variables_left)
        variables_left -= size
        whole_indices = [index_of[employee.id] for employee in part.employees]
        status, schedule, part_bound, part_figures = _solve_part(
            part,
            whole_indices,
            [plans[team.id] for team in part.teams],
            weights,
            options,
            share,
            started,
            placed_seconds,
            ({(i, w, d): greedy[whole_indices[i], w, d] for (i, w, d) in _worked_days(part)}, greedy_seconds),
        )
        if part_figures:
            figures["parts_phase"].append(part_figures)
        if status == cp_model.INFEASIBLE:
            conflict = part
            break
        bound += part_bound
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
