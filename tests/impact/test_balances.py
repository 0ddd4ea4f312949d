"""The emission and employer balances: the signed terms the pages draw as a chart add up to the engine's net."""

import numpy as np
import pytest

from teletravail.impact import simulate_person
from teletravail.impact.core import (
    EMISSION_BALANCE,
    N_MODES,
    Structure,
    combine,
    commute_features,
    global_factors,
    mode_coefficients,
)
from teletravail.impact.effects import EFFECTS
from teletravail.impact.employer import EMPLOYER_BALANCE, EmployerInput, employer_finance, simulate_employer
from teletravail.impact.params import ImpactParameters


WHEN = "2026-11-01"
BALANCES = (EMISSION_BALANCE, EMPLOYER_BALANCE)


def signed_terms(values, balance):
    return [sign * float(values[name]) for name, sign in balance.terms]


@pytest.mark.parametrize("balance", BALANCES, ids=lambda balance: balance.net)
def test_a_balance_adds_or_takes_off_effects_of_the_net_s_unit(balance):
    effects = EFFECTS
    names = [name for name, _sign in balance.terms]
    assert len(set(names)) == len(names)
    assert balance.net not in names
    assert {sign for _name, sign in balance.terms} <= {1, -1}
    assert {effects[name].unit for name in names} == {effects[balance.net].unit}


def test_an_employer_with_every_term_of_both_balances_non_zero():
    # Car drivers and a pass holder who buys tickets instead, desks shared, an allowance, a salary and a productivity
    # gain (none by default): every term of both balances moves.
    people = (
        {"distance_km": 18, "mode": "voiture_thermique", "telework_days": 2, "office_days": 3},
        {
            "distance_km": 25,
            "mode": "train",
            "telework_days": 3,
            "office_days": 2,
            "work_commune": "75056",
            "gross_salary_eur_per_year": 41000,
        },
        {"distance_km": 7, "mode": "bus", "telework_days": 2, "office_days": 3},
        {"distance_km": 32, "mode": "voiture_electrique", "telework_days": 1, "office_days": 4},
    )
    totals = simulate_employer(
        EmployerInput(people, desks=4, desk_sharing_ratio=0.5, allowance_eur_per_telework_day=2.5),
        when=WHEN,
        overrides={"productivity_gain_share": 0.02},
    ).totals
    for balance in BALANCES:
        terms = signed_terms(totals, balance)
        assert all(terms), dict(zip(balance.terms, terms, strict=True))
        assert sum(terms) == pytest.approx(totals[balance.net], rel=1e-12)


def test_a_commuter_s_emission_terms_add_up_to_the_net():
    result = simulate_person({"distance_km": 23.5, "mode": "voiture_thermique", "telework_days": 2}, when=WHEN)
    terms = signed_terms(result.results, EMISSION_BALANCE)
    assert terms[0] > 0 and terms[1] < 0  # what is avoided, and a rebound taken off
    assert sum(terms) == pytest.approx(result.results[EMISSION_BALANCE.net], rel=1e-12)


def _random_inputs(rng, rows):
    """Features, coefficients and factors all random and positive, so that any quantity the engine could add to
    a net moves it."""
    params = ImpactParameters.load(when=WHEN)
    keys = commute_features(
        np.array([10.0]), np.array([0]), np.array([2.0]), np.array([3.0]), Structure.from_parameters(params)
    ).keys()
    features = {key: rng.uniform(0.5, 2.0, rows) for key in keys}
    coefficients = {key: rng.uniform(0.5, 2.0, N_MODES) for key in mode_coefficients(params.value)}
    factors = {key: rng.uniform(0.1, 0.9) for key in global_factors(params.value)}
    return features, coefficients, factors


def test_the_emission_net_moves_only_through_the_terms_of_its_balance():
    """Fails if the engine adds to the net a quantity that the balance, hence the chart, does not show."""
    rng = np.random.default_rng(18)
    features, coefficients, factors = _random_inputs(rng, 50)
    effects = combine(features, rng.integers(0, N_MODES, 50), coefficients, factors)
    terms = sum(sign * effects[name] for name, sign in EMISSION_BALANCE.terms)
    assert np.all(effects[EMISSION_BALANCE.net] != 0)
    np.testing.assert_allclose(effects[EMISSION_BALANCE.net], terms, rtol=1e-12)


def test_the_employer_net_moves_only_through_the_terms_of_its_balance():
    """Fails if the employer's net takes in a cost or a saving that the balance, hence the chart, does not show."""
    rng = np.random.default_rng(18)
    values = {}

    def random_parameter(name):
        return values.setdefault(name, rng.uniform(0.1, 0.9))

    staff = {
        key: rng.uniform(1.0, 10.0)
        for key in (
            "salary_share",
            "default_share",
            "teleworker_salaries",
            "teleworkers_without_salary",
            "desks_saved",
            "teleworkers",
            "transport",
            "allowances",
        )
    }
    finance = employer_finance(random_parameter, staff)
    terms = signed_terms(finance, EMPLOYER_BALANCE)
    assert all(terms)
    assert finance[EMPLOYER_BALANCE.net] == pytest.approx(sum(terms), rel=1e-12)
