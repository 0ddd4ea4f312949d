"""The national baseline on a small hand-made table: km, hours, fuel and CO2 computed by hand.

Days and occupancy come from flows.yaml; the speeds and the fuel are the impact engine's (impact.yaml), read
through its own per-mode resolution (teletravail.impact.core.speed_kmh and litres_per_km).
"""

import polars as pl
import pytest

from teletravail.impact.core import speed_kmh
from teletravail.impact.flows import flows_parameters, national_baseline
from teletravail.impact.params import ImpactParameters
from teletravail.parameters import load_parameters


WHEN = "2026-11-01"
# Ambérieu-en-Bugey (01004), L'Abergement-Clémenciat (01001), Lyon 3e (69383).
FLOWS = pl.DataFrame(
    {
        "home": ["01001", "01004", "01004", "01001"],
        "work": ["01004", "01004", "69383", "01001"],
        "mode": ["voiture", "marche", "transports_en_commun", "aucun"],
        "workers": [10.0, 5.0, 2.0, 3.0],
        "distance_km": [20.0, 1.5, 45.0, 2.0],
    }
)


@pytest.fixture(scope="module")
def params():
    return flows_parameters(WHEN)


def test_baseline_by_hand(params):
    baseline = national_baseline(FLOWS, params)
    # 212 commuting days (flows.yaml), 2 trips a day: 424 one-way trips a year; « aucun » does not travel.
    assert params.commuting_days_per_year == 212
    assert baseline.km_per_year == pytest.approx(126_140, rel=1e-12)  # 424 × (10 × 20 + 5 × 1.5 + 2 × 45)
    # Timing of impact.yaml: a car trip of 20 km = 5 access minutes + 10 km at 38 km/h + 10 km at 70 km/h
    # = 1/12 + 5/19 + 1/7 h = 781/1596 h; walk 4.5, public transport 18 km/h door to door.
    # 424 × (10 × 781/1596 + 7.5 / 4.5 + 90 / 18) = 424 × (3905/798 + 5320/798) = 424 × 9225/798 = 4 901.50376
    assert baseline.hours_per_year == pytest.approx(424 * 9225 / 798, rel=1e-12)
    assert baseline.speeds_kmh == {"marche": 4.5, "velo": 14, "moto": 32, "voiture": 38, "transports_en_commun": 18}
    # Car: 424 × 200 = 84 800 km, 1 commuter per car, (1 − 0.029 electric) × 5.48 L/100 km = 5.32108 L/100 km.
    assert baseline.car_km_per_year == pytest.approx(84_800, rel=1e-12)
    assert baseline.fuel_litres_per_year == pytest.approx(4512.27584, rel=1e-12)  # 84 800 × 0.0532108
    # Diesel 3.07 kgCO2e/L: 4 512.27584 × 3.07 = 13 852.6868288 kg.
    assert baseline.co2_tonnes_per_year == pytest.approx(13.8526868288, rel=1e-12)
    assert baseline.same_commune_share == pytest.approx(8 / 20)  # 5 walkers + 3 « aucun » in their commune
    assert baseline.mean_round_trip_km == pytest.approx(30.35)  # 2 × (200 + 7.5 + 90 + 3 × 2) / 20
    assert baseline.no_transport_share == pytest.approx(3 / 20)
    assert baseline.mode_shares["voiture"] == pytest.approx(10 / 17)


def test_the_speeds_are_the_impact_engines_own(params):
    """No copy: the baseline reads impact.yaml through the engine's resolution, overrides included."""
    impact = ImpactParameters.load(WHEN)
    baseline = national_baseline(FLOWS, params)
    assert baseline.speeds_kmh == {mode: speed_kmh(mode, impact.value) for mode in baseline.speeds_kmh}
    assert not [name for name in load_parameters("flows") if "speed" in name]
    faster = ImpactParameters.load(WHEN, overrides={"average_speed_kmh.voiture_thermique": 40}).value
    # The census « voiture » follows the thermal car: 424 × (10 × (1/12 + 10/40 + 1/7) + 15/9 + 5)
    # = 424 × (100/21 + 140/21) = 424 × 80/7 = 33 920 / 7
    assert national_baseline(FLOWS, params, impact=faster).hours_per_year == pytest.approx(33_920 / 7, rel=1e-12)
