"""The shared model: per-person yearly quantities ("features") and per-mode factors ("coefficients").

Every level (person, employer, territory) goes through the same two functions:

1. `commute_features(...)`: NumPy arrays, one value per person (or flow row), computed from the inputs and the
   structural parameters only (working weeks, trips per day, barème bands, pass and ticket prices): commute
   km avoided, km before and after telework, barème differences, pass savings, telework days…
2. `combine(features, mode_index, coefficients, factors)`: each effect is a sum of features multiplied by
   per-mode coefficients (emission factor, fuel per km, hours per km…) and global factors (rebound share,
   home energy, accident rates…). It is LINEAR in the features.

Because `combine` is linear in the features, summing the features per mode first (weighted by the number of
workers) and combining the sums gives exactly the sum of the per-person effects: the territory engine sums
9 million flow rows once per mode, and a Monte Carlo draw only recombines 15 per-mode sums with drawn
coefficients. Person, employer and territory therefore agree by construction.
"""

from dataclasses import dataclass

import numpy as np

from teletravail.impact.modes import (
    ACCESS_TIMED_MODES,
    CAR_BAREME_MODES,
    COMMUTING_MODES,
    EMISSION_FACTOR_MODES,
    FUEL_OF_MODE,
    MODES,
    MOTO_BAREME_MODES,
    PUBLIC_TRANSPORT_MIX_MODES,
    PUBLIC_TRANSPORT_MODES,
)


N_MODES = len(MODES)
COMMUTES = np.array([1.0 if mode in COMMUTING_MODES else 0.0 for mode in MODES])
USES_CAR_BAREME = np.array([mode in CAR_BAREME_MODES for mode in MODES])
USES_MOTO_BAREME = np.array([mode in MOTO_BAREME_MODES for mode in MODES])
# Modes driven faster beyond the first km (a car on a motorway): the car modes, exactly those of the car barème.
LONG_SPEED_MODES = CAR_BAREME_MODES
HAS_LONG_SPEED = USES_CAR_BAREME

CAR_BANDS_CV = (3, 4, 5, 6, 7)
MOTO_BANDS = ("1_2cv", "3_5cv", "plus_5cv")
BAREME_KEYS = ("taux_1", "taux_2", "fixe_2", "taux_3")


# --- Structural parameters ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Structure:
    """The parameters that shape the per-person quantities (held at their central value)."""

    working_days_per_week: float
    working_weeks_per_year: float
    trips_per_office_day: float
    near_section_km: float  # one-way km driven at the near (urban) speed; beyond, at the long-distance speed
    car_thresholds: tuple[float, float]
    car_table: np.ndarray  # (5 bands, 4 values: taux_1, taux_2, fixe_2, taux_3)
    car_default_cv: float
    car_km_per_year: float  # the car's yearly mileage, all trips: the barème band of the km saved
    moto_thresholds: tuple[float, float]
    moto_table: np.ndarray  # (3 bands, 4 values)
    moto_default_cv: float
    pass_eur_per_year: float  # Île-de-France (Navigo)
    ticket_eur: float
    pass_outside_idf_eur_per_year: float  # a large network outside Île-de-France
    ticket_outside_idf_eur: float
    employer_reimbursement_share: float

    @classmethod
    def from_parameters(cls, params):
        v = params.value
        return cls(
            working_days_per_week=v("working_days_per_week"),
            working_weeks_per_year=v("working_weeks_per_year"),
            trips_per_office_day=v("trips_per_office_day"),
            near_section_km=v("near_section_km"),
            car_thresholds=(v("bareme_kilometrique.voiture.seuil_1_km"), v("bareme_kilometrique.voiture.seuil_2_km")),
            car_table=np.array(
                [[v(f"bareme_kilometrique.voiture_{cv}cv.{key}") for key in BAREME_KEYS] for cv in CAR_BANDS_CV]
            ),
            car_default_cv=v("bareme_kilometrique.voiture.puissance_defaut_cv"),
            car_km_per_year=v("car_km_per_year"),
            moto_thresholds=(v("bareme_kilometrique.moto.seuil_1_km"), v("bareme_kilometrique.moto.seuil_2_km")),
            moto_table=np.array(
                [[v(f"bareme_kilometrique.moto_{band}.{key}") for key in BAREME_KEYS] for band in MOTO_BANDS]
            ),
            moto_default_cv=v("bareme_kilometrique.moto.puissance_defaut_cv"),
            pass_eur_per_year=v("public_transport_pass_eur_per_year"),
            ticket_eur=v("public_transport_single_ticket_eur"),
            pass_outside_idf_eur_per_year=v("public_transport_pass_outside_ile_de_france_eur_per_year"),
            ticket_outside_idf_eur=v("public_transport_single_ticket_outside_ile_de_france_eur"),
            employer_reimbursement_share=v("employer_transport_reimbursement_share"),
        )


