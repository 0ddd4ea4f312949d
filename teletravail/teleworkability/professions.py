"""French job titles → PCS 2020 professions → ISCO-08 → national reference scores.

The link from PCS 2020 to ISCO-08 is authored by this project (`pcs2020_isco08.csv`: one row per PCS 2020
profession with the chosen ISCO-08 code, a confidence level and a justification; method in
docs/methodology/teleworkability.md). The search vocabulary is the PCS label, the usual job titles listed in the
same file (`synonymes`) and the job titles of `job_titles.csv`, some of which refine the ISCO-08 code (a sociology
researcher is not a biologist). Matching ignores case, accents, plural and the usual feminine endings, expands
the usual abbreviations (RH, BTP, DAF…) and drops the words of a job advert that do not change the profession
(H/F, junior, CDI…), all listed in `job_title_words.csv`.

A candidate is *confident* only when every remaining word of the query is found in one of its titles and it is
ahead of the next profession by the `search_confidence_margin` parameter; otherwise the caller must let the
user choose (nothing is coded silently).
"""

import csv
import re
from dataclasses import dataclass
from functools import cache

from teletravail.geo.text import normalize
from teletravail.parameters import load_parameters
from teletravail.teleworkability.errors import TeleworkabilityInputError
from teletravail.teleworkability.reference import (
    DATA_DIR,
    ReferenceScores,
    disagreement_reason,
    isco_titles,
    reference_scores,
)


CONFIDENCE_LEVELS = ("haute", "moyenne", "faible")
PARAMETER_GROUP = "teleworkability"

# Words that carry no meaning in a job title ("assistante *de* direction").
STOPWORDS = frozenset("a au aux d de des du en et l la le les ou par pour sur un une avec chez dans".split())

# Feminine and plural endings folded to one form, most specific first; applied to queries and labels alike,
# so the folded form need not be a real word ("comptable" → "comptabl"). « -ée » loses one « e » first so
# that « employée » and « employé » meet.
_ENDINGS = (
    ("ieres", "ier"),
    ("iere", "ier"),
    ("euses", "eur"),
    ("euse", "eur"),
    ("trices", "teur"),
    ("trice", "teur"),
    ("drices", "deur"),
    ("drice", "deur"),
    ("iennes", "ien"),
    ("ienne", "ien"),
    ("effes", "ef"),
    ("effe", "ef"),
    ("esses", "e"),
    ("esse", "e"),
    ("elles", "el"),
    ("elle", "el"),
    ("eaux", "eau"),
    ("ives", "if"),
    ("ive", "if"),
    ("ees", "e"),
    ("ee", "e"),
)
_PREFIX_MATCH_MIN_LENGTH = 3
_PREFIX_MATCH_CREDIT = 0.7
_EXACT_TITLE_BONUS = 1.0
_EXACT_BUT_CONTEXT_BONUS = 0.7
_LABEL_CREDIT = 1.0
_SYNONYM_CREDIT = 0.95  # a listed job title ranks just below the official label when both match
CANDIDATES_TO_CHOOSE = 3  # shown to the user when no candidate is confident
ABBREVIATION = "abreviation"
QUALIFIER = "qualificatif"
CONTEXT = "contexte"


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


@dataclass(frozen=True)
class TitleWords:
    """The word lists of `job_title_words.csv`: abbreviations (word → expansion words), and the folded
    qualifiers (dropped from queries) and context words (never make a candidate uncertain)."""

    abbreviations: dict
    qualifiers: frozenset
    context: frozenset


@cache
def word_lists():
    abbreviations, qualifiers, context = {}, set(), set()
    with (DATA_DIR / "job_title_words.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            word = normalize(row["mot"])
            if row["type"] == ABBREVIATION:
                abbreviations[word] = tuple(normalize(row["developpement"]).split())
            elif row["type"] == QUALIFIER:
                qualifiers.add(fold_word(word))
            elif row["type"] == CONTEXT:
                context.add(fold_word(word))
            else:
                raise ValueError(f"job_title_words.csv : type « {row['type']} » inconnu pour « {row['mot']} ».")
    return TitleWords(abbreviations, frozenset(qualifiers), frozenset(context))


def search_tokens(text, query=True):
    """The folded significant words of a job title or a query, each once, in order.

    Abbreviations are expanded (« RH » → ressources humaines) and stop words dropped. In a query, the
    qualifiers of job adverts (« H/F », « junior », « CDI ») and numbers (« CACES 3 »), which do not change the
    profession, are dropped too; the titles of the vocabulary keep them (« veilleur de nuit »).
    """
    lists = word_lists()
    words = []
    for word in normalize(text).split():
        for part in lists.abbreviations.get(word, (word,)):
            if part in STOPWORDS:
                continue
            folded = fold_word(part)
            if not (query and (folded in lists.qualifiers or folded.isdigit())):
                words.append(folded)
    return tuple(dict.fromkeys(words))


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
            **_scores_dict(self.scores),
        }


def _scores_dict(scores):
    return {
        "dingel_neiman": scores.dingel_neiman,
        "dingel_neiman_level": scores.dingel_neiman_level,
        "jrc": scores.jrc_physical,
        "jrc_social": scores.jrc_social,
        "jrc_level": scores.jrc_level,
        "references_disagreement": disagreement_reason(scores),
    }


