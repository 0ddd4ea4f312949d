"""Check an existing charter / agreement: which clauses of the catalogue it covers, which are missing, what is risky.

Detection is explainable: the text is cut into sections at its article headings (or paragraphs), normalised
(lower case, no accents, punctuation folded), and each clause's patterns of the catalogue are searched in each
section; a covered clause reports the section, the passage and the pattern that matched. Figures (telework days,
allowances, adaptation period) and monitoring practices are read sentence by sentence, then the validation rules
(teletravail.charter.rules) run on these facts; what cannot be read from a text stays unknown and its rule is
skipped.
"""

import re
from dataclasses import dataclass, replace
from datetime import date

from teletravail.charter.assembly import build_context, clause_text
from teletravail.charter.catalogue import SECTORS, load_catalogue
from teletravail.charter.errors import CharterInputError
from teletravail.charter.extract import extract_text
from teletravail.charter.options import parse_options
from teletravail.charter.rules import SEVERITY_ORDER, Allowance, Facts, Finding, validate
from teletravail.charter.stances import SEVERITY_OF_STANCE, Sentence, load_stances, read_stances
from teletravail.charter.text import NUMBER, fold, french_number, normalize
from teletravail.parameters import load_parameters


DISCLAIMER = (
    "Ce rapport est une aide à la relecture, établie automatiquement à partir des mots du texte : ce n'est pas un "
    "avis juridique. Faites relire le document par un juriste ou par vos représentants du personnel."
)
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_ARTICLE_HEADING = re.compile(
    r"^\s*(article|art\.)\s*(\d+|premier|unique)|^\s*(titre|chapitre)\s+[ivxlc\d]+\b|^\s*preambule\b"
)
# « 1. Objet », « 2) Bénéficiaires » : a short numbered line that does not end like a sentence.
_NUMBERED_HEADING = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})*[.)]?\s+\S.{0,76}[^.;:,]$")
_MARKDOWN_TOC_ENTRY = re.compile(r"^\s*[-*]\s*\[.*\]\(#.*\)\s*$")
_BULLET = re.compile(r"^\s*(?:[-*•–]|\d{1,2}[.)°]|[a-z][.)])\s+")
# A sentence ends at . ! ? (not after « art. », « C. », « trav. », « n° »); « ; » separates the items of a list.
_SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\bart\.)(?<!\b[A-Z]\.)(?<!\btrav\.)(?<!\bsoc\.)\s+")
_LIST_ITEM_END = re.compile(r"\s*;\s+")
_UNIT = r"(mois|semaines?|jours?)"
_TELEWORK = re.compile(r"teletravail|travail a distance|travail a domicile|a la maison|chez (?:lui|elle|eux|soi)")
_DAYS_PER = re.compile(
    r"(" + NUMBER + r") (?:jours?|journees?) (?:de (?:teletravail|travail a distance) |teletravailles? |a domicile |"
    r"a la maison |chez (?:lui|elle|eux|soi) )?(?:(?:par|chaque|/) ?(semaine|mois)\b|(hebdomadaires?)\b)"
)
_NOT_A_CEILING = re.compile(
    r"derog|au-dela|presence|sur site|supplementaire|enceinte|grossesse|handicap|aidant|sante|medecin|au moins"
)
_AMOUNT = re.compile(
    r"(" + NUMBER + r") ?(?:€|euros?)(?: (\d{2})\b)? ?(?:par|/|chaque) ?(jour|journee|mois|an|annee)\b"
    r"( et par jour (?:de teletravail )?hebdomadaire)?"
)
_PERIODS = {"journee": "jour", "annee": "an"}
_MONEY_WORDS = re.compile(r"allocation|indemnit|forfait|frais|rembours|somme|montant|verse")
_BRANCH_AGREEMENT = re.compile(r"accord (de branche|de groupe|professionnel|interprofessionnel)")
_ADAPTATION = re.compile(
    r"(?:periode d'adaptation|periode d'essai|periode probatoire)[^.;]{0,60}?(" + NUMBER + r") " + _UNIT
)
_ENDING = re.compile(r"\bfin\b|\bterme\b|renonc|retour|revers|interromp|arret|revenir")
_NO_NOTICE = re.compile(r"sans (?:aucun )?(?:delai de prevenance|preavis)|a effet immediat|avec effet immediat")
_NOTICE = re.compile(r"(?:delai de prevenance|preavis|ramene a)[^.;]{0,40}?(" + NUMBER + r") " + _UNIT)
_REPLY = re.compile(r"repond|reponse|se prononce|statue|fait connaitre|fait savoir|decision")
_REPLY_DELAY = re.compile(
    r"(?:dans un delai (?:maximal |maximum |maximal de |d'au plus )?(?:de |d')?|sous |delai de reponse (?:est )?"
    r"(?:de |d'|fixe a )?|dans les )(" + NUMBER + r") " + _UNIT
)
_PRIOR_INFORMATION = re.compile(r"information prealable|informes? prealablement|prealablement informes?")
_CONSULTATION = re.compile(r"consult")
# A word of the text as `normalize` keeps it: letters and digits, whatever else separates words.
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Section:
    heading: str
    text: str  # heading and body, as extracted
    normalized: str
    body: str = ""  # the text without its heading line


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
            # The pattern that matched stays in as_dict() for tools; a reader is shown the passage itself.
            f"Couvert dans « {self.section} » par le passage « {self.passage} »."
        )

    @property
    def message_en(self):
        return f"Covered in “{self.section}” by the passage “{self.passage}”."

    def as_dict(self):
        return {
            "id": self.id,
            "legal_basis": self.legal_basis,
            "message": self.message,
            "message_en": self.message_en,
            "section": self.section,
            "passage": self.passage,
            "pattern": self.pattern,
        }


