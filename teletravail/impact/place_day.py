"""A day worked from a telework place (coworking, tiers-lieu…) instead of the office: what the day saves.

The commute to the office avoided minus the trip to the place, both costed by the person simulator's own functions
(`commute_features` and `combine`) for one telework day: the same km, emission factors, speeds and access times.
A place farther than the office saves nothing: its savings are negative, not hidden.
"""

from dataclasses import dataclass

import numpy as np

from teletravail.impact.core import Structure, combine, commute_features, global_factors, mode_coefficients
from teletravail.impact.errors import ImpactInputError
from teletravail.impact.modes import COMMUTING_MODES, MODE_INDEX
from teletravail.impact.params import ImpactParameters


@dataclass(frozen=True)
class PlaceDay:
    """One day at a place: the one-way road km to it and, per day, what it saves against a day at the office."""

    place_km: float
    km_saved: float  # round trips, office minus place
    minutes_saved: float
    co2e_kg_saved: float


def _per_day(distances_km, mode, params):
    """Round-trip km, minutes and kg CO2e of one day commuted over each one-way distance, by the person engine."""
    structure = Structure.from_parameters(params)
    mode_index = np.full(len(distances_km), MODE_INDEX[mode])
    # One telework day a week and no office day: the engine's « avoided » quantities are those of the trip itself.
    features = commute_features(np.asarray(distances_km, dtype=float), mode_index, 1.0, 0.0, structure)
    effects = combine(features, mode_index, mode_coefficients(params.value), global_factors(params.value))
    days = effects["telework_days_per_year"]
    return (
        effects["commute_km_avoided_per_year"] / days,
        effects["hours_saved_per_year"] * 60 / days,
        effects["co2e_kg_avoided_per_year"] / days,
    )


def _checked(distances_km, mode):
    if mode not in COMMUTING_MODES:
        raise ImpactInputError(f"« mode de transport » : « {mode} » n'est pas un mode de déplacement.")
    if any(km < 0 for km in distances_km):
        raise ImpactInputError("« distance » : une distance ne peut pas être négative.")


def one_way_minutes(road_kms, mode, params=None, *, when=None):
    """Door-to-door minutes of one trip over each one-way road distance of `road_kms` by `mode` (an array): the
    person engine's timing of a commute (access minutes, then the mode's near and long-distance speeds)."""
    _checked(road_kms, mode)
    params = params or ImpactParameters.load(when=when)
    _km, minutes, _co2e = _per_day(road_kms, mode, params)
    return minutes / Structure.from_parameters(params).trips_per_office_day


def place_days(office_km, place_kms, mode, params=None, *, when=None):
    """[PlaceDay] for each one-way road distance in `place_kms`, against an office `office_km` away, by `mode`."""
    _checked([office_km, *place_kms], mode)
    params = params or ImpactParameters.load(when=when)
    km, minutes, co2e = _per_day([office_km, *place_kms], mode, params)
    return [
        PlaceDay(
            place_km=float(place_km),
            km_saved=float(km[0] - km[i]),
            minutes_saved=float(minutes[0] - minutes[i]),
            co2e_kg_saved=float(co2e[0] - co2e[i]),
        )
        for i, place_km in enumerate(place_kms, start=1)
    ]
