"""The parameters of one simulation: values in force on a date, the method's conventions, user overrides.

Every figure comes from `teletravail/parameters/data/impact.yaml`; nothing here is a number of the model.
"""

import math
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from teletravail.impact.errors import ImpactInputError
from teletravail.impact.modes import FUEL_OF_MODE
from teletravail.parameters import ParameterError, Source, load_parameters, parameter_groups


GROUP = "impact"
METHODS = ("default", "impactco2")

# Parameters that shape the per-person quantities before any factor is applied (yearly distances, the barème
# bands, the pass-or-tickets choice). The Monte Carlo holds them at their central value: the engine sums the
# per-person quantities once and draws only the linear factors (docs/methodology/impact.md, "Incertitude").
STRUCTURAL_PREFIXES = (
    "working_days_per_week",
    "working_weeks_per_year",
    "trips_per_office_day",
    "car_km_per_year",
    "near_section_km",
    "bareme_kilometrique.voiture.",
    "bareme_kilometrique.voiture_",
    "bareme_kilometrique.moto.",
    "bareme_kilometrique.moto_",
    "public_transport_pass_eur_per_year",
    "public_transport_single_ticket_eur",
    "public_transport_pass_outside_ile_de_france_eur_per_year",
    "public_transport_single_ticket_outside_ile_de_france_eur",
    "employer_transport_reimbursement_share",
    "impactco2.",
)

# --method impactco2: Impact CO2's own conventions replace ours, and the rebounds it does not model are zero.
IMPACTCO2_FROM = {
    "working_weeks_per_year": "impactco2.working_weeks_per_year",
    "trips_per_office_day": "impactco2.trips_per_office_day",
    "re_travelled_km_share": "impactco2.re_travelled_km_share",
}
# Impact CO2's fuel part of the CO2 per km, turned into the fuel use that gives it with our factor per litre, so that
# under --method impactco2 the CO2 is Impact CO2's and the litres agree with it.
IMPACTCO2_FUEL_CO2_PER_KM = {mode: f"impactco2.fuel_kgco2e_per_km.{mode}" for mode in FUEL_OF_MODE}
IMPACTCO2_ZERO = (
    "home_energy_kwh_per_telework_day",
    "video_call_kgco2e_per_year_per_weekly_telework_day",
    "office_energy_kgco2e_per_m2_per_year",
)
# Held at their central value under --method impactco2 so that its CO2 is exactly Impact CO2's.
IMPACTCO2_PINNED_PREFIXES = (
    "emission_factor_kgco2e_per_km.",
    "construction_emission_factor_kgco2e_per_km.",
    "fuel_emission_factor_kgco2e_per_litre.",
    "carpool_occupancy",
    "electric_car_share_of_fleet",
    "public_transport_mix_weight.",
)


# Weights of a mix (their sum divides): at least one must stay positive.
MIX_WEIGHT_PREFIX = "public_transport_mix_weight."


def is_structural(name):
    return name.startswith(STRUCTURAL_PREFIXES)


@dataclass(frozen=True)
class ParameterValue:
    """One parameter as used by a simulation: the dated value in force, its range, unit and source."""

    name: str
    central: float
    low: float | None
    high: float | None
    unit: str
    description: str
    source: Source
    valid_from: date | None
    overridden_by: str = ""  # "", "utilisateur" or "méthode impactco2"
    description_en: str = ""

    @property
    def is_uncertain(self):
        low = self.central if self.low is None else self.low
        high = self.central if self.high is None else self.high
        return high > low

    def as_dict(self):
        return {
            "name": self.name,
            "value": self.central,
            "low": self.low,
            "high": self.high,
            "unit": self.unit,
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "overridden_by": self.overridden_by or None,
            "source": {
                "title": self.source.title,
                "url": self.source.url,
                "date": self.source.date,
                "note": self.source.note,
                "to_verify": self.source.to_verify,
            },
        }


def parse_number(raw, field):
    """A finite float from a number or a numeric string (decimal comma accepted); French error naming `field`."""
    if isinstance(raw, bool):
        raise ImpactInputError(f"« {field} » : un nombre est attendu, « {raw} » trouvé.")
    if isinstance(raw, int | float):
        value = float(raw)
    else:
        text = str(raw).strip().replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace(",", ".")
        try:
            value = float(text)
        except ValueError:
            raise ImpactInputError(f"« {field} » : un nombre est attendu, « {raw} » trouvé.") from None
    if not math.isfinite(value):
        raise ImpactInputError(f"« {field} » : un nombre fini est attendu, « {raw} » trouvé.")
    return value


def _as_date(when):
    if when is None:
        return date.today()
    if isinstance(when, date):
        return when
    try:
        return date.fromisoformat(str(when))
    except ValueError:
        raise ImpactInputError(f"« date » : date invalide « {when} » (format attendu AAAA-MM-JJ).") from None


@lru_cache(maxsize=64)
def _in_force(when):
    """name → ParameterValue of impact.yaml in force on `when`. Cached per date: every simulation of a day resolves
    the same dated values (the values are frozen; callers copy the mapping before changing it)."""
    return {
        name: ParameterValue(
            name=name,
            central=dated.central,
            low=dated.low,
            high=dated.high,
            unit=parameter.unit,
            description=parameter.description,
            description_en=parameter.description_en,
            source=parameter.source_of(dated),
            valid_from=dated.valid_from,
        )
        for name, parameter in load_parameters(GROUP).items()
        for dated in (parameter.at(when),)
    }


