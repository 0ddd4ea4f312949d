"""The CP-SAT model of the hybrid planner: hard constraints by named groups, weighted soft objectives, and the site
loads every phase measures schedules with.

One Boolean per employee, week and worked day: on site (1) or remote (0). Days off carry no variable. Hard
constraints are added by groups (« l'équipe Compta doit avoir 3 présents le mardi », « le site Siège a 2 bureaux
le mardi »…); with `explain`, each group is enforced by its own literal, the unit of an infeasibility explanation
(teletravail.planning.explain). See docs/methodology/planning.md.
"""

from dataclasses import dataclass

from ortools.sat.python import cp_model

from teletravail.parameters import ParameterError, load_parameters
from teletravail.planning.wording import count, employee_label, site_label, team_label, the_day


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


@dataclass(frozen=True)
class GroupLiteral:
    """The literal that enforces one group of hard constraints in an explaining model."""

    literal: cp_model.IntVar
    group: Group


class ModelBuilder:
    """Builds the model; with `explain`, every hard-constraint group is enforced by its own literal."""

    def __init__(self, problem, explain):
        self.problem = problem
        self.explain = explain
        self.model = cp_model.CpModel()
        self.groups = {}  # literal index → GroupLiteral
        self._rules = {}  # kind of common rule → its shared literal
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
        self.groups[literal.index] = GroupLiteral(literal, group)
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
        for site_id, open_slots in spread_sites(problem).items():
            loads = [sum(self.at(index, week, day) for index in by_site[site_id]) for week, day in open_slots]
            spreads.append(spread(self.model, f"load_{site_id}", loads, len(by_site[site_id])))
        return spreads


def spread(model, name, amounts, upper):
    """The busiest minus the quietest of `amounts` (each between 0 and `upper`), as a linear expression."""
    high = model.new_int_var(0, upper, f"{name}_high")
    low = model.new_int_var(0, upper, f"{name}_low")
    for amount in amounts:
        model.add(high >= amount)
        model.add(low <= amount)
    return high - low


def site_loads(problem, on_site):
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


def spread_sites(problem):
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


def load_spread(problem, loads, site_ids=None):
    """The site load spread penalty of `ModelBuilder._site_load_spreads`, in persons, summed over the sites (or over
    `site_ids`)."""
    spread = 0
    for site_id, open_slots in spread_sites(problem).items():
        if site_ids is not None and site_id not in site_ids:
            continue
        site_loads = [loads[site_id, week, day] for week, day in open_slots]
        spread += max(site_loads) - min(site_loads)
    return spread


def worked_days(problem):
    """Every (employee index, week, day index) the employee works."""
    return [
        (index, week, day)
        for index, employee in enumerate(problem.employees)
        for week in range(problem.weeks)
        for day in problem.working_days(employee, week)
    ]


def variable_count(problem):
    return len(worked_days(problem))
