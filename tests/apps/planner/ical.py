"""A tiny RFC 5545 reader for the tests: unfold lines, then split properties and events."""


def unfold(text):
    """Content lines of an iCalendar text; fails on bare LF line endings or over-long lines."""
    assert text.endswith("\r\n"), "iCalendar lines end with CRLF"
    physical = text[:-2].split("\r\n")
    for line in physical:
        assert "\n" not in line and "\r" not in line, f"bare line break in {line!r}"
        assert len(line.encode("utf-8")) <= 75, f"line longer than 75 octets: {line!r}"
    lines = []
    for line in physical:
        if line.startswith((" ", "\t")):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def unescape(value):
    result, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            following = next(chars)
            result.append("\n" if following in "nN" else following)
        else:
            result.append(char)
    return "".join(result)


def parse_calendar(text):
    """(calendar properties, [event properties]); each property maps NAME to (parameters, value)."""
    calendar, events, current = {}, [], None
    for line in unfold(text):
        name_and_parameters, value = line.split(":", 1)
        name, *parameters = name_and_parameters.split(";")
        if (name, value) == ("BEGIN", "VEVENT"):
            current = {}
        elif (name, value) == ("END", "VEVENT"):
            events.append(current)
            current = None
        elif name not in ("BEGIN", "END"):
            (calendar if current is None else current)[name] = (parameters, unescape(value))
    return calendar, events
