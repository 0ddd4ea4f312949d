"""Check any schedule (the solver's, or one edited by hand) against the hard rules of its problem.

A pure function independent of the solver, fast enough to run on every edit of the web grid: one pass over the
assignments, then counts per employee-week, team-day and site-day.
"""

from dataclasses import asdict, dataclass

from teletravail.planning.problem import parse_problem
from teletravail.planning.wording import count, employee_label, in_week, site_label, team_label, the_day


PLACES = ("site", "remote", "off")


@dataclass(frozen=True)
class Violation:
    """One broken rule; `message` is a French sentence naming who, which week and which day."""

    kind: str
    message: str
    employee: str | None = None
    team: str | None = None
    site: str | None = None
    week: int | None = None
    day: str | None = None

    def as_dict(self):
        return asdict(self)


def _assignments(schedule):
    if isinstance(schedule, dict):
        schedule = schedule.get("assignments")
    return schedule if isinstance(schedule, list) else None


def _read(problem, items, violations):
    """(employee id, week, day) → place, with a violation for each malformed, unknown or duplicate entry."""
    employees = {employee.id for employee in problem.employees}
    places = {}
    for position, item in enumerate(items, start=1):
        where = f"affectation n° {position}"
        if not isinstance(item, dict):
            violations.append(Violation("format", f"{where} : un objet {{employee, week, day, where}} est attendu."))
            continue
        employee, week, day, place = (item.get(key) for key in ("employee", "week", "day", "where"))
        if employee not in employees:
            violations.append(Violation("format", f"{where} : personne « {employee} » inconnue.", employee=employee))
        elif isinstance(week, bool) or not isinstance(week, int) or not 1 <= week <= problem.weeks:
            violations.append(
                Violation("format", f"{where} : semaine « {week} » hors de l'horizon (1 à {problem.weeks}).", employee)
            )
        elif day not in problem.days:
            violations.append(
                Violation(
                    "format",
                    f"{where} : jour « {day} » hors de l'horizon ({' '.join(problem.days)}).",
                    employee,
                    week=week,
                )
            )
        elif place not in PLACES:
            violations.append(
                Violation(
                    "format",
                    f"{where} : lieu « {place} » inconnu (valeurs possibles : {', '.join(PLACES)}).",
                    employee,
                    week=week,
                    day=day,
                )
            )
        elif (employee, week, day) in places:
            violations.append(
                Violation(
                    "duplicate",
                    f"{where} : {employee} a déjà une affectation en {in_week(week)}, {the_day(day)}.",
                    employee,
                    week=week,
                    day=day,
                )
            )
        else:
            places[employee, week, day] = place
    return places


