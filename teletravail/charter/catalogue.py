"""The clause catalogue (data/clauses.yaml) and the closed choices of the options (data/choices.yaml).

>>> from teletravail.charter.catalogue import load_catalogue
>>> catalogue = load_catalogue()
>>> catalogue.clause("ORG-05").legal_basis_for("prive")
'C. trav. L1222-9 II 4°'
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml


DATA_DIR = Path(__file__).resolve().parent / "data"
SECTORS = ("prive", "public")
SECTOR_LABELS = {"prive": "secteur privé", "public": "secteur public"}
STATUSES = ("obligatoire", "rappel_legal", "recommande")
SEVERITIES = ("erreur", "avertissement", "suggestion")
SEVERITY_OF_STATUS = {"obligatoire": "erreur", "rappel_legal": "avertissement", "recommande": "suggestion"}
INDIVIDUAL_DOCUMENTS = ("accord_individuel", "autorisation_individuelle")
# How the texts name the staff and the employer in each sector ({staff}, {Employer}… in the templates).
SECTOR_WORDS = {
    # The article and preposition come with the noun: « le salarié » but « l'agent », « du salarié » / « de l'agent ».
    "prive": {
        "staff": "salarié",
        "staffs": "salariés",
        "the_staff": "le salarié",
        "The_staff": "Le salarié",
        "of_the_staff": "du salarié",
        "to_the_staff": "au salarié",
        "employer": "l'employeur",
        "Employer": "L'employeur",
    },
    "public": {
        "staff": "agent",
        "staffs": "agents",
        "the_staff": "l'agent",
        "The_staff": "L'agent",
        "of_the_staff": "de l'agent",
        "to_the_staff": "à l'agent",
        "employer": "l'administration",
        "Employer": "L'administration",
    },
}


def is_english(language):
    """Whether texts are shown in English (`language` "en", "en-gb"…); French otherwise."""
    return (language or "fr").split("-")[0].lower() == "en"


# The same words in the English pages (the checker's findings), in the English of the labour law's translations.
SECTOR_WORDS_EN = {
    "prive": {"staff": "employee", "staffs": "employees", "the_staff": "the employee", "The_staff": "The employee",
              "of_the_staff": "of the employee", "to_the_staff": "the employee", "employer": "the employer",
              "Employer": "The employer"},
    "public": {"staff": "agent", "staffs": "agents", "the_staff": "the agent", "The_staff": "The agent",
               "of_the_staff": "of the agent", "to_the_staff": "the agent", "employer": "the administration",
               "Employer": "The administration"},
}  # fmt: skip


class CatalogueError(ValueError):
    """The catalogue files are malformed; the message names the clause and the field."""


@dataclass(frozen=True)
class Applicability:
    status: str
    if_missing: str
    rule: int | None = None


@dataclass(frozen=True)
class Clause:
    id: str
    topic: dict
    requirement: str
    legal_basis: dict
    applies: dict
    text: dict
    detect: tuple
    topic_en: dict
    requirement_en: str = ""
    options: tuple = ()
    individual: tuple = ()
    include_if: str | None = None

    def applies_to(self, sector):
        return sector in self.applies

    def legal_basis_for(self, sector):
        return self.legal_basis.get(sector) or self.legal_basis.get("common", "")

    def topic_for(self, sector):
        return self.topic.get(sector) or self.topic.get("common", "")

    def topic_in(self, sector, language):
        """The article's title for the pages of `language`: English, or the French of the document."""
        if not is_english(language):
            return self.topic_for(sector)
        return self.topic_en.get(sector) or self.topic_en.get("common", "")

    def requirement_for(self, sector, language="fr"):
        """What the clause must state, in English when `language` is English, else in French."""
        if is_english(language):
            return self.requirement_en.format_map(SECTOR_WORDS_EN[sector])
        return self.requirement.format_map(SECTOR_WORDS[sector])

    def pieces_for(self, sector):
        """The paragraphs (strings) and bullet lists (`{"bullets": name}`) of the text for the sector."""
        return self.text.get(sector) or self.text.get("common") or ()

    def find(self, normalized_text):
        """The first match of a detection pattern in a normalised text, with the pattern, or None."""
        for pattern in self.detect:
            match = pattern.search(normalized_text)
            if match:
                return match, pattern.pattern
        return None


