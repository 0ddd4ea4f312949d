"""Text helpers of the charter engine: normalisation for detection, French formatting of figures and dates."""

import re
import unicodedata
from datetime import date

from teletravail.french import long_date, money
from teletravail.geo import normalize


__all__ = ["NUMBER", "fold", "french_amount", "french_date", "french_number", "normalize"]

_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "Œ": "oe", "Æ": "ae", "’": "'", "\u00a0": " ", "\u202f": " "})
_SPACES = re.compile(r"\s+")
# French number words as a charter writes durations, days and amounts (« quinze jours », « trois mois »).
_UNITS = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
}
_TENS = {"vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60}
_WORD = "|".join(sorted([*_UNITS, *_TENS, "quatre-vingt", "quatre-vingts"], key=len, reverse=True))
# Digits (« 3 », « 3,50 ») or words, compounds included (« vingt-cinq », « vingt et un », « soixante-dix »).
NUMBER = rf"(?<![\w,.])(?:\d+(?:[.,]\d+)?|(?:{_WORD})(?:(?:-| et |-et-)(?:{_WORD}))*)\b"


def fold(text):
    """Lower case and no accents, punctuation kept (for figures such as « 2,70 € par jour »); spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_LIGATURES).lower())
    return _SPACES.sub(" ", "".join(char for char in decomposed if not unicodedata.combining(char))).strip()


def french_number(token):
    """« 3 » → 3.0, « 3,50 » → 3.5, « trois » → 3.0, « vingt-cinq » → 25.0, « soixante-dix » → 70.0 (folded text)."""
    token = token.strip()
    if token[0].isdigit():
        return float(token.replace(",", "."))
    total = 0
    for word in re.split(r"-et-| et |-", token.replace("quatre-vingt", "quatrevingt")):
        if word.startswith("quatrevingt"):
            total += 80
        elif word in _TENS:
            total += _TENS[word]
        else:
            total += _UNITS[word]
    return float(total)


def french_amount(value):
    """2.7 → « 2,70 € »; 253.44 → « 253,44 € » (no-break space before the euro sign)."""
    return money(value, places=2)


def french_time(hour, minute):
    """(9, 30) → « 9 h 30 », (14, 0) → « 14 h » (no-break spaces)."""
    return f"{hour}\u00a0h\u00a0{minute:02d}" if minute else f"{hour}\u00a0h"


def french_date(value: date):
    """date(2026, 9, 1) → « 1er septembre 2026 »."""
    return long_date(value, "fr")