@dataclass(frozen=True)
class CheckReport:
    """Four groups: what the text says against the law (errors), what it lacks (missing), what is risky or must be
    reread (warnings), what it covers; and the recommended clauses it could add (suggestions)."""

    sector: str
    covered: tuple
    findings: tuple
    disclaimer: str = DISCLAIMER

    @property
    def errors(self):
        """Clauses that break a rule by what they say (an exclusion, too many days, a prohibited monitoring…)."""
        return [f for f in self.findings if f.severity == "erreur" and not f.missing]

    @property
    def missing(self):
        return [f for f in self.findings if f.missing and f.severity == "erreur"]

    @property
    def warnings(self):
        """Risky wording, passages to reread and legal reminders the text lacks."""
        return [f for f in self.findings if f.severity == "avertissement"]

    @property
    def suggestions(self):
        return [f for f in self.findings if f.severity == "suggestion"]

    def in_language(self, language):
        """The same report with its findings' messages in `language` (English when asked, else French); passages,
        headings and the clause texts to add stay as written in French."""
        return replace(self, findings=tuple(finding.in_language(language) for finding in self.findings))

    def as_dict(self):
        return {
            "sector": self.sector,
            "errors": [f.as_dict() for f in self.errors],
            "missing": [f.as_dict() for f in self.missing],
            "warnings": [f.as_dict() for f in self.warnings],
            "covered": [c.as_dict() for c in self.covered],
            "suggestions": [f.as_dict() for f in self.suggestions],
            "disclaimer": self.disclaimer,
        }


def _is_heading(line):
    folded = fold(line)
    return bool(_MARKDOWN_HEADING.match(line) or _ARTICLE_HEADING.match(folded) or _NUMBERED_HEADING.match(line))


def split_sections(text):
    """Sections at article headings (Markdown titles, « Article 3 », « Titre II », « 4. Frais »…); paragraphs when
    there is none.

    Lines that are only a heading, as in a table of contents, are not sections.
    """
    lines = [line.strip() for line in text.splitlines() if not _MARKDOWN_TOC_ENTRY.match(line)]
    headings = [_is_heading(line) for line in lines]
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
                groups.append([paragraph.strip(), paragraph.strip()])
    sections = []
    for group in groups:
        heading = group[0].lstrip("#").strip()
        heading = heading if len(heading) <= 90 else heading[:87] + "…"
        body = "\n".join(group[1:])
        text = body if group[0] == group[1:][0] else "\n".join(group)
        sections.append(Section(heading=heading, text=text, normalized=normalize(text), body=body))
    return sections


