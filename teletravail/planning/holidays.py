"""French public holidays (jours fériés), computed from the rules of `teletravail/data/holidays/jours_feries.yaml`.

Pure Python (no Django). A site's zone follows the département of its commune (Alsace-Moselle, each overseas
département, metropolitan France otherwise); the dates of a year come from fixed days and offsets from Easter.

    >>> from teletravail.planning.holidays import holidays_between, zone_of_commune
    >>> holidays_between(date(2026, 12, 14), date(2027, 1, 10), zone_of_commune("75056"))
    {datetime.date(2026, 12, 25): 'Noël', datetime.date(2027, 1, 1): "Jour de l'an"}
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import yaml


DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "holidays" / "jours_feries.yaml"
METROPOLE = "metropole"


class HolidayDataError(ValueError):
    """The holiday rules file is malformed; the message names the rule at fault."""


@dataclass(frozen=True)
class HolidayRule:
    label: str
    zones: frozenset[str] | None  # None: every zone
    month_day: tuple[int, int] | None = None  # a fixed day of the year
    easter_offset: int | None = None  # else days after Easter Sunday

    def on(self, year):
        if self.month_day is not None:
            return date(year, *self.month_day)
        return easter_sunday(year) + timedelta(days=self.easter_offset)


@dataclass(frozen=True)
class HolidayCalendar:
    rules: tuple[HolidayRule, ...]
    zones: dict  # zone → label
    zone_of_departement: dict  # département code → zone


def easter_sunday(year):
    """Easter Sunday of the Gregorian calendar (anonymous algorithm as given by Meeus, after Butcher)."""
    golden = year % 19
    century, year_of_century = divmod(year, 100)
    leap_centuries, century_rest = divmod(century, 4)
    correction = (century + 8) // 25
    moon_correction = (century - correction + 1) // 3
    epact = (19 * golden + century - leap_centuries - moon_correction + 15) % 30
    leap_years, year_rest = divmod(year_of_century, 4)
    weekday = (32 + 2 * century_rest + 2 * leap_years - epact - year_rest) % 7
    shift = (golden + 11 * epact + 22 * weekday) // 451
    month, day = divmod(epact + weekday - 7 * shift + 114, 31)
    return date(year, month, day + 1)


def parse_calendar(document, origin="<texte>"):
    """The calendar of a parsed rules file (see jours_feries.yaml); raises HolidayDataError."""
    if not isinstance(document, dict):
        raise HolidayDataError(f"{origin} : un objet est attendu.")
    zones, zone_of_departement = {}, {}
    for zone, spec in (document.get("zones") or {}).items():
        if not isinstance(spec, dict) or not spec.get("label"):
            raise HolidayDataError(f"{origin} : zone « {zone} » : « label » manquant.")
        zones[zone] = str(spec["label"])
        for code in spec.get("departements") or []:
            zone_of_departement[str(code)] = zone
    if METROPOLE not in zones:
        raise HolidayDataError(f"{origin} : la zone « {METROPOLE} » manque.")
    rules = []
    for index, spec in enumerate(document.get("holidays") or [], start=1):
        where = f"{origin}, jour férié n° {index}"
        if not isinstance(spec, dict) or not spec.get("label") or not spec.get("source"):
            raise HolidayDataError(f"{where} : « label » et « source » sont obligatoires.")
        raw_zones = spec.get("zones")
        if raw_zones == "all":
            rule_zones = None
        elif isinstance(raw_zones, list) and raw_zones and set(raw_zones) <= set(zones):
            rule_zones = frozenset(raw_zones)
        else:
            raise HolidayDataError(f"{where} : « zones » doit valoir all ou une liste de zones déclarées.")
        if ("fixed" in spec) == ("easter" in spec):
            raise HolidayDataError(f"{where} : indiquez soit « fixed » (MM-JJ), soit « easter » (décalage en jours).")
        if "fixed" in spec:
            try:
                month, day = (int(part) for part in str(spec["fixed"]).split("-"))
                date(2001, month, day)  # a common year: a rule must fall every year
            except ValueError as error:
                raise HolidayDataError(f"{where} : « fixed » doit être une date MM-JJ.") from error
            rules.append(HolidayRule(str(spec["label"]), rule_zones, month_day=(month, day)))
        else:
            offset = spec["easter"]
            if isinstance(offset, bool) or not isinstance(offset, int):
                raise HolidayDataError(f"{where} : « easter » doit être un nombre entier de jours.")
            rules.append(HolidayRule(str(spec["label"]), rule_zones, easter_offset=offset))
    return HolidayCalendar(tuple(rules), zones, zone_of_departement)


@cache
def load_calendar():
    with DATA_FILE.open(encoding="utf-8") as handle:
        return parse_calendar(yaml.safe_load(handle), origin=DATA_FILE.name)


def departement_of_commune(code):
    """INSEE commune code → département code: three characters overseas (97…), two elsewhere (2A, 2B included)."""
    code = str(code).strip().upper()
    return code[:3] if code.startswith("97") else code[:2]


def zone_of_commune(code, calendar=None):
    """The holiday zone of a commune (by INSEE code): alsace-moselle, guadeloupe… or metropole."""
    calendar = calendar or load_calendar()
    return calendar.zone_of_departement.get(departement_of_commune(code), METROPOLE)


def public_holidays(year, zone=METROPOLE, calendar=None):
    """{date: label} of the zone's public holidays in `year`, in date order."""
    calendar = calendar or load_calendar()
    if zone not in calendar.zones:
        raise HolidayDataError(f"Zone de jours fériés inconnue : « {zone} ».")
    days = {}
    for rule in calendar.rules:
        if rule.zones is None or zone in rule.zones:
            day = rule.on(year)
            # Two holidays may fall on one day (Ascension on 1 May in 2008): both are named.
            days[day] = f"{days[day]}, {rule.label}" if day in days else rule.label
    return dict(sorted(days.items()))


def holidays_between(first, last, zone=METROPOLE, calendar=None):
    """{date: label} of the zone's public holidays from `first` to `last`, both included."""
    found = {}
    for year in range(first.year, last.year + 1):
        found.update(
            (day, label) for day, label in public_holidays(year, zone, calendar).items() if first <= day <= last
        )
    return found
