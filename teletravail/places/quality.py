"""The quality charter of telework places (`data/quality_charter.yaml`): versioned criteria, the version in force on
a day, and whether a self-assessment answers every criterion of its version.

Pure Python: the app stores assessments and decisions; this module knows the charter.
"""

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import yaml


CHARTER_FILE = Path(__file__).resolve().parent / "data" / "quality_charter.yaml"
# Evidence is a sentence or a link, per criterion: enough to check, short enough to read.
EVIDENCE_MAX_LENGTH = 1000


class CharterError(ValueError):
    """The charter file is malformed; the message names the version and the criterion."""


@dataclass(frozen=True)
class Criterion:
    code: str
    title: str
    title_en: str
    requirement: str
    requirement_en: str

    def title_in(self, language):
        return self.title_en if language.startswith("en") else self.title

    def requirement_in(self, language):
        return self.requirement_en if language.startswith("en") else self.requirement


@dataclass(frozen=True)
class CharterVersion:
    version: str
    published_on: date
    criteria: tuple[Criterion, ...]

    def codes(self):
        return [criterion.code for criterion in self.criteria]


# A place's badge: labelled under the version in force, or under an older one and to be re-assessed.
CURRENT, TO_REASSESS = "current", "to_reassess"


@dataclass(frozen=True)
class Badge:
    version: str  # the version the place was labelled under
    status: str  # CURRENT or TO_REASSESS

    @property
    def is_current(self):
        return self.status == CURRENT


@dataclass(frozen=True)
class QualityCharter:
    versions: tuple[CharterVersion, ...]  # oldest first

    def in_force(self, day):
        """The version in force on `day` (the last one published by then); None before the first."""
        published = [version for version in self.versions if version.published_on <= day]
        return published[-1] if published else None

    def badge(self, labelled_version, day):
        """The Badge of a place labelled under `labelled_version` (blank: None), on `day`: current under the version
        in force, to re-assess under any other (a newer version came into force since)."""
        if not labelled_version:
            return None
        in_force = self.in_force(day)
        current = in_force is not None and in_force.version == labelled_version
        return Badge(labelled_version, CURRENT if current else TO_REASSESS)

    def version(self, name):
        for version in self.versions:
            if version.version == name:
                return version
        raise KeyError(name)


def _criterion(raw, where):
    missing = [key for key in ("code", "title", "title_en", "requirement", "requirement_en") if not raw.get(key)]
    if missing:
        raise CharterError(f"{where}: missing {', '.join(missing)}")
    return Criterion(raw["code"], raw["title"], raw["title_en"], raw["requirement"], raw["requirement_en"])


def parse_charter(text, name="quality_charter"):
    raw = yaml.safe_load(text) or {}
    if not (raw.get("source") or {}).get("title"):
        raise CharterError(f"{name}: the charter needs a source with a title")
    versions = []
    for entry in raw.get("versions") or []:
        where = f"{name} version {entry.get('version')}"
        if not entry.get("version") or not isinstance(entry.get("published_on"), date):
            raise CharterError(f"{where}: a version needs a name and a published_on date")
        criteria = tuple(
            _criterion(item, f"{where} criterion {item.get('code')}") for item in entry.get("criteria") or []
        )
        codes = [criterion.code for criterion in criteria]
        if not criteria or len(set(codes)) != len(codes):
            raise CharterError(f"{where}: criteria must be given, each code once")
        versions.append(CharterVersion(str(entry["version"]), entry["published_on"], criteria))
    names = [version.version for version in versions]
    if not versions or len(set(names)) != len(names):
        raise CharterError(f"{name}: versions must be given, each name once")
    if [version.published_on for version in versions] != sorted(version.published_on for version in versions):
        raise CharterError(f"{name}: versions must be in the order of their publication")
    return QualityCharter(tuple(versions))


def load_charter(path=None):
    """The charter of `path`, by default the platform's file (`CHARTER_FILE`, read at each call)."""
    return _charter_of(Path(path or CHARTER_FILE))


@cache
def _charter_of(path):
    return parse_charter(path.read_text(encoding="utf-8"), path.stem)


def evidence_problems(version, evidence):
    """The codes of the criteria of `version` that `evidence` ({code: text}) leaves unanswered or answers too long."""
    unanswered = [code for code in version.codes() if not (evidence.get(code) or "").strip()]
    too_long = [code for code in version.codes() if len((evidence.get(code) or "").strip()) > EVIDENCE_MAX_LENGTH]
    return unanswered, too_long