def check_schedule(problem, schedule):
    """Every violation of the hard rules by `schedule` (a solver output or a list of assignments).

    `problem` is the planning input (dict) or a parsed `Problem`; malformed input raises `PlanningInputError`.
    Missing, unknown or duplicate assignments are violations too. Returns a list of `Violation`, empty when the
    schedule respects every rule.
    """
    problem = parse_problem(problem)
    items = _assignments(schedule)
    if items is None:
        return [Violation("format", "Le planning doit être une liste d'affectations ou un objet « assignments ».")]
    violations = []
    places = _read(problem, items, violations)
    weeks, days = range(1, problem.weeks + 1), problem.days
    rules = problem.rules
    on_site_by_team = {(team.id, week, day): 0 for team in problem.teams for week in weeks for day in days}
    on_site_by_site = {(site.id, week, day): 0 for site in problem.sites for week in weeks for day in days}
    volunteers = dict.fromkeys(on_site_by_team, 0)  # exceptional mode: on site although able to telework

    for employee in problem.employees:
        who = employee_label(employee)
        # The first week each day is worked: with the fixed days rule, the later weeks repeat it.
        first_week = {}
        for week in weeks:
            for index in problem.working_days(employee, week - 1):
                first_week.setdefault(days[index], week)
        for week in weeks:
            working = len(problem.working_days(employee, week - 1))
            remote = on_site = 0
            for index, day in enumerate(days):
                place = places.get((employee.id, week, day))
                when = f"{in_week(week)}, {the_day(day)}"

                def flag(kind, text, day=day, week=week, employee=employee):
                    violations.append(Violation(kind, text, employee.id, employee.team, employee.site, week, day))

                if place is None:
                    flag("missing", f"{who} n'a pas d'affectation en {when}.")
                    continue
                off = index in employee.days_off
                closure = problem.closure(employee.site, week - 1, index)
                if closure is not None:
                    if place != "off":
                        flag(
                            "closure",
                            f"{who} est planifié·e {'sur site' if place == 'site' else 'en télétravail'} en {when}, "
                            f"jour non travaillé sur son site : {closure}.",
                        )
                    continue
                if off and place != "off":
                    flag("day_off", f"{who} ne travaille pas {the_day(day)} mais est planifié·e en {when}.")
                elif not off and place == "off":
                    flag("day_off", f"{who} est marqué·e absent·e en {when} alors que ce jour est travaillé.")
                if place == "remote":
                    remote += 1
                    if index in employee.fixed_on_site and not problem.exceptional:
                        flag("fixed_on_site", f"{who} doit être sur site {the_day(day)} (jour fixe) : {when}.")
                    if not employee.can_telework:
                        flag("cannot_telework", f"{who} ne peut pas télétravailler : télétravail en {when}.")
                elif place == "site":
                    on_site += 1
                    on_site_by_team[employee.team, week, day] += 1
                    on_site_by_site[employee.site, week, day] += 1
                    if employee.can_telework:
                        volunteers[employee.team, week, day] += 1
                    if index in employee.fixed_remote:
                        flag("fixed_remote", f"{who} doit télétravailler {the_day(day)} (jour fixe) : {when}.")
                reference = first_week.get(day)
                if rules.fixed_days and not problem.exceptional and reference is not None and week > reference:
                    first = places.get((employee.id, reference, day))
                    if first is not None and place != first:
                        flag(
                            "fixed_days",
                            f"{who} n'a pas le même planning {the_day(day)} en {in_week(week)} qu'en "
                            f"{in_week(reference)} (règle des jours fixes).",
                        )
            if problem.exceptional:
                continue

            def flag_week(kind, text, week=week, employee=employee):
                violations.append(Violation(kind, text, employee.id, employee.team, employee.site, week))

            if employee.telework_days_max is not None and remote > employee.telework_days_max:
                flag_week(
                    "telework_max",
                    f"{who} télétravaille {count(remote, 'jour')} en {in_week(week)} pour "
                    f"{employee.telework_days_max} au plus (limite personnelle).",
                )
            if (
                rules.max_telework_days_per_week is not None
                and employee.can_telework
                and remote > rules.max_telework_days_per_week
            ):
                flag_week(
                    "rule_telework_max",
                    f"{who} télétravaille {count(remote, 'jour')} en {in_week(week)} pour "
                    f"{rules.max_telework_days_per_week} au plus (règle commune).",
                )
            minimum = problem.on_site_minimum(employee, week - 1)
            if on_site < minimum:
                flag_week(
                    "on_site_min",
                    f"{who} vient sur site {count(on_site, 'jour')} en {in_week(week)} pour "
                    f"{minimum} au moins (minimum personnel).",
                )
            floor = problem.common_on_site_floor(employee, week - 1)
            if on_site < floor:
                flag_week(
                    "rule_on_site_min",
                    f"{who} vient sur site {count(on_site, 'jour')} en {in_week(week)} pour {floor} au moins "
                    f"(règle commune{', au prorata des jours travaillés' if floor < working else ''}).",
                )

    _check_teams(problem, places, on_site_by_team, volunteers, violations)
    for site in problem.sites:
        for week in weeks:
            for index, day in enumerate(days):
                used = on_site_by_site[site.id, week, day]
                if used > site.desks[index]:
                    violations.append(
                        Violation(
                            "desks",
                            f"{site_label(site)[0].upper()}{site_label(site)[1:]} accueille {count(used, 'personne')} "
                            f"en {in_week(week)}, {the_day(day)}, pour {count(site.desks[index], 'bureau')}.",
                            site=site.id,
                            week=week,
                            day=day,
                        )
                    )
    return violations


def _check_teams(problem, places, on_site_by_team, volunteers, violations):
    weeks, days = range(1, problem.weeks + 1), problem.days
    for team in problem.teams:
        members = problem.members[team.id]
        label = team_label(team)
        capitalised = label[0].upper() + label[1:]
        for week in weeks:
            full_days = 0
            for index, day in enumerate(days):
                if problem.team_closed(team, week - 1, index):
                    continue  # the team's site is closed: nobody works, no presence asked
                present = on_site_by_team[team.id, week, day]
                when = f"en {in_week(week)}, {the_day(day)}"
                if problem.exceptional:
                    required = team.min_on_site_exceptionnel
                    pinned = sum(1 for m in members if not m.can_telework and problem.works(m, week - 1, index))
                    allowed = max(0, required - pinned)
                    if volunteers[team.id, week, day] > allowed:
                        violations.append(
                            Violation(
                                "exceptional_remote",
                                f"{capitalised} a {count(volunteers[team.id, week, day], 'personne')} sur site {when} "
                                f"qui pourraient télétravailler, pour {allowed} au plus en mode exceptionnel.",
                                team=team.id,
                                site=team.site,
                                week=week,
                                day=day,
                            )
                        )
                    kind = "exceptional_coverage"
                else:
                    required = team.min_on_site
                    kind = "team_min"
                if present < required:
                    violations.append(
                        Violation(
                            kind,
                            f"{capitalised} a {count(present, 'présent')} sur site {when} pour {required} au moins.",
                            team=team.id,
                            site=team.site,
                            week=week,
                            day=day,
                        )
                    )
                working = [m for m in members if problem.works(m, week - 1, index)]
                if working and all(places.get((m.id, week, day)) == "site" for m in working):
                    full_days += 1
            anchor_days = problem.anchor_days_in_week(team, week - 1)
            if not problem.exceptional and full_days < anchor_days:
                violations.append(
                    Violation(
                        "anchor",
                        f"{capitalised} n'est au complet sur site que {count(full_days, 'jour')} en {in_week(week)} "
                        f"pour {count(anchor_days, 'jour')} d'ancrage demandé"
                        f"{'s' if anchor_days > 1 else ''}.",
                        team=team.id,
                        site=team.site,
                        week=week,
                    )
                )
