"""French public holidays computed from the rules file: Easter, zones by commune, year boundaries."""

from datetime import date

import pytest

from teletravail.planning.holidays import (
    HolidayDataError,
    departement_of_commune,
    easter_sunday,
    holidays_between,
    parse_calendar,
    public_holidays,
    zone_of_commune,
)


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2008, date(2008, 3, 23)),
        (2038, date(2038, 4, 25)),  # the latest possible date
        (2285, date(2285, 3, 22)),  # the earliest possible date
        (2000, date(2000, 4, 23)),
    ],
)
def test_easter_sunday_matches_published_dates(year, easter):
    assert easter_sunday(year) == easter
    assert easter.weekday() == 6


def test_metropolitan_holidays_of_2026_are_the_eleven_of_the_labour_code():
    holidays = public_holidays(2026, "metropole")
    assert list(holidays) == [
        date(2026, 1, 1),
        date(2026, 4, 6),  # lundi de Pâques
        date(2026, 5, 1),
        date(2026, 5, 8),
        date(2026, 5, 14),  # Ascension
        date(2026, 5, 25),  # lundi de Pentecôte
        date(2026, 7, 14),
        date(2026, 8, 15),
        date(2026, 11, 1),
        date(2026, 11, 11),
        date(2026, 12, 25),
    ]
    assert holidays[date(2026, 12, 25)] == "Noël"


@pytest.mark.parametrize(
    ("year", "easter_monday", "ascension", "whit_monday"),
    [
        (2024, date(2024, 4, 1), date(2024, 5, 9), date(2024, 5, 20)),
        (2025, date(2025, 4, 21), date(2025, 5, 29), date(2025, 6, 9)),
        (2027, date(2027, 3, 29), date(2027, 5, 6), date(2027, 5, 17)),
    ],
)
def test_easter_based_holidays_move_with_easter(year, easter_monday, ascension, whit_monday):
    holidays = public_holidays(year)
    assert holidays[easter_monday] == "Lundi de Pâques"
    assert holidays[ascension] == "Ascension"
    assert holidays[whit_monday] == "Lundi de Pentecôte"


def test_alsace_moselle_adds_good_friday_and_saint_stephen():
    metropole, alsace = public_holidays(2027, "metropole"), public_holidays(2027, "alsace-moselle")
    assert set(alsace) - set(metropole) == {date(2027, 3, 26), date(2027, 12, 26)}
    assert alsace[date(2027, 3, 26)] == "Vendredi saint"
    assert alsace[date(2027, 12, 26)] == "Saint-Étienne"


@pytest.mark.parametrize(
    ("commune", "zone", "abolition"),
    [
        ("97105", "guadeloupe", date(2027, 5, 27)),  # Basse-Terre
        ("97209", "martinique", date(2027, 5, 22)),  # Fort-de-France
        ("97302", "guyane", date(2027, 6, 10)),  # Cayenne
        ("97411", "la-reunion", date(2027, 12, 20)),  # Saint-Denis
        ("97611", "mayotte", date(2027, 4, 27)),  # Mamoudzou
    ],
)
def test_each_overseas_departement_has_its_abolition_day(commune, zone, abolition):
    assert zone_of_commune(commune) == zone
    holidays = public_holidays(2027, zone)
    assert abolition in holidays
    assert "abolition de l'esclavage" in holidays[abolition]
    assert set(holidays) - set(public_holidays(2027, "metropole")) == {abolition}


@pytest.mark.parametrize(
    ("commune", "zone"),
    [("67482", "alsace-moselle"), ("57463", "alsace-moselle"), ("68224", "alsace-moselle"), ("75056", "metropole")],
)
def test_zone_follows_the_departement_of_the_commune(commune, zone):
    assert zone_of_commune(commune) == zone


def test_corsica_and_overseas_departement_codes():
    assert departement_of_commune("2A004") == "2A"
    assert departement_of_commune("97411") == "974"
    assert zone_of_commune("2B033") == "metropole"


def test_holidays_between_spans_a_year_boundary():
    assert holidays_between(date(2026, 12, 14), date(2027, 1, 8), "metropole") == {
        date(2026, 12, 25): "Noël",
        date(2027, 1, 1): "Jour de l'an",
    }
    # Saint-Étienne 2026 falls on a Saturday: it is listed all the same, the planner skips unplanned days.
    assert date(2026, 12, 26) in holidays_between(date(2026, 12, 14), date(2027, 1, 8), "alsace-moselle")


def test_two_holidays_on_one_day_are_both_named():
    assert public_holidays(2008)[date(2008, 5, 1)] == "Fête du travail, Ascension"


def test_unknown_zone_and_malformed_rules_are_refused():
    with pytest.raises(HolidayDataError, match="inconnue"):
        public_holidays(2027, "atlantide")
    zones = {"metropole": {"label": "Métropole"}}
    with pytest.raises(HolidayDataError, match="fixed"):
        parse_calendar({"zones": zones, "holidays": [{"label": "X", "source": "s", "zones": "all"}]})
    with pytest.raises(HolidayDataError, match="MM-JJ"):
        parse_calendar({"zones": zones, "holidays": [{"label": "X", "source": "s", "zones": "all", "fixed": "02-30"}]})
    with pytest.raises(HolidayDataError, match="zones"):
        parse_calendar(
            {"zones": zones, "holidays": [{"label": "X", "source": "s", "zones": ["lune"], "fixed": "01-02"}]}
        )
