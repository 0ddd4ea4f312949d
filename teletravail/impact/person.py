"""Person level: one commuter, one mode, telework and office days per week."""

from dataclasses import asdict, dataclass, field

import numpy as np

from teletravail.geo import normalize
from teletravail.impact.core import (
    Structure,
    combine,
    commute_features,
    global_factors,
    mode_coefficients,
    works_in_ile_de_france,
)
from teletravail.impact.effects import HEADLINE, make_effect
from teletravail.impact.errors import ImpactInputError
from teletravail.impact.modes import INDIVIDUAL_MODES, MODE_INDEX, MODE_LABELS, MODES, PUBLIC_TRANSPORT_MODES
from teletravail.impact.montecarlo import draw_parameters, drawn_getter, summarize, uncertainty_block
from teletravail.impact.notices import SimulationWarning
from teletravail.impact.params import ImpactParameters, parse_number


@dataclass(frozen=True)
class PersonInput:
    """A commuter. `distance_km` is the one-way road distance (the caller resolves communes into it)."""

    distance_km: float
    mode: str
    telework_days: float
    office_days: float
    round_trip_minutes: float | None = None
    car_cv: float | None = None
    moto_cv: float | None = None
    desk_sharing: bool = False
    allowance_eur_per_day: float = 0.0
    work_commune: str | None = None  # INSEE code of the place of work, when known: picks the public transport fares


# Field names used in messages, in words; callers pass their own (CLI options, CSV columns).
DEFAULT_LABELS = {
    "distance_km": "distance domicile-travail (km)",
    "mode": "mode de transport",
    "telework_days": "jours de télétravail par semaine",
    "office_days": "jours au bureau par semaine",
    "round_trip_minutes": "durée du trajet aller-retour (minutes)",
    "car_cv": "puissance fiscale de la voiture (CV)",
    "moto_cv": "puissance fiscale de la moto (CV)",
    "allowance_eur_per_day": "indemnité de télétravail par jour (€)",
}
# A mode typed as its label is understood too: « Vélo à assistance électrique », « RER ou Transilien ».
_MODE_OF_LABEL = {normalize(label).replace(" ", "_"): mode for mode, label in MODE_LABELS.items()}


def normalize_mode(raw):
    """A mode code from user text: « Vélo électrique », « velo-electrique », « Vélo à assistance électrique » →
    velo_electrique."""
    text = normalize(str(raw)).replace(" ", "_")
    return _MODE_OF_LABEL.get(text, text)


def validate_person(raw, params, labels=None):
    """A PersonInput from a mapping of raw values (numbers or strings), or ImpactInputError listing every problem."""
    labels = {**DEFAULT_LABELS, **(labels or {})}
    problems = []
    working_days = params.value("working_days_per_week")

    def number(key, *, required=True, minimum=0.0, maximum=None):
        value = raw.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                problems.append(f"« {labels[key]} » : valeur manquante.")
            return None
        try:
            number_value = parse_number(value, labels[key])
        except ImpactInputError as exc:
            problems.append(str(exc))
            return None
        if number_value < minimum:
            problems.append(f"« {labels[key]} » : la valeur ne peut pas être négative ({_fmt(number_value)}).")
            return None
        if maximum is not None and number_value > maximum:
            problems.append(f"« {labels[key]} » : au plus {_fmt(maximum)}, {_fmt(number_value)} trouvé.")
            return None
        return number_value

    distance = number("distance_km")
    mode = None
    raw_mode = raw.get("mode")
    if raw_mode is None or not str(raw_mode).strip():
        problems.append(f"« {labels['mode']} » : valeur manquante.")
    else:
        mode = normalize_mode(raw_mode)
        if mode not in MODES:
            problems.append(
                f"« {labels['mode']} » : mode inconnu « {raw_mode} » (modes possibles : "
                f"{', '.join(MODE_LABELS[mode] for mode in INDIVIDUAL_MODES)})."
            )
            mode = None
    telework = number("telework_days", maximum=working_days)
    office = number("office_days", required=False, maximum=working_days)
    if office is None and telework is not None and raw.get("office_days") in (None, ""):
        office = working_days - telework
    if telework is not None and office is not None and telework + office > working_days:
        problems.append(
            f"« {labels['telework_days']} » + « {labels['office_days']} » : {_fmt(telework + office)} jours par "
            f"semaine, au plus {_fmt(working_days)}."
        )
    minutes = number("round_trip_minutes", required=False)
    car_cv = number("car_cv", required=False, minimum=1, maximum=100)
    moto_cv = number("moto_cv", required=False, minimum=1, maximum=100)
    allowance = number("allowance_eur_per_day", required=False)
    if problems:
        raise ImpactInputError(" ".join(problems), problems)
    return PersonInput(
        distance_km=distance,
        mode=mode,
        telework_days=telework,
        office_days=office,
        round_trip_minutes=minutes,
        car_cv=car_cv,
        moto_cv=moto_cv,
        desk_sharing=bool(raw.get("desk_sharing", False)),
        allowance_eur_per_day=allowance or 0.0,
        work_commune=str(raw["work_commune"]).strip() or None if raw.get("work_commune") is not None else None,
    )


