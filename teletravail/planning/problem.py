"""Planning input: JSON-compatible data checked and turned into a `Problem`.

Every problem found is collected (not only the first) and raised at once as a `PlanningInputError` whose
messages are French sentences naming the item at fault (« employees[3] (alice) », « teams[0] (compta) »…).
Contradictory but well-formed input (more people required than desks, say) is accepted here: the solver
answers `infeasible` with an explanation.
"""

from dataclasses import dataclass, replace
from functools import cached_property

from teletravail.geo import normalize
from teletravail.planning.errors import PlanningInputError


DAYS = ("lun", "mar", "mer", "jeu", "ven", "sam", "dim")
DAY_NAMES = {
    "lun": "lundi",
    "mar": "mardi",
    "mer": "mercredi",
    "jeu": "jeudi",
    "ven": "vendredi",
    "sam": "samedi",
    "dim": "dimanche",
}
# Short codes and full names, accents and case ignored ("Mercredi", "MER" and "mer" are the same day).
_DAY_ALIASES = {normalize(alias): code for code, name in DAY_NAMES.items() for alias in (code, name)}

NORMAL = "normal"
EXCEPTIONAL = "exceptionnel"
MODES = (NORMAL, EXCEPTIONAL)

_TOP_FIELDS = {"horizon", "sites", "teams", "employees", "rules", "mode", "exceptional_reason", "name"}
_HORIZON_FIELDS = {"weeks", "days"}
_SITE_FIELDS = {"id", "name", "desks", "closures"}
_CLOSURE_FIELDS = {"week", "day", "label"}
_TEAM_FIELDS = {"id", "name", "site", "min_on_site", "anchor_days", "min_on_site_exceptionnel"}
_EMPLOYEE_FIELDS = {
    "id",
    "name",
    "team",
    "site",
    "telework_days_max",
    "on_site_days_min",
    "days_off",
    "fixed_remote",
    "fixed_on_site",
    "preferred_remote",
    "preferred_on_site",
    "can_telework",
    "telework_days_wanted",
}
_RULE_FIELDS = {"max_telework_days_per_week", "min_on_site_days_per_week", "fixed_days", "fair_rotation_days"}


def day_name(code):
    """« mar » → « mardi »."""
    return DAY_NAMES[code]


@dataclass(frozen=True)
class Site:
    id: str
    name: str
    desks: tuple[int, ...]  # one capacity per day of the horizon week
    # Dated closures (public holidays, the organisation's closures): (week index from 0, day index) → label.
    # Nobody of the site works on such a day: neither on site nor remotely.
    closures: tuple[tuple[int, int, str], ...] = ()

    @cached_property
    def closed(self):
        return {(week, day): label for week, day, label in self.closures}

    def is_open(self, week, day):
        """The site opens that day of that week (week from 0): it has desks and no dated closure."""
        return self.desks[day] > 0 and (week, day) not in self.closed


@dataclass(frozen=True)
class Team:
    id: str
    name: str
    site: str
    min_on_site: int
    anchor_days: int
    min_on_site_exceptionnel: int


@dataclass(frozen=True)
class Employee:
    id: str
    name: str
    team: str
    site: str  # the team's site unless the employee has their own
    telework_days_max: int | None
    on_site_days_min: int
    days_off: frozenset[int]  # indices into Problem.days, the same every week
    fixed_remote: frozenset[int]
    fixed_on_site: frozenset[int]
    preferred_remote: frozenset[int]
    preferred_on_site: frozenset[int]
    can_telework: bool
    telework_days_wanted: int | None = None  # per week; None: as many as the rules allow (telework_target)


