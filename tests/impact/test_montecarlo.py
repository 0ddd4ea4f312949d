import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from teletravail.impact import ImpactInputError, simulate_person
from teletravail.impact.employer import EmployerInput, simulate_employer
from teletravail.impact.modes import INDIVIDUAL_MODES
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
    assert result.uncertainty  # a loop over nothing would assert nothing
    for name, spread in result.uncertainty.items():
        assert spread["p5"] <= spread["p50"] <= spread["p95"], name
    net = result.uncertainty["co2e_kg_net_per_year"]
    assert net["p5"] < net["p95"]  # uncertain parameters do move the net effect


def test_certain_effects_have_no_interval():
    result = simulate_person(CAR, when=WHEN, monte_carlo=300, seed=5)
    assert result.results["commute_km_avoided_per_year"] == pytest.approx(4600)  # 2 × 25 × 2 × 46
    assert "commute_km_avoided_per_year" not in result.uncertainty  # no drawn parameter moves it


def test_an_override_removes_a_parameter_from_the_draws():
    overridden = simulate_person(
        CAR,
        when=WHEN,
        overrides={"re_travelled_km_share": 0.1},
        monte_carlo=300,
        seed=5,
    )
    assert overridden.results["km_avoided_per_year"] == pytest.approx(4600 * 0.9)
    assert "km_avoided_per_year" not in overridden.uncertainty


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
    )
    assert fixed_share.totals["teleworkers"] == pytest.approx(7 * 0.5 * 0.3)
    assert "teleworkers" not in fixed_share.uncertainty


def test_employer_monte_carlo_spreads_the_uncertain_employer_effects():
    employer = EmployerInput((CAR, {**CAR, "mode": "metro", "distance_km": 4}), desks=2, desk_sharing_ratio=0.5)
    result = simulate_employer(employer, when=WHEN, monte_carlo=500, seed=8)
    productivity = result.uncertainty["employer_productivity_eur_per_year"]
    assert result.totals["employer_productivity_eur_per_year"] == 0  # central: no productivity effect
    assert productivity["p5"] >= 0 and productivity["p95"] > 0  # PERT(0, 0, 22 %)
    assert result.uncertainty  # a loop over nothing would assert nothing
    for spread in result.uncertainty.values():
        assert spread["p5"] <= spread["p50"] <= spread["p95"]


def test_bad_draw_counts_are_refused():
    with pytest.raises(ImpactInputError, match="« tirages Monte-Carlo » : un nombre entier positif est attendu"):
        simulate_person(CAR, when=WHEN, monte_carlo=-1)
    with pytest.raises(ImpactInputError, match="seed"):
        simulate_person(CAR, when=WHEN, monte_carlo=10, seed=-4)


def test_structural_parameters_have_no_range_in_the_bundled_file():
    """The Monte Carlo holds them at their central value; a range there would be silently ignored."""
    assert ImpactParameters.load(when=WHEN).structural_uncertain_names() == []


@settings(max_examples=40, deadline=None)
@given(
    distance=st.floats(min_value=0.5, max_value=200),
    mode=st.sampled_from(INDIVIDUAL_MODES),
    telework=st.sampled_from((0.5, 1, 2, 3, 4.5)),
    method=st.sampled_from(("default", "impactco2")),
)
def test_every_interval_holds_its_central_value(distance, mode, telework, method):
    """Issue 16: the page showed « 1 688 kg, p5–p95 1 696 – 2 097 »: the reference case sat below the draws."""
    person = {"distance_km": distance, "mode": mode, "telework_days": telework, "office_days": 5 - telework}
    result = simulate_person(person, when=WHEN, method=method, monte_carlo=300, seed=7)
    assert result.uncertainty  # a loop over nothing would assert nothing
    for name, spread in result.uncertainty.items():
        central = result.results[name]
        assert spread["low"] <= central <= spread["high"], name
        assert spread["low"] < spread["high"], name


def test_a_central_value_at_the_end_of_its_range_moves_the_interval_and_says_so():
    """ADEME's video-call figure is the top of its range (2.6, low 0.71): that rebound is at its highest."""
    result = simulate_person(CAR, when=WHEN, monte_carlo=500, seed=2026)
    video = result.uncertainty["co2e_kg_rebound_video_calls_per_year"]
    central = result.results["co2e_kg_rebound_video_calls_per_year"]
    assert central > video["p95"]  # the reference case lies above 95 % of the draws...
    assert video["high"] == pytest.approx(central) and video["central_side"] == "high"  # ...so the interval ends there
    assert result.uncertainty["co2e_kg_net_per_year"]["central_side"] is None  # inside p5–p95: nothing moved


def test_an_effect_no_uncertain_parameter_moves_gives_no_interval():
    """Issue 16: the Impact CO2 method's emissions read no uncertain parameter; the page said « entre 1 266 et
    1 266 »."""
    result = simulate_person(CAR, when=WHEN, method="impactco2", monte_carlo=500, seed=2026)
    assert not [name for name in result.uncertainty if name.startswith("co2e")]
    assert "commute_accidents_avoided_per_year" in result.uncertainty  # accident rates are still uncertain
    # Every uncertain parameter fixed by the user: nothing is drawn, no interval at all.
    fixed = {p.name: p.central for p in result.parameters if p.low is not None or p.high is not None}
    nothing_drawn = simulate_person(CAR, when=WHEN, method="impactco2", overrides=fixed, monte_carlo=200, seed=1)
    assert nothing_drawn.uncertainty == {} and nothing_drawn.as_dict()["uncertainty"] is None
