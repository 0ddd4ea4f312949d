"""The options of a charter: a typed, validated structure built from a YAML mapping over the sector's defaults.

Every problem found is reported at once, in French, naming the option by its dotted path ("rhythm.telework_days").

    >>> from teletravail.charter.options import default_options, parse_options
    >>> default_options("prive", has_cse=True).rhythm.telework_days
    2.0
    >>> parse_options({"sector": "public", "rhythm": {"telework_days": 3}}).rhythm.telework_days
    3.0
"""

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import yaml

from teletravail.charter.catalogue import DATA_DIR, SECTORS, load_catalogue
from teletravail.charter.errors import CharterInputError
from teletravail.charter.text import french_time
from teletravail.parameters import load_parameters


DAYS_IN_WEEK = 7  # the calendar week, whatever the working days
DAYS_IN_MONTH = 31
DAYS_IN_YEAR = 366
DURATION_UNITS = {"jour": 1, "jours": 1, "semaine": 7, "semaines": 7, "mois": 30}
RHYTHM_BASES = ("semaine", "mois")
ALLOWANCE_SET_BY = ("entreprise", "branche_ou_groupe")
_DURATION = re.compile(r"^\s*(\d+)\s*([a-z]+)\s*$")
_HOURS = re.compile(r"^\s*(\d{1,2})\s*[:h]\s*(\d{2})?\s*-\s*(\d{1,2})\s*[:h]\s*(\d{2})?\s*$")


@dataclass(frozen=True)
class Duration:
    """A legal delay as written in the document ("2 mois", "15 jours"); `days` compares delays (1 mois = 30 j)."""

    amount: int
    unit: str

    @property
    def days(self):
        return self.amount * DURATION_UNITS[self.unit]

    @property
    def months(self):
        return self.days / DURATION_UNITS["mois"]

    def __str__(self):
        unit = self.unit
        if unit != "mois":
            unit = unit.rstrip("s") + ("s" if self.amount > 1 else "")
        return f"{self.amount}\u00a0{unit}"


@dataclass(frozen=True)
class Organisation:
    name: str
    # None: not answered. A private document cannot be generated without the answer (parse_options refuses it).
    has_cse: bool | None = None
    cse_opinion_date: date | None = None
    has_union_delegate: bool = False
    failed_negotiation: bool = False
    disconnect_agreement: bool = False
    forfait_jours_staff: bool = False
    pre_2017_contract_clauses: bool = False
    versant: str | None = None
    committee: str = ""
    committee_opinion_date: date | None = None


@dataclass(frozen=True)
class Rhythm:
    basis: str
    telework_days: float
    half_days: bool
    team_day: bool
    floating_days_per_year: int


@dataclass(frozen=True)
class Allowance:
    mode: str
    amount_eur: float | None
    set_by: str = "entreprise"


@dataclass(frozen=True)
class Monitoring:
    tools: tuple
    cse_consulted: bool


@dataclass(frozen=True)
class Eligibility:
    activities: tuple
    excluded_activities: tuple
    conditions: tuple


@dataclass(frozen=True)
class CharterOptions:
    sector: str
    document_type: str
    organisation: Organisation
    effective_date: date | None
    duration_years: int | None
    scope: str
    objectives: tuple
    eligibility: Eligibility
    onboarding_weeks: int
    reply_delay: Duration
    adaptation_period: Duration
    end_notice: Duration
    rhythm: Rhythm
    occasional_days_per_year: int
    occasional_notice: Duration
    places: tuple
    contact_hours: tuple
    working_time_control: str
    equipment: tuple
    allowance: Allowance
    monitoring: Monitoring
    omit: tuple
    # Private sector only
    acceptance: str | None = None
    pollution_telework: str | None = None
    adaptation_notice: Duration | None = None
    suspension_notice: Duration | None = None
    follow_up_body: str = ""
    # Public sector only
    end_notice_adaptation: Duration | None = None
    premises: str = ""

    @property
    def versant(self):
        """FPE, FPT or FPH: stated by the organisation, else implied by the document type."""
        return self.organisation.versant or load_catalogue().choices["document_types"][self.document_type].get(
            "versant"
        )


