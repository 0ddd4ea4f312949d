"""`teletravail teleworkability …` through typer's CliRunner (no database)."""

import json

import pytest
from typer.testing import CliRunner

from teletravail.teleworkability.cli import teleworkability_app


runner = CliRunner()


def invoke(*args):
    return runner.invoke(teleworkability_app, list(args))


def test_search_json_lists_matches_with_codes_and_scores():
    result = invoke("search", "assistante de direction", "--format", "json", "--limit", "3")
    assert result.exit_code == 0, result.output
    matches = json.loads(result.stdout)
    assert len(matches) == 3
    first = matches[0]
    assert (first["pcs2020"], first["isco08"]) == ("46A1", "3343")
    assert first["confidence"] in ("haute", "moyenne", "faible")
    assert matches  # a loop over nothing would assert nothing
    for match in matches:
        assert {"label", "pcs2020", "isco08", "confidence", "dingel_neiman", "jrc", "jrc_social"} <= set(match)
        assert 0 <= match["dingel_neiman"] <= 1 and 0 <= match["jrc"] <= 1 and 0 <= match["jrc_social"] <= 1


def test_search_json_for_armed_forces_has_null_scores():
    matches = json.loads(invoke("search", "militaire du rang", "--format", "json", "--limit", "1").stdout)
    assert matches[0]["pcs2020"] == "53B3" and matches[0]["dingel_neiman"] is None


def test_search_table_and_no_match():
    table = invoke("search", "caissière")
    assert table.exit_code == 0 and "55D1" in table.stdout and "Caissiers du commerce" in table.stdout
    empty = invoke("search", "zzzyx", "--format", "json")
    assert empty.exit_code == 0 and json.loads(empty.stdout) == []
    assert "Aucune profession" in invoke("search", "zzzyx").stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("search", "comptable", "--format", "xml"), "« --format » : « xml » inconnu"),
        (("search", "comptable", "--limit", "0"), "« limit » : un nombre entier positif est attendu"),
        (("search", " "), "Intitulé de poste vide"),
        (("suggest", "99Z9"), "Code PCS 2020 « 99Z9 » inconnu"),
    ],
)
def test_bad_input_exits_with_code_2_and_a_french_message(args, message):
    result = invoke(*args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_suggest_and_reference_json():
    suggestions = json.loads(invoke("suggest", "54A3", "--format", "json").stdout)
    assert suggestions and all(item["criteria"] for item in suggestions)
    rows = json.loads(invoke("reference", "--format", "json").stdout)
    france = next(row for row in rows if row["measure"].startswith("France"))
    assert france["computed"] == pytest.approx(france["published"], abs=0.001)


def test_search_json_says_whether_each_candidate_is_confident():
    result = invoke("search", "responsable RH", "--format", "json", "--limit", "3")
    assert result.exit_code == 0, result.output
    candidates = json.loads(result.output)
    assert candidates[0]["pcs2020"] == "37B3"
    assert [candidate["confident"] for candidate in candidates] == [True, False, False]
    assert all(candidate["confidence"] in ("haute", "moyenne", "faible") for candidate in candidates)


def test_search_table_says_when_no_candidate_is_sure():
    result = invoke("search", "agent", "--limit", "3")
    assert result.exit_code == 0, result.output
    assert "Intitulé incertain" in result.output
    assert "Sûr" in result.output
