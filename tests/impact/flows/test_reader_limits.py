"""A flows file beyond the limits of uploads.yaml is refused before the work: Parquet from its metadata, CSV from
its header and at the first row too many."""

from dataclasses import replace

import polars as pl
import pytest

from teletravail.impact.flows import FlowsInputError, read_flows
from teletravail.uploads import UNBOUNDED, upload_limits
from tests.impact.flows.conftest import write_rows
from tests.uploads.bombs import measured


def standard_parquet(path, rows):
    """`rows` identical flows in the standard layout: a few kilobytes of Parquet whatever the count."""
    pl.DataFrame(
        {
            "home": pl.repeat("01001", rows, eager=True),
            "work": pl.repeat("01004", rows, eager=True),
            "mode": pl.repeat("voiture", rows, eager=True),
            "workers": pl.repeat(1.0, rows, eager=True),
        }
    ).write_parquet(path)
    return path


def standard_csv(path, rows, extra_columns=0):
    header = ["home", "work", "mode", "workers"] + [f"note_{n}" for n in range(extra_columns)]
    return write_rows(path, header, [["01001", "01004", "voiture", "1"] + [""] * extra_columns] * rows)


def test_a_parquet_file_of_millions_of_rows_is_refused_from_its_metadata(tmp_path):
    """2,000,001 identical rows in 6 KB: read, checked and given distances before (seconds and hundreds of MB)."""
    path = standard_parquet(tmp_path / "flux.parquet", 2_000_001)
    assert path.stat().st_size < 50_000
    with (
        measured() as cost,
        pytest.raises(
            FlowsInputError,
            match="^Fichier « flux.parquet » : le fichier dépasse 2\u202f000\u202f000 lignes, la limite de la "
            "plateforme. Rien n'a été importé.$",
        ),
    ):
        read_flows(path)
    assert cost.seconds < 2 and cost.peak_mb < 10


def test_the_uncompressed_size_of_the_parquet_columns_read_is_bounded(tmp_path):
    path = standard_parquet(tmp_path / "flux.parquet", 1000)
    assert read_flows(path).flows.height == 1000
    tiny = replace(upload_limits("flows_file"), unpacked_bytes=1000)
    with pytest.raises(FlowsInputError, match="le fichier dépasse 0 Mo une fois décompressé"):
        read_flows(path, limits=tiny)


def test_a_csv_with_too_many_columns_is_refused_from_its_header(tmp_path):
    path = standard_csv(tmp_path / "flux.csv", 3, extra_columns=97)
    with pytest.raises(FlowsInputError, match="le fichier dépasse 100 colonnes"):
        read_flows(path)


def test_csv_rows_and_cells_beyond_the_limits_are_refused(tmp_path):
    path = standard_csv(tmp_path / "flux.csv", 1001)
    limits = replace(upload_limits("flows_file"), rows=1000)
    with pytest.raises(FlowsInputError, match="le fichier dépasse 1\u202f000 lignes"):
        read_flows(path, limits=limits)
    assert read_flows(path, limits=replace(limits, rows=1001)).flows.height == 1001
    with pytest.raises(FlowsInputError, match="le fichier dépasse 4\u202f000 cellules"):
        read_flows(path, limits=replace(limits, rows=2000, cells=4000))


def test_the_time_limit_stops_the_reader(tmp_path):
    path = standard_csv(tmp_path / "flux.csv", 10)
    with pytest.raises(FlowsInputError, match="la lecture du fichier dépasse 0 secondes"):
        read_flows(path, limits=replace(upload_limits("flows_file"), seconds=0))


def test_the_operators_own_files_are_not_bounded(tmp_path):
    path = standard_csv(tmp_path / "flux.csv", 3, extra_columns=120)
    assert read_flows(path, limits=UNBOUNDED).flows.height == 3
