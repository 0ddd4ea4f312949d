"""iCalendar, CSV and XLSX files of a schedule."""

import csv
import io
from datetime import UTC, date, datetime
from types import SimpleNamespace

import openpyxl

from teletravail.apps.core.downloads import csv_text, xlsx_bytes
from teletravail.apps.planner.exports import (
    calendar,
    escape_text,
    fold,
    schedule_header,
    schedule_rows,
)
from tests.apps.planner.ical import parse_calendar, unfold


def assignment(day, where, site="Siège, bâtiment B", pk=7, week=1, code="lun"):
    team = SimpleNamespace(name="Compta", site=SimpleNamespace(name=site))
    return SimpleNamespace(
        membership_id=pk,
        date=day,
        week=week,
        day=code,
        where=where,
        plan=SimpleNamespace(team=team),
        closure=None,
        telework_place=None,
    )


NOW = datetime(2026, 1, 2, 8, 30, tzinfo=UTC)


def test_long_lines_are_folded_at_75_octets_without_splitting_a_character():
    line = "SUMMARY:" + "é" * 100
    folded = fold(line)
    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))
    assert unfold(folded + "\r\n") == [line]


def test_text_values_are_escaped():
    assert escape_text("Sur site – Siège, bât. B; 2e\nétage\\") == "Sur site – Siège\\, bât. B\\; 2e\\nétage\\\\"


def test_the_calendar_has_one_all_day_event_per_worked_day_and_parses():
    days = [
        assignment(date(2026, 1, 5), "site"),
        assignment(date(2026, 1, 6), "remote", code="mar"),
        assignment(date(2026, 1, 7), "off", code="mer"),
    ]
    text = calendar(days, name="Planning — Entreprise", host="teletravail.example.org", now=NOW)
    properties, events = parse_calendar(text)
    assert properties["VERSION"][1] == "2.0" and "PRODID" in properties
    assert [event["SUMMARY"][1] for event in events] == ["Sur site – Siège, bâtiment B", "Télétravail"]
    first = events[0]
    assert first["DTSTART"] == (["VALUE=DATE"], "20260105")
    assert first["DTEND"] == (["VALUE=DATE"], "20260106")
    assert first["DTSTAMP"][1] == "20260102T083000Z"
    assert first["UID"][1] == "planning-7-20260105@teletravail.example.org"
    assert len({event["UID"][1] for event in events}) == 2


def test_csv_is_semicolon_separated_utf8_with_a_byte_order_mark():
    rows = schedule_rows([assignment(date(2026, 1, 5), "site")], {7: "Chloé Durand"})
    content = csv_text([schedule_header(), *rows]).encode("utf-8")
    assert content.startswith(b"\xef\xbb\xbf")
    read = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert read == [
        ["date", "semaine", "jour", "personne", "équipe", "site", "lieu"],
        ["2026-01-05", "1", "lundi", "Chloé Durand", "Compta", "Siège, bâtiment B", "Sur site"],
    ]


def test_xlsx_holds_the_same_rows():
    rows = schedule_rows([assignment(date(2026, 1, 6), "remote", code="mar")], {7: "Chloé Durand"})
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_bytes([schedule_header(), *rows], title="Compta")))
    sheet = workbook["Compta"]
    assert [cell.value for cell in sheet[1]] == schedule_header()
    assert [cell.value for cell in sheet[2]] == [
        "2026-01-06",
        1,
        "mardi",
        "Chloé Durand",
        "Compta",
        "Siège, bâtiment B",
        "Télétravail",
    ]
