"""Phase 3 of the hybrid planner, the bound: column generation over the teams' schedules of one part
(docs/methodology/planning.md, « Génération de colonnes »)."""

import math
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

from teletravail.planning.budget import (
    MIX_SECONDS,
    PRICE_SCALE,
    PRICING_SECONDS,
    portfolio_solver,
    single_worker_solver,
)
from teletravail.planning.model import ModelBuilder, load_spread, site_loads, spread, spread_sites


@dataclass(frozen=True)
class Column:
    """One schedule of one team: its cost, its on-site values (in the part's indices) and its anchor days."""

    cost: int
    on_site: dict
    anchors: dict


@dataclass(frozen=True)
class SiteGroup:
    """Teams whose columns are mixed together, and the (site id, week, day) slots of their sites' open days."""

    team_ids: list[str]
    slots: list[tuple]


@dataclass(frozen=True)
class PricedTeam:
    """One team solved at the master's prices: a lower bound of its priced cost (in 1/PRICE_SCALE of a point) and,
    when proven optimal, its schedule as a column."""

    bound: float
    column: Column | None


@dataclass(frozen=True)
class MasterSolution:
    """A group's master programme, solved: its value; the price of a person on site, in 1/PRICE_SCALE of a point,
    (site id, week, day) → whole number; the desks times their prices, in the same unit."""

    value: float
    prices: dict
    desks_price: int