@dataclass(frozen=True)
class Rules:
    max_telework_days_per_week: int | None = None
    min_on_site_days_per_week: int | None = None
    fixed_days: bool = False
    fair_rotation_days: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Problem:
    weeks: int
    days: tuple[str, ...]
    sites: tuple[Site, ...]
    teams: tuple[Team, ...]
    employees: tuple[Employee, ...]
    rules: Rules
    mode: str = NORMAL
    exceptional_reason: str = ""

    @property
    def exceptional(self):
        return self.mode == EXCEPTIONAL

    @cached_property
    def site_by_id(self):
        return {site.id: site for site in self.sites}

    @cached_property
    def team_by_id(self):
        return {team.id: team for team in self.teams}

    @cached_property
    def members(self):
        """Team id → its employees, in input order."""
        members = {team.id: [] for team in self.teams}
        for employee in self.employees:
            members[employee.team].append(employee)
        return members

    def working_days(self, employee, week=None):
        """Day indices the employee works: every week (days off aside), or in `week` (from 0), their site's dated
        closures aside too."""
        days = [index for index in range(len(self.days)) if index not in employee.days_off]
        if week is None:
            return days
        closed = self.site_by_id[employee.site].closed
        return [day for day in days if (week, day) not in closed]

    def works(self, employee, week, day):
        """The employee works that day of that week (week from 0): not a day off, not a closure of their site."""
        return day not in employee.days_off and (week, day) not in self.site_by_id[employee.site].closed

    def closure(self, site_id, week, day):
        """The label of the site's dated closure that day (week from 0), or None."""
        return self.site_by_id[site_id].closed.get((week, day))

    def team_closed(self, team, week, day):
        """The team's site is closed that day (week from 0): no presence or anchor day is asked of the team."""
        return (week, day) in self.site_by_id[team.site].closed

    def anchor_days_in_week(self, team, week):
        """The team's anchor days in `week` (from 0): fewer when its site's closures leave fewer days."""
        closed = sum((week, day) in self.site_by_id[team.site].closed for day in range(len(self.days)))
        return min(team.anchor_days, len(self.days) - closed)

    def common_on_site_floor(self, employee, week=None):
        """The common minimum of on-site days, prorated to the days this employee works (part time), and in
        `week` (from 0) to the days their site opens (public holidays, closures)."""
        rule = self.rules.min_on_site_days_per_week
        if rule is None:
            return 0
        return min(rule, len(self.working_days(employee, week)))

    def on_site_minimum(self, employee, week=None):
        """The employee's own minimum of on-site days, within the days their site opens in `week` (from 0)."""
        if week is None:
            return employee.on_site_days_min
        return min(employee.on_site_days_min, len(self.working_days(employee, week)))

    def telework_allowance(self, employee, week=None):
        """The most remote days a week the employee's own limits and the common rules leave (normal mode); in
        `week` (from 0), within the days their site opens.

        Team presence and anchor days are not counted: they depend on the rest of the team.
        """
        if not employee.can_telework:
            return 0
        working_days = self.working_days(employee, week)
        working = len(working_days)
        fixed_on_site = len(employee.fixed_on_site & set(working_days))
        on_site = max(self.on_site_minimum(employee, week), self.common_on_site_floor(employee, week), fixed_on_site)
        limits = [working - on_site, employee.telework_days_max, self.rules.max_telework_days_per_week]
        return max(0, min(limit for limit in limits if limit is not None))

    def assignments(self, on_site):
        """Assignments {employee, week, day, where} from on-site values ((employee index, week, day index) → bool,
        for every worked day); a day not worked (day off, closure of the site) is « off »."""
        return [
            {
                "employee": employee.id,
                "week": week + 1,
                "day": code,
                "where": "off"
                if not self.works(employee, week, day)
                else "site"
                if on_site[index, week, day]
                else "remote",
            }
            for index, employee in enumerate(self.employees)
            for week in range(self.weeks)
            for day, code in enumerate(self.days)
        ]

    def telework_target(self, employee, week=None):
        """Remote days a week the plan aims to grant: the days wanted, by default the allowance, within it (within
        the allowance of `week`, from 0, when given)."""
        allowance = self.telework_allowance(employee, week)
        wanted = employee.telework_days_wanted
        return allowance if wanted is None else min(wanted, allowance)

    def for_teams(self, team_ids):
        """The same problem restricted to some teams and their members, every site kept. For one team, a
        relaxation of the whole, since every constraint but desk capacity involves a single team."""
        kept = set(team_ids)
        return replace(
            self,
            teams=tuple(team for team in self.teams if team.id in kept),
            employees=tuple(employee for employee in self.employees if employee.team in kept),
        )


# --- Parsing ---------------------------------------------------------------------------------------------------