def _fmt(value):
    return f"{value:g}".replace(".", ",")


@dataclass
class PersonResult:
    person: PersonInput
    method: str
    when: str
    effects: dict
    parameters: list
    uncertainty: dict | None = None
    draws: int = 0
    seed: int | None = None
    warnings: list = field(default_factory=list)

    @property
    def results(self):
        return {name: effect.value for name, effect in self.effects.items()}

    def as_dict(self):
        ordered = list(HEADLINE) + [name for name in self.effects if name not in HEADLINE]
        return {
            "level": "personne",
            "method": self.method,
            "date": self.when,
            "inputs": asdict(self.person),
            "results": {name: self.effects[name].value for name in ordered if name in self.effects},
            "effects": [self.effects[name].as_dict() for name in ordered if name in self.effects],
            "uncertainty": uncertainty_block(self.uncertainty, self.draws, self.seed),
            "parameters": [parameter.as_dict() for parameter in self.parameters],
            "warnings": list(self.warnings),
        }


def derived_effects(values, params):
    """Effects computed from other effects (arrays or floats): minutes per telework day, Impact CO2's %."""
    days = np.asarray(values["telework_days_per_year"], dtype=float)
    hours = np.asarray(values["hours_saved_per_year"], dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        minutes = np.where(days > 0, hours * 60.0 / np.where(days > 0, days, 1.0), 0.0)
    derived = {"minutes_saved_per_telework_day": minutes}
    if params.method == "impactco2":
        footprint = params.value("impactco2.average_footprint_kgco2e_per_year")
        derived["share_of_average_footprint_percent"] = np.asarray(values["co2e_kg_net_per_year"]) / footprint * 100
    return derived


def simulate_person(
    person, params=None, *, method="default", overrides=None, when=None, monte_carlo=0, seed=None, labels=None
):
    """Yearly effects of telework for one commuter (PersonInput or mapping of raw values)."""
    if params is None:
        params = ImpactParameters.load(when=when, overrides=overrides, method=method)
    raw = asdict(person) if isinstance(person, PersonInput) else dict(person)
    person = validate_person(raw, params, labels)
    structure = Structure.from_parameters(params)
    mode_index = np.array([MODE_INDEX[person.mode]])
    features = commute_features(
        np.array([person.distance_km]),
        mode_index,
        person.telework_days,
        person.office_days,
        structure,
        round_trip_minutes=None if person.round_trip_minutes is None else np.array([person.round_trip_minutes]),
        car_cv=person.car_cv,
        moto_cv=person.moto_cv,
        # With desks shared in proportion to presence, a person's desk is free n days out of the working week.
        desks_released=person.telework_days / structure.working_days_per_week if person.desk_sharing else 0.0,
        allowance_eur_per_day=person.allowance_eur_per_day,
        ile_de_france=np.array([works_in_ile_de_france(person.work_commune)]),
    )
    central = combine(features, mode_index, mode_coefficients(params.value), global_factors(params.value))
    values = {name: float(value[0]) for name, value in central.items()}
    values.update(
        {name: float(np.asarray(value).reshape(-1)[0]) for name, value in derived_effects(values, params).items()}
    )

    car_cv = structure.car_default_cv if person.car_cv is None else person.car_cv
    moto_cv = structure.moto_default_cv if person.moto_cv is None else person.moto_cv
    context = {"car_cvs": (car_cv,), "moto_cvs": (moto_cv,), "timed_by_speed": person.round_trip_minutes is None}
    effects = {name: make_effect(name, value, [person.mode], **context) for name, value in values.items()}
    used = set().union(*(effect.parameters for effect in effects.values()))
    result = PersonResult(
        person=person,
        method=params.method,
        when=params.when.isoformat(),
        effects=effects,
        parameters=params.subset(used),
        warnings=_warnings(person, values, params),
    )
    if monte_carlo:
        draws = draw_parameters(params, monte_carlo, seed, names=used)
        getter = drawn_getter(params, draws)
        sampled = combine(features, mode_index, mode_coefficients(getter), global_factors(getter))
        samples = {name: np.broadcast_to(value, (monte_carlo, 1))[:, 0] for name, value in sampled.items()}
        samples.update(
            {name: np.broadcast_to(value, (monte_carlo,)) for name, value in derived_effects(samples, params).items()}
        )
        result.uncertainty = summarize(
            {name: samples[name] for name in effects if name in samples},
            {name: e.value for name, e in effects.items()},
        )
        result.draws, result.seed = monte_carlo, seed
    return result


def _warnings(person, values, params):
    warnings = []
    if person.telework_days == 0:
        warnings.append(SimulationWarning("no_telework_day"))
    if (
        person.mode in PUBLIC_TRANSPORT_MODES
        and person.telework_days > 0
        and values["public_transport_eur_saved_per_year"] == 0
    ):
        warnings.append(SimulationWarning("pass_kept"))
    if person.mode == "aucun":
        warnings.append(SimulationWarning("no_commute"))
    if params.method == "impactco2":
        warnings.append(SimulationWarning("impactco2_method"))
    return warnings