def car_band_index(cv):
    """Index of the car barème band: 3 CV and less → 0, 4 → 1, 5 → 2, 6 → 3, 7 and more → 4."""
    return (np.clip(np.rint(np.asarray(cv, dtype=float)), 3, 7) - 3).astype(np.intp)


def moto_band_index(cv):
    """Index of the motorcycle band: 1-2 CV → 0, 3-5 CV → 1, more than 5 CV → 2."""
    cv = np.rint(np.asarray(cv, dtype=float))
    return np.where(cv <= 2, 0, np.where(cv <= 5, 1, 2)).astype(np.intp)


def car_band_names(cv):
    index = int(car_band_index(cv))
    return [f"bareme_kilometrique.voiture_{CAR_BANDS_CV[index]}cv.{key}" for key in BAREME_KEYS]


def moto_band_names(cv):
    index = int(moto_band_index(cv))
    return [f"bareme_kilometrique.moto_{MOTO_BANDS[index]}.{key}" for key in BAREME_KEYS]


def marginal_rate(km, thresholds, rates):
    """Barème kilométrique rate of one more km at yearly distances `km`: taux_1 (d ≤ s1), taux_2 (d ≤ s2), taux_3.

    The barème is d × t1; d × t2 + f2; d × t3: within a band the fixed part covers the costs that do not depend on the
    distance, so a kilometre less saves the band's rate, not the barème's average per km. `rates` is (taux_1,
    taux_2, fixe_2, taux_3), or one such row per distance.
    """
    first, second = thresholds
    km = np.asarray(km, dtype=float)
    band = (km > first).view(np.int8) + (km > second).view(np.int8)  # 0, 1 or 2
    slopes = np.asarray(rates, dtype=float)[..., [0, 1, 3]]
    if slopes.ndim == 1:
        return slopes[band]
    return slopes[np.arange(len(slopes)), band]


def _bareme_saving_per_km(mileage_km, mode_index, applies, thresholds, rates):
    """Marginal barème rate at the vehicle's yearly mileage on the rows whose mode uses this barème (else 0)."""
    rows = applies[mode_index]
    if not rows.any():
        return 0.0
    return np.where(rows, marginal_rate(mileage_km, thresholds, rates), 0.0)


# --- Features -------------------------------------------------------------------------------------------------

FEATURES = (
    "weekly_telework_days",
    "telework_days_per_year",
    "trips_avoided",
    "commute_km_avoided",
    "commute_km_baseline",
    "commute_km_remaining",
    "km_avoided_timed_by_speed",
    "km_baseline_timed_by_speed",
    "far_km_avoided_timed_by_speed",
    "far_km_baseline_timed_by_speed",
    "trips_avoided_timed_by_speed",
    "trips_baseline_timed_by_speed",
    "hours_given_avoided",
    "hours_given_baseline",
    "bareme_car_difference",
    "bareme_moto_difference",
    "pt_employee_saving",
    "pt_employer_saving",
    "desks_released",
    "allowance",
)


