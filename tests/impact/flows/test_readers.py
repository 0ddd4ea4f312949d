"""Every layout read from the real Ain extracts, checked against totals computed here with the csv module."""

import polars as pl
import pytest

from teletravail.impact.flows import STANDARD_SCHEMA, TRANS_TO_MODE, read_flows
from teletravail.impact.flows.codes import EXCLUDED_ABROAD
from teletravail.impact.flows.readers import MODE_FROM_DISTANCE, MODE_OBSERVED
from tests.impact.flows.conftest import (
    FD_EXTRACT,
    FLUX_BY_MODE_EXTRACT,
    FLUX_EXTRACT,
    read_rows,
    totals_by,
    write_rows,
)


def by_mode(flows):
    return {row["mode"]: row["workers"] for row in flows.group_by("mode").agg(pl.col("workers").sum()).to_dicts()}


def test_fd_mobpro_extract_totals_modes_and_exclusions(fd_rows):
    table = read_flows(FD_EXTRACT)

    total = sum(float(row["IPONDI"]) for row in fd_rows)
    abroad = [row for row in fd_rows if row["DCLT"] == "99999"]
    assert total == pytest.approx(6975.9, abs=0.05)  # SOURCES.md sanity figure
    assert table.metadata["layout"] == "fd_mobpro"
    assert table.metadata["rows_read"] == len(fd_rows) == 2149
    assert table.metadata["workers_read"] == pytest.approx(total)
    assert table.excluded == {EXCLUDED_ABROAD: {"rows": len(abroad), "workers": pytest.approx(5.0269, abs=1e-3)}}
    assert table.workers == pytest.approx(total - sum(float(row["IPONDI"]) for row in abroad))
    assert table.metadata["mode_source"] == MODE_OBSERVED
    assert dict(table.flows.schema) == STANDARD_SCHEMA

    expected = totals_by([row for row in fd_rows if row["DCLT"] != "99999"], ["TRANS"], "IPONDI")
    assert by_mode(table.flows) == pytest.approx({TRANS_TO_MODE[trans]: value for (trans,), value in expected.items()})
    home = {
        row["home"]: row["workers"] for row in table.flows.group_by("home").agg(pl.col("workers").sum()).to_dicts()
    }
    assert home == pytest.approx({"01001": 436.2, "01002": 112.7, "01004": 6422.1}, abs=0.1)


def test_same_commune_rows_get_the_intra_commune_distance_and_others_a_road_estimate():
    flows = read_flows(FD_EXTRACT).flows
    inside = flows.filter(pl.col("home") == pl.col("work"))
    assert inside.filter(pl.col("home") == "01001")["distance_km"].unique().to_list() == [
        pytest.approx(0.43 * (15.703 / 3.141592653589793) ** 0.5 * 1.3)
    ]
    lyon = flows.filter((pl.col("home") == "01004") & (pl.col("work") == "69383"))["distance_km"].unique()
    assert lyon.len() == 1 and 40 < lyon[0] < 70  # Ambérieu-en-Bugey → Lyon 3e, about 45 km by road
    assert flows["distance_km"].null_count() == 0


def test_base_flux_extract_spreads_each_flow_over_modes_and_says_so():
    rows = read_rows(FLUX_EXTRACT)
    table = read_flows(FLUX_EXTRACT)

    assert table.metadata["layout"] == "base_flux"
    assert table.metadata["vintage"] == "C21"
    assert table.metadata["mode_source"] == MODE_FROM_DISTANCE
    assert "ne donne pas le mode" in table.metadata["mode_note"]
    expected = totals_by([row for row in rows if row["DCLT"] != "99999"], ["CODGEO", "DCLT"], "NBFLUX_C21_ACTOCC15P")
    pairs = table.flows.group_by("home", "work").agg(pl.col("workers").sum())
    assert {(r["home"], r["work"]): r["workers"] for r in pairs.to_dicts()} == pytest.approx(expected)
    assert table.excluded[EXCLUDED_ABROAD]["rows"] == 1
    # « aucun » only where people work in their commune of residence.
    assert table.flows.filter((pl.col("mode") == "aucun") & (pl.col("home") != pl.col("work"))).height == 0
    assert set(table.flows["mode"].unique()) <= set(TRANS_TO_MODE.values())


def test_base_flux_split_by_mode_keeps_the_observed_modes_and_matches_the_detail_file(fd_rows):
    table = read_flows(FLUX_BY_MODE_EXTRACT)
    assert table.metadata["layout"] == "base_flux"
    assert table.metadata["mode_source"] == MODE_OBSERVED

    expected = totals_by([row for row in fd_rows if row["DCLT"] != "99999"], ["COMMUNE", "DCLT", "TRANS"], "IPONDI")
    got = table.flows.group_by("home", "work", "mode").agg(pl.col("workers").sum())
    assert {(r["home"], r["work"], r["mode"]): r["workers"] for r in got.to_dicts()} == pytest.approx(
        {(h, w, TRANS_TO_MODE[t]): v for (h, w, t), v in expected.items()}, abs=1e-5
    )


@pytest.mark.parametrize("vintage", ["C19", "C22"])
def test_any_vintage_of_the_base_flux_column(tmp_path, vintage):
    text = FLUX_EXTRACT.read_text(encoding="utf-8").replace("NBFLUX_C21_ACTOCC15P", f"NBFLUX_{vintage}_ACTOCC15P")
    path = tmp_path / "flux.csv"
    path.write_text(text, encoding="utf-8")
    table = read_flows(path)
    assert table.metadata["vintage"] == vintage
    assert table.workers == pytest.approx(read_flows(FLUX_EXTRACT).workers)


