"""Schedules as files: iCalendar (RFC 5545) for calendar applications, rows for CSV and XLSX spreadsheets."""

from datetime import timedelta

from django.utils.translation import gettext as _

from teletravail.apps.planner.models import DAY_LABELS, Place
from teletravail.apps.planner.selectors import day_place


PLACE_LABELS = dict(Place.choices)
LINE_OCTETS = 75  # RFC 5545 §3.1: lines longer than this are folded
CRLF = "\r\n"


# --- iCalendar ---------------------------------------------------------------------------------------------------


def escape_text(value):
    """A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newline escaped."""
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line):
    """Split a content line into chunks of at most 75 octets, each continuation starting with a space, never
    inside a UTF-8 character (RFC 5545 §3.1)."""
    chunks, current, size, limit = [], [], 0, LINE_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            chunks.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1
        current.append(char)
        size += octets
    chunks.append("".join(current))
    return "\r\n ".join(chunks)


def day_label(assignment):
    """Where the member works that day, in words: the site's name, the telework place's for a day there, the public
    holiday or closure of the site."""
    if assignment.closure:
        return assignment.closure
    if assignment.where == Place.SITE:
        return _("Sur site – %(site)s") % {"site": assignment.plan.team.site.name}
    return _kind_label(assignment)


def _kind_label(assignment):
    """The day's kind in words (a day at a telework place names it), the site apart."""
    place = day_place(assignment)
    if place is not None:
        return _("Tiers-lieu – %(place)s") % {"place": place.name}
    return str(PLACE_LABELS.get(assignment.where, assignment.where))


def place_location(place):
    """« 12 rue …, 01500 Ambérieu-en-Bugey »: where a calendar application finds the place."""
    town = " ".join(part for part in (place.postal_code, place.commune.name) if part)
    return ", ".join(part for part in (place.name, place.address, town) if part)


def calendar(assignments, *, name, host, now):
    """The iCalendar text of a member's published days: one all-day event per worked day. Days off, public holidays
    and closures of the site have no event: the feed is the work schedule, and calendar applications show public
    holidays themselves.

    The UID depends on the member and the date only, so that a republished plan updates the events in place.
    """
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Teletravail//Planning hybride//FR",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for assignment in assignments:
        if assignment.where == Place.OFF or assignment.closure:
            continue
        lines += [
            "BEGIN:VEVENT",
            f"UID:planning-{assignment.membership_id}-{assignment.date:%Y%m%d}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{assignment.date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{assignment.date + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{escape_text(day_label(assignment))}",
        ]
        place = day_place(assignment)
        if place is not None:
            lines.append(f"LOCATION:{escape_text(place_location(place))}")
        lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)


# --- Spreadsheets ------------------------------------------------------------------------------------------------


def schedule_header():
    return [_("date"), _("semaine"), _("jour"), _("personne"), _("équipe"), _("site"), _("lieu")]


def schedule_rows(assignments, names):
    """One row a member and day; `names` maps membership pk to the name shown."""
    return [
        [
            assignment.date.isoformat(),
            assignment.week,
            str(DAY_LABELS.get(assignment.day, assignment.day)),
            names.get(assignment.membership_id, ""),
            assignment.plan.team.name,
            assignment.plan.team.site.name if assignment.plan.team.site else "",
            assignment.closure or _kind_label(assignment),  # the site has its own column
        ]
        for assignment in assignments
    ]
