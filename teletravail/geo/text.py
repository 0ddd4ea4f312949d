"""Text normalisation shared by the importer (stored `search_name`) and the search (queries)."""

import re
import unicodedata


# Ligatures that NFKD leaves whole ("œ" is not a compatibility character).
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})
_NOT_ALPHANUMERIC = re.compile(r"[^0-9a-z]+")

# Whole-word abbreviations people type for commune names ("St-Étienne"); expanded in queries only,
# official names are always spelled out.
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}


def normalize(text):
    """Lower case, no accents, every run of apostrophes/hyphens/punctuation/spaces folded to one space."""
    text = (text or "").lower().translate(_LIGATURES)
    decomposed = unicodedata.normalize("NFKD", text)
    without_accents = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NOT_ALPHANUMERIC.sub(" ", without_accents).strip()


def normalize_query(text):
    """`normalize`, then the usual abbreviations expanded as whole words ("st etienne" → "saint etienne")."""
    return " ".join(ABBREVIATIONS.get(word, word) for word in normalize(text).split())
