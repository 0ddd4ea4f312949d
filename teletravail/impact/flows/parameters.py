"""Typed view of `teletravail/parameters/data/flows.yaml` (calibration targets, model and baseline parameters).

Nothing numeric about flows is written in the code: every figure comes from that file, with its source, or from
the parameters the flows share with the other engines: the distance inside a commune (geo.yaml, read by
`teletravail.impact.flows.distances`), the door-to-door speeds and the car's fuel (impact.yaml, read by
`teletravail.impact.flows.baseline` through the impact engine).
"""

import re
from dataclasses import dataclass

from teletravail.impact.flows.codes import TRAVEL_MODES
from teletravail.parameters import ParameterError, load_parameters


GROUP = "flows"
_BAND_UPPER = re.compile(r"^mode_band_(\d+)_upper_km$")


@dataclass(frozen=True)
class FlowsParameters:
    """Values in force on one date. `band_upper_km` has one bound less than there are bands."""

    when: str | None
    target_workers: float
    target_same_commune_share: float
    target_mean_round_trip_km: float
    target_no_transport_share: float
    target_share_within_2km: float
    target_share_within_5km: float
    target_mode_shares: dict  # travel mode -> share among people who travel
    plan_km_per_year: float
    plan_hours_per_year: float
    plan_fuel_litres_per_year: float
    plan_tolerance: float
    commuting_days_per_year: float
    car_commuters_per_vehicle: float
    attractiveness_exponent: float
    candidate_destinations: int
    synthetic_mean_weight: float
    band_upper_km: tuple
    mode_priors: tuple  # one dict per band: travel mode -> prior share (sums to 1)

    @property
    def band_labels(self):
        bounds = (0.0, *self.band_upper_km)
        labels = [f"{_km(low)}-{_km(high)} km" for low, high in zip(bounds[:-1], bounds[1:], strict=True)]
        return (*labels, f"{_km(bounds[-1])} km et plus")


def _km(value):
    return f"{value:g}"


def flows_parameters(when=None):
    """Read and check flows.yaml; a malformed table raises ParameterError naming the file and the parameter."""
    parameters = load_parameters(GROUP)

    def value(name):
        if name not in parameters:
            raise ParameterError(f"{GROUP}.yaml : paramètre « {name} » manquant.")
        return parameters[name].at(when).central

    bands = sorted(int(match.group(1)) for name in parameters if (match := _BAND_UPPER.match(name)))
    if bands != list(range(1, len(bands) + 1)) or not bands:
        raise ParameterError(f"{GROUP}.yaml : les bornes mode_band_N_upper_km doivent être numérotées 1, 2, 3…")
    upper = tuple(value(f"mode_band_{band}_upper_km") for band in bands)
    if any(b <= a for a, b in zip((0.0, *upper[:-1]), upper, strict=True)):
        raise ParameterError(f"{GROUP}.yaml : les bornes mode_band_N_upper_km doivent être croissantes.")
    priors = []
    for band in range(1, len(bands) + 2):
        shares = {mode: value(f"mode_band_{band}_prior_{mode}") for mode in TRAVEL_MODES}
        total = sum(shares.values())
        if any(share < 0 for share in shares.values()) or abs(total - 1) > 0.01:
            raise ParameterError(
                f"{GROUP}.yaml : les parts a priori de la tranche {band} doivent être positives et sommer à 1 "
                f"(somme lue : {total:.4f})."
            )
        priors.append({mode: share / total for mode, share in shares.items()})
    targets = {mode: value(f"target_mode_share_{mode}") for mode in TRAVEL_MODES}
    if abs(sum(targets.values()) - 1) > 0.01:
        raise ParameterError(f"{GROUP}.yaml : les parts modales cibles target_mode_share_* doivent sommer à 1.")
    return FlowsParameters(
        when=str(when) if when else None,
        target_workers=value("target_workers"),
        target_same_commune_share=value("target_same_commune_share"),
        target_mean_round_trip_km=value("target_mean_round_trip_km"),
        target_no_transport_share=value("target_no_transport_share"),
        target_share_within_2km=value("target_share_within_2km"),
        target_share_within_5km=value("target_share_within_5km"),
        target_mode_shares=targets,
        plan_km_per_year=value("plan_commute_km_per_year"),
        plan_hours_per_year=value("plan_commute_hours_per_year"),
        plan_fuel_litres_per_year=value("plan_fuel_litres_per_year"),
        plan_tolerance=value("plan_reproduction_tolerance"),
        commuting_days_per_year=value("commuting_days_per_year"),
        car_commuters_per_vehicle=value("car_commuters_per_vehicle"),
        attractiveness_exponent=value("gravity_attractiveness_exponent"),
        candidate_destinations=int(value("gravity_candidate_destinations")),
        synthetic_mean_weight=value("synthetic_mean_weight"),
        band_upper_km=upper,
        mode_priors=tuple(priors),
    )