class _Collector:
    def __init__(self):
        self.problems = []

    def add(self, message):
        self.problems.append(message)

    def unknown_fields(self, item, allowed, where):
        for key in item:
            if key not in allowed:
                self.add(f"{where} : champ inconnu « {key} » (champs possibles : {', '.join(sorted(allowed))}).")

    def integer(self, item, key, where, default=None, required=False, minimum=0, maximum=None, maximum_meaning=""):
        if key not in item or item[key] is None:
            if required:
                self.add(f"{where} : champ « {key} » manquant.")
            return default
        value = item[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(f"{where} : « {key} » doit être un nombre entier, « {value} » trouvé.")
            return default
        if value < minimum:
            self.add(f"{where} : « {key} » doit être supérieur ou égal à {minimum}, {value} trouvé.")
            return default
        if maximum is not None and value > maximum:
            meaning = f" ({maximum_meaning})" if maximum_meaning else ""
            self.add(f"{where} : « {key} » doit être inférieur ou égal à {maximum}{meaning}, {value} trouvé.")
            return default
        return value

    def text(self, item, key, where, required=True):
        value = item.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.add(f"{where} : champ « {key} » manquant.")
            return None
        if not isinstance(value, str | int) or isinstance(value, bool):
            self.add(f"{where} : « {key} » doit être un texte, « {value} » trouvé.")
            return None
        return str(value).strip()

    def days(self, item, key, where, horizon_days):
        """Day indices into the horizon for a list of day names."""
        raw = item.get(key)
        if raw is None:
            return frozenset()
        if not isinstance(raw, list):
            self.add(f'{where} : « {key} » doit être une liste de jours (par exemple ["lun", "ven"]).')
            return frozenset()
        indices = set()
        for value in raw:
            code = _DAY_ALIASES.get(normalize(value)) if isinstance(value, str) else None
            if code is None:
                self.add(f"{where} : « {key} » : jour inconnu « {value} » (jours possibles : {' '.join(DAYS)}).")
            elif code not in horizon_days:
                self.add(
                    f"{where} : « {key} » : le {day_name(code)} ne fait pas partie de l'horizon "
                    f"({' '.join(horizon_days)})."
                )
            else:
                indices.add(horizon_days.index(code))
        return frozenset(indices)

    def items(self, document, key):
        raw = document.get(key)
        if raw is None:
            self.add(f"Champ « {key} » manquant.")
            return []
        if not isinstance(raw, list):
            self.add(f"« {key} » doit être une liste.")
            return []
        return raw


def _label(key, index, item):
    identifier = item.get("id") if isinstance(item, dict) else None
    return f"{key}[{index}]" + (f" ({identifier})" if identifier not in (None, "") else "")


def _horizon(collector, document):
    horizon = document.get("horizon")
    if not isinstance(horizon, dict):
        collector.add("Champ « horizon » manquant : indiquez « weeks » (nombre de semaines) et « days » (jours).")
        return 1, DAYS[:5]
    collector.unknown_fields(horizon, _HORIZON_FIELDS, "horizon")
    weeks = collector.integer(horizon, "weeks", "horizon", default=1, required=True, minimum=1)
    raw_days = horizon.get("days")
    if not isinstance(raw_days, list) or not raw_days:
        collector.add("horizon : « days » doit être une liste non vide de jours (lun mar mer jeu ven sam dim).")
        return weeks, DAYS[:5]
    codes = []
    for value in raw_days:
        code = _DAY_ALIASES.get(normalize(value)) if isinstance(value, str) else None
        if code is None:
            collector.add(f"horizon : jour inconnu « {value} » (jours possibles : {' '.join(DAYS)}).")
        elif code in codes:
            collector.add(f"horizon : le {day_name(code)} figure deux fois.")
        else:
            codes.append(code)
    return weeks, tuple(sorted(codes, key=DAYS.index)) or DAYS[:5]


def _unique(collector, items, key):
    seen = {}
    for index, item in enumerate(items):
        identifier = item.get("id") if isinstance(item, dict) else None
        if identifier is None:
            continue
        identifier = str(identifier).strip()
        if identifier in seen:
            collector.add(
                f"{key}[{index}] : identifiant « {identifier} » en double "
                f"(déjà utilisé par {key}[{seen[identifier]}])."
            )
        else:
            seen[identifier] = index


def _sites(collector, document, weeks, days):
    sites = []
    raw_sites = collector.items(document, "sites")
    _unique(collector, raw_sites, "sites")
    for index, item in enumerate(raw_sites):
        where = f"sites[{index}]"
        if not isinstance(item, dict):
            collector.add(f"{where} : un objet est attendu.")
            continue
        where = _label("sites", index, item)
        collector.unknown_fields(item, _SITE_FIELDS, where)
        identifier = collector.text(item, "id", where)
        desks = _desks(collector, item, where, days)
        closures = _closures(collector, item, where, weeks, days)
        if identifier:
            name = collector.text(item, "name", where, required=False) or identifier
            sites.append(Site(identifier, name, tuple(desks), closures))
    return sites


def _closures(collector, item, where, weeks, days):
    """Dated closures of a site: [{week (from 1), day, label}] → ((week from 0, day index, label), …)."""
    raw = item.get("closures")
    if raw is None:
        return ()
    if not isinstance(raw, list):
        collector.add(f'{where} : « closures » doit être une liste (par exemple [{{"week": 2, "day": "ven"}}]).')
        return ()
    closures = {}
    for position, closure in enumerate(raw):
        place = f"{where}, closures[{position}]"
        if not isinstance(closure, dict):
            collector.add(f"{place} : un objet {{week, day, label}} est attendu.")
            continue
        collector.unknown_fields(closure, _CLOSURE_FIELDS, place)
        week = collector.integer(closure, "week", place, required=True, minimum=1, maximum=weeks)
        day = collector.days({"day": [closure.get("day")]}, "day", place, days)
        label = collector.text(closure, "label", place, required=False) or "Fermeture"
        if week is not None and day:
            closures[week - 1, next(iter(day))] = label
    return tuple((week, day, label) for (week, day), label in sorted(closures.items()))


def _desks(collector, item, where, days):
    """One desk count per horizon day: a single number for every day, or a number per day (day codes or names)."""
    raw = item.get("desks")
    if not isinstance(raw, dict):
        return (collector.integer(item, "desks", where, default=0, required=True),) * len(days)
    by_day = {}
    for key, value in raw.items():
        code = _DAY_ALIASES.get(normalize(key)) if isinstance(key, str) else None
        if code is None:
            collector.add(f"{where} : « desks » : jour inconnu « {key} » (jours possibles : {' '.join(DAYS)}).")
        elif code in by_day:
            collector.add(f"{where} : « desks » : le {day_name(code)} figure deux fois.")
        else:
            by_day[code] = collector.integer({key: value}, key, f"{where}, desks", default=0, required=True)
    missing = [f"le {day_name(code)}" for code in days if code not in by_day]
    if missing:
        collector.add(
            f"{where} : « desks » : nombre de bureaux manquant pour {', '.join(missing)} "
            "(indiquez 0 pour un jour de fermeture)."
        )
    return tuple(by_day.get(code, 0) for code in days)


def _teams(collector, document, days, site_ids):
    teams = []
    raw_teams = collector.items(document, "teams")
    _unique(collector, raw_teams, "teams")
    for index, item in enumerate(raw_teams):
        if not isinstance(item, dict):
            collector.add(f"teams[{index}] : un objet est attendu.")
            continue
        where = _label("teams", index, item)
        collector.unknown_fields(item, _TEAM_FIELDS, where)
        identifier = collector.text(item, "id", where)
        site = collector.text(item, "site", where)
        if site and site not in site_ids:
            collector.add(
                f"{where} : site « {site} » inconnu (sites déclarés : {', '.join(sorted(site_ids)) or 'aucun'})."
            )
        min_on_site = collector.integer(item, "min_on_site", where, default=0)
        anchor_days = collector.integer(item, "anchor_days", where, default=0, maximum=len(days))
        min_exceptional = collector.integer(item, "min_on_site_exceptionnel", where, default=0)
        if identifier and site:
            name = collector.text(item, "name", where, required=False) or identifier
            teams.append(Team(identifier, name, site, min_on_site, anchor_days, min_exceptional))
    return teams


def _rules(collector, document, days):
    raw = document.get("rules") or {}
    if not isinstance(raw, dict):
        collector.add("« rules » doit être un objet.")
        return Rules()
    collector.unknown_fields(raw, _RULE_FIELDS, "rules")
    fixed_days = raw.get("fixed_days", False)
    if not isinstance(fixed_days, bool):
        collector.add(f"rules : « fixed_days » doit valoir true ou false, « {fixed_days} » trouvé.")
        fixed_days = False
    return Rules(
        max_telework_days_per_week=collector.integer(raw, "max_telework_days_per_week", "rules"),
        min_on_site_days_per_week=collector.integer(raw, "min_on_site_days_per_week", "rules"),
        fixed_days=fixed_days,
        fair_rotation_days=collector.days(raw, "fair_rotation_days", "rules", days),
    )


def _employees(collector, document, days, site_ids, teams_by_id, rules):
    employees = []
    raw_employees = collector.items(document, "employees")
    _unique(collector, raw_employees, "employees")
    for index, item in enumerate(raw_employees):
        if not isinstance(item, dict):
            collector.add(f"employees[{index}] : un objet est attendu.")
            continue
        where = _label("employees", index, item)
        collector.unknown_fields(item, _EMPLOYEE_FIELDS, where)
        identifier = collector.text(item, "id", where)
        team_id = collector.text(item, "team", where)
        team = teams_by_id.get(team_id)
        if team_id and team is None:
            known = ", ".join(sorted(teams_by_id)) or "aucune"
            collector.add(f"{where} : équipe « {team_id} » inconnue (équipes déclarées : {known}).")
        site = collector.text(item, "site", where, required=False)
        if site and site not in site_ids:
            collector.add(f"{where} : site « {site} » inconnu (sites déclarés : {', '.join(sorted(site_ids))}).")
        can_telework = item.get("can_telework", True)
        if not isinstance(can_telework, bool):
            collector.add(f"{where} : « can_telework » doit valoir true ou false, « {can_telework} » trouvé.")
            can_telework = True
        day_sets = {key: collector.days(item, key, where, days) for key in _DAY_FIELDS}
        for first, second, meaning in _EXCLUSIVE_DAY_FIELDS:
            for day in sorted(day_sets[first] & day_sets[second]):
                collector.add(
                    f"{where} : le {day_name(days[day])} est à la fois dans « {first} » et « {second} » ({meaning})."
                )
        for field in ("preferred_remote", "preferred_on_site"):
            day_sets[field] -= day_sets["days_off"]  # a wish for a day not worked is moot, not an error
        telework_max = collector.integer(item, "telework_days_max", where)
        wanted = collector.integer(
            item, "telework_days_wanted", where, maximum=len(days), maximum_meaning="jours de la semaine planifiée"
        )
        limits = [value for value in (telework_max, rules.max_telework_days_per_week) if value is not None]
        fixed_remote = len(day_sets["fixed_remote"])
        if not can_telework and fixed_remote:
            collector.add(
                f"{where} : « fixed_remote » n'est pas possible pour une personne qui ne peut pas télétravailler "
                "(can_telework: false)."
            )
        elif limits and fixed_remote > min(limits):
            collector.add(
                f"{where} : {fixed_remote} jours de télétravail fixes pour {min(limits)} autorisés par semaine "
                f"({'limite de la personne' if telework_max == min(limits) else 'règle commune'})."
            )
        employee = Employee(
            id=identifier or "",
            name=collector.text(item, "name", where, required=False) or identifier or "",
            team=team_id or "",
            site=site or (team.site if team else ""),
            telework_days_max=telework_max,
            on_site_days_min=collector.integer(item, "on_site_days_min", where, default=0),
            can_telework=can_telework,
            telework_days_wanted=wanted,
            **day_sets,
        )
        if identifier and team:
            employees.append(employee)
    return employees


_DAY_FIELDS = ("days_off", "fixed_remote", "fixed_on_site", "preferred_remote", "preferred_on_site")
_EXCLUSIVE_DAY_FIELDS = (
    ("fixed_remote", "fixed_on_site", "jour fixe contradictoire"),
    ("days_off", "fixed_remote", "jour non travaillé"),
    ("days_off", "fixed_on_site", "jour non travaillé"),
    ("preferred_remote", "preferred_on_site", "préférences contradictoires"),
)


def parse_problem(document):
    """Check planning input (a JSON-compatible mapping) and build a `Problem`; `Problem` passes through."""
    if isinstance(document, Problem):
        return document
    if not isinstance(document, dict):
        raise PlanningInputError(["Les données du planning doivent être un objet JSON."])
    collector = _Collector()
    collector.unknown_fields(document, _TOP_FIELDS, "données")
    weeks, days = _horizon(collector, document)
    sites = _sites(collector, document, weeks, days)
    site_ids = {site.id for site in sites}
    teams = _teams(collector, document, days, site_ids)
    rules = _rules(collector, document, days)
    employees = _employees(collector, document, days, site_ids, {team.id: team for team in teams}, rules)
    mode = document.get("mode", NORMAL)
    if mode not in MODES:
        collector.add(f"« mode » : « {mode} » inconnu (valeurs possibles : {', '.join(MODES)}).")
        mode = NORMAL
    reason = document.get("exceptional_reason") or ""
    if not isinstance(reason, str):
        collector.add("« exceptional_reason » doit être un texte.")
        reason = ""
    if mode == EXCEPTIONAL and not reason.strip():
        collector.add(
            "« exceptional_reason » : indiquez la circonstance exceptionnelle (épidémie, pollution, intempéries, "
            "grève…) en mode exceptionnel."
        )
    if collector.problems:
        raise PlanningInputError(collector.problems)
    return Problem(
        weeks=weeks,
        days=days,
        sites=tuple(sites),
        teams=tuple(teams),
        employees=tuple(employees),
        rules=rules,
        mode=mode,
        exceptional_reason=reason.strip(),
    )