def test_decimal_comma_and_comma_separator_give_the_same_table(fd_file, fd_rows):
    reference = read_flows(FD_EXTRACT).flows
    comma = fd_file(lambda n, row: [*row[:-1], row[-1].replace(".", ",")], name="virgule.csv")
    both = fd_file(lambda n, row: [*row[:-1], row[-1].replace(".", ",")], name="csv-virgule.csv", separator=",")
    assert '"4,843533072555"' in both.read_text(encoding="utf-8")  # quoted, as a spreadsheet writes it
    for path in (comma, both):
        table = read_flows(path)
        assert table.metadata["separator"] == path.read_text(encoding="utf-8")[7]
        assert table.flows.equals(reference)


def test_fd_mobpro_in_parquet_and_extra_columns_ignored(tmp_path):
    frame = pl.read_csv(FD_EXTRACT, separator=";", infer_schema=False).with_columns(
        pl.col("IPONDI").cast(pl.Float64), pl.lit("ZZZZZ").alias("ARM"), pl.lit("1").alias("SEXE")
    )
    path = tmp_path / "fd.parquet"
    frame.write_parquet(path)
    table = read_flows(path)
    assert table.metadata["format"] == "parquet"
    assert table.flows.equals(read_flows(FD_EXTRACT).flows)


def test_arrondissement_of_residence_replaces_the_commune_for_paris(tmp_path):
    path = write_rows(
        tmp_path / "paris.csv",
        ["COMMUNE", "ARM", "DCLT", "TRANS", "IPONDI"],
        [
            ["75056", "75115", "75108", "6", "4,5"],
            ["75056", "75115", "75115", "2", "2"],
            ["01004", "ZZZZZ", "75108", "6", "1"],
        ],
    )
    flows = read_flows(path).flows
    assert flows["home"].to_list() == ["75115", "75115", "01004"]
    assert flows["work"].to_list() == ["75108", "75115", "75108"]
    assert flows["mode"].to_list() == ["transports_en_commun", "marche", "transports_en_commun"]
    assert flows["workers"].to_list() == [4.5, 2.0, 1.0]


def test_standard_layout_round_trip_keeps_given_distances(tmp_path):
    flows = read_flows(FD_EXTRACT).flows.with_columns(pl.col("distance_km") * 2)
    path = tmp_path / "standard.csv"
    flows.write_csv(path)
    again = read_flows(path)
    assert again.metadata["layout"] == "standard"
    assert again.flows.equals(flows)
    parquet = tmp_path / "standard.parquet"
    flows.drop("distance_km").write_parquet(parquet)
    assert read_flows(parquet).flows.equals(read_flows(FD_EXTRACT).flows)  # distances computed when absent


def test_special_work_codes_are_excluded_and_counted(tmp_path):
    path = write_rows(
        tmp_path / "speciaux.csv",
        ["COMMUNE", "DCLT", "TRANS", "IPONDI"],
        [
            ["01004", "99999", "5", "3"],
            ["01004", "YYYYY", "1", "2"],
            ["01004", "SU6621", "5", "4"],
            ["01004", "97501", "6", "1"],
            ["01004", "01004", "2", "5"],
        ],
    )
    table = read_flows(path)
    assert table.workers == 5
    assert {reason: counts["rows"] for reason, counts in table.excluded.items()} == {
        "lieu de travail à l'étranger (99999 ou code de pays)": 2,
        "lieu de travail sans objet (YYYYY)": 1,
        "lieu de travail dans une collectivité d'outre-mer (975xx, 977xx, 978xx, 98xxx)": 1,
    }
    assert table.excluded["lieu de travail à l'étranger (99999 ou code de pays)"]["workers"] == 7


def test_unknown_codes_can_be_excluded_on_request(tmp_path):
    path = write_rows(
        tmp_path / "ancien.csv",
        ["COMMUNE", "DCLT", "TRANS", "IPONDI"],
        [["01004", "01999", "5", "3"], ["01998", "01004", "5", "2"], ["01004", "01004", "5", "1"]],
    )
    table = read_flows(path, unknown_codes="exclude")
    assert table.workers == 1
    assert table.excluded == {"code commune inconnu du référentiel (exclusion demandée)": {"rows": 2, "workers": 5}}


def test_communes_without_centroid_get_an_imputed_distance_reported(tmp_path):
    path = write_rows(
        tmp_path / "cantal.csv",
        ["CODGEO", "DCLT", "TRANS", "NBFLUX_C21_ACTOCC15P"],
        [["15031", "15031", "5", "10"], ["15031", "15141", "5", "20"], ["15141", "15141", "5", "30"]],
    )
    table = read_flows(path)
    assert table.metadata["imputed_communes"] == ["15031"]
    assert table.metadata["imputed_distance_rows"] == 2
    assert table.metadata["imputed_distance_workers"] == 30
    assert table.flows["distance_km"].is_finite().all()
    # Celles was split from Neussargues-Moissac in 2026: the EPCI centroid puts it a few km away.
    assert 0 < table.flows["distance_km"][1] < 15


def test_windows_exports_bom_crlf_and_latin1_names_read_the_same(tmp_path):
    text = FLUX_EXTRACT.read_text(encoding="utf-8")
    bom = tmp_path / "bom.csv"
    bom.write_text(text.replace("\n", "\r\n"), encoding="utf-8-sig", newline="")
    latin = tmp_path / "latin1.csv"
    latin.write_text(text, encoding="latin-1", newline="")  # names (LIBGEO) are not read, codes are ASCII
    expected = read_flows(FLUX_EXTRACT).flows
    assert read_flows(bom).flows.equals(expected)
    assert read_flows(latin).flows.equals(expected)