def commute_features(
    distance_km,
    mode_index,
    telework_days,
    office_days,
    structure,
    *,
    round_trip_minutes=None,
    car_cv=None,
    moto_cv=None,
    desks_released=0.0,
    allowance_eur_per_day=0.0,
    ile_de_france=None,
):
    """Yearly quantities per person, before any per-mode factor. Arrays (or scalars that broadcast).

    `telework_days` are the weekly days worked at home instead of commuting; `office_days` the weekly days
    still commuted; before telework the person commuted `telework_days + office_days` days a week.
    `desks_released` is the office space each person gives back, in desks (0 when nothing is released): office
    emissions are saved only on space actually released, never per telework day. `ile_de_france` (per row: 1, 0,
    or NaN when the place of work is unknown) picks the public transport fares (`in_ile_de_france`).
    """
    weeks = structure.working_weeks_per_year
    trips = structure.trips_per_office_day
    commutes = COMMUTES[mode_index]
    n = np.asarray(telework_days, dtype=float)
    o = np.asarray(office_days, dtype=float)
    one_way = np.asarray(distance_km, dtype=float) * commutes

    # Scalars first: with the same days for every row (territory) each distance is one pass over the rows.
    weekly = commutes * n
    telework_days_per_year = weekly * weeks
    km_avoided = one_way * (trips * weeks * n)
    km_baseline = one_way * (trips * weeks * (n + o))
    km_remaining = one_way * (trips * weeks * o)

    # Timing by speed: a fixed access time per trip (parking, walking to the station, waiting), the near km at the
    # mode's near speed and, for cars, the km beyond `near_section_km` at a long-distance speed.
    far = np.maximum(one_way - structure.near_section_km, 0.0) * HAS_LONG_SPEED[mode_index]
    near = one_way - far
    trips_avoided = commutes * (trips * weeks * n)
    trips_baseline = commutes * (trips * weeks * (n + o))
    timed = {
        "km_avoided_timed_by_speed": near * (trips * weeks * n),
        "km_baseline_timed_by_speed": near * (trips * weeks * (n + o)),
        "far_km_avoided_timed_by_speed": far * (trips * weeks * n),
        "far_km_baseline_timed_by_speed": far * (trips * weeks * (n + o)),
        "trips_avoided_timed_by_speed": trips_avoided,
        "trips_baseline_timed_by_speed": trips_baseline,
    }
    if round_trip_minutes is None:
        hours_avoided = hours_baseline = 0.0
    else:
        minutes = np.asarray(round_trip_minutes, dtype=float)
        given = ~np.isnan(minutes)
        hours_per_day = np.where(given, minutes, 0.0) / 60.0 * commutes
        timed = {key: np.where(given, 0.0, value) for key, value in timed.items()}
        hours_avoided = hours_per_day * n * weeks
        hours_baseline = hours_per_day * (n + o) * weeks

    # Barème: the km avoided (the combination takes off the re-travelled ones) at the marginal rate of the car's
    # whole yearly mileage (commute and other trips), not at the barème of the commute alone.
    car_rates = structure.car_table[car_band_index(structure.car_default_cv if car_cv is None else car_cv)]
    moto_rates = structure.moto_table[moto_band_index(structure.moto_default_cv if moto_cv is None else moto_cv)]
    car_mileage = np.maximum(km_baseline, structure.car_km_per_year)
    car_difference = _times(
        km_avoided,
        _bareme_saving_per_km(car_mileage, mode_index, USES_CAR_BAREME, structure.car_thresholds, car_rates),
    )
    moto_difference = _times(
        km_avoided,
        _bareme_saving_per_km(km_baseline, mode_index, USES_MOTO_BAREME, structure.moto_thresholds, moto_rates),
    )

    idf = in_ile_de_france(mode_index, ile_de_france)
    employee_idf, employer_idf = pass_savings(structure, n, o, outside_idf=False)
    employee_other, employer_other = pass_savings(structure, n, o, outside_idf=True)
    pt_employee = np.where(idf, employee_idf, employee_other)
    pt_employer = np.where(idf, employer_idf, employer_other)

    return {
        "weekly_telework_days": weekly,
        "telework_days_per_year": telework_days_per_year,
        "trips_avoided": trips_avoided,
        "commute_km_avoided": km_avoided,
        "commute_km_baseline": km_baseline,
        "commute_km_remaining": km_remaining,
        **timed,
        "hours_given_avoided": hours_avoided,
        "hours_given_baseline": hours_baseline,
        "bareme_car_difference": car_difference,
        "bareme_moto_difference": moto_difference,
        "pt_employee_saving": pt_employee,
        "pt_employer_saving": pt_employer,
        "desks_released": _times(commutes, desks_released),
        "allowance": _times(telework_days_per_year, allowance_eur_per_day),
    }


def pass_savings(structure, telework_days, office_days, *, outside_idf):
    """(employee saving, employer saving) on public transport fares, with the fares of Île-de-France or of a large
    network elsewhere.

    The commuter keeps the pass (net of the employer's share) while it costs less than single tickets for the days
    still commuted; the pass is saved only when it is dropped, and the employer then saves its share.
    """
    weeks, trips = structure.working_weeks_per_year, structure.trips_per_office_day
    pass_price = structure.pass_outside_idf_eur_per_year if outside_idf else structure.pass_eur_per_year
    ticket = structure.ticket_outside_idf_eur if outside_idf else structure.ticket_eur
    share = structure.employer_reimbursement_share
    pass_net = pass_price * (1.0 - share)
    tickets_before = ticket * trips * (np.asarray(telework_days, dtype=float) + office_days) * weeks
    tickets_after = ticket * trips * np.asarray(office_days, dtype=float) * weeks
    employee = np.minimum(pass_net, tickets_before) - np.minimum(pass_net, tickets_after)
    employer = share * pass_price * ((pass_net <= tickets_before) * 1.0 - (pass_net <= tickets_after) * 1.0)
    return employee, employer


