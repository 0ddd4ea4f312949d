"""Text helpers of the charter engine: normalisation for detection, French formatting of figures and dates."""

import re
import unicodedata
from datetime import date

from teletravail.documents.labels import format_date
from teletravail.geo import normalize


__all__ = ["fold", "french_amount", "french_date", "normalize"]

_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "Œ": "oe", "Æ": "ae", "’": "'", "\u00a0": " ", "\u202f": " "})
_SPACES = re.compile(r"\s+")


def fold(text):
    """Lower case and no accents, punctuation kept (for figures such as « 2,70 € par jour »); spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_LIGATURES).lower())
    return _SPACES.sub(" ", "".join(char for char in decomposed if not unicodedata.combining(char))).strip()


def french_amount(value):
    """2.7 → « 2,70 € »; 253.44 → « 253,44 € » (no-break space before the euro sign)."""
    return f"{value:,.2f}".replace(",", "\u202f").replace(".", ",") + "\u00a0€"


def french_date(value: date):
    """date(2026, 9, 1) → « 1er septembre 2026 »."""
    return format_date(value, "fr")
