"""Properties that must hold whatever the parameters: zero telework, monotonicity, net ≤ gross, and the three
levels agreeing by construction."""

import numpy as np
import polars as pl
import pytest

from teletravail.impact import MODES, simulate_person
from teletravail.impact.core import (
    N_MODES,
    Structure,
    combine,
    commute_features,
    global_factors,
    mode_coefficients,
    sum_by_mode,
)
from teletravail.impact.employer import EmployerInput, simulate_employer
from teletravail.impact.params import ImpactParameters
from teletravail.impact.territory import TerritoryScenario, simulate_territory


WHEN = "2026-11-01"
AVOIDED = (
    "trips_avoided_per_year",
    "commute_km_avoided_per_year",
    "km_avoided_per_year",
    "hours_saved_per_year",
    "fuel_litres_avoided_per_year",
    "co2e_kg_avoided_per_year",
    "money_eur_saved_per_year",
    "commute_accidents_avoided_per_year",
    "telework_days_per_year",
)


@pytest.mark.parametrize("mode", MODES)
def test_zero_telework_means_zero_effect(mode):
    results = simulate_person(
        {"distance_km": 17, "mode": mode, "telework_days": 0, "office_days": 5}, when=WHEN
    ).results
    for name in AVOIDED + ("co2e_kg_net_per_year", "employer_transport_eur_saved_per_year"):
        assert results[name] == 0, name


@pytest.mark.parametrize("mode", [mode for mode in MODES if mode != "aucun"])
def test_more_telework_days_avoid_more_km(mode):
    def km(days):
        person = {"distance_km": 12, "mode": mode, "telework_days": days, "office_days": 5 - days}
        return simulate_person(person, when=WHEN).results["km_avoided_per_year"]

    values = [km(days) for days in range(6)]
    assert all(later > earlier for earlier, later in zip(values, values[1:], strict=False))


@pytest.mark.parametrize("mode", MODES)
def test_net_is_at_most_gross_when_rebounds_are_positive(mode):
    results = simulate_person(
        {"distance_km": 9, "mode": mode, "telework_days": 3, "office_days": 2}, when=WHEN
    ).results
    assert results["co2e_kg_net_per_year"] <= results["co2e_kg_avoided_per_year"]


def test_longer_distance_avoids_more_co2_and_never_negative_money():
    assert MODES
    for mode in MODES:
        short, long = (
            simulate_person({"distance_km": d, "mode": mode, "telework_days": 2, "office_days": 3}, when=WHEN).results
            for d in (5, 50)
        )
        assert long["co2e_kg_avoided_per_year"] >= short["co2e_kg_avoided_per_year"]
        assert short["money_eur_saved_per_year"] >= 0
        assert short["money_eur_saved_bareme_per_year"] >= 0


def random_people(size, seed=3):
    rng = np.random.default_rng(seed)
    telework = rng.integers(0, 6, size).astype(float)
    return {
        "distance": rng.gamma(2.0, 9.0, size),
        "mode": rng.integers(0, N_MODES, size),
        "telework": telework,
        "office": np.floor(rng.random(size) * (6 - telework)),
        "weights": rng.gamma(1.0, 2.0, size),
        "minutes": np.where(rng.random(size) < 0.3, rng.uniform(10, 120, size), np.nan),
        "cv": rng.integers(2, 9, size).astype(float),
    }


def test_summing_per_mode_then_combining_equals_summing_people():
    """The linearity the territory level and the Monte Carlo rely on."""
    params = ImpactParameters.load(when=WHEN)
    people = random_people(2_000)
    features = commute_features(
        people["distance"],
        people["mode"],
        people["telework"],
        people["office"],
        Structure.from_parameters(params),
        round_trip_minutes=people["minutes"],
        car_cv=people["cv"],
        moto_cv=people["cv"],
        desks_released=people["telework"] / 5,
        allowance_eur_per_day=2.5,
    )
    coefficients, factors = mode_coefficients(params.value), global_factors(params.value)
    per_person = combine(features, people["mode"], coefficients, factors)
    per_mode = combine(
        sum_by_mode(features, people["mode"], people["weights"]), np.arange(N_MODES), coefficients, factors
    )
    assert per_person  # a loop over nothing would assert nothing
    for name, values in per_person.items():
        assert per_mode[name].sum() == pytest.approx(np.dot(values, people["weights"]), rel=1e-9, abs=1e-9), name


@pytest.mark.parametrize("mode", MODES)
def test_person_and_territory_agree_on_a_single_flow(mode):
    person = simulate_person({"distance_km": 23.5, "mode": mode, "telework_days": 2, "office_days": 3}, when=WHEN)
    flows = pl.DataFrame({"home": ["A"], "work": ["B"], "mode": [mode], "workers": [1.0], "distance_km": [23.5]})
    territory = simulate_territory(
        flows, TerritoryScenario(2, adoption=1.0, teleworkable_share=1.0, office_days_per_week=5), when=WHEN
    )
    compared = 0
    assert person.results  # a loop over nothing would assert nothing
    for name, value in person.results.items():
        if name in territory.totals:
            assert territory.totals[name] == pytest.approx(value, rel=1e-12, abs=1e-12), name
            compared += 1
    assert compared >= 25


def test_employer_totals_are_the_sum_of_its_employees():
    people = [
        {"distance_km": 20, "mode": "voiture_thermique", "telework_days": 2, "office_days": 3},
        {"distance_km": 7, "mode": "rer", "telework_days": 4, "office_days": 1, "round_trip_minutes": 80},
        {"distance_km": 3, "mode": "velo", "telework_days": 1, "office_days": 4},
    ]
    employer = simulate_employer(EmployerInput(tuple(people)), when=WHEN)
    for name in AVOIDED + ("co2e_kg_net_per_year", "employer_transport_eur_saved_per_year"):
        expected = sum(simulate_person(person, when=WHEN).results[name] for person in people)
        assert employer.totals[name] == pytest.approx(expected, rel=1e-12, abs=1e-12), name


def test_adoption_scales_avoided_effects_but_not_the_baseline():
    flows = pl.DataFrame(
        {
            "home": ["A", "B"],
            "work": ["B", "A"],
            "mode": ["voiture", "transports_en_commun"],
            "workers": [10.0, 30.0],
            "distance_km": [15.0, 8.0],
        }
    )
    half = simulate_territory(flows, TerritoryScenario(2, 0.5, 0.6), when=WHEN, by_commune=False)
    full = simulate_territory(flows, TerritoryScenario(2, 1.0, 0.6), when=WHEN, by_commune=False)
    assert half.km_per_year_baseline == full.km_per_year_baseline
    assert half.co2e_kg_net_per_year == pytest.approx(full.co2e_kg_net_per_year / 2, rel=1e-12)
    assert half.teleworkers == pytest.approx(12.0)