@dataclass(frozen=True)
class Catalogue:
    clauses: tuple
    choices: dict

    def clause(self, clause_id):
        for clause in self.clauses:
            if clause.id == clause_id:
                return clause
        raise KeyError(clause_id)

    def ids(self):
        return [clause.id for clause in self.clauses]

    def for_sector(self, sector):
        return [clause for clause in self.clauses if clause.applies_to(sector)]


def _by_sector(raw, where, allowed=SECTORS + ("common",)):
    if isinstance(raw, str):
        return {"common": raw}
    if not isinstance(raw, dict) or not raw or set(raw) - set(allowed):
        raise CatalogueError(
            f"{where} : une valeur ou un dictionnaire par secteur ({', '.join(allowed)}) est attendu."
        )
    return dict(raw)


def _clause(raw, index):
    where = f"clauses.yaml, clause n° {index}"
    if not isinstance(raw, dict) or "id" not in raw:
        raise CatalogueError(f"{where} : l'identifiant « id » est obligatoire.")
    where = f"clauses.yaml, clause « {raw['id']} »"
    missing = [
        key
        for key in ("topic", "topic_en", "requirement", "requirement_en", "legal_basis", "applies", "text", "detect")
        if key not in raw
    ]
    if missing:
        raise CatalogueError(f"{where} : champ(s) manquant(s) : {', '.join(missing)}.")
    applies = {}
    for sector, spec in _by_sector(raw["applies"], f"{where}, applies", SECTORS).items():
        if not isinstance(spec, dict) or spec.get("status") not in STATUSES:
            raise CatalogueError(f"{where}, applies.{sector} : statut attendu parmi {', '.join(STATUSES)}.")
        if_missing = spec.get("if_missing", SEVERITY_OF_STATUS[spec["status"]])
        if if_missing not in SEVERITIES:
            raise CatalogueError(f"{where}, applies.{sector} : if_missing attendu parmi {', '.join(SEVERITIES)}.")
        applies[sector] = Applicability(spec["status"], if_missing, spec.get("rule"))
    text = _by_sector(raw["text"], f"{where}, text")
    for sector in applies:
        if sector not in text and "common" not in text:
            raise CatalogueError(f"{where} : pas de texte pour le {SECTOR_LABELS[sector]}.")
    try:
        detect = tuple(re.compile(pattern) for pattern in raw["detect"])
    except (re.error, TypeError) as exc:
        raise CatalogueError(f"{where}, detect : expression invalide ({exc}).") from exc
    individual = tuple(raw.get("individual", ()))
    if set(individual) - set(INDIVIDUAL_DOCUMENTS):
        raise CatalogueError(f"{where}, individual : attendu parmi {', '.join(INDIVIDUAL_DOCUMENTS)}.")
    return Clause(
        id=str(raw["id"]),
        topic=_by_sector(raw["topic"], f"{where}, topic"),
        topic_en=_by_sector(raw["topic_en"], f"{where}, topic_en"),
        requirement=str(raw["requirement"]),
        requirement_en=str(raw["requirement_en"]),
        legal_basis=_by_sector(raw["legal_basis"], f"{where}, legal_basis"),
        applies=applies,
        text={sector: tuple(pieces) for sector, pieces in text.items()},
        detect=detect,
        options=tuple(raw.get("options", ())),
        individual=individual,
        include_if=raw.get("include_if"),
    )


def parse_catalogue(clauses_document, choices_document):
    if not isinstance(clauses_document, dict) or not isinstance(clauses_document.get("clauses"), list):
        raise CatalogueError("clauses.yaml : une liste « clauses » est attendue.")
    clauses = tuple(_clause(raw, index) for index, raw in enumerate(clauses_document["clauses"], start=1))
    ids = [clause.id for clause in clauses]
    duplicates = sorted({clause_id for clause_id in ids if ids.count(clause_id) > 1})
    if duplicates:
        raise CatalogueError(f"clauses.yaml : identifiant(s) en double : {', '.join(duplicates)}.")
    return Catalogue(clauses=clauses, choices=choices_document)


@cache
def load_catalogue():
    """The bundled catalogue, parsed once per process."""
    with (DATA_DIR / "clauses.yaml").open(encoding="utf-8") as handle:
        clauses_document = yaml.safe_load(handle)
    with (DATA_DIR / "choices.yaml").open(encoding="utf-8") as handle:
        choices_document = yaml.safe_load(handle)
    return parse_catalogue(clauses_document, choices_document)