ILE_DE_FRANCE_DEPARTMENTS = ("75", "77", "78", "91", "92", "93", "94", "95")


def works_in_ile_de_france(commune_code):
    """1.0 when the INSEE code of the place of work is in Île-de-France, 0.0 when not, NaN when it is not given."""
    if commune_code is None or not str(commune_code).strip():
        return np.nan
    return float(str(commune_code).strip().zfill(5)[:2] in ILE_DE_FRANCE_DEPARTMENTS)


def in_ile_de_france(mode_index, ile_de_france=None):
    """Per row, whether Île-de-France fares apply: the place of work when known (`ile_de_france`: 1, 0 or NaN per
    row), else only for the RER, which runs in Île-de-France alone. Elsewhere a pass costs a large provincial
    network's price, not the Navigo's."""
    by_mode = np.asarray(mode_index) == MODES.index("rer")
    if ile_de_france is None:
        return by_mode
    flag = np.asarray(ile_de_france, dtype=float)
    return np.where(np.isnan(flag), by_mode, flag > 0)


def _times(feature, factor):
    """feature × factor, a plain 0 when the factor is 0 everywhere (saves a pass over the rows)."""
    factor = np.asarray(factor, dtype=float)
    return 0.0 if not factor.any() else feature * factor


def sum_by_mode(features, mode_index, weights):
    """Weighted sums of each feature per mode: arrays of shape (number of modes,)."""
    mode_index = np.asarray(mode_index)
    weights = np.asarray(weights, dtype=float)
    if weights.ndim == 0:
        weights = np.full(mode_index.shape, float(weights))
    per_mode_weight = np.bincount(mode_index, weights=weights, minlength=N_MODES)
    sums, seen = {}, {}
    for key, value in features.items():
        if id(value) in seen:  # the same array under two names (e.g. km timed by speed = all km)
            sums[key] = seen[id(value)]
            continue
        array = np.asarray(value, dtype=float)
        if array.ndim == 0:
            sums[key] = float(array) * per_mode_weight
        else:
            sums[key] = np.bincount(mode_index, weights=weights * array, minlength=N_MODES)
        seen[id(value)] = sums[key]
    return sums


@dataclass(frozen=True)
class CommuteProfile:
    """Per-mode sums of a flows table that every uniform scenario reuses (see `uniform_commute_sums`).

    When every row has the same telework and office days (the territory level), each feature is a per-mode
    constant times either the commuting weight or the weighted one-way distance, except the barème differences,
    which are piecewise in the distance: for those the car and moto rows are kept, and nothing else.
    """

    weight: np.ndarray  # Σ workers, per mode
    one_way_km: np.ndarray  # Σ workers × one-way km (0 for modes that do not commute), per mode
    car_rows: tuple  # (mode index, one-way km, workers) of the rows using the car barème
    moto_rows: tuple  # the same for the moto barème
    weight_idf: np.ndarray  # Σ workers of the rows paying Île-de-France fares, per mode

    @classmethod
    def from_rows(cls, distance_km, mode_index, workers, ile_de_france=None):
        mode_index = np.asarray(mode_index)
        workers = np.asarray(workers, dtype=float)
        distance_km = np.asarray(distance_km, dtype=float)
        car, moto = USES_CAR_BAREME[mode_index], USES_MOTO_BAREME[mode_index]
        idf = in_ile_de_france(mode_index, ile_de_france)
        return cls(
            weight_idf=np.bincount(mode_index, weights=workers * idf, minlength=N_MODES),
            weight=np.bincount(mode_index, weights=workers, minlength=N_MODES),
            one_way_km=np.bincount(mode_index, weights=workers * distance_km, minlength=N_MODES) * COMMUTES,
            car_rows=(mode_index[car], distance_km[car] * COMMUTES[mode_index[car]], workers[car]),
            moto_rows=(mode_index[moto], distance_km[moto] * COMMUTES[mode_index[moto]], workers[moto]),
        )


