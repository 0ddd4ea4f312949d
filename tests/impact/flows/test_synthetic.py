"""The synthetic national table: calibration, the plan's national figures, reproducibility, schema.

The gravity model runs on the full commune table (all of France, as the product does: about 20 s, once per
module); the rows are drawn at a smaller scale (400,000 rows instead of about 8.9 million, weights scaled up)
because the national aggregates do not depend on the number of rows beyond sampling noise (< 0.1 point here).
"""

import dataclasses

import numpy as np
import polars as pl
import pytest
from typer.testing import CliRunner

from teletravail.cli import app
from teletravail.impact.flows import (
    MODES,
    STANDARD_COLUMNS,
    TRANS_TO_MODE,
    flows_parameters,
    national_baseline,
    read_flows,
)
from teletravail.impact.flows.reference import CommuneReference, load_reference
from teletravail.impact.flows.synthetic import (
    FD_COLUMNS,
    SyntheticTable,
    build_network,
    calibrate,
    rows_frame,
    sample_rows,
    synthesize,
    synthetic_metadata,
    write_synthetic,
)


ROWS = 400_000
SEED = 2026


@pytest.fixture(scope="module")
def params():
    return flows_parameters()


@pytest.fixture(scope="module")
def model(params):
    network = build_network(params)
    calibration, probabilities = calibrate(network, params)
    return network, calibration, probabilities


@pytest.fixture(scope="module")
def frame(model, params):
    network, calibration, probabilities = model
    return rows_frame(network, *sample_rows(network, probabilities, calibration, params, rows=ROWS, seed=SEED))


def test_calibration_reaches_its_targets(model, params):
    _network, calibration, _probabilities = model
    assert calibration.same_commune_share == pytest.approx(params.target_same_commune_share, abs=1e-4)
    assert calibration.mean_round_trip_km == pytest.approx(params.target_mean_round_trip_km, rel=1e-4)
    assert calibration.mode_ipf_gap < 1e-8
    assert 2 < calibration.decay_km < 30 and calibration.stay_factor > 1
    # Checked against Insee figures the calibration does not use directly (France de province).
    assert calibration.workers_share_within_2km == pytest.approx(params.target_share_within_2km, abs=0.03)
    assert calibration.workers_share_within_5km == pytest.approx(params.target_share_within_5km, abs=0.04)
    # Truncation to the nearest candidates: the farthest candidate carries almost nothing.
    assert calibration.edge_weight_share < 1e-3


def test_sampled_table_reproduces_the_national_aggregates_and_the_plan(frame, params):
    baseline = national_baseline(frame, params)

    assert frame.height == pytest.approx(ROWS, rel=0.01)
    assert baseline.workers == pytest.approx(params.target_workers, rel=1e-9)
    assert baseline.same_commune_share == pytest.approx(params.target_same_commune_share, abs=0.005)
    assert baseline.mean_round_trip_km == pytest.approx(params.target_mean_round_trip_km, rel=0.01)
    assert baseline.no_transport_share == pytest.approx(params.target_no_transport_share, abs=0.003)
    assert params.target_mode_shares  # a loop over nothing would assert nothing
    for mode, share in params.target_mode_shares.items():
        assert baseline.mode_shares[mode] == pytest.approx(share, abs=0.004), mode
    # The plan: about 150 billion km and 6 billion hours a year, within the tolerance of flows.yaml (15 %).
    assert abs(baseline.km_error) <= params.plan_tolerance
    assert abs(baseline.hours_error) <= params.plan_tolerance
    assert baseline.reproduces_plan


def test_the_plan_check_fails_when_the_baseline_is_off(frame, params):
    halved = dataclasses.replace(params, commuting_days_per_year=params.commuting_days_per_year / 2)
    baseline = national_baseline(frame, halved)
    assert baseline.km_error < -params.plan_tolerance
    assert not baseline.reproduces_plan


def test_same_seed_same_rows_other_seed_other_rows(model, params):
    network, calibration, probabilities = model
    first = sample_rows(network, probabilities, calibration, params, rows=20_000, seed=11)
    again = sample_rows(network, probabilities, calibration, params, rows=20_000, seed=11)
    other = sample_rows(network, probabilities, calibration, params, rows=20_000, seed=12)
    assert all(np.array_equal(a, b) for a, b in zip(first, again, strict=True))
    assert not np.array_equal(first[1], other[1])