class ImpactParameters:
    """The resolved parameters of a simulation (read-only mapping name → ParameterValue)."""

    def __init__(self, values, when, method="default"):
        self._values = dict(values)
        self.when = when
        self.method = method

    @classmethod
    def load(cls, when=None, overrides=None, method="default"):
        """Values in force on `when` (today by default), then the method's conventions, then `overrides`.

        `overrides` maps a parameter name to a number (or numeric string); an unknown name or a non-number
        raises ImpactInputError naming it.
        """
        if method not in METHODS:
            raise ImpactInputError(f"« méthode » : « {method} » inconnue (valeurs possibles : {', '.join(METHODS)}).")
        when = _as_date(when)
        try:
            values = dict(_in_force(when))
        except ParameterError as exc:
            raise ImpactInputError(str(exc)) from exc
        if method == "impactco2":
            for target, origin in IMPACTCO2_FROM.items():
                values[target] = _fixed(values[target], values[origin].central, "méthode impactco2")
            for mode, origin in IMPACTCO2_FUEL_CO2_PER_KM.items():
                per_litre = values[f"fuel_emission_factor_kgco2e_per_litre.{FUEL_OF_MODE[mode]}"].central
                target = f"fuel_consumption_l_per_100km.{mode}"
                values[target] = _fixed(values[target], values[origin].central / per_litre * 100, "méthode impactco2")
            for target in IMPACTCO2_ZERO:
                values[target] = _fixed(values[target], 0.0, "méthode impactco2")
            for name, value in values.items():
                if name.startswith(IMPACTCO2_PINNED_PREFIXES) and value.is_uncertain:
                    values[name] = _fixed(value, value.central, "méthode impactco2")
        for name, raw in (overrides or {}).items():
            if name not in values:
                raise ImpactInputError(f"Paramètre inconnu : « {name} » (la liste : « teletravail params list »).")
            number = parse_number(raw, f"paramètre {name}")
            if number < 0:
                raise ImpactInputError(f"« paramètre {name} » : une valeur positive ou nulle est attendue.")
            parameter = load_parameters(GROUP)[name]
            if parameter.outside_domain(number):
                low = "" if parameter.domain_min is None else f" ≥ {parameter.domain_min:g}"
                high = "" if parameter.domain_max is None else f" ≤ {parameter.domain_max:g}"
                raise ImpactInputError(
                    f"« paramètre {name} » : une valeur{low}{' et' if low and high else ''}{high} est attendue "
                    f"({parameter.unit}), « {raw} » trouvé."
                )
            values[name] = _fixed(values[name], number, "utilisateur")
        mix = [name for name in values if name.startswith(MIX_WEIGHT_PREFIX)]
        if mix and not sum(values[name].central for name in mix) > 0:
            raise ImpactInputError(f"« {MIX_WEIGHT_PREFIX}* » : au moins un poids doit être positif.")
        return cls(values, when, method)

    def __getitem__(self, name):
        return self._values[name]

    def __contains__(self, name):
        return name in self._values

    def __iter__(self):
        return iter(self._values)

    def __len__(self):
        return len(self._values)

    def values(self):
        return self._values.values()

    def value(self, name):
        return self._values[name].central

    def central(self):
        """A getter name → central value, the form the engine's formulas take."""
        return self.value

    def uncertain_names(self):
        """Parameters drawn by the Monte Carlo: with a range, not overridden, not structural (sorted)."""
        return sorted(
            name
            for name, value in self._values.items()
            if value.is_uncertain and not value.overridden_by and not is_structural(name)
        )

    def structural_uncertain_names(self):
        return sorted(name for name, value in self._values.items() if value.is_uncertain and is_structural(name))

    def subset(self, names):
        return [self._values[name] for name in sorted(set(names)) if name in self._values]


def _fixed(value, number, by):
    return replace(value, central=float(number), low=None, high=None, overridden_by=by)


# --- Open-data listing of every parameter file ---------------------------------------------------------------

EXPORT_COLUMNS = (
    "group",
    "name",
    "description",
    "description_en",
    "unit",
    "valid_from",
    "central",
    "low",
    "high",
    "source_title",
    "source_url",
    "source_date",
    "source_note",
    "to_verify",
    "secondary_reason",
)


def parameter_rows(groups=None, when=None, all_values=True):
    """One row per dated value (or only the value in force on `when` when `all_values` is false)."""
    rows = []
    for group in groups or parameter_groups():
        try:
            parameters = load_parameters(group)
        except ParameterError as exc:
            raise ImpactInputError(str(exc)) from exc
        for name, parameter in parameters.items():
            if all_values:
                dated_values = parameter.values
            else:
                try:
                    dated_values = (parameter.at(_as_date(when)),)
                except ParameterError:
                    continue
            for dated in dated_values:
                source = parameter.source_of(dated)
                rows.append(
                    {
                        "group": group,
                        "name": name,
                        "description": parameter.description,
                        "description_en": parameter.description_en,
                        "unit": parameter.unit,
                        "valid_from": dated.valid_from.isoformat(),
                        "central": dated.central,
                        "low": dated.low,
                        "high": dated.high,
                        "source_title": source.title,
                        "source_url": source.url,
                        "source_date": source.date,
                        "source_note": source.note,
                        "to_verify": source.to_verify,
                        "secondary_reason": source.secondary_reason,
                    }
                )
    return rows
