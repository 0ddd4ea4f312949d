"""Check an existing charter / agreement: which clauses of the catalogue it covers, which are missing, what is risky.

Detection is explainable: the text is cut into sections at its article headings (or paragraphs), normalised
(lower case, no accents, punctuation folded), and each clause's patterns of the catalogue are searched in each
section; a covered clause reports the section, the passage and the pattern that matched. Figures (telework days,
allowances, adaptation period) and monitoring practices are read sentence by sentence, then the validation rules
(teletravail.charter.rules) run on these facts; what cannot be read from a text stays unknown and its rule is
skipped.
"""

import re
from dataclasses import dataclass
from datetime import date

from teletravail.charter.assembly import build_context, clause_text
from teletravail.charter.catalogue import SECTORS, load_catalogue
from teletravail.charter.errors import CharterInputError
from teletravail.charter.extract import extract_text
from teletravail.charter.options import default_options
from teletravail.charter.rules import Allowance, Facts, validate
from teletravail.charter.text import fold, normalize
from teletravail.parameters import load_parameters


_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_ARTICLE_HEADING = re.compile(r"^\s*(article|art\.)\s*\d+|^\s*(titre|chapitre)\s+[ivxlc\d]+\b|^\s*preambule\b")
_MARKDOWN_TOC_ENTRY = re.compile(r"^\s*[-*]\s*\[.*\]\(#.*\)\s*$")
_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+")
_NUMBER_WORDS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7}
_NUMBER = r"(\d+(?:[.,]\d+)?|un|une|deux|trois|quatre|cinq|six|sept)"
_DAYS_PER = re.compile(_NUMBER + r" (?:jours?|journees?) (?:de teletravail |teletravailles? )?par (semaine|mois)\b")
_NOT_A_CEILING = re.compile(r"derog|au-dela|presence|sur site|supplementaire")
_AMOUNT = re.compile(
    r"(\d+(?:[.,]\d{1,2})?) ?(?:€|euros?) ?(?:par|/) ?(jour|mois|an)\b( et par jour (?:de teletravail )?hebdomadaire)?"
)
_MONEY_WORDS = re.compile(r"allocation|indemnit|forfait|frais|rembours")
_BRANCH_AGREEMENT = re.compile(r"accord (de branche|de groupe|professionnel|interprofessionnel)")
_ADAPTATION = re.compile(r"periode d'adaptation (?:de|d'une duree de|d'une duree maximale de) " + _NUMBER + r" mois")
_PRIOR_INFORMATION = re.compile(r"information prealable|informes? prealablement|prealablement informes?")
_CONSULTATION = re.compile(r"consult")


@dataclass(frozen=True)
class Section:
    heading: str
    text: str  # heading and body, as extracted
    normalized: str


@dataclass(frozen=True)
class CoveredClause:
    id: str
    legal_basis: str
    section: str
    passage: str
    pattern: str

    @property
    def message(self):
        return (
            f"Couvert dans « {self.section} » : le passage « {self.passage} » correspond au motif "
            f"« {self.pattern} » de la clause."
        )

    def as_dict(self):
        return {
            "id": self.id,
            "legal_basis": self.legal_basis,
            "message": self.message,
            "section": self.section,
            "passage": self.passage,
            "pattern": self.pattern,
        }


@dataclass(frozen=True)
class CheckReport:
    sector: str
    covered: tuple
    findings: tuple

    @property
    def missing(self):
        return [f for f in self.findings if f.missing and f.severity == "erreur"]

    @property
    def warnings(self):
        """Risky clauses and points of attention together (as the JSON report lists them, each with its severity)."""
        return [f for f in self.findings if f.severity != "suggestion" and not (f.missing and f.severity == "erreur")]

    @property
    def risky(self):
        """Clauses that break a rule by what they say (too many days, a prohibited monitoring…), not by an absence."""
        return [f for f in self.findings if f.severity == "erreur" and not f.missing]

    @property
    def cautions(self):
        return [f for f in self.findings if f.severity == "avertissement"]

    @property
    def suggestions(self):
        return [f for f in self.findings if f.severity == "suggestion"]

    @property
    def errors(self):
        return [f for f in self.findings if f.severity == "erreur"]

    def as_dict(self):
        return {
            "sector": self.sector,
            "missing": [f.as_dict() for f in self.missing],
            "warnings": [f.as_dict() for f in self.warnings],
            "covered": [c.as_dict() for c in self.covered],
            "suggestions": [f.as_dict() for f in self.suggestions],
        }


def split_sections(text):
    """Sections at article headings (Markdown titles, « Article 3 », « Titre II »…); paragraphs when there is none.

    Lines that are only a heading, as in a table of contents, are not sections.
    """
    lines = [line.strip() for line in text.splitlines() if not _MARKDOWN_TOC_ENTRY.match(line)]
    headings = [bool(_MARKDOWN_HEADING.match(line) or _ARTICLE_HEADING.match(fold(line))) for line in lines]
    groups = []
    if any(headings):
        for line, is_heading in zip(lines, headings, strict=True):
            if is_heading or not groups:
                groups.append([line])
            elif line:
                groups[-1].append(line)
        groups = [group for group in groups if len(group) > 1]
    else:
        for paragraph in re.split(r"\n\s*\n", text):
            if paragraph.strip():
                groups.append([paragraph.strip()])
    sections = []
    for group in groups:
        heading = group[0].lstrip("#").strip()
        heading = heading if len(heading) <= 90 else heading[:87] + "…"
        body = "\n".join(group)
        sections.append(Section(heading=heading, text=body, normalized=normalize(body)))
    return sections