def _bareme_saving_by_mode(rows, baseline_factor, avoided_factor, minimum_mileage, thresholds, rates):
    """Per mode, Σ workers × marginal rate(max(baseline km, minimum_mileage)) × km avoided (the rows' one-way km ×
    the factors)."""
    mode_index, one_way, workers = rows
    if not len(one_way) or not avoided_factor:
        return np.zeros(N_MODES)
    rate = marginal_rate(np.maximum(one_way * baseline_factor, minimum_mileage), thresholds, rates)
    return np.bincount(mode_index, weights=workers * rate * one_way * avoided_factor, minlength=N_MODES)


def uniform_commute_sums(profile, telework_days, office_days, structure):
    """`sum_by_mode(commute_features(...))` when every row has the same days, from a `CommuteProfile`.

    Equal to the row-by-row path up to rounding (a test checks it) at a cost independent of the number of
    rows, except for the barème rows; so a new scenario on data already loaded is immediate.
    """
    weeks = structure.working_weeks_per_year
    trips = structure.trips_per_office_day
    n, o = float(telework_days), float(office_days)
    commuting_weight = profile.weight * COMMUTES
    zeros = np.zeros(N_MODES)

    employee_idf, employer_idf = pass_savings(structure, n, o, outside_idf=False)
    employee_other, employer_other = pass_savings(structure, n, o, outside_idf=True)
    weight_other = profile.weight - profile.weight_idf

    car_rates = structure.car_table[car_band_index(structure.car_default_cv)]
    moto_rates = structure.moto_table[moto_band_index(structure.moto_default_cv)]
    before, avoided = trips * weeks * (n + o), trips * weeks * n
    car = _bareme_saving_by_mode(
        profile.car_rows, before, avoided, structure.car_km_per_year, structure.car_thresholds, car_rates
    )
    moto = _bareme_saving_by_mode(profile.moto_rows, before, avoided, 0.0, structure.moto_thresholds, moto_rates)

    km_avoided = profile.one_way_km * (trips * weeks * n)
    km_baseline = profile.one_way_km * (trips * weeks * (n + o))
    mode_index, one_way, workers = profile.car_rows  # the modes with a long-distance speed are the car's
    far_km = np.bincount(
        mode_index, weights=workers * np.maximum(one_way - structure.near_section_km, 0.0), minlength=N_MODES
    )
    near_km = profile.one_way_km - far_km
    return {
        "weekly_telework_days": commuting_weight * n,
        "telework_days_per_year": commuting_weight * (n * weeks),
        "trips_avoided": commuting_weight * (trips * n * weeks),
        "commute_km_avoided": km_avoided,
        "commute_km_baseline": km_baseline,
        "commute_km_remaining": profile.one_way_km * (trips * weeks * o),
        "km_avoided_timed_by_speed": near_km * (trips * weeks * n),
        "km_baseline_timed_by_speed": near_km * (trips * weeks * (n + o)),
        "far_km_avoided_timed_by_speed": far_km * (trips * weeks * n),
        "far_km_baseline_timed_by_speed": far_km * (trips * weeks * (n + o)),
        "trips_avoided_timed_by_speed": commuting_weight * (trips * n * weeks),
        "trips_baseline_timed_by_speed": commuting_weight * (trips * (n + o) * weeks),
        "hours_given_avoided": zeros,
        "hours_given_baseline": zeros,
        "bareme_car_difference": car,
        "bareme_moto_difference": moto,
        "pt_employee_saving": profile.weight_idf * employee_idf + weight_other * employee_other,
        "pt_employer_saving": profile.weight_idf * employer_idf + weight_other * employer_other,
        "desks_released": zeros,
        "allowance": zeros,
    }


# --- Coefficients per mode ------------------------------------------------------------------------------------
# Each function gives the coefficient of one mode from a getter `v(name)` returning a float (central case) or an
# array of draws (Monte Carlo). Aggregate modes are mixes of individual ones, except the door-to-door speed of
# « transports_en_commun », a parameter of its own (`speed_kmh`).

SHARE_ELECTRIC = "electric_car_share_of_fleet"
OCCUPANCY = "carpool_occupancy"


def _mix_public_transport(function, v):
    weights = [v(f"public_transport_mix_weight.{mode}") for mode in PUBLIC_TRANSPORT_MIX_MODES]
    return sum(w * function(mode) for w, mode in zip(weights, PUBLIC_TRANSPORT_MIX_MODES, strict=True)) / sum(weights)


