"""French wording shared by the solver's explanations and the schedule checker."""

from teletravail.planning.problem import day_name


_PLURALS = {"bureau": "bureaux"}


def count(number, noun):
    """count(1, "jour") → « 1 jour »; count(2, "bureau") → « 2 bureaux »."""
    if abs(number) < 2:
        return f"{number} {noun}"
    return f"{number} {_PLURALS.get(noun, noun + 's')}"


def the_day(code):
    """« le mardi »."""
    return f"le {day_name(code)}"


def in_week(week):
    return f"semaine {week}"


def employee_label(employee):
    """The name as the manager wrote it (the id when no name is given)."""
    return employee.name


def team_label(team):
    return f"l'équipe {team.name}"


def site_label(site):
    return f"le site {site.name}"
