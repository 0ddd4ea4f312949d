"""Parameters as data: every figure the engines use lives in a dated, sourced YAML file.

Pure Python (no Django). A file holds named parameters; each has a description, a unit, a source and
one or more dated values. Where evidence is uncertain a value carries `low` and `high` next to `central`.
An optional `domain: {min: …, max: …}` bounds the values that make sense (a share ≤ 1, a divisor > 0): every
dated value lies in it, and a value replaced by a user is checked against it.

Descriptions are written in French (`description`, the interface's language) with their English translation
beside them (`description_en`): a parameter file is read whole by the people who update it, and the two texts
change together. A dated value may carry its own `source` (same fields as the parameter's) when it comes from
another publication than the others, e.g. a new year's scale; a value without one has the parameter's source.
`to_verify: true` marks a source that relays the figure (press, consultancy, a summary) rather than publishing it:
a secondary source, to be checked against the primary publication; `secondary_reason` (required with the flag, and
only with it) says in one word why it stays so (one of SECONDARY_REASONS). Once the figure has been read in the
primary publication, the flag goes and `verified` gives the exact place it was read (document, table, page; or file
and commit).

    >>> from teletravail.parameters import load_parameters
    >>> geo = load_parameters("geo")
    >>> geo["road_detour_factor"].at("2026-01-01").central
    1.3
"""

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import yaml


DATA_DIR = Path(__file__).resolve().parent / "data"
# Why a source stays secondary: the figure is relayed by a press article, consultancy or summary (relay); the
# official publication is cited but could not be read to check the figure (primary_unreachable); the figure is
# worked out by this project from published ones (derived); it is an assumption of this project (assumption).
SECONDARY_REASONS = ("relay", "primary_unreachable", "derived", "assumption")


class ParameterError(ValueError):
    """A parameter file is malformed; the message names the file and the parameter."""


@dataclass(frozen=True)
class Source:
    title: str
    url: str = ""
    date: str = ""
    note: str = ""
    to_verify: bool = False
    secondary_reason: str = ""  # one of SECONDARY_REASONS, for a secondary source
    verified: str = ""  # where the figure was read in the primary publication


@dataclass(frozen=True)
class DatedValue:
    valid_from: date
    central: float
    low: float | None = None
    high: float | None = None
    source: Source | None = None  # when this value has its own source; else the parameter's

    @property
    def is_uncertain(self):
        return self.low is not None or self.high is not None


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    unit: str
    source: Source
    values: tuple[DatedValue, ...] = field(default_factory=tuple)
    domain_min: float | None = None
    domain_max: float | None = None
    description_en: str = ""

    def description_in(self, language):
        """The description in `language` ("fr", "en"…): French unless an English one is asked for and written."""
        return self.description_en if language.startswith("en") and self.description_en else self.description

    def source_of(self, value):
        """The source of one of the parameter's dated values: its own, else the parameter's."""
        return value.source or self.source

    def source_at(self, when=None):
        """The source of the value in force on `when`."""
        return self.source_of(self.at(when))

    def outside_domain(self, value):
        """True when `value` lies outside the parameter's domain (if it has one)."""
        return (self.domain_min is not None and value < self.domain_min) or (
            self.domain_max is not None and value > self.domain_max
        )

    def at(self, when=None):
        """The value in force on `when` (a date or ISO string; today when omitted)."""
        when = _as_date(when or date.today(), f"paramètre « {self.name} »")
        in_force = [v for v in self.values if v.valid_from <= when]
        if not in_force:
            raise ParameterError(f"Le paramètre « {self.name} » n'a pas de valeur en vigueur au {when.isoformat()}.")
        return max(in_force, key=lambda v: v.valid_from)


def _as_date(value, where):
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ParameterError(f"{where} : date invalide {value!r} (format attendu AAAA-MM-JJ).") from exc


def _number(raw, where):
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise ParameterError(f"{where} : un nombre est attendu, « {raw!r} » trouvé.")
    return float(raw)


def _domain(spec, where):
    if spec is None:
        return None, None
    if not isinstance(spec, dict) or not spec.keys() <= {"min", "max"}:
        raise ParameterError(f"{where} : « domain » s'écrit {{min: …, max: …}}.")
    low = _number(spec["min"], f"{where}, domaine") if spec.get("min") is not None else None
    high = _number(spec["max"], f"{where}, domaine") if spec.get("max") is not None else None
    if low is not None and high is not None and low > high:
        raise ParameterError(f"{where} : domaine vide (min > max).")
    return low, high