@cache
def _defaults_document():
    with (DATA_DIR / "defaults.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def defaults_mapping(sector):
    if sector not in SECTORS:
        raise CharterInputError(f"« sector » : « {sector} » inconnu (valeurs possibles : {', '.join(SECTORS)}).")
    return _defaults_document()[sector]


def default_options(sector, has_cse=None):
    """The defaults of the sector; a private document needs the answer to « is there a CSE? » (no default)."""
    given = {"sector": sector}
    if has_cse is not None and sector == "prive":  # the question is asked in the private sector only
        given["organisation"] = {"has_cse": has_cse}
    return parse_options(given)


def _parameter(name, when=None):
    return load_parameters("charter")[name].at(when).central


def missing_cse_answer_message(when=None):
    """Why the « CSE » question must be answered, with the legal threshold of the parameters."""
    threshold = _parameter("procedure.cse_headcount_threshold", when)
    return (
        "indiquez si l'entreprise a un comité social et économique (CSE), oui ou non : il n'y a pas de réponse par "
        f"défaut. Un CSE est obligatoire dans les entreprises d'au moins {threshold:g} salariés, effectif atteint "
        "pendant douze mois consécutifs (C. trav. L2311-2) ; une charte est élaborée après son avis (L1222-9)."
    )


def _merge(defaults, given, path, problems):
    """`given` over `defaults`, key by key; a key that the defaults do not have is an unknown option."""
    merged = dict(defaults)
    for key, value in given.items():
        dotted = f"{path}{key}"
        if key not in defaults:
            problems.append(f"« {dotted} » : option inconnue.")
        elif isinstance(defaults[key], dict):
            if not isinstance(value, dict):
                problems.append(f"« {dotted} » : un ensemble d'options (clé: valeur) est attendu.")
            else:
                merged[key] = _merge(defaults[key], value, f"{dotted}.", problems)
        else:
            merged[key] = value
    return merged


class _Reader:
    """Reads typed values out of the merged mapping, collecting every problem instead of stopping at the first."""

    def __init__(self, mapping):
        self.mapping = mapping
        self.problems = []

    def raw(self, path):
        value = self.mapping
        for key in path.split("."):
            value = value[key]
        return value

    def fail(self, path, message):
        self.problems.append(f"« {path} » : {message}")

    def boolean(self, path):
        value = self.raw(path)
        if not isinstance(value, bool):
            self.fail(path, f"oui ou non (true / false) est attendu, « {value} » trouvé.")
            return False
        return value

    def text(self, path, allow_empty=False):
        value = self.raw(path)
        if value is None and allow_empty:
            return ""
        if not isinstance(value, str) or (not value.strip() and not allow_empty):
            self.fail(path, f"un texte est attendu, « {value} » trouvé.")
            return ""
        return " ".join(value.split())

    def number(self, path, low=0, high=None, integer=False, optional=False, what="jours"):
        value = self.raw(path)
        if value is None and optional:
            return None
        if isinstance(value, str):
            try:
                value = float(value.replace(",", "."))
            except ValueError:
                pass
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(path, f"un nombre est attendu, « {value} » trouvé.")
            return None if optional else 0
        if integer and value != int(value):
            self.fail(path, f"un nombre entier est attendu, « {value} » trouvé.")
        if value < low:
            self.fail(path, f"un nombre positif ou nul est attendu, « {value} » trouvé.")
        elif high is not None and value > high:
            self.fail(path, f"au plus {high} {what}, « {value} » trouvé.")
        return int(value) if integer else float(value)

    def choice(self, path, allowed):
        value = self.raw(path)
        if value not in allowed:
            self.fail(path, f"« {value} » inconnu (valeurs possibles : {', '.join(allowed)}).")
            return next(iter(allowed))
        return value

    def choices(self, path, allowed, allow_empty=True):
        values = self.raw(path)
        if values is None:
            values = []
        if not isinstance(values, list):
            self.fail(path, "une liste est attendue.")
            return ()
        unknown = [str(value) for value in values if value not in allowed]
        if unknown:
            self.fail(path, f"{', '.join(unknown)} inconnu(s) (valeurs possibles : {', '.join(allowed)}).")
        if not values and not allow_empty:
            self.fail(path, "au moins une valeur est attendue.")
        return tuple(dict.fromkeys(value for value in values if value in allowed))

    def texts(self, path):
        values = self.raw(path)
        if values is None:
            return ()
        if not isinstance(values, list) or not all(isinstance(value, str) and value.strip() for value in values):
            self.fail(path, "une liste de textes est attendue.")
            return ()
        return tuple(" ".join(value.split()) for value in values)

    def day(self, path):
        value = self.raw(path)
        if value is None or isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(path, f"date invalide « {value} » (format attendu AAAA-MM-JJ).")
            return None

    def duration(self, path, optional=False):
        value = self.raw(path)
        if value is None and optional:
            return None
        match = _DURATION.match(str(value).lower()) if value is not None else None
        if not match or match.group(2) not in DURATION_UNITS:
            self.fail(
                path, f"une durée comme « 15 jours », « 2 semaines » ou « 1 mois » est attendue, « {value} » trouvé."
            )
            return Duration(0, "jours")
        return Duration(int(match.group(1)), match.group(2))

    def hours(self, path):
        values = self.raw(path)
        if not isinstance(values, list) or not values:
            self.fail(path, "une liste de plages comme « 09:30-12:00 » est attendue.")
            return ()
        slots = []
        for value in values:
            match = _HOURS.match(str(value))
            if not match:
                self.fail(path, f"plage « {value} » illisible (forme attendue : 09:30-12:00).")
                continue
            start = (int(match.group(1)), int(match.group(2) or 0))
            end = (int(match.group(3)), int(match.group(4) or 0))
            if not all(hour <= 23 and minute <= 59 for hour, minute in (start, end)) or start >= end:
                self.fail(path, f"plage « {value} » invalide (l'heure de fin doit suivre l'heure de début).")
                continue
            slots.append((start, end))
        slots.sort()
        for (_, previous_end), (next_start, _) in zip(slots, slots[1:], strict=False):
            if next_start < previous_end:
                self.fail(path, "les plages se chevauchent.")
        return tuple(slots)


NOTICES = ("end_notice", "adaptation_notice", "suspension_notice", "end_notice_adaptation")


def _limit_problems(options, when):
    """Notices of zero days, and contact hours that leave less than the daily rest (limits of the parameters)."""
    problems = []
    minimum = _parameter("notice.min_days", when)
    for name in NOTICES:
        notice = options.get(name)
        if notice is not None and notice.days < minimum:
            problems.append(
                f"« {name} » : un délai de prévenance est requis, d'au moins {minimum:g} jour ; « {notice} » trouvé."
            )
    slots = options["contact_hours"]
    if slots:
        rest = _parameter("daily_rest_hours", when)
        first, last = slots[0][0], slots[-1][1]  # (hour, minute) of the first start and of the last end
        span = (last[0] * 60 + last[1] - first[0] * 60 - first[1]) / 60
        hours = f"{span:g}".replace(".", ",")  # 13,5
        if span > 24 - rest:
            problems.append(
                f"« contact_hours » : les plages de contact vont de {french_time(*first)} à {french_time(*last)}, "
                f"soit {hours} heures ; elles ne laissent pas le repos quotidien de {rest:g} heures consécutives "
                f"(C. trav. L3131-1) et doivent tenir en {24 - rest:g} heures au plus."
            )
    return problems


def parse_options(given, require_answers=True, when=None):
    """CharterOptions from a mapping (a parsed YAML file), over the defaults of its sector.

    `require_answers=False` leaves the questions without a default unanswered (None) instead of refusing them: for
    texts suggested to complete a checked document, never for a generated one. `when` dates the limits (today).

    Raises CharterInputError listing every bad option.
    """
    if given is None:
        given = {}
    if not isinstance(given, dict):
        raise CharterInputError("Le fichier d'options doit contenir des options sous la forme clé: valeur.")
    sector = given.get("sector", "prive")
    problems = []
    merged = _merge(defaults_mapping(sector), given, "", problems)
    read = _Reader(merged)
    catalogue = load_catalogue()
    choices = catalogue.choices
    document_types = [name for name, spec in choices["document_types"].items() if spec["sector"] == sector]
    allowance_modes = [name for name, spec in choices["allowance_modes"].items() if sector in spec["sectors"]]
    basis = read.choice("rhythm.basis", RHYTHM_BASES)
    organisation_fields = {
        "name": read.text("organisation.name"),
    }
    for key in merged["organisation"]:
        if key in ("cse_opinion_date", "committee_opinion_date"):
            organisation_fields[key] = read.day(f"organisation.{key}")
        elif key == "versant":
            value = merged["organisation"][key]
            organisation_fields[key] = (
                None if value is None else read.choice("organisation.versant", ("FPE", "FPT", "FPH"))
            )
        elif key == "committee":
            organisation_fields[key] = read.text("organisation.committee")
        elif key == "has_cse" and merged["organisation"][key] is None:
            organisation_fields[key] = None
            if require_answers:
                read.fail("organisation.has_cse", missing_cse_answer_message(when))
        elif key != "name":
            organisation_fields[key] = read.boolean(f"organisation.{key}")
    private = sector == "prive"
    options = dict(
        sector=sector,
        document_type=read.choice("document_type", document_types),
        organisation=Organisation(**organisation_fields),
        effective_date=read.day("effective_date"),
        duration_years=read.number("duration_years", integer=True, optional=True, high=50, what="ans"),
        scope=read.text("scope"),
        objectives=read.choices("objectives", list(choices["objectives"])),
        eligibility=Eligibility(
            activities=read.texts("eligibility.activities"),
            excluded_activities=read.texts("eligibility.excluded_activities"),
            conditions=read.texts("eligibility.conditions"),
        ),
        onboarding_weeks=read.number("onboarding_weeks", integer=True, high=52, what="semaines"),
        reply_delay=read.duration("reply_delay"),
        adaptation_period=read.duration("adaptation_period"),
        end_notice=read.duration("end_notice"),
        rhythm=Rhythm(
            basis=basis,
            telework_days=read.number(
                "rhythm.telework_days", high=DAYS_IN_WEEK if basis == "semaine" else DAYS_IN_MONTH
            ),
            half_days=read.boolean("rhythm.half_days"),
            team_day=read.boolean("rhythm.team_day"),
            floating_days_per_year=read.number("rhythm.floating_days_per_year", integer=True, high=DAYS_IN_YEAR),
        ),
        occasional_days_per_year=read.number("occasional_days_per_year", integer=True, high=DAYS_IN_YEAR),
        occasional_notice=read.duration("occasional_notice"),
        places=read.choices("places", list(choices["places"]), allow_empty=False),
        contact_hours=read.hours("contact_hours"),
        working_time_control=read.choice("working_time_control", list(choices["working_time_control"])),
        equipment=read.choices("equipment", list(choices["equipment"])),
        allowance=Allowance(
            mode=read.choice("allowance.mode", allowance_modes),
            amount_eur=read.number("allowance.amount_eur", optional=True, high=1000, what="€"),
            set_by=read.choice("allowance.set_by", ALLOWANCE_SET_BY) if private else "entreprise",
        ),
        monitoring=Monitoring(
            tools=read.choices("monitoring.tools", list(choices["monitoring_tools"])),
            cse_consulted=read.boolean("monitoring.cse_consulted"),
        ),
        omit=read.choices("omit", catalogue.ids()),
    )
    if private:
        options.update(
            acceptance=read.choice("acceptance", list(choices["acceptance"])),
            pollution_telework=read.choice("pollution_telework", list(choices["pollution_telework"])),
            adaptation_notice=read.duration("adaptation_notice"),
            suspension_notice=read.duration("suspension_notice"),
            follow_up_body=read.text("follow_up_body"),
        )
    else:
        options.update(
            end_notice_adaptation=read.duration("end_notice_adaptation"),
            premises=read.text("premises", allow_empty=True),
        )
    if options["allowance"].mode in ("par_jour", "par_mois", "par_jour_hebdomadaire"):
        if options["allowance"].amount_eur is None:
            read.fail("allowance.amount_eur", f"un montant est attendu pour le mode « {options['allowance'].mode} ».")
    problems += read.problems + _limit_problems(options, when)
    if problems:
        raise CharterInputError(problems[0], problems)
    return CharterOptions(**options)


def load_options_file(path):
    """CharterOptions from a YAML file; unreadable files and bad options raise CharterInputError."""
    path = Path(path)
    if not path.is_file():
        raise CharterInputError(f"« --options » : fichier introuvable « {path} ».")
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise CharterInputError(f"« {path.name} » : fichier YAML illisible ({exc.__class__.__name__}).") from exc
    try:
        return parse_options(document)
    except CharterInputError as exc:
        problems = [f"{path.name}, {problem}" for problem in exc.problems]
        raise CharterInputError(problems[0], problems) from None