def test_schema_and_codes_of_the_fd_like_layout(frame):
    assert frame.columns == [*FD_COLUMNS, *STANDARD_COLUMNS]
    assert all(
        dtype == pl.Utf8 for dtype in frame.select("COMMUNE", "ARM", "DCLT", "TRANS", "home", "work", "mode").dtypes
    )
    assert frame.select("IPONDI", "workers", "distance_km").dtypes == [pl.Float64] * 3
    assert frame["IPONDI"].equals(frame["workers"], check_names=False)
    assert frame["DCLT"].equals(frame["work"], check_names=False)
    assert set(frame["mode"].unique()) == set(MODES)
    assert (frame["TRANS"].replace_strict(TRANS_TO_MODE) == frame["mode"]).all()
    assert (frame["distance_km"] > 0).all()
    assert frame.filter((pl.col("mode") == "aucun") & (pl.col("home") != pl.col("work"))).height == 0
    # Paris, Lyon, Marseille: COMMUNE is the commune, ARM the arrondissement of residence (ZZZZZ elsewhere).
    reference = load_reference().table.filter(pl.col("type") == "ARM").select(home="code", parent="commune")
    arm_rows = frame.join(reference, on="home", how="inner")
    assert arm_rows.height > 0
    assert (arm_rows["ARM"] == arm_rows["home"]).all() and (arm_rows["COMMUNE"] == arm_rows["parent"]).all()
    assert (frame.filter(~pl.col("home").is_in(reference["home"].implode()))["ARM"] == "ZZZZZ").all()


def test_parquet_file_is_labelled_synthetic_and_reads_back_in_both_layouts(tmp_path, model, frame, params):
    network, calibration, _probabilities = model
    small = frame.head(50_000)
    table = SyntheticTable(small, calibration, SEED, synthetic_metadata(calibration, SEED, params, small, 1000), {})
    path = write_synthetic(table, tmp_path / "synthetique.parquet")

    metadata = pl.read_parquet_metadata(path)
    assert metadata["synthetic"] == "true"
    assert "TABLE SYNTHÉTIQUE" in metadata["description"]
    assert metadata["seed"] == str(SEED)
    standard = read_flows(path)
    assert standard.metadata["synthetic"] is True
    assert standard.metadata["mode_source"] == "synthétique"
    assert standard.flows.equals(small.select(STANDARD_COLUMNS))

    fd_only = tmp_path / "fd_synthetique.parquet"
    small.select(FD_COLUMNS).write_parquet(fd_only)
    as_fd = read_flows(fd_only).flows
    assert as_fd.select("home", "work", "mode", "workers").equals(small.select("home", "work", "mode", "workers"))
    assert as_fd["distance_km"].to_numpy() == pytest.approx(small["distance_km"].to_numpy(), rel=1e-6)


def test_cli_synthesize_flows_on_a_small_territory(tmp_path, monkeypatch):
    """The command's wiring (progress, file, summary) on the Ain alone, to stay fast."""
    full = load_reference()
    ain = CommuneReference(full.table.filter(pl.col("dep") == "01"), source="ain")

    def small(**kwargs):
        return synthesize(reference=ain, candidates=100, **kwargs)

    monkeypatch.setattr("teletravail.impact.flows.synthetic.synthesize", small)
    out = tmp_path / "ain.parquet"
    result = CliRunner().invoke(app, ["data", "synthesize-flows", "--out", str(out), "--seed", "3", "--rows", "5000"])
    assert result.exit_code == 0, result.output
    assert f"Table SYNTHÉTIQUE écrite : {out}" in result.stdout
    assert "Modèle gravitaire calé : L = " in result.stdout
    assert pl.read_parquet_metadata(out)["seed"] == "3"
    assert pl.read_parquet(out).height == pytest.approx(5000, rel=0.05)

    wrong = CliRunner().invoke(app, ["data", "synthesize-flows", "--out", str(tmp_path / "table.csv")])
    assert wrong.exit_code == 2
    assert "l'extension doit être .parquet" in wrong.stderr
