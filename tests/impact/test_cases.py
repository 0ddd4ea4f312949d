"""Runs every hand-computed case of tests/impact/cases/*.yaml (OpenFisca-style: inputs, expected outputs)."""

from pathlib import Path

import polars as pl
import pytest
import yaml

from teletravail.impact import simulate_person
from teletravail.impact.employer import EmployerInput, simulate_employer
from teletravail.impact.territory import TerritoryScenario, simulate_territory


CASES_DIR = Path(__file__).parent / "cases"


def load_cases():
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            cases.append(pytest.param(case, id=f"{path.stem}: {case['name']}"))
    return cases


CASES = load_cases()


def run(case):
    common = {"when": str(case["date"]), "method": case.get("method", "default"), "overrides": case.get("overrides")}
    if case["level"] == "person":
        return simulate_person(case["input"], **common).results, None
    if case["level"] == "employer":
        employer = EmployerInput(tuple(case["employees"]), **case.get("employer", {}))
        return simulate_employer(employer, **common).totals, None
    if case["level"] == "territory":
        flows = pl.DataFrame(case["flows"])
        result = simulate_territory(flows, TerritoryScenario(**case["scenario"]), **common)
        return result.totals, result.by_commune
    raise AssertionError(f"niveau inconnu : {case['level']}")


def test_there_are_cases_for_every_level():
    levels = {param.values[0]["level"] for param in CASES}
    assert levels == {"person", "employer", "territory"}
    assert len(CASES) >= 10


@pytest.mark.parametrize("case", CASES)
def test_case(case):
    results, by_commune = run(case)
    tolerance = case.get("rel", 1e-9)
    assert case["expected"]  # a loop over nothing would assert nothing
    for name, expected in case["expected"].items():
        assert name in results, f"effet absent : {name}"
        assert results[name] == pytest.approx(expected, rel=tolerance, abs=1e-12), name
    if "by_commune" not in case:
        return
    assert case["by_commune"]  # a loop over nothing would assert nothing
    for commune, columns in case["by_commune"].items():
        row = by_commune.filter(pl.col("commune") == commune).to_dicts()
        assert len(row) == 1, commune
        assert columns  # a loop over nothing would assert nothing
        for column, expected in columns.items():
            assert row[0][column] == pytest.approx(expected, rel=tolerance, abs=1e-9), (commune, column)