def split_sentences(sections):
    """The sentences of each section's body, as written. A bullet starts a new sentence; the items of a list
    introduced by « : » and separated by « ; » are read each with its introduction."""
    sentences = []
    for section in sections:
        blocks, current = [], []
        for line in section.body.splitlines():
            if _BULLET.match(line) and current:
                blocks.append(" ".join(current))
                current = []
            if line.strip():
                current.append(line.strip())
        if current:
            blocks.append(" ".join(current))
        for block in blocks:
            for sentence in _SENTENCE_END.split(" ".join(block.split())):
                items = _LIST_ITEM_END.split(sentence)
                introduction = items[0][: items[0].index(":") + 1] if len(items) > 1 and ":" in items[0] else ""
                for position, item in enumerate(items):
                    words = f"{introduction} {item}" if position and introduction else item
                    if words.strip():
                        sentences.append(Sentence(section.heading, words.strip()))
    return sentences


def _excerpt(normalized, match, margin=50, original=""):
    """The passage around `match`, as written in `original` (accents, capitals, punctuation) when its words line up
    with the folded text, else in the folded text itself."""
    words = [(found.start(), found.end()) for found in _WORD.finditer(original)]
    if original and len(words) == len(normalized.split()) and match.end() > match.start():
        first = normalized.count(" ", 0, match.start())
        last = normalized.count(" ", 0, match.end() - 1)
        text, (start, end) = original, (words[first][0], words[last][1])
    else:
        text, (start, end) = normalized, (match.start(), match.end())
    start, end = max(0, start - margin), min(len(text), end + margin)
    return ("…" if start else "") + " ".join(text[start:end].split()) + ("…" if end < len(text) else "")


def detect_clauses(sections, sector, set_aside=None):
    """The catalogue clauses of the sector found in the sections, each with the first section that holds it.

    `set_aside` maps a clause to the sentences that must not count for it (those that say the contrary of the law
    or must be reread): a clause only named in them is not covered.
    """
    set_aside = set_aside or {}
    covered = []
    for clause in load_catalogue().for_sector(sector):
        for section in sections:
            normalized = section.normalized
            aside = [sentence for sentence in set_aside.get(clause.id, ()) if sentence.section == section.heading]
            if aside:  # the heading only names the topic of the passages set aside
                normalized = normalize(section.body)
                for sentence in aside:
                    normalized = normalized.replace(sentence.normalized, " ")
            found = clause.find(normalized)
            if found:
                match, pattern = found
                original = section.body if aside else section.text
                covered.append(
                    CoveredClause(
                        clause.id,
                        clause.legal_basis_for(sector),
                        section.heading,
                        _excerpt(normalized, match, original=original),
                        pattern,
                    )
                )
                break
    return covered


def _months(token, unit, when):
    """A duration read in the text, in months (the conversions are the parameters of the calendar)."""
    value = french_number(token)
    if unit.startswith("semaine"):
        return value / load_parameters("charter")["weeks_per_month"].at(when).central
    if unit.startswith("jour"):
        return value / load_parameters("charter")["days_per_month"].at(when).central
    return value


def _amount(euros, cents):
    return french_number(euros) + (float(cents) / 100 if cents else 0)


