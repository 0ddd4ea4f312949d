"""--method impactco2 reproduces ADEME Impact CO2's telework formula to 1e-6 relative.

Impact CO2 (src/components/outils/teletravail/TeletravailSimulator.tsx):
    T = EF × d × 92              (yearly emissions per weekly office day; 92 = 2 trips × 46 weeks)
    « vous générez » = T × presentiel
    « vous économisez » = 0.75 × homeOffice × T
The factors below are typed from Impact CO2's data file (src/data/categories/deplacement.ts, HEAD 2026-07-01),
independently of the parameter file, so that a typo in impact.yaml fails here.
"""

import pytest

from teletravail.impact import simulate_person


IMPACTCO2_FACTORS_2026 = {
    "voiture_thermique": 0.1105577601 + 0.0316956522,
    "voiture_electrique": 0.0120883601 + 0.0552769022,
    "moto": 0.14 + 0.0747,
    "bus": 0.1135 + 0.00892,
    "tramway": 0.0038 + 0.00048,
    "metro": 0.0042 + 0.00024,
    "rer": 0.0066 + 0.00318,
    "train": 0.0229 + 0.00479,
    "velo": 0.00017,
    "velo_electrique": 0.00223 + 0.00872,
    "marche": 0.0,
}


def impactco2_saved(factor, distance_km, home_office):
    return 0.75 * home_office * (factor * distance_km * 92)


@pytest.mark.parametrize("mode", sorted(IMPACTCO2_FACTORS_2026))
@pytest.mark.parametrize(("distance_km", "home_office", "presentiel"), [(12.3, 1, 4), (91.021, 2, 3), (3.5, 5, 0)])
def test_saved_and_generated_match_impactco2(mode, distance_km, home_office, presentiel):
    person = {"distance_km": distance_km, "mode": mode, "telework_days": home_office, "office_days": presentiel}
    results = simulate_person(person, method="impactco2", when="2026-11-01").results
    factor = IMPACTCO2_FACTORS_2026[mode]
    assert results["co2e_kg_net_per_year"] == pytest.approx(
        impactco2_saved(factor, distance_km, home_office), rel=1e-6
    )
    assert results["co2e_kg_per_year_remaining"] == pytest.approx(factor * distance_km * 92 * presentiel, rel=1e-6)
    footprint = impactco2_saved(factor, distance_km, home_office) / 91
    assert results["share_of_average_footprint_percent"] == pytest.approx(footprint, rel=1e-6)


def test_hand_computed_thermal_car():
    # 0.75 × 2 × 0.1422534122 × 40 × 92 = 785.238835344
    results = simulate_person(
        {"distance_km": 40, "mode": "voiture_thermique", "telework_days": 2, "office_days": 3},
        method="impactco2",
        when="2026-11-01",
    ).results
    assert results["co2e_kg_net_per_year"] == pytest.approx(785.238835344, rel=1e-9)


def format_number(value):
    """Impact CO2's display rounding (utils/formatNumber.ts): > 100 integer, > 10 one decimal, else two."""
    if value == 0:
        return "0"
    if value > 100:
        return f"{int(value + 0.5)}"
    if value > 10:
        return f"{int(value * 10 + 0.5) / 10:g}"
    return f"{int(value * 100 + 0.5) / 100:g}"


@pytest.mark.parametrize(
    ("mode", "distance_km", "presentiel", "home_office", "displayed"),
    [
        # Upstream end-to-end test (teste/teletravail.spec.ts, Nantes → Angers with the mocked distances: car
        # 91.021 km, rail 91.153 km), before the May 2026 car factor change (0.2176 kgCO2e/km).
        ("voiture_thermique", 91.021, 4, 1, "7289"),
        ("tramway", 91.153, 4, 1, "144"),
        ("tramway", 91.153, 2, 3, "71.8"),
    ],
)
def test_upstream_end_to_end_displayed_values(mode, distance_km, presentiel, home_office, displayed):
    person = {"distance_km": distance_km, "mode": mode, "telework_days": home_office, "office_days": presentiel}
    results = simulate_person(person, method="impactco2", when="2026-01-01").results
    assert format_number(results["co2e_kg_per_year_remaining"]) == displayed


@pytest.mark.parametrize("method", ["default", "impactco2"])
@pytest.mark.parametrize(
    ("mode", "fuel", "construction"),
    [("voiture_thermique", "gazole", 0.0316956522), ("moto", "essence", 0.0747)],
)
def test_fuel_and_co2_come_from_the_same_consumption(method, mode, fuel, construction):
    """CO2 per km = litres per km × kgCO2e per litre + construction, in both methods: the litres and the CO2 of a run
    agree (formerly the car's CO2 used Impact CO2's 3.6 L/100 km and its fuel 5.48 L/100 km)."""
    person = {"distance_km": 20, "mode": mode, "telework_days": 2, "office_days": 3}
    results = simulate_person(person, method=method, when="2026-11-01").results
    per_litre = {"gazole": 3.07, "essence": 2.7}[fuel]
    assert results["co2e_kg_per_year_baseline"] == pytest.approx(
        results["fuel_litres_per_year_baseline"] * per_litre + construction * results["km_per_year_baseline"],
        rel=1e-12,
    )


def test_default_method_differs_only_by_the_rebounds_impactco2_leaves_out():
    """For a mode whose factor both methods share (the car's fuel part differs: real-world use, Impact CO2's)."""
    person = {"distance_km": 30, "mode": "bus", "telework_days": 2, "office_days": 3}
    ours = simulate_person(person, when="2026-11-01").results
    theirs = simulate_person(person, method="impactco2", when="2026-11-01").results
    rebounds = ours["co2e_kg_rebound_home_energy_per_year"] + ours["co2e_kg_rebound_video_calls_per_year"]
    assert rebounds > 0
    assert ours["co2e_kg_net_per_year"] == pytest.approx(theirs["co2e_kg_net_per_year"] - rebounds, rel=1e-12)