@dataclass(frozen=True)
class ProfessionMatch:
    """A candidate profession for a job title.

    `confident` says whether the title may be coded without asking the user (every word of the query found in
    `matched_title`, and clearly ahead of the next profession); it is distinct from the mapping's own
    `profession.confidence`. `isco08` is the code of the matched title: the profession's, or a more precise one
    when the title says more than the PCS group (« chercheur en sociologie »).
    """

    profession: Profession
    relevance: float
    matched_title: str
    confident: bool = False
    isco08: str = ""
    unmatched_words: tuple[str, ...] = ()

    @property
    def refined(self):
        return bool(self.isco08) and self.isco08 != self.profession.isco08

    @property
    def scores(self):
        return reference_scores(self.isco08) if self.refined else self.profession.scores

    def as_dict(self):
        data = {**self.profession.as_dict(), "matched_title": self.matched_title}
        if self.refined:
            data.update(
                isco08=self.isco08,
                isco08_label=isco_titles().get(self.isco08, ""),
                **_scores_dict(self.scores),
            )
        data.update(
            isco08_from_title=self.refined,
            relevance=round(self.relevance, 3),
            confident=self.confident,
            unmatched_words=list(self.unmatched_words),
        )
        return data


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
def job_titles():
    """(title, PCS 2020 code, ISCO-08 code) of `job_titles.csv`: usual titles missing from the PCS labels."""
    with (DATA_DIR / "job_titles.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(
            (row["intitule"], row["pcs2020"], row["isco08"] or professions()[row["pcs2020"]].isco08)
            for row in csv.DictReader(handle)
        )


@cache
def _search_index():
    """(profession, title shown, folded words, credit, ISCO-08 code) for every job title, label and synonym."""
    # The job titles come first: on a tie within a profession, the first title wins, and theirs may refine the
    # ISCO-08 code of a synonym spelled the same way.
    table = professions()
    index = [
        (table[code], title, search_tokens(title, query=False), _SYNONYM_CREDIT, isco)
        for title, code, isco in job_titles()
    ]
    for item in table.values():
        titles = [(item.label, _LABEL_CREDIT)] + [(title, _SYNONYM_CREDIT) for title in item.synonyms]
        index += [(item, title, search_tokens(title, query=False), credit, item.isco08) for title, credit in titles]
    return [entry for entry in index if entry[2]]


def _word_credit(query_word, title_words):
    if query_word in title_words:
        return 1.0
    if len(query_word) >= _PREFIX_MATCH_MIN_LENGTH and any(word.startswith(query_word) for word in title_words):
        return _PREFIX_MATCH_CREDIT
    return 0.0


def _relevance(query_words, title_words):
    """Share of the query found in the title, plus bonuses for an exact title and for a short title.

    A context word of the query (« en EHPAD ») that the title lacks is left out rather than counted as missing.
    """
    context = word_lists().context
    kept = [word for word in query_words if word in title_words or word not in context] or query_words
    if sorted(query_words) == sorted(title_words):
        exact = _EXACT_TITLE_BONUS
    elif sorted(kept) == sorted(title_words):  # exact but for context words: below a title that has them too
        exact = _EXACT_BUT_CONTEXT_BONUS
    else:
        exact = 0.0
    query_words = kept
    credits = [_word_credit(word, title_words) for word in query_words]
    found = sum(credits) / len(query_words)
    if not found:
        return 0.0
    coverage = sum(1 for word in title_words if word in query_words) / len(title_words)
    return found + exact + 0.5 * coverage


def confidence_margin(when=None):
    """How far ahead of the next profession a candidate must be to be confident (relevance points)."""
    return load_parameters(PARAMETER_GROUP)["search_confidence_margin"].at(when).central


def search_professions(text, limit=10):
    """PCS 2020 professions matching a French job title, most relevant first.

    Every word of the query counts (a profession matching only part of it ranks lower, and is never
    confident); a profession appears once, under its best-matching title. Ties are broken by PCS code, so the
    order is stable. Only the first candidate can be `confident`.
    """
    query_words = search_tokens(text)
    if not query_words:
        raise TeleworkabilityInputError("Intitulé de poste vide : saisissez un métier (ex. « comptable »).")
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise TeleworkabilityInputError(f"« limit » : un nombre entier positif est attendu, « {limit} » trouvé.")
    best = {}
    for item, title, words, credit, isco in _search_index():
        relevance = _relevance(query_words, words) * credit
        if relevance > 0 and (item.pcs2020 not in best or relevance > best[item.pcs2020][0]):
            best[item.pcs2020] = (relevance, item, title, words, isco)
    ranked = sorted(best.values(), key=lambda found: (-found[0], found[1].pcs2020))
    matches = []
    for position, (relevance, item, title, words, isco) in enumerate(ranked[:limit]):
        unmatched = _unmatched_words(text, words)
        confident = (
            position == 0
            and not unmatched
            and (title == item.label or _says_no_more(words, query_words))
            and (len(ranked) == 1 or relevance - ranked[1][0] >= confidence_margin() - 1e-9)
        )
        matches.append(ProfessionMatch(item, relevance, title, confident, isco, unmatched))
    return matches


def _says_no_more(title_words, query_words):
    """Whether a job title says nothing the query does not: a query that is only part of a specific title
    (« responsable SI » in « responsable de la sécurité des systèmes d'information ») is not sure. An official
    label is broad by design (« … de la banque et des assurances »): a query within it is."""
    lists = word_lists()
    return all(word in query_words or word in lists.qualifiers or word in lists.context for word in title_words)


def _unmatched_words(text, title_words):
    """The words of the query (as typed, accents removed) that the title does not contain, context words aside
    (a workplace, a language, a level: « en EHPAD », « bilingue », « N2 » say where or how, not what the job is)."""
    context = word_lists().context
    return tuple(
        word
        for word in dict.fromkeys(normalize(text).split())
        if any(token not in title_words and token not in context for token in search_tokens(word))
    )
