"""Bounds of the numbers and names people type, shared by the web forms and the API schemas.

One definition per field: a form reads `minimum`/`maximum` from here and the API's pydantic schema the same
(its OpenAPI document then states them), so that the API accepts exactly what the form accepts.
"""

import unicodedata
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Bounds:
    minimum: int | float | date
    maximum: int | float | date

    def __contains__(self, value):
        return self.minimum <= value <= self.maximum


# Identifiers in a path (the database's 64-bit keys)
ID = Bounds(1, 2**63 - 1)

# Organisations: people employed (the largest French employers count a few hundred thousand)
HEADCOUNT = Bounds(1, 10_000_000)
# Desks on a site (well above the largest French office buildings)
DESKS = Bounds(0, 1_000_000)
ORGANISATION_NAME_MAX_LENGTH = 200
SITE_NAME_MAX_LENGTH = 150
TEAM_NAME_MAX_LENGTH = 150

# Commuting: one-way distance (metropolitan France is about 1,000 km long) and days of a five-day week
DISTANCE_KM = Bounds(0, 1_000)
DAYS_PER_WEEK = Bounds(0, 5)
# Employer figures
SALARY_EUR_PER_YEAR = Bounds(0, 10_000_000)
DESK_SHARING_RATIO = Bounds(0, 2)
ALLOWANCE_EUR_PER_DAY = Bounds(0, 1_000)

# A parameter replaced for one simulation (its own domain, in the parameter file, is checked too)
PARAMETER_VALUE = Bounds(0, 1_000_000_000)

# Days a plan or a site's calendar may show: far enough either way, and never near the ends of the calendar
# (date arithmetic past year 9999 fails).
PLAN_DAYS = Bounds(date(2000, 1, 1), date(2099, 12, 31))
OUT_OF_PLAN_DAYS = _("Choisissez une date entre le %(first)s et le %(last)s.")


def out_of_plan_days_message():
    return OUT_OF_PLAN_DAYS % {"first": f"{PLAN_DAYS.minimum:%d/%m/%Y}", "last": f"{PLAN_DAYS.maximum:%d/%m/%Y}"}


# Team plans: people required on site on a day (the planner solves teams, far smaller than this)
PEOPLE_ON_SITE = Bounds(0, 10_000)

# A name: at least one visible character, no control character (NUL, tab, line break…). Written as a regular
# expression too, so that the OpenAPI document states the rule.
_CONTROL = r"\x00-\x1f\x7f-\x9f"
NAME_PATTERN = rf"^[^{_CONTROL}]*[^\s{_CONTROL}][^{_CONTROL}]*$"
# Any text without control character.
TEXT_PATTERN = rf"^[^{_CONTROL}]*$"


def visible_pattern(count):
    """At least `count` characters other than spaces, and no control character."""
    return rf"^[^{_CONTROL}]*(?:[^\s{_CONTROL}][^{_CONTROL}]*){{{count}}}$"


BLANK_NAME = _("Le nom ne peut pas être vide.")
CONTROL_CHARACTER = _(
    "Le texte ne doit pas contenir de caractère de contrôle (caractère nul, tabulation, saut de ligne…)."
)


def has_control_character(text):
    return any(unicodedata.category(char) in ("Cc", "Cs") for char in text)


def clean_name(value):
    """The name without surrounding spaces; ValidationError for a blank name or a control character."""
    name = value.strip()
    if not name:
        raise ValidationError(BLANK_NAME, code="blank")
    if has_control_character(name):
        raise ValidationError(CONTROL_CHARACTER, code="control_character")
    return name


def validate_no_control_character(value):
    if has_control_character(value):
        raise ValidationError(CONTROL_CHARACTER, code="control_character")
