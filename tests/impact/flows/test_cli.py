import polars as pl
import pytest
from typer.testing import CliRunner

from teletravail.cli import app
from teletravail.impact.flows import read_flows
from tests.impact.flows.conftest import FD_EXTRACT, FLUX_EXTRACT


runner = CliRunner()


def test_check_flows_prints_a_summary():
    result = runner.invoke(app, ["data", "check-flows", str(FD_EXTRACT)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Insee fichier détail FD_MOBPRO" in out
    assert "Lignes lues : 2\u202f149 ; conservées : 2\u202f147" in out
    assert "Actifs lus : 6\u202f975,9 ; retenus : 6\u202f970,9" in out
    assert "Exclues — lieu de travail à l'étranger (99999 ou code de pays) : 2 lignes, 5,0 actifs" in out
    assert "dans leur commune : 37,4 %" in out  # SOURCES.md sanity figure
    assert "voiture 76,1 %" in out and "transports_en_commun 12,7 %" in out
    assert "Distance moyenne (aller) : " in out
    assert "millions de km" in out and "du plan" not in out  # a small file is not compared with the plan


def test_check_flows_says_when_modes_are_assigned():
    result = runner.invoke(app, ["data", "check-flows", str(FLUX_EXTRACT)])
    assert result.exit_code == 0, result.output
    assert "millésime C21" in result.stdout
    assert "Mode : attribué par tranche de distance" in result.stdout


def test_convert_writes_the_standard_table(tmp_path):
    out = tmp_path / "standard.parquet"
    result = runner.invoke(app, ["data", "convert", str(FLUX_EXTRACT), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"écrites dans {out}" in result.stdout
    metadata = pl.read_parquet_metadata(out)
    assert metadata["layout"] == "base_flux"
    assert metadata["mode_source"] == "attribué par tranche de distance"
    assert metadata["synthetic"] == "false"
    again = read_flows(out)
    assert again.metadata["layout"] == "standard"
    assert again.workers == pytest.approx(read_flows(FLUX_EXTRACT).workers)
    assert again.flows.equals(read_flows(FLUX_EXTRACT).flows)