class ColumnGeneration:
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
        self.spread = {site_id: set(slots) for site_id, slots in spread_sites(part).items()}
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
        self.groups = []  # SiteGroup
        for site_ids, team_ids in by_sites.items():
            slots = [
                (site.id, week, day)
                for site in part.sites
                if site.id in site_ids
                for week in range(part.weeks)
                for day in range(len(part.days))
                if site.is_open(week, day)
            ]
            self.groups.append(SiteGroup(team_ids, slots))
        self.group_of = {team_id: index for index, group in enumerate(self.groups) for team_id in group.team_ids}
        self.columns = {team.id: {} for team in part.teams}  # loads → Column
        self.bounds = [sum(floors[team_id] for team_id in group.team_ids) for group in self.groups]
        self.finished = [False] * len(self.groups)  # no round can do more
        self.proved = [False] * len(self.groups)  # the bound reached the master's value
        self.changes = 0  # columns added or made cheaper
        self.mixed_at = None  # `changes` at the last mix
        self.rounds = 0

    def bound(self):
        return sum(self.bounds)

    def _loads(self, team_id, on_site):
        slots = self.groups[self.group_of[team_id]].slots
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
        if known is None or cost < known.cost:
            self.columns[team_id][loads] = Column(cost, on_site, anchors)
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
        for group, site_group in enumerate(self.groups):
            if self.finished[group]:
                continue
            if time.perf_counter() >= deadline:
                return False
            master = self._master(group)
            if not math.isfinite(master.value):
                self.finished[group] = True
                continue
            if self.bounds[group] >= math.ceil(master.value - 1e-6):
                self.finished[group] = self.proved[group] = True
                continue
            changes = self.changes
            priced = self._price(site_group.team_ids, master.prices, schedule, deadline)
            for team_id, outcome in zip(site_group.team_ids, priced, strict=True):
                if outcome is not None and outcome.column is not None:
                    column = outcome.column
                    self.add(team_id, column.on_site, column.anchors, column.cost)
            if None in priced:
                return False  # out of time before the last team: the columns found are kept, not the bound
            total = sum(outcome.bound for outcome in priced) - master.desks_price
            if math.isfinite(total):
                self.bounds[group] = max(self.bounds[group], math.ceil(total / PRICE_SCALE - 1e-6))
            if self.changes == changes:
                self.finished[group] = True  # no new or cheaper column: the next master would be this one again
        return not all(self.finished)

    def _price(self, team_ids, prices, schedule, deadline):
        """Per team, its `PricedTeam`, or None when the time ran out first."""

        def price(team_id):
            left = deadline - time.perf_counter()
            if left <= 0:
                return None
            limit = min(PRICING_SECONDS, left)
            return price_team(
                self.part, team_id, self.members[team_id], prices, self.weights, self.seed, schedule, limit
            )

        if self.workers < 2:
            return [price(team_id) for team_id in team_ids]
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            return list(pool.map(price, team_ids))

    def _master(self, group):
        """The group's master programme, solved, as a `MasterSolution`."""
        team_ids, slots = self.groups[group].team_ids, self.groups[group].slots
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
            for loads, column in self.columns[team_id].items():
                share = lp.NumVar(0, infinity, "")
                convexity.SetCoefficient(share, 1)
                objective.SetCoefficient(share, column.cost)
                for slot, load in zip(slots, loads, strict=True):
                    if load:
                        within[slot].SetCoefficient(share, load)
                        if slot in above:
                            above[slot].SetCoefficient(share, -load)
                            below[slot].SetCoefficient(share, load)
        objective.SetMinimization()
        if lp.Solve() != pywraplp.Solver.OPTIMAL:
            return MasterSolution(math.inf, {}, 0)
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
            mu = integral_shares({slot: weight / sum(mu.values()) for slot, weight in mu.items()}, scale)
            nu = integral_shares({slot: weight / sum(nu.values()) for slot, weight in nu.items()}, scale)
            for slot in site_slots:
                prices[slot] += mu[slot] - nu[slot]
        return MasterSolution(objective.Value(), prices, desks_price)

    def mixed(self, schedule, deadline):
        """A schedule better than `schedule` made of one known column per team (each group solved by CP-SAT for at
        most MIX_SECONDS, hinted with `schedule`), or None. `schedule` is one such mix: with no column new since
        the last mix, there is nothing to find."""
        if self.changes == self.mixed_at:
            return None
        on_site, anchors, costs = dict(schedule.on_site), dict(schedule.anchors), dict(schedule.team_costs)
        current = {team_id: self._loads(team_id, values) for team_id, (values, _) in self._by_team(schedule).items()}
        loads_now = site_loads(self.part, schedule.on_site)
        for group in self.groups:
            team_ids, slots = group.team_ids, group.slots
            left = deadline - time.perf_counter()
            if left <= 0:
                break
            share = sum(schedule.team_costs[team_id] for team_id in team_ids) + self.weights.site_load_spread * (
                load_spread(self.part, loads_now, {site_id for site_id, _week, _day in slots})
            )
            chosen = self._mix(team_ids, slots, current, share, left)
            for team_id, column in chosen.items():
                on_site.update(column.on_site)
                anchors.update(column.anchors)
                costs[team_id] = column.cost
        else:
            self.mixed_at = self.changes  # every group mixed
        objective = sum(costs.values()) + self.weights.site_load_spread * load_spread(
            self.part, site_loads(self.part, on_site)
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
                costs.append(column.cost * choice)
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
            spreads.append(spread(model, f"load_{site_id}", open_loads, len(self.part.employees)))
        model.minimize(sum(costs) + self.weights.site_load_spread * sum(spreads))
        solver = portfolio_solver(min(MIX_SECONDS, time_limit), self.seed, self.workers)
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


def integral_shares(weights, scale):
    """{key: weight} summing to 1 as whole numbers summing to `scale` (largest remainders), so that prices stay
    exact: the relaxation is valid for any weights that sum to 1, not for rounded ones."""
    floors = {key: math.floor(weight * scale) for key, weight in weights.items()}
    missing = scale - sum(floors.values())
    for key in sorted(weights, key=lambda key: weights[key] * scale - floors[key], reverse=True)[:missing]:
        floors[key] += 1
    return floors


def price_team(part, team_id, whole, prices, weights, seed, schedule, time_limit):
    """The team (its employees at the part's indices `whole`) solved alone on one worker, each of its people on site
    priced ((site id, week, day) → 1/PRICE_SCALE of a point), hinted with its schedule in `schedule`: a
    `PricedTeam`, the lower bound of its cost plus the prices and its optimal schedule (on-site values in the part's
    indices) as a column, or None."""
    sub = part.for_teams([team_id])  # keeps the employees in their order: its employee i is the part's whole[i]
    builder = ModelBuilder(sub, explain=False)
    builder.objective(weights, site_load=False)
    terms = [PRICE_SCALE * builder.team_costs[team_id]]
    for (index, week, day), variable in builder.on_site.items():
        price = prices.get((sub.employees[index].site, week, day))
        if price:
            terms.append(price * variable)
        builder.model.add_hint(variable, schedule.on_site[whole[index], week, day])
    builder.model.minimize(sum(terms))
    solver = single_worker_solver(time_limit, seed)
    status = solver.solve(builder.model)
    # Stopped before any solution, CP-SAT reports 0 as its bound, which proves nothing: a priced cost can be < 0.
    proved = status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and math.isfinite(solver.best_objective_bound)
    bound = solver.best_objective_bound if proved else -math.inf
    if status != cp_model.OPTIMAL:
        # Only at the optimum are the penalty variables tight: the column's cost is then its schedule's.
        return PricedTeam(bound, None)
    on_site = {
        (whole[index], week, day): solver.boolean_value(variable)
        for (index, week, day), variable in builder.on_site.items()
    }
    anchors = {key: solver.boolean_value(variable) for key, variable in builder.anchors.items()}
    return PricedTeam(bound, Column(round(solver.value(builder.team_costs[team_id])), on_site, anchors))
