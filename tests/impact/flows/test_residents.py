"""The potential teleworkers living in each commune: the flows model's resident workers × the teleworkable share,
computed here by hand from the bundled commune file and the parameter files."""

import csv

import pytest

from teletravail.impact.flows.reference import DEFAULT_COMMUNES_FILE
from teletravail.impact.flows.residents import potential_teleworkers
from teletravail.parameters import load_parameters


def test_a_commune_s_potential_teleworkers_are_its_share_of_the_national_workers_times_the_teleworkable_share():
    with open(DEFAULT_COMMUNES_FILE, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    # Paris, Lyon and Marseille count by arrondissement, not twice.
    split = {row["commune_parente"] for row in rows if row["type"] == "ARM"}
    population = sum(float(row["population"] or 0) for row in rows if row["code_insee"] not in split)
    workers = load_parameters("flows")["target_workers"].at().central
    share = load_parameters("impact")["teleworkable_share"].at().central
    ambronay = next(row for row in rows if row["code_insee"] == "01007")

    zones = {code: (name, teleworkers) for code, name, _lat, _lon, teleworkers in potential_teleworkers("dep:01")}

    assert zones["01007"] == ("Ambronay", pytest.approx(float(ambronay["population"]) * workers / population * share))
    assert len(zones) == sum(1 for row in rows if row["dep_code"] == "01")


def test_a_city_with_arrondissements_counts_them_and_not_itself():
    codes = {code for code, *_rest in potential_teleworkers("dep:69")}
    assert "69381" in codes and "69123" not in codes
