import numpy as np
import polars as pl
import pytest

from teletravail.impact import ImpactInputError, simulate_person
from teletravail.impact.employer import EmployerInput, simulate_employer
from teletravail.impact.montecarlo import pert
from teletravail.impact.params import ImpactParameters
from teletravail.impact.territory import TerritoryScenario, simulate_territory


WHEN = "2026-11-01"
CAR = {"distance_km": 25, "mode": "voiture_thermique", "telework_days": 2, "office_days": 3}


def test_same_seed_same_percentiles_other_seed_other_percentiles():
    first = simulate_person(CAR, when=WHEN, monte_carlo=500, seed=11).uncertainty
    again = simulate_person(CAR, when=WHEN, monte_carlo=500, seed=11).uncertainty
    other = simulate_person(CAR, when=WHEN, monte_carlo=500, seed=12).uncertainty
    assert first == again
    assert first["co2e_kg_net_per_year"] != other["co2e_kg_net_per_year"]


def test_percentiles_are_ordered_and_the_central_case_stays_the_headline():
    result = simulate_person(CAR, when=WHEN, monte_carlo=2000, seed=1)
    central = simulate_person(CAR, when=WHEN).results
    assert result.results == central
    for name, spread in result.uncertainty.items():
        assert spread["p5"] <= spread["p50"] <= spread["p95"], name
    net = result.uncertainty["co2e_kg_net_per_year"]
    assert net["p5"] < net["p95"]  # uncertain parameters do move the net effect


def test_certain_effects_do_not_move():
    spread = simulate_person(CAR, when=WHEN, monte_carlo=300, seed=5).uncertainty["commute_km_avoided_per_year"]
    assert spread["p5"] == spread["p95"] == pytest.approx(4600)  # 2 × 25 × 2 × 46


def test_an_override_removes_a_parameter_from_the_draws():
    overridden = simulate_person(
        CAR,
        when=WHEN,
        overrides={"re_travelled_km_share": 0.1},
        monte_carlo=300,
        seed=5,
    ).uncertainty["km_avoided_per_year"]
    assert overridden["p5"] == overridden["p95"] == pytest.approx(4600 * 0.9)


def test_pert_stays_in_its_range_and_peaks_at_the_mode():
    rng = np.random.Generator(np.random.PCG64(0))
    draws = pert(rng, 0.0, 0.25, 0.5, 20_000)
    assert draws.min() >= 0.0 and draws.max() <= 0.5
    assert np.mean(draws) == pytest.approx(0.25, abs=0.005)  # symmetric case: mean = mode
    skewed = pert(rng, 0.0, 0.0, 0.22, 20_000)
    assert np.mean(skewed) == pytest.approx(0.22 / 6, abs=0.003)  # (low + 4 mode + high) / 6
    assert (pert(rng, 3.0, 3.0, 3.0, 5) == 3.0).all()


def test_territory_monte_carlo_is_reproducible_and_draws_the_teleworkable_share():
    flows = pl.DataFrame(
        {
            "home": ["A", "B"],
            "work": ["B", "B"],
            "mode": ["voiture", "velo"],
            "workers": [5.0, 2.0],
            "distance_km": [9.0, 2.0],
        }
    )
    runs = [
        simulate_territory(flows, TerritoryScenario(2, 0.5), when=WHEN, monte_carlo=400, seed=3).uncertainty
        for _ in range(2)
    ]
    assert runs[0] == runs[1]
    teleworkers = runs[0]["teleworkers"]
    assert teleworkers["p5"] < teleworkers["p95"]
    fixed_share = simulate_territory(
        flows, TerritoryScenario(2, 0.5, teleworkable_share=0.3), when=WHEN, monte_carlo=400, seed=3
    ).uncertainty["teleworkers"]
    assert fixed_share["p5"] == fixed_share["p95"] == pytest.approx(7 * 0.5 * 0.3)


def test_employer_monte_carlo_spreads_the_uncertain_employer_effects():
    employer = EmployerInput((CAR, {**CAR, "mode": "metro", "distance_km": 4}), desks=2, desk_sharing_ratio=0.5)
    result = simulate_employer(employer, when=WHEN, monte_carlo=500, seed=8)
    productivity = result.uncertainty["employer_productivity_eur_per_year"]
    assert result.totals["employer_productivity_eur_per_year"] == 0  # central: no productivity effect
    assert productivity["p5"] >= 0 and productivity["p95"] > 0  # PERT(0, 0, 22 %)
    for spread in result.uncertainty.values():
        assert spread["p5"] <= spread["p50"] <= spread["p95"]


def test_bad_draw_counts_are_refused():
    with pytest.raises(ImpactInputError, match="monte_carlo"):
        simulate_person(CAR, when=WHEN, monte_carlo=-1)
    with pytest.raises(ImpactInputError, match="seed"):
        simulate_person(CAR, when=WHEN, monte_carlo=10, seed=-4)


def test_structural_parameters_have_no_range_in_the_bundled_file():
    """The Monte Carlo holds them at their central value; a range there would be silently ignored."""
    assert ImpactParameters.load(when=WHEN).structural_uncertain_names() == []