def read_facts(sentences, sections, covered, sector, when, clause_texts):
    """The facts the rules need, as far as the text states them, and the sentence each was read in (by clause)."""
    weeks_per_month = load_parameters("charter")["weeks_per_month"].at(when).central
    days_per_week = []
    allowances = []
    adaptation = notice = adaptation_notice = reply_delay = None
    where = {}

    def keep(current, value, clause_id, sentence, larger=True):
        if current is None or (value > current if larger else value < current):
            where[clause_id] = sentence
            return value
        return current

    for sentence in sentences:
        text = sentence.folded
        if _TELEWORK.search(text) and not _NOT_A_CEILING.search(text):
            for token, period, weekly in _DAYS_PER.findall(text):
                days = french_number(token)
                days_per_week.append(days if (period == "semaine" or weekly) else days / weeks_per_month)
                if max(days_per_week) == days_per_week[-1]:
                    where["ORG-01"] = sentence
        if _MONEY_WORDS.search(text):
            set_by = "branche_ou_groupe" if _BRANCH_AGREEMENT.search(text) else "entreprise"
            for euros, cents, period, weekly in _AMOUNT.findall(text):
                period = "jour_hebdomadaire" if weekly else _PERIODS.get(period, period)
                allowances.append(Allowance(_amount(euros, cents), period, set_by))
                where.setdefault("EQ-03", sentence)
        for token, unit in _ADAPTATION.findall(text):
            adaptation = keep(adaptation, _months(token, unit, when), "ELIG-07", sentence)
        if _ENDING.search(text) and _NO_NOTICE.search(text):
            notice = keep(notice, 0.0, "ELIG-08", sentence, larger=False)
        elif _ENDING.search(text):
            for match in _NOTICE.finditer(text):
                after = text[match.end() :].split(",")[0][:50]
                before = text[max(0, match.start() - 80) : match.start()]
                months = _months(match.group(1), match.group(2), when)
                if "adaptation" in after or "adaptation" in before:
                    adaptation_notice = keep(adaptation_notice, months, "ELIG-08", sentence)
                else:
                    notice = keep(notice, months, "ELIG-08", sentence, larger=False)
        if _REPLY.search(text) and not re.search(r"prevenance|preavis|adaptation", text):
            for token, unit in _REPLY_DELAY.findall(text):
                reply_delay = keep(reply_delay, _months(token, unit, when), "ELIG-04", sentence)
    tools, monitoring_sentences = _monitoring(sentences)
    if monitoring_sentences:  # the sentence of a prohibited practice first: it is the one the error is about
        where["EQ-09"] = monitoring_sentences[0]
        for name, sentence in tools.items():
            where[("EQ-09", name)] = sentence
    covered_ids = {clause.id for clause in covered}
    refusal_section = next((c.section for c in covered if c.id == "ELIG-05"), None)
    refusal_interview = None
    if sector == "public" and refusal_section is not None:
        refusal_interview = any(
            "entretien" in section.normalized for section in sections if section.heading == refusal_section
        )
    monitoring_text = " ".join(
        section.normalized for section in sections if any(s.section == section.heading for s in monitoring_sentences)
    )
    public = sector == "public"
    facts = Facts(
        sector=sector,
        covered=frozenset(covered_ids),
        when=when,
        committee_opinion_known=False,
        telework_days_per_week=max(days_per_week) if days_per_week else None,
        adaptation_period_months=adaptation if public else None,
        end_notice_months=notice if public else None,
        end_notice_adaptation_months=adaptation_notice if public else None,
        reply_delay_months=reply_delay if public else None,
        refusal_interview=refusal_interview,
        allowances=tuple(allowances),
        monitoring_tools=tuple(tools),  # in the order of the text
        monitoring_information=bool(_PRIOR_INFORMATION.search(monitoring_text)) if tools else None,
        monitoring_consultation=bool(_CONSULTATION.search(monitoring_text)) if tools else None,
        clause_texts=clause_texts,
    )
    return facts, where


def _monitoring(sentences):
    """Monitoring practices the text puts in place (a prohibited one only when its sentence does not exclude it),
    and the sentences that name them."""
    choices = load_catalogue().choices
    negation = re.compile("|".join(choices["monitoring_negations"]))
    found = {}  # practice → the first sentence that names it
    prohibited, allowed = [], []
    for sentence in sentences:
        normalized = sentence.normalized
        for name, tool in choices["monitoring_tools"].items():
            if any(re.search(pattern, normalized) for pattern in tool["detect"]):
                if tool["prohibited"] and negation.search(normalized):
                    continue
                found.setdefault(name, sentence)
                where = prohibited if tool["prohibited"] else allowed
                if sentence not in where:
                    where.append(sentence)
    return found, prohibited + [sentence for sentence in allowed if sentence not in prohibited]


def _stance_findings(matches, sector):
    findings = []
    for match in matches:
        rule = match.rule
        if rule.stance == "conforme":
            continue
        findings.append(
            Finding(
                id=rule.id,
                legal_basis=rule.legal_basis_for(sector),
                message=rule.message_for(sector),
                message_en=rule.message_for(sector, "en"),
                severity=SEVERITY_OF_STANCE[rule.stance],
                section=match.sentence.section,
                passage=match.sentence.text,
                check=rule.check,
            )
        )
    return findings


def _mentioned(clause_ids, sentences, sector):
    """« Mentionné, à relire » for each mandatory clause not covered that the text only names."""
    catalogue, mentions = load_catalogue(), load_stances().mentions
    findings = []
    for clause_id in clause_ids:
        clause = catalogue.clause(clause_id)
        sentence = next(
            (s for s in sentences if any(p.search(s.normalized) for p in mentions.get(clause_id, ()))), None
        )
        if sentence is not None:
            findings.append(
                Finding(
                    id=clause_id,
                    legal_basis=clause.legal_basis_for(sector),
                    message=(
                        f"{clause.topic_for(sector)} : mentionné, à relire. Le passage en parle sans que l'outil y "
                        f"reconnaisse ce que le texte doit préciser : {clause.requirement_for(sector)}"
                    ),
                    message_en=(
                        f"{clause.topic_in(sector, 'en')}: mentioned, to be reread. The passage speaks of it, but the "
                        f"tool does not recognise what the text must state: {clause.requirement_for(sector, 'en')}"
                    ),
                    severity="avertissement",
                    section=sentence.section,
                    passage=sentence.text,
                    check="mentionne-a-relire",
                )
            )
    return findings


