from datetime import date

import pytest

from teletravail.places.hours import OpeningHoursError, normalize_opening_hours, week_in_words


MONDAY = date(2026, 12, 7)


def test_a_valid_expression_is_written_back_by_the_parser():
    assert normalize_opening_hours("  Mo-Fr 08:30-18:00 ; Sa 09:00-12:00 ") == "Mo-Fr 08:30-18:00; Sa 09:00-12:00"
    assert normalize_opening_hours("") == ""


@pytest.mark.parametrize("text", ["Mo-Fx 09:00-18:00", "lundi 9h-18h", "Mo 25:00-26:00x", "<script>"])
def test_an_invalid_expression_is_refused_in_french(text):
    with pytest.raises(OpeningHoursError, match="syntaxe OpenStreetMap"):
        normalize_opening_hours(text)


def test_the_week_is_told_in_french_with_runs_of_days():
    lines = week_in_words("Mo-Fr 08:30-12:00,14:00-18:00; Sa 09:00-12:00; PH off", MONDAY, "fr")
    assert lines == [
        "Du lundi au vendredi : 8 h 30 – 12 h et 14 h – 18 h",
        "Samedi : 9 h – 12 h",
        "Dimanche : fermé",
    ]


def test_the_week_is_told_in_english():
    lines = week_in_words("Mo,Tu 09:00-17:00; We 10:00-12:00", MONDAY, "en")
    assert lines == ["Monday and Tuesday: 09:00 – 17:00", "Wednesday: 10:00 – 12:00", "Thursday to Sunday: closed"]


def test_a_rule_of_some_weeks_only_is_told_for_the_week_asked():
    # Week 50 of 2026 starts on 7 December: the rule applies that week, not the week before.
    assert week_in_words("week 50 Mo-Fr 09:00-12:00", MONDAY, "fr")[0] == "Du lundi au vendredi : 9 h – 12 h"
    assert week_in_words("week 50 Mo-Fr 09:00-12:00", date(2026, 11, 30), "fr") == ["Du lundi au dimanche : fermé"]


def test_always_open_and_empty_hours():
    assert week_in_words("24/7", MONDAY, "fr") == ["Ouvert 24 h sur 24, 7 jours sur 7"]
    assert week_in_words("", MONDAY, "fr") == []


def test_next_day_of_week_counts_today():
    from teletravail.places.hours import next_day_of_week

    assert next_day_of_week(MONDAY, 0) == MONDAY
    assert next_day_of_week(MONDAY, 6) == date(2026, 12, 13)
    assert next_day_of_week(date(2026, 12, 9), 1) == date(2026, 12, 15)  # a Wednesday: next Tuesday


@pytest.mark.parametrize(
    ("text", "hour", "expected"),
    [
        ("Mo-Fr 09:00-18:00", 10, True),
        ("Mo-Fr 09:00-18:00", 18, False),  # the end is excluded
        ("Mo-Fr 09:00-18:00", None, True),  # some time that day
        ("Sa 09:00-12:00", None, False),
        ('Mo 09:00-12:00 open "sur rendez-vous"; Mo 14:00-16:00 unknown', 15, False),  # unknown is not open
        ("", 10, False),
        ("not hours", 10, False),
    ],
)
def test_is_open_on_a_day_at_an_hour_or_at_some_time(text, hour, expected):
    import datetime as dt

    from teletravail.places.hours import is_open

    assert is_open(text, MONDAY, None if hour is None else dt.time(hour)) is expected
