"""What each sentence of an existing document says about a topic: lawful, contrary to the law, risky, or unclear.

The rules are data (data/stances.yaml): a topic, a stance (negation, exclusion, « à la charge du salarié »…) and
what rules the reading out, with the legal basis and the message of each. The first rule that matches a sentence
for a given checklist item decides it, so lawful readings listed first are not mistaken for unlawful ones.

>>> from teletravail.charter.stances import Sentence, read_stances
>>> sentence = Sentence("Article 10 – Refus", "Le refus du salarié est un motif de licenciement.")
>>> [match.rule.check for match in read_stances([sentence], "prive")]
['refus-salarie-motif-de-licenciement']
"""

import re
from dataclasses import dataclass
from functools import cache, cached_property

import yaml

from teletravail.charter.catalogue import DATA_DIR, SECTORS, CatalogueError, is_english
from teletravail.charter.text import fold, normalize


STANCES = ("conforme", "erreur", "avertissement", "a_relire")
SEVERITY_OF_STANCE = {"erreur": "erreur", "avertissement": "avertissement", "a_relire": "avertissement"}
_MACRO = re.compile(r"<([A-Z_]+)>")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a document: the heading of its section and its words as written."""

    section: str
    text: str

    @cached_property
    def normalized(self):
        return normalize(self.text)

    @cached_property
    def folded(self):
        return fold(self.text)


@dataclass(frozen=True)
class StanceRule:
    id: str
    check: str
    stance: str
    sectors: tuple
    topic: tuple
    says: tuple
    unless: tuple
    legal_basis: dict
    message: dict
    message_en: dict

    def applies(self, sentence, sector):
        text = sentence.normalized
        return (
            sector in self.sectors
            and any(pattern.search(text) for pattern in self.topic)
            and any(pattern.search(text) for pattern in self.says)
            and not any(pattern.search(text) for pattern in self.unless)
        )

    def legal_basis_for(self, sector):
        return self.legal_basis.get(sector) or self.legal_basis.get("common", "")

    def message_for(self, sector, language="fr"):
        """The message for the sector, in English when `language` is English, else in French."""
        messages = self.message_en if is_english(language) else self.message
        return messages.get(sector) or messages.get("common", "")


@dataclass(frozen=True)
class StanceMatch:
    rule: StanceRule
    sentence: Sentence


@dataclass(frozen=True)
class Stances:
    rules: tuple
    mentions: dict  # clause id → compiled patterns of a mere mention


def _expand(pattern, vocabulary, where):
    def replace(match):
        if match.group(1) not in vocabulary:
            raise CatalogueError(f"{where} : « <{match.group(1)}> » absent du vocabulaire.")
        return vocabulary[match.group(1)]

    try:
        return re.compile(_MACRO.sub(replace, pattern))
    except (re.error, TypeError) as exc:
        raise CatalogueError(f"{where} : expression invalide ({exc}).") from exc


def _by_sector(raw, where):
    if isinstance(raw, str):
        return {"common": raw}
    if not isinstance(raw, dict) or set(raw) - set(SECTORS):
        raise CatalogueError(f"{where} : une valeur ou une valeur par secteur ({', '.join(SECTORS)}) est attendue.")
    return dict(raw)


def parse_stances(document):
    if not isinstance(document, dict) or not isinstance(document.get("rules"), list):
        raise CatalogueError("stances.yaml : une liste « rules » est attendue.")
    vocabulary = {name: str(pattern) for name, pattern in (document.get("vocabulary") or {}).items()}
    rules = []
    for index, raw in enumerate(document["rules"], start=1):
        where = f"stances.yaml, règle n° {index}"
        missing = [key for key in ("id", "check", "stance", "topic", "says") if key not in raw]
        if missing:
            raise CatalogueError(f"{where} : champ(s) manquant(s) : {', '.join(missing)}.")
        where = f"stances.yaml, règle « {raw['check']} »"
        if raw["stance"] not in STANCES:
            raise CatalogueError(f"{where} : stance attendue parmi {', '.join(STANCES)}.")
        if raw["stance"] != "conforme" and not all(key in raw for key in ("legal_basis", "message", "message_en")):
            raise CatalogueError(f"{where} : base légale, message et message anglais (message_en) obligatoires.")
        sectors = tuple(raw.get("sectors", SECTORS))
        if set(sectors) - set(SECTORS):
            raise CatalogueError(f"{where} : secteurs attendus parmi {', '.join(SECTORS)}.")
        rules.append(
            StanceRule(
                id=str(raw["id"]),
                check=str(raw["check"]),
                stance=raw["stance"],
                sectors=sectors,
                topic=tuple(_expand(p, vocabulary, f"{where}, topic") for p in raw["topic"]),
                says=tuple(_expand(p, vocabulary, f"{where}, says") for p in raw["says"]),
                unless=tuple(_expand(p, vocabulary, f"{where}, unless") for p in raw.get("unless", ())),
                legal_basis=_by_sector(raw.get("legal_basis", ""), f"{where}, legal_basis"),
                message=_by_sector(raw.get("message", ""), f"{where}, message"),
                message_en=_by_sector(raw.get("message_en", ""), f"{where}, message_en"),
            )
        )
    checks = [rule.check for rule in rules]
    duplicates = sorted({check for check in checks if checks.count(check) > 1})
    if duplicates:
        raise CatalogueError(f"stances.yaml : nom(s) de règle en double : {', '.join(duplicates)}.")
    mentions = {
        clause_id: tuple(_expand(p, vocabulary, f"stances.yaml, mentions.{clause_id}") for p in patterns)
        for clause_id, patterns in (document.get("mentions") or {}).items()
    }
    return Stances(rules=tuple(rules), mentions=mentions)


@cache
def load_stances():
    with (DATA_DIR / "stances.yaml").open(encoding="utf-8") as handle:
        return parse_stances(yaml.safe_load(handle))


def read_stances(sentences, sector):
    """For each sentence and each item a rule speaks of, the first rule that matches (lawful ones come first)."""
    rules = [rule for rule in load_stances().rules if sector in rule.sectors]
    matches = []
    for sentence in sentences:
        decided = set()
        for rule in rules:
            if rule.id not in decided and rule.applies(sentence, sector):
                decided.add(rule.id)
                matches.append(StanceMatch(rule, sentence))
    return matches