def _emission_factor(mode, v):
    if mode in EMISSION_FACTOR_MODES:
        return v(f"emission_factor_kgco2e_per_km.{mode}")
    if mode in FUEL_OF_MODE:
        fuel = litres_per_km(mode, v) * v(f"fuel_emission_factor_kgco2e_per_litre.{FUEL_OF_MODE[mode]}")
        return fuel + v(f"construction_emission_factor_kgco2e_per_km.{mode}")
    if mode == "covoiturage":
        return _emission_factor("voiture_thermique", v) / v(OCCUPANCY)
    if mode == "voiture":
        share = v(SHARE_ELECTRIC)
        return (1 - share) * _emission_factor("voiture_thermique", v) + share * _emission_factor(
            "voiture_electrique", v
        )
    if mode == "transports_en_commun":
        return _mix_public_transport(lambda m: _emission_factor(m, v), v)
    return 0.0


def litres_per_km(mode, v):
    """Fuel burnt per km (L/km, per commuter) by a mode code, read through the getter `v`; 0 for modes without fuel.

    The census « voiture » burns the thermal car's fuel for its thermal share of the fleet. Also read by the
    national baseline of the commuting flows (teletravail.impact.flows.baseline).
    """
    if mode in FUEL_OF_MODE:
        return v(f"fuel_consumption_l_per_100km.{mode}") / 100
    if mode == "covoiturage":
        return litres_per_km("voiture_thermique", v) / v(OCCUPANCY)
    if mode == "voiture":
        return (1 - v(SHARE_ELECTRIC)) * litres_per_km("voiture_thermique", v)
    return 0.0


def _energy_eur_per_km(mode, v):
    if mode in FUEL_OF_MODE:
        return litres_per_km(mode, v) * v(f"fuel_price_eur_per_litre.{FUEL_OF_MODE[mode]}")
    if mode == "voiture_electrique":
        return v("electric_car_consumption_kwh_per_100km") / 100 * v("electricity_price_eur_per_kwh")
    if mode == "covoiturage":
        return _energy_eur_per_km("voiture_thermique", v) / v(OCCUPANCY)
    if mode == "voiture":
        share = v(SHARE_ELECTRIC)
        return (1 - share) * _energy_eur_per_km("voiture_thermique", v) + share * _energy_eur_per_km(
            "voiture_electrique", v
        )
    return 0.0


def speed_kmh(mode, v):
    """Door-to-door speed (km/h) of a commuting mode code, read through the getter `v` (a value or draws).

    The one resolution of speeds per mode: the engine's hours per km are its inverse, and the national baseline
    of the commuting flows (teletravail.impact.flows.baseline) reads it for the census modes. The census
    « voiture » is driven at the car's speed; « transports_en_commun » has its own door-to-door speed (waits and
    connections included), not a mix of the vehicles' speeds.
    """
    if mode not in COMMUTING_MODES:
        raise ValueError(f"Pas de vitesse pour le mode « {mode} » : ce n'est pas un mode de déplacement.")
    if mode == "voiture":
        return speed_kmh("voiture_thermique", v)
    return v(f"average_speed_kmh.{mode}")


def _hours_per_km(mode, v):
    return 1 / speed_kmh(mode, v) if mode in COMMUTING_MODES else 0.0


def long_distance_speed_kmh(mode, v):
    """Speed (km/h) of the one-way km beyond `near_section_km`: cars keep to their near speed in town and drive
    faster on longer commutes (ring roads, motorways); other modes keep one speed."""
    if mode == "voiture" or mode in LONG_SPEED_MODES:
        return v("long_distance_speed_kmh.voiture")
    return speed_kmh(mode, v)


def access_minutes(mode, v):
    """Fixed minutes per trip on top of the distance: parking for a car, walking to the station and waiting for a
    train or the RER; 0 for modes whose door-to-door speed already includes them."""
    if mode in LONG_SPEED_MODES:
        return v("access_minutes_per_trip.voiture")
    if mode in ACCESS_TIMED_MODES:
        return v(f"access_minutes_per_trip.{mode}")
    return 0.0


def _hours_per_far_km(mode, v):
    return 1 / long_distance_speed_kmh(mode, v) if mode in LONG_SPEED_MODES else 0.0


def _access_hours_per_trip(mode, v):
    return access_minutes(mode, v) / 60 if mode in COMMUTING_MODES else 0.0


def _bareme_car_factor(mode, v):
    if mode == "voiture_thermique":
        return 1.0
    if mode == "voiture_electrique":
        return 1 + v("bareme_kilometrique.majoration_electrique")
    if mode == "covoiturage":
        return 1 / v(OCCUPANCY)
    if mode == "voiture":
        return 1 + v(SHARE_ELECTRIC) * v("bareme_kilometrique.majoration_electrique")
    return 0.0


