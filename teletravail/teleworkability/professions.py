"""French job titles → PCS 2020 professions → ISCO-08 → national reference scores.

The link from PCS 2020 to ISCO-08 is authored by this project (`pcs2020_isco08.csv`: one row per PCS 2020
profession with the chosen ISCO-08 code, a confidence level and a justification; method in
docs/methodology/teleworkability.md). The search vocabulary is the PCS label plus the usual job titles listed
in the same file (`synonymes`). Matching ignores case, accents, plural and the usual feminine endings, so
« Infirmière », « infirmiers » and « INFIRMIER » find the same professions.
"""

import csv
import re
from dataclasses import dataclass
from functools import cache

from teletravail.geo.text import normalize
from teletravail.teleworkability.errors import TeleworkabilityInputError
from teletravail.teleworkability.reference import DATA_DIR, ReferenceScores, isco_titles, reference_scores


CONFIDENCE_LEVELS = ("haute", "moyenne", "faible")

# Words that carry no meaning in a job title ("assistante *de* direction").
STOPWORDS = frozenset("a au aux d de des du en et l la le les ou par pour sur un une".split())

# Feminine and plural endings folded to one form, most specific first; applied to queries and labels alike,
# so the folded form need not be a real word ("comptable" → "comptabl").
_ENDINGS = (
    ("ieres", "ier"),
    ("iere", "ier"),
    ("euses", "eur"),
    ("euse", "eur"),
    ("trices", "teur"),
    ("trice", "teur"),
    ("iennes", "ien"),
    ("ienne", "ien"),
    ("esses", "e"),
    ("esse", "e"),
    ("elles", "el"),
    ("elle", "el"),
    ("eaux", "eau"),
    ("ives", "if"),
    ("ive", "if"),
)
_PREFIX_MATCH_MIN_LENGTH = 3
_PREFIX_MATCH_CREDIT = 0.7
_EXACT_TITLE_BONUS = 1.0
_SYNONYM_CREDIT = 0.95  # a listed job title ranks just below the official label when both match


def fold_word(word):
    """One word without its plural and usual feminine ending (already normalised: lower case, no accents)."""
    for ending, replacement in _ENDINGS:
        if len(word) > len(ending) + 1 and word.endswith(ending):
            word = word[: -len(ending)] + replacement
            break
    if len(word) > 3 and word.endswith("s"):
        word = word[:-1]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def search_tokens(text):
    """The folded meaningful words of a job title or a query."""
    return tuple(fold_word(word) for word in normalize(text).split() if word not in STOPWORDS)


@dataclass(frozen=True)
class Profession:
    """A PCS 2020 profession with its chosen ISCO-08 code and the national reference scores."""

    pcs2020: str
    label: str
    isco08: str
    isco08_label: str
    confidence: str
    justification: str
    synonyms: tuple[str, ...]
    scores: ReferenceScores

    def as_dict(self):
        return {
            "label": self.label,
            "pcs2020": self.pcs2020,
            "isco08": self.isco08,
            "isco08_label": self.isco08_label,
            "confidence": self.confidence,
            "justification": self.justification,
            "dingel_neiman": self.scores.dingel_neiman,
            "dingel_neiman_level": self.scores.dingel_neiman_level,
            "jrc": self.scores.jrc_physical,
            "jrc_social": self.scores.jrc_social,
            "jrc_level": self.scores.jrc_level,
        }


@dataclass(frozen=True)
class ProfessionMatch:
    profession: Profession
    relevance: float
    matched_title: str

    def as_dict(self):
        return {
            **self.profession.as_dict(),
            "matched_title": self.matched_title,
            "relevance": round(self.relevance, 3),
        }


_SYNONYM_SEPARATOR = re.compile(r"\s*;\s*")


@cache
def professions():
    """Every PCS 2020 profession (level 4), by code, with its ISCO-08 link and reference scores."""
    titles = isco_titles()
    table = {}
    with (DATA_DIR / "pcs2020_isco08.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            synonyms = tuple(word for word in _SYNONYM_SEPARATOR.split(row["synonymes"].strip()) if word)
            table[row["pcs2020"]] = Profession(
                pcs2020=row["pcs2020"],
                label=row["libelle_pcs2020"],
                isco08=row["isco08"],
                isco08_label=titles.get(row["isco08"], row["libelle_isco08"]),
                confidence=row["confiance"],
                justification=row["justification"],
                synonyms=synonyms,
                scores=reference_scores(row["isco08"]),
            )
    return table


def profession(pcs_code):
    """The profession of a PCS 2020 level-4 code (e.g. "46A1"); French error naming the code if unknown."""
    code = str(pcs_code or "").strip().upper()
    found = professions().get(code)
    if found is None:
        raise TeleworkabilityInputError(
            f"Code PCS 2020 « {pcs_code} » inconnu : un code de profession à 4 caractères est attendu (ex. 46A1)."
        )
    return found


@cache
def _search_index():
    """(profession, title shown, folded words, credit) for every label and listed job title."""
    index = []
    for item in professions().values():
        index.append((item, item.label, search_tokens(item.label), 1.0))
        index += [(item, title, search_tokens(title), _SYNONYM_CREDIT) for title in item.synonyms]
    return index


def _word_credit(query_word, title_words):
    if query_word in title_words:
        return 1.0
    if len(query_word) >= _PREFIX_MATCH_MIN_LENGTH and any(word.startswith(query_word) for word in title_words):
        return _PREFIX_MATCH_CREDIT
    return 0.0


def _relevance(query_words, title_words):
    """Share of the query found in the title, plus bonuses for an exact title and for a short title."""
    credits = [_word_credit(word, title_words) for word in query_words]
    found = sum(credits) / len(query_words)
    if not found:
        return 0.0
    exact = _EXACT_TITLE_BONUS if sorted(query_words) == sorted(title_words) else 0.0
    coverage = sum(1 for word in title_words if word in query_words) / len(title_words)
    return found + exact + 0.5 * coverage


def search_professions(text, limit=10):
    """PCS 2020 professions matching a French job title, most relevant first.

    Every word of the query counts (a profession matching only part of it ranks lower); a profession appears
    once, under its best-matching title. Ties are broken by PCS code, so the order is stable.
    """
    query_words = search_tokens(text)
    if not query_words:
        raise TeleworkabilityInputError("Intitulé de poste vide : saisissez un métier (ex. « comptable »).")
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise TeleworkabilityInputError(f"« limit » : un nombre entier positif est attendu, « {limit} » trouvé.")
    best = {}
    for item, title, title_words, credit in _search_index():
        relevance = _relevance(query_words, title_words) * credit
        if relevance > 0 and (item.pcs2020 not in best or relevance > best[item.pcs2020].relevance):
            best[item.pcs2020] = ProfessionMatch(item, relevance, title)
    ranked = sorted(best.values(), key=lambda match: (-match.relevance, match.profession.pcs2020))
    return ranked[:limit]