def _excerpt(normalized, match, margin=50):
    start, end = max(0, match.start() - margin), min(len(normalized), match.end() + margin)
    return ("…" if start else "") + normalized[start:end].strip() + ("…" if end < len(normalized) else "")


def detect_clauses(sections, sector):
    """The catalogue clauses of the sector found in the sections, each with the first section that holds it."""
    covered = []
    for clause in load_catalogue().for_sector(sector):
        for section in sections:
            found = clause.find(section.normalized)
            if found:
                match, pattern = found
                covered.append(
                    CoveredClause(
                        clause.id,
                        clause.legal_basis_for(sector),
                        section.heading,
                        _excerpt(section.normalized, match),
                        pattern,
                    )
                )
                break
    return covered


def _number(token):
    return float(_NUMBER_WORDS[token]) if token in _NUMBER_WORDS else float(token.replace(",", "."))


def _sentences(sections):
    for section in sections:
        for sentence in _SENTENCE_END.split(fold(section.text)):  # fold joins wrapped lines
            if sentence.strip():
                yield section, sentence


def read_facts(sections, covered, sector, when, clause_texts):
    """The facts the rules need, as far as the text states them."""
    weeks_per_month = load_parameters("charter")["weeks_per_month"].at(when).central
    days_per_week = []
    allowances = []
    adaptation = None
    for _, sentence in _sentences(sections):
        if "teletravail" in sentence and not _NOT_A_CEILING.search(sentence):
            for token, period in _DAYS_PER.findall(sentence):
                days = _number(token)
                days_per_week.append(days if period == "semaine" else days / weeks_per_month)
        if _MONEY_WORDS.search(sentence):
            set_by = "branche_ou_groupe" if _BRANCH_AGREEMENT.search(sentence) else "entreprise"
            for amount, period, weekly in _AMOUNT.findall(sentence):
                allowances.append(
                    Allowance(float(amount.replace(",", ".")), "jour_hebdomadaire" if weekly else period, set_by)
                )
        match = _ADAPTATION.search(sentence)
        if match:
            adaptation = max(adaptation or 0, _number(match.group(1)))
    tools, monitoring_sections = _monitoring(sections)
    covered_ids = {clause.id for clause in covered}
    refusal_section = next((c.section for c in covered if c.id == "ELIG-05"), None)
    refusal_interview = None
    if sector == "public" and refusal_section is not None:
        refusal_interview = any(
            "entretien" in section.normalized for section in sections if section.heading == refusal_section
        )
    monitoring_text = " ".join(section.normalized for section in monitoring_sections)
    return Facts(
        sector=sector,
        covered=frozenset(covered_ids),
        when=when,
        committee_opinion_known=False,
        telework_days_per_week=max(days_per_week) if days_per_week else None,
        adaptation_period_months=adaptation if sector == "public" else None,
        refusal_interview=refusal_interview,
        allowances=tuple(allowances),
        monitoring_tools=tuple(tools),
        monitoring_information=bool(_PRIOR_INFORMATION.search(monitoring_text)) if tools else None,
        monitoring_consultation=bool(_CONSULTATION.search(monitoring_text)) if tools else None,
        clause_texts=clause_texts,
    )


def _monitoring(sections):
    """Monitoring practices the text puts in place (a prohibited one only when its sentence does not exclude it)."""
    choices = load_catalogue().choices
    negation = re.compile("|".join(choices["monitoring_negations"]))
    found = {}
    where = []
    for section in sections:
        for sentence in _SENTENCE_END.split(" ".join(section.text.split())):
            normalized = normalize(sentence)
            for name, tool in choices["monitoring_tools"].items():
                if any(re.search(pattern, normalized) for pattern in tool["detect"]):
                    if tool["prohibited"] and negation.search(normalized):
                        continue
                    found[name] = True
                    if section not in where:
                        where.append(section)
    return list(found), where


def check_text(text, sector, when=None):
    """The report of a document's text for a sector (prive or public)."""
    if sector not in SECTORS:
        raise CharterInputError(f"« --sector » : « {sector} » inconnu (valeurs possibles : {', '.join(SECTORS)}).")
    when = when or date.today()
    sections = split_sections(text)
    if not sections:
        raise CharterInputError("Le document ne contient aucun texte à analyser.")
    covered = detect_clauses(sections, sector)
    context, lists = build_context(default_options(sector), when)
    clause_texts = {
        clause.id: clause_text(clause, sector, context, lists) for clause in load_catalogue().for_sector(sector)
    }
    facts = read_facts(sections, covered, sector, when, clause_texts)
    return CheckReport(sector=sector, covered=tuple(covered), findings=tuple(validate(facts)))


def check_file(path=None, sector="prive", when=None, data=None, name=None):
    """Extract the text of a DOCX, PDF, HTML or text file (a path, or bytes and a name) and check it."""
    return check_text(extract_text(path=path, data=data, name=name), sector, when)
