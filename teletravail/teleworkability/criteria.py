"""The criteria of the activity-level diagnostic, read from `criteria.yaml` (codes, tiers, labels and help in French
with their English beside them)."""

from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import yaml


CRITERIA_FILE = Path(__file__).resolve().parent / "criteria.yaml"
BLOCKER = "blocker"
OBSTACLE = "obstacle"
SOCIAL = "social"
TIERS = (BLOCKER, OBSTACLE, SOCIAL)


class CriteriaFileError(ValueError):
    """criteria.yaml is malformed; the message names the entry."""


def _is_english(language):
    return (language or "fr").split("-")[0].lower() == "en"


class _Labelled:
    """A French `label` with its English `label_en` (and, for tiers and criteria, `help` with `help_en`)."""

    def label_in(self, language):
        """The label in `language` ("en" or French)."""
        return self.label_en if _is_english(language) else self.label

    def in_language(self, language):
        """A copy whose `label` (and `help`) are those of `language`, for the pages that show them."""
        if not _is_english(language):
            return self
        english = {"label": self.label_en}
        if hasattr(self, "help_en"):
            english["help"] = self.help_en
        return replace(self, **english)


@dataclass(frozen=True)
class Tier(_Labelled):
    code: str
    label: str
    help: str
    label_en: str = ""
    help_en: str = ""


@dataclass(frozen=True)
class Criterion(_Labelled):
    code: str
    tier: str
    label: str
    help: str
    anchor: str = ""
    weight: float = 0.0  # social tier only: contribution to the social-interaction intensity (0-1)
    label_en: str = ""
    help_en: str = ""


@dataclass(frozen=True)
class TaskItem(_Labelled):
    """A JRC task item (column of isco_questions.csv) turned into an activity suggestion."""

    item: str
    label: str
    criteria: tuple[str, ...]
    label_en: str = ""


@dataclass(frozen=True)
class CriteriaSet:
    tiers: dict
    criteria: dict
    task_items: dict

    def of_tier(self, tier):
        return [criterion for criterion in self.criteria.values() if criterion.tier == tier]


def _text(spec, key, where):
    value = spec.get(key) if isinstance(spec, dict) else None
    if not isinstance(value, str) or not value.strip():
        raise CriteriaFileError(f"{CRITERIA_FILE.name}, {where} : le champ « {key} » est obligatoire.")
    return " ".join(value.split())


def parse_criteria(document):
    """Build the criteria from the parsed YAML; every error names the entry at fault."""
    if not isinstance(document, dict):
        raise CriteriaFileError(f"{CRITERIA_FILE.name} : un dictionnaire est attendu.")
    tiers = {}
    for code in TIERS:
        spec = (document.get("tiers") or {}).get(code)
        where = f"niveau « {code} »"
        tiers[code] = Tier(
            code,
            _text(spec, "label", where),
            _text(spec, "help", where),
            label_en=_text(spec, "label_en", where),
            help_en=_text(spec, "help_en", where),
        )
    criteria = {}
    for code, spec in (document.get("criteria") or {}).items():
        where = f"critère « {code} »"
        tier = spec.get("tier") if isinstance(spec, dict) else None
        if tier not in TIERS:
            raise CriteriaFileError(f"{CRITERIA_FILE.name}, {where} : niveau « {tier} » inconnu.")
        weight = spec.get("weight", 0.0)
        if tier == SOCIAL and (isinstance(weight, bool) or not isinstance(weight, int | float) or not 0 < weight <= 1):
            raise CriteriaFileError(f"{CRITERIA_FILE.name}, {where} : un poids entre 0 et 1 est attendu.")
        criteria[code] = Criterion(
            code=code,
            tier=tier,
            label=_text(spec, "label", where),
            label_en=_text(spec, "label_en", where),
            help=_text(spec, "help", where),
            help_en=_text(spec, "help_en", where),
            anchor=str(spec.get("anchor", "")),
            weight=float(weight) if tier == SOCIAL else 0.0,
        )
    task_items = {}
    for item, spec in (document.get("task_items") or {}).items():
        where = f"item « {item} »"
        codes = tuple(spec.get("criteria") or ()) if isinstance(spec, dict) else ()
        unknown = [code for code in codes if code not in criteria]
        if not codes or unknown:
            raise CriteriaFileError(
                f"{CRITERIA_FILE.name}, {where} : critères inconnus ou absents ({', '.join(unknown)})."
            )
        task_items[item] = TaskItem(item, _text(spec, "label", where), codes, label_en=_text(spec, "label_en", where))
    return CriteriaSet(tiers=tiers, criteria=criteria, task_items=task_items)


@cache
def load_criteria():
    """The bundled criteria, parsed once per process."""
    with CRITERIA_FILE.open(encoding="utf-8") as handle:
        return parse_criteria(yaml.safe_load(handle))