def _bareme_moto_factor(mode, v):
    return 1.0 if mode in MOTO_BAREME_MODES else 0.0


def _accident_relative_risk(mode, v):
    if mode in CAR_BAREME_MODES:
        return v("commute_accident_relative_risk.voiture")
    if mode in ("velo", "velo_electrique"):
        return v("commute_accident_relative_risk.velo")
    if mode in PUBLIC_TRANSPORT_MODES:
        return v("commute_accident_relative_risk.transports_en_commun")
    if mode in ("moto", "marche"):
        return v(f"commute_accident_relative_risk.{mode}")
    return 0.0


def _public_transport(mode, v):
    return 1.0 if mode in PUBLIC_TRANSPORT_MODES else 0.0


COEFFICIENTS = {
    "emission_factor": _emission_factor,
    "litres_per_km": litres_per_km,
    "energy_eur_per_km": _energy_eur_per_km,
    "hours_per_km": _hours_per_km,
    "hours_per_far_km": _hours_per_far_km,
    "access_hours_per_trip": _access_hours_per_trip,
    "bareme_car_factor": _bareme_car_factor,
    "bareme_moto_factor": _bareme_moto_factor,
    "public_transport": _public_transport,
    "accident_relative_risk": _accident_relative_risk,
}


def _stack(values):
    arrays = np.broadcast_arrays(*(np.asarray(value, dtype=float) for value in values))
    return np.stack(arrays, axis=-1)


def mode_coefficients(v):
    """Coefficient tables, each of shape (number of modes,) — or (draws, modes) when `v` returns draws."""
    return {key: _stack([function(mode, v) for mode in MODES]) for key, function in COEFFICIENTS.items()}


# Global factors (not per mode): name → (function of the getter, parameters it reads).
FACTORS = {
    "re_travelled_share": lambda v: v("re_travelled_km_share"),
    "home_kgco2e_per_telework_day": lambda v: (
        v("home_energy_kwh_per_telework_day") * v("home_energy_emission_factor_kgco2e_per_kwh")
    ),
    "video_kgco2e_per_weekly_day": lambda v: v("video_call_kgco2e_per_year_per_weekly_telework_day"),
    "office_kgco2e_per_desk": lambda v: v("office_area_m2_per_desk") * v("office_energy_kgco2e_per_m2_per_year"),
    "accidents_per_km": lambda v: v("commute_accidents_with_sick_leave_per_million_km") / 1e6,
    "deaths_per_km": lambda v: v("commute_deaths_per_billion_km") / 1e9,
    "local_spending_eur_per_day": lambda v: v("local_spending_eur_per_office_day"),
}


def global_factors(v):
    return {key: function(v) for key, function in FACTORS.items()}


def _recording(names):
    def getter(name):
        names.add(name)
        return 0.5  # any positive number: only the names read matter

    return getter


def coefficient_parameters(key, mode):
    """Names of the parameters the coefficient `key` of `mode` reads."""
    names = set()
    COEFFICIENTS[key](mode, _recording(names))
    return names


def factor_parameters(key):
    names = set()
    FACTORS[key](_recording(names))
    return names


# --- Effects --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Balance:
    """A net effect as the signed sum of other effects. The engine computes the net from these terms, and the pages
    draw the same terms as a chart, so the chart adds up to the net by construction."""

    net: str
    terms: tuple[tuple[str, int], ...]  # (effect name, +1 or -1)

    def net_of(self, values):
        """The net from the terms' values (floats or arrays), summed in the order of `terms`."""
        return sum(sign * values[name] for name, sign in self.terms)


# The emission balance: what is avoided, minus each rebound, plus the office energy saved.
EMISSION_BALANCE = Balance(
    "co2e_kg_net_per_year",
    (
        ("co2e_kg_avoided_per_year", 1),
        ("co2e_kg_rebound_re_travel_per_year", -1),
        ("co2e_kg_rebound_home_energy_per_year", -1),
        ("co2e_kg_rebound_video_calls_per_year", -1),
        ("co2e_kg_office_saved_per_year", 1),
    ),
)


