import json
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

import teletravail
from teletravail.cli import app
from teletravail.impact.errors import ImpactInputError
from teletravail.impact.flows.areas import communes_in_area, flows_touching


FD_MOBPRO = Path(teletravail.__file__).parent / "data" / "mobpro" / "fd_mobpro_2021_extrait_01001-01004.csv"


def test_france_means_no_filter():
    assert communes_in_area("france") is None
    assert communes_in_area(None) is None


def test_a_departement_and_its_region_nest():
    loire, region = communes_in_area("dep:42"), communes_in_area("reg:84")
    assert "42218" in loire and loire < region
    departements = pl.read_csv(FD_MOBPRO.parents[1] / "communes" / "departements.csv", infer_schema=False)
    assert len(loire) == int(departements.filter(pl.col("dep_code") == "42")["nb_communes"][0])


def test_a_split_commune_brings_its_arrondissements():
    lyon = communes_in_area("communes:69123")
    assert {"69123", "69381", "69389"} <= lyon and len(lyon) == 10


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("epci:999", "aucune commune pour « epci:999 »"),
        ("communes:99999", r"inconnue\(s\) : 99999"),
        ("ville:x", "zone"),
    ],
)
def test_unknown_areas_are_named_in_french(spec, message):
    with pytest.raises(ImpactInputError, match=message):
        communes_in_area(spec)


def test_flows_touching_keeps_rows_with_home_or_work_inside():
    flows = pl.DataFrame({"home": ["42218", "69383", "01001"], "work": ["69383", "01001", "01002"]})
    kept = flows_touching(flows, communes_in_area("dep:42") | {"01002"})
    assert kept["home"].to_list() == ["42218", "01001"]


def test_territory_command_reads_an_insee_detail_file_and_filters_the_area():
    runner = CliRunner()
    base = ["simulate", "territory", "--flows", str(FD_MOBPRO), "--telework-days", "2", "--adoption", "0.5"]
    everything = json.loads(runner.invoke(app, base).stdout)
    one_commune = json.loads(runner.invoke(app, [*base, "--area", "communes:01001"]).stdout)
    ipondi = pl.read_csv(FD_MOBPRO, separator=";", infer_schema=False).with_columns(
        pl.col("IPONDI").str.replace(",", ".").cast(pl.Float64)
    )
    touching = ipondi.filter((pl.col("COMMUNE") == "01001") | (pl.col("DCLT") == "01001"))
    assert one_commune["results"]["workers"] == pytest.approx(touching["IPONDI"].sum())
    assert 0 < one_commune["results"]["km_avoided_per_year"] < everything["results"]["km_avoided_per_year"]


def test_territory_command_refuses_a_bad_area_with_exit_code_2():
    result = CliRunner().invoke(
        app,
        [
            "simulate",
            "territory",
            "--flows",
            str(FD_MOBPRO),
            "--telework-days",
            "2",
            "--adoption",
            "0.5",
            "--area",
            "dep:zz",
        ],
    )
    assert result.exit_code == 2
    assert "Zone : " in result.stderr and "--area" not in result.stderr
