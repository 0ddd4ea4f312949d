import numpy as np
import polars as pl
import pytest

from teletravail.impact import MODES, ImpactInputError
from teletravail.impact.territory import TerritoryScenario, simulate_territory


WHEN = "2026-11-01"


def flows(**columns):
    base = {
        "home": ["A", "B"],
        "work": ["B", "B"],
        "mode": ["voiture", "bus"],
        "workers": [3.0, 2.0],
        "distance_km": [10.0, 4.0],
    }
    return pl.DataFrame({**base, **columns})


def test_contract_totals_and_attributes():
    result = simulate_territory(flows(), TerritoryScenario(2, 0.5), when=WHEN)
    for name in (
        "workers",
        "km_per_year_baseline",
        "hours_per_year_baseline",
        "fuel_litres_per_year_baseline",
        "co2e_kg_per_year_baseline",
        "km_avoided_per_year",
        "hours_saved_per_year",
        "fuel_litres_avoided_per_year",
        "co2e_kg_avoided_per_year",
        "co2e_kg_net_per_year",
        "commute_accidents_avoided_per_year",
        "money_eur_saved_per_year",
    ):
        assert getattr(result, name) == result.totals[name] == result[name]
        assert result.effects[name].unit
    assert result.workers == 5
    assert result.scenario.teleworkable_share == 0.377  # sourced default: the potential (Dingel–Neiman, France)
    assert result.scenario.office_days_per_week == 5  # working days per week


def test_lazy_frame_categorical_modes_and_extra_columns_are_accepted():
    frame = flows().with_columns(pl.col("mode").cast(pl.Enum(list(MODES))), pl.lit(1).alias("extra"))
    eager = simulate_territory(flows(), TerritoryScenario(2, 0.5), when=WHEN)
    lazy = simulate_territory(frame.lazy(), TerritoryScenario(2, 0.5), when=WHEN)
    assert lazy.totals == eager.totals


def test_ranking_of_communes():
    result = simulate_territory(flows(), TerritoryScenario(3, 1.0, 1.0), when=WHEN)
    assert result.top_gainers(1)["commune"].to_list() == ["A"]
    assert result.top_losers(1)["commune"].to_list() == ["B"]
    # B loses what A gains: 3 workers × 3 days × 46 weeks (the B → B flow stays in B)
    assert result.by_commune["net_presence_days_per_year"].sum() == pytest.approx(0)
    assert result.presence_days_moved_per_year == pytest.approx(3 * 3 * 46)
    no_table = simulate_territory(flows(), TerritoryScenario(3, 1.0, 1.0), when=WHEN, by_commune=False)
    assert no_table.by_commune is None
    with pytest.raises(ValueError, match="by_commune=True"):
        no_table.top_gainers()


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (flows().drop("distance_km"), "colonne\\(s\\) manquante\\(s\\) : distance_km"),
        (flows(mode=["voiture", "avion"]), "mode\\(s\\) inconnu\\(s\\) « avion »"),
        (flows(mode=["voiture", None]), "colonne « mode » : 1 valeur manquante\\."),
        (flows(mode=[None, None]), "colonne « mode » : 2 valeurs manquantes\\."),
        (flows(distance_km=[-1.0, 2.0]), "colonne « distance_km » : 1 valeur négative\\."),
        (flows(distance_km=[-1.0, -2.0]), "colonne « distance_km » : 2 valeurs négatives\\."),
        (flows(distance_km=[np.nan, 2.0]), "colonne « distance_km » : 1 valeur manquante ou non numérique\\."),
        (flows(distance_km=[np.nan, np.nan]), "colonne « distance_km » : 2 valeurs manquantes ou non numériques\\."),
        (flows(workers=["3", "x"]), "colonne « workers » : des nombres sont attendus"),
    ],
)
def test_bad_flows_are_refused_in_french(frame, message):
    with pytest.raises(ImpactInputError, match=message):
        simulate_territory(frame, TerritoryScenario(2, 0.5), when=WHEN)


@pytest.mark.parametrize(
    ("scenario", "message"),
    [
        (TerritoryScenario(2, 1.5), "« part des actifs télétravaillables qui télétravaillent » : une part entre 0"),
        (TerritoryScenario(2, 0.5, teleworkable_share=-0.1), "« part des actifs télétravaillables » : une part"),
        (TerritoryScenario(6, 0.5), "« jours de télétravail par semaine » : 6 jours de télétravail pour 5 jours"),
        (TerritoryScenario("deux", 0.5), "« jours de télétravail par semaine » : un nombre est attendu"),
        (TerritoryScenario(2, 0.5, office_days_per_week=7), "« jours travaillés par semaine » : entre 0 et 5 jours"),
    ],
)
def test_bad_scenarios_are_refused_in_french(scenario, message):
    with pytest.raises(ImpactInputError, match=message):
        simulate_territory(flows(), scenario, when=WHEN)


def test_a_million_rows_run_quickly_and_match_the_small_frame_scaled():
    """Vectorised: one million copies of the two rows give the two-row totals times one million."""
    small = simulate_territory(flows(), TerritoryScenario(2, 0.5), when=WHEN, by_commune=False)
    big_frame = pl.concat([flows()] * 500_000)
    big = simulate_territory(big_frame, TerritoryScenario(2, 0.5), when=WHEN, by_commune=False)
    assert big.co2e_kg_net_per_year == pytest.approx(small.co2e_kg_net_per_year * 500_000, rel=1e-9)


def test_prepared_flows_give_exactly_the_same_result_for_each_scenario():
    from teletravail.impact.territory import prepare_flows

    flows = pl.DataFrame(
        {
            "home": ["01001", "01002", "01001", "69383"],
            "work": ["69383", "01001", "01001", "69383"],
            "mode": ["voiture", "transports_en_commun", "marche", "aucun"],
            "workers": [10.0, 4.0, 2.5, 3.0],
            "distance_km": [40.0, 8.0, 1.2, 2.0],
        }
    )
    prepared = prepare_flows(flows)
    for scenario in (TerritoryScenario(2, 0.5), TerritoryScenario(1, 0.8)):
        direct, reused = simulate_territory(flows, scenario), simulate_territory(prepared, scenario)
        assert reused.totals == direct.totals
        assert reused.by_commune.equals(direct.by_commune)