def _covered(sections, matches, sector):
    """The clauses the text covers lawfully: found by the catalogue's patterns outside the passages set aside (an
    error, a risk or a passage to reread on that clause), or recognised in ordinary wording by a lawful reading.
    Also the passages set aside, by clause."""
    set_aside = {}
    for match in matches:
        if match.rule.stance != "conforme":
            set_aside.setdefault(match.rule.id, []).append(match.sentence)
    covered = detect_clauses(sections, sector, set_aside)
    covered_ids = {item.id for item in covered}
    catalogue = load_catalogue()
    for match in matches:
        clause_id = match.rule.id
        if match.rule.stance == "conforme" and clause_id not in covered_ids | set(set_aside):
            clause = catalogue.clause(clause_id)
            if clause.applies_to(sector):
                covered.append(
                    CoveredClause(
                        clause_id,
                        clause.legal_basis_for(sector),
                        match.sentence.section,
                        match.sentence.text,
                        f"lecture « {match.rule.check} »",
                    )
                )
                covered_ids.add(clause_id)
    return covered, set_aside


def check_text(text, sector, when=None):
    """The report of a document's text for a sector (prive or public)."""
    if sector not in SECTORS:
        raise CharterInputError(f"« --sector » : « {sector} » inconnu (valeurs possibles : {', '.join(SECTORS)}).")
    when = when or date.today()
    sections = split_sections(text)
    if not sections:
        raise CharterInputError("Le document ne contient aucun texte à analyser.")
    sentences = split_sentences(sections)
    matches = read_stances(sentences, sector)
    covered, set_aside = _covered(sections, matches, sector)
    covered_ids = {item.id for item in covered}
    catalogue = load_catalogue()
    order = {clause_id: index for index, clause_id in enumerate(catalogue.ids())}
    covered.sort(key=lambda item: order[item.id])
    flagged = {clause_id for clause_id in set_aside if clause_id in order}
    unsure = [
        clause.id
        for clause in catalogue.for_sector(sector)
        if clause.id not in covered_ids | flagged and clause.applies[sector].if_missing == "erreur"
    ]
    mentioned = _mentioned(unsure, sentences, sector)
    # Unanswered questions (is there a CSE?) stay open: the suggested text then assumes nothing.
    context, lists = build_context(parse_options({"sector": sector}, require_answers=False, when=when), when)
    clause_texts = {clause.id: clause_text(clause, sector, context, lists) for clause in catalogue.for_sector(sector)}
    facts, where = read_facts(sentences, sections, covered, sector, when, clause_texts)
    facts = replace(facts, covered=facts.covered | flagged | {f.id for f in mentioned})
    findings = []
    tools = catalogue.choices["monitoring_tools"]
    for finding in validate(facts):
        sentence = None if finding.missing else where.get(finding.id)
        if finding.id == "EQ-09":  # a prohibited practice: the sentence that names it
            named = [name for name in facts.monitoring_tools if tools[name]["text"].rstrip(" ;.") in finding.message]
            sentence = where.get(("EQ-09", named[0]), sentence) if named else sentence
        if sentence is not None:
            finding = replace(finding, section=sentence.section, passage=sentence.text)
        findings.append(finding)
    findings += _stance_findings(matches, sector) + mentioned
    findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], order.get(f.id, len(order)), f.rule or 0))
    against_the_law = {f.id for f in findings if f.severity == "erreur" and not f.missing}
    covered = [item for item in covered if item.id not in against_the_law]
    return CheckReport(sector=sector, covered=tuple(covered), findings=tuple(findings))


def check_file(path=None, sector="prive", when=None, data=None, name=None):
    """Extract the text of a DOCX, PDF, HTML or text file (a path, or bytes and a name) and check it."""
    return check_text(extract_text(path=path, data=data, name=name), sector, when)