def combine(features, mode_index, coefficients, factors):
    """Every effect from features (per person, or per-mode sums with `mode_index = arange(modes)`).

    Linear in the features. Coefficients of shape (modes,) or (draws, modes) and factors scalars or (draws,)
    give effects of shape (rows,) or (draws, rows).
    """
    mode_index = np.asarray(mode_index)

    def per_mode(key):
        return coefficients[key][..., mode_index]

    g = {key: np.asarray(value, dtype=float)[..., None] for key, value in factors.items()}
    f = features
    ef = per_mode("emission_factor")
    litres = per_mode("litres_per_km")
    hours_per_km = per_mode("hours_per_km")
    hours_per_far_km = per_mode("hours_per_far_km")
    access_hours = per_mode("access_hours_per_trip")

    def timed_hours(period):
        return (
            hours_per_km * f[f"km_{period}_timed_by_speed"]
            + hours_per_far_km * f[f"far_km_{period}_timed_by_speed"]
            + access_hours * f[f"trips_{period}_timed_by_speed"]
            + f[f"hours_given_{period}"]
        )

    public_transport = per_mode("public_transport")

    km_avoided_gross = f["commute_km_avoided"]
    re_travelled = g["re_travelled_share"] * km_avoided_gross
    km_avoided = km_avoided_gross - re_travelled
    risk_km_avoided = per_mode("accident_relative_risk") * km_avoided  # km weighted by the mode's accident risk
    emissions = {
        "co2e_kg_avoided_per_year": ef * km_avoided_gross,
        "co2e_kg_rebound_re_travel_per_year": ef * re_travelled,
        "co2e_kg_rebound_home_energy_per_year": g["home_kgco2e_per_telework_day"] * f["telework_days_per_year"],
        "co2e_kg_rebound_video_calls_per_year": g["video_kgco2e_per_weekly_day"] * f["weekly_telework_days"],
        "co2e_kg_office_saved_per_year": g["office_kgco2e_per_desk"] * f["desks_released"],
    }
    pt_employee = public_transport * f["pt_employee_saving"]
    energy = per_mode("energy_eur_per_km") * km_avoided
    # The barème features are the gross km avoided at the marginal rate: the re-travelled km are taken off here.
    bareme_difference = (1 - g["re_travelled_share"]) * (
        per_mode("bareme_car_factor") * f["bareme_car_difference"]
        + per_mode("bareme_moto_factor") * f["bareme_moto_difference"]
    )

    effects = {
        "trips_avoided_per_year": f["trips_avoided"],
        "commute_km_avoided_per_year": km_avoided_gross,
        "km_re_travelled_per_year": re_travelled,
        "km_avoided_per_year": km_avoided,
        "hours_saved_per_year": timed_hours("avoided"),
        "fuel_litres_avoided_per_year": litres * km_avoided,
        **emissions,
        EMISSION_BALANCE.net: EMISSION_BALANCE.net_of(emissions),
        "money_eur_saved_per_year": energy + pt_employee + f["allowance"],
        "money_eur_saved_bareme_per_year": bareme_difference + pt_employee + f["allowance"],
        "fuel_eur_saved_per_year": energy,
        "bareme_eur_difference_per_year": bareme_difference,
        "public_transport_eur_saved_per_year": pt_employee,
        "allowance_eur_per_year": f["allowance"],
        "employer_transport_eur_saved_per_year": public_transport * f["pt_employer_saving"],
        "commute_accidents_avoided_per_year": g["accidents_per_km"] * risk_km_avoided,
        "commute_deaths_avoided_per_year": g["deaths_per_km"] * risk_km_avoided,
        "telework_days_per_year": f["telework_days_per_year"],
        "local_spending_eur_moved_per_year": g["local_spending_eur_per_day"] * f["telework_days_per_year"],
        "km_per_year_baseline": f["commute_km_baseline"],
        "hours_per_year_baseline": timed_hours("baseline"),
        "fuel_litres_per_year_baseline": litres * f["commute_km_baseline"],
        "co2e_kg_per_year_baseline": ef * f["commute_km_baseline"],
        "km_per_year_remaining": f["commute_km_remaining"],
        "co2e_kg_per_year_remaining": ef * f["commute_km_remaining"],
    }
    # Every effect with the same shape: (rows,) or (draws, rows).
    shape = np.broadcast_shapes(np.shape(mode_index), *(np.shape(value) for value in effects.values()))
    return {key: np.broadcast_to(value, shape) for key, value in effects.items()}


# Effects that are baselines (not scaled by a telework adoption share in the territory scenario).
BASELINE_EFFECTS = (
    "km_per_year_baseline",
    "hours_per_year_baseline",
    "fuel_litres_per_year_baseline",
    "co2e_kg_per_year_baseline",
)
