"""Opening hours in the OpenStreetMap `opening_hours` syntax: checked with the maintained parser
(`opening-hours-py`) and told in words, day by day, for a given week.

    >>> week_in_words("Mo-Fr 08:30-18:00; Sa 09:00-12:00", date(2026, 12, 7), "fr")
    ['Du lundi au vendredi : 8 h 30 – 18 h', 'Samedi : 9 h – 12 h', 'Dimanche : fermé']
"""

import datetime as dt

import opening_hours


MAX_LENGTH = 255

DAYS = {
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
WORDS = {
    "fr": {
        "range": "Du {first} au {last}",
        "closed": "fermé",
        "unknown": "horaires à confirmer",
        "and": " et ",
        "always": "Ouvert 24 h sur 24, 7 jours sur 7",
        "colon": " : ",
    },
    "en": {
        "range": "{first} to {last}",
        "closed": "closed",
        "unknown": "hours to be confirmed",
        "and": " and ",
        "always": "Open 24 hours a day, 7 days a week",
        "colon": ": ",
    },
}


class OpeningHoursError(ValueError):
    """The text is not valid `opening_hours` syntax; the message says so in French."""


def normalize_opening_hours(text):
    """The expression as the parser writes it back, or "" for an empty text; OpeningHoursError when invalid."""
    text = (text or "").strip()
    if not text:
        return ""
    if len(text) > MAX_LENGTH:
        raise OpeningHoursError(f"Les horaires dépassent {MAX_LENGTH} caractères.")
    try:
        return str(opening_hours.OpeningHours(text).normalize())
    except (opening_hours.ParserError, SyntaxError, ValueError) as exc:
        raise OpeningHoursError(
            f"Horaires illisibles « {text} » : écrivez-les dans la syntaxe OpenStreetMap, "
            "par exemple « Mo-Fr 09:00-18:00; Sa 09:00-12:00 »."
        ) from exc


def _clock(moment, day_start, language):
    minutes = round((moment - day_start).total_seconds() / 60)
    hours, minutes = divmod(minutes, 60)
    if language == "fr":
        return f"{hours} h {minutes:02d}" if minutes else f"{hours} h"
    return f"{hours:02d}:{minutes:02d}"


def _day_slots(expression, day, language):
    """What one day looks like: a tuple of "8 h 30 – 12 h" slots (open or to be confirmed), empty when closed."""
    start = dt.datetime.combine(day, dt.time())
    end = start + dt.timedelta(days=1)
    slots = []
    for begin, finish, state, _comment in expression.intervals(start, end):
        if state == opening_hours.State.CLOSED:
            continue
        text = f"{_clock(max(begin, start), start, language)} – {_clock(min(finish, end), start, language)}"
        if state == opening_hours.State.UNKNOWN:
            text += f" ({WORDS[language]['unknown']})"
        slots.append(text)
    return tuple(slots)


def week_in_words(text, monday, language="fr"):
    """The hours of the week that starts on `monday`, one line per run of days that have the same hours.

    The words come from the hours in force that week, so any valid expression can be told (months, weeks, exceptions);
    an empty text gives no line."""
    language = "fr" if (language or "fr").startswith("fr") else "en"
    text = normalize_opening_hours(text)
    if not text:
        return []
    if text == "24/7":
        return [WORDS[language]["always"]]
    expression = opening_hours.OpeningHours(text)
    days = [monday + dt.timedelta(days=offset) for offset in range(7)]
    runs = []  # [first index, last index, slots]
    for index, day in enumerate(days):
        slots = _day_slots(expression, day, language)
        if runs and runs[-1][2] == slots:
            runs[-1][1] = index
        else:
            runs.append([index, index, slots])
    names = DAYS[language]
    lines = []
    for first, last, slots in runs:
        if first == last:
            label = names[first]
        elif last == first + 1:
            label = f"{names[first]}{WORDS[language]['and']}{names[last]}"
        else:
            label = WORDS[language]["range"].format(first=names[first], last=names[last])
        label = label[0].upper() + label[1:]
        words = WORDS[language]
        lines.append(label + words["colon"] + (words["and"].join(slots) if slots else words["closed"]))
    return lines


def next_day_of_week(today, weekday):
    """The first date from `today` on (today included) that falls on `weekday` (0 Monday … 6 Sunday)."""
    return today + dt.timedelta(days=(weekday - today.weekday()) % 7)


def is_open(text, day, time=None):
    """Whether the hours say open on `day` at `time` (local), or at some time of `day` when `time` is None: False when
    closed, unknown or not given, and for hours that no longer parse (they were checked on the way in; a parser
    upgrade must not break a search)."""
    text = (text or "").strip()
    if not text:
        return False
    try:
        expression = opening_hours.OpeningHours(text)
        if time is not None:
            return expression.is_open(dt.datetime.combine(day, time))
        start = dt.datetime.combine(day, dt.time())
        intervals = expression.intervals(start, start + dt.timedelta(days=1))
        return any(state == opening_hours.State.OPEN for _begin, _end, state, _comment in intervals)
    except (opening_hours.ParserError, SyntaxError, ValueError):
        return False