def _source(spec, where):
    if not isinstance(spec, dict) or not spec.get("title"):
        raise ParameterError(f"{where} : la source doit avoir un titre.")
    to_verify = bool(spec.get("to_verify", False))
    reason, verified = str(spec.get("secondary_reason", "")), str(spec.get("verified", ""))
    if reason and reason not in SECONDARY_REASONS:
        raise ParameterError(f"{where} : « secondary_reason » vaut l'un de {', '.join(SECONDARY_REASONS)}.")
    if verified and (to_verify or reason):
        raise ParameterError(f"{where} : une source vérifiée (« verified ») n'est plus secondaire.")
    if to_verify != bool(reason):
        # A secondary source says why it stays so, and a reason without the flag would go unseen.
        raise ParameterError(
            f"{where} : une source secondaire (« to_verify ») dit pourquoi dans « secondary_reason » "
            f"(l'un de {', '.join(SECONDARY_REASONS)}), et seulement elle."
        )
    return Source(
        title=str(spec["title"]),
        url=str(spec.get("url", "")),
        date=str(spec.get("date", "")),
        note=str(spec.get("note", "")),
        to_verify=to_verify,
        secondary_reason=reason,
        verified=verified,
    )


def parse_parameters(document, origin="<texte>"):
    """Build parameters from a parsed YAML mapping; every error names `origin` and the parameter."""
    if not isinstance(document, dict) or not document:
        raise ParameterError(f"{origin} : le fichier doit contenir au moins un paramètre.")
    parameters = {}
    for name, spec in document.items():
        where = f"{origin}, paramètre « {name} »"
        if not isinstance(spec, dict):
            raise ParameterError(f"{where} : une description structurée est attendue.")
        missing = [key for key in ("description", "unit", "source", "values") if key not in spec]
        if missing:
            raise ParameterError(f"{where} : champ(s) manquant(s) : {', '.join(missing)}.")
        source = _source(spec["source"], where)
        if not isinstance(spec["values"], list) or not spec["values"]:
            raise ParameterError(f"{where} : au moins une valeur datée est attendue.")
        values = []
        for index, raw in enumerate(spec["values"], start=1):
            value_where = f"{where}, valeur {index}"
            if not isinstance(raw, dict) or "valid_from" not in raw or "central" not in raw:
                raise ParameterError(f"{value_where} : « valid_from » et « central » sont obligatoires.")
            low = _number(raw["low"], value_where) if raw.get("low") is not None else None
            high = _number(raw["high"], value_where) if raw.get("high") is not None else None
            central = _number(raw["central"], value_where)
            if (low is not None and low > central) or (high is not None and high < central):
                raise ParameterError(f"{value_where} : il faut low ≤ central ≤ high.")
            own_source = _source(raw["source"], value_where) if raw.get("source") is not None else None
            values.append(DatedValue(_as_date(raw["valid_from"], value_where), central, low, high, own_source))
        domain_min, domain_max = _domain(spec.get("domain"), where)
        parameter = Parameter(
            name=name,
            description=str(spec["description"]),
            unit=str(spec["unit"]),
            source=source,
            values=tuple(sorted(values, key=lambda v: v.valid_from)),
            domain_min=domain_min,
            domain_max=domain_max,
            description_en=str(spec.get("description_en", "")),
        )
        for value in parameter.values:
            if any(parameter.outside_domain(x) for x in (value.low, value.central, value.high) if x is not None):
                raise ParameterError(f"{where} : la valeur du {value.valid_from} sort du domaine (« domain »).")
        parameters[name] = parameter
    return parameters


@cache
def load_parameters(group):
    """The parameters of one file of `teletravail/parameters/data/` (e.g. "geo"), parsed once per process."""
    path = DATA_DIR / f"{group}.yaml"
    if not path.is_file():
        raise ParameterError(f"Fichier de paramètres introuvable : {path.name}.")
    with path.open(encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    return parse_parameters(document, origin=path.name)


def parameter_groups():
    return sorted(path.stem for path in DATA_DIR.glob("*.yaml"))
