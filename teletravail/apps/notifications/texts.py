"""A notification's words are kept as message ids of the catalogue and their values, and said in the language of
whoever reads them (the page's language in the list, the recipient's in an e-mail), not in the language of the
person whose action sent them.

A message id is marked with `gettext_noop` where it is written, so that the catalogue extracts it; a date is kept as
a date (`on_date`) and written in the reader's language.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext


@dataclass(frozen=True)
class Text:
    """A message id (French, as written in the code) and the values of its placeholders."""

    msgid: str
    values: dict = field(default_factory=dict)

    def as_data(self):
        return {"id": self.msgid, "values": self.values}


def on_date(day):
    """A date as a value of a Text: written out in the reader's language when the text is said."""
    return {"date": day.isoformat()}


def _said(value):
    if isinstance(value, dict) and "date" in value:
        return date_format(date.fromisoformat(value["date"]), "j F Y")
    return value


def say(data):
    """A Text's data (`Text.as_data()`) in the active language."""
    if not data["id"]:
        return ""  # no body: gettext("") would give the catalogue's header
    words = gettext(data["id"])
    values = data.get("values") or {}
    return words % {key: _said(value) for key, value in values.items()} if values else words
