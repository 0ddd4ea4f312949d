"""The engines' messages for a bad value speak words: a value typed in a form, an API call or a command is named
as people say it (« jours de télétravail par semaine »), never by an identifier of the code
(« telework_days_per_week »). The command line may add its own option name.

Documents that people write themselves with the engine's keys (planning JSON, charter options in YAML, flows and
staff files with their column names) are named by those keys on purpose and are not scanned here."""

import re

import pytest

from teletravail.charter.annexes import individual_agreement_form, public_authorisation_form
from teletravail.charter.options import default_options
from teletravail.impact.communes import commute_distance
from teletravail.impact.employer import EmployerInput, simulate_employer
from teletravail.impact.montecarlo import check_draws
from teletravail.impact.params import ImpactParameters
from teletravail.impact.person import validate_person
from teletravail.impact.territory import TerritoryScenario, resolve_scenario
from teletravail.teleworkability.assessment import Activity, Job, assess_job


IDENTIFIER = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
WHEN = "2026-06-01"


def params():
    return ImpactParameters.load(when=WHEN)


BAD_PERSON = {
    "distance_km": "loin",
    "mode": "avion",
    "telework_days": 9,
    "office_days": -1,
    "round_trip_minutes": "long",
    "car_cv": 0,
    "moto_cv": 500,
    "allowance_eur_per_day": -3,
}

BAD_INPUTS = {
    "territory, days not a number": lambda: resolve_scenario(TerritoryScenario("deux", 0.5), params()),
    "territory, adoption not a number": lambda: resolve_scenario(TerritoryScenario(2, "moitié"), params()),
    "territory, shares out of range": lambda: resolve_scenario(
        TerritoryScenario(2, 1.5, teleworkable_share=2), params()
    ),
    "territory, office days out of range": lambda: resolve_scenario(
        TerritoryScenario(2, 0.5, office_days_per_week=9), params()
    ),
    "territory, negative days": lambda: resolve_scenario(TerritoryScenario(-1, 0.5), params()),
    "territory, more telework than work": lambda: resolve_scenario(TerritoryScenario(6, 0.5), params()),
    "territory, office days not a number": lambda: resolve_scenario(
        TerritoryScenario(2, 0.5, office_days_per_week="cinq"), params()
    ),
    "person, nothing given": lambda: validate_person({}, params()),
    "person, every value wrong": lambda: validate_person(BAD_PERSON, params()),
    "person, too many days": lambda: validate_person(
        {"distance_km": 10, "mode": "bus", "telework_days": 3, "office_days": 4}, params()
    ),
    "employer, figures wrong": lambda: simulate_employer(
        EmployerInput(
            employees=({"distance_km": 10, "mode": "bus", "telework_days": 2},),
            desks=-1,
            desk_sharing_ratio="beaucoup",
            allowance_eur_per_telework_day=-2,
        ),
        when=WHEN,
    ),
    "employer, an employee wrong": lambda: simulate_employer(
        EmployerInput(employees=({"distance_km": -4, "mode": "fusée", "telework_days": "deux"},)), when=WHEN
    ),
    "communes unknown": lambda: commute_distance("99999", "00000", WHEN),
    "draws negative": lambda: check_draws(-1, None),
    "draws too many": lambda: check_draws(10**7, None),
    "authorisation, days out of range": lambda: public_authorisation_form(
        default_options("public"), telework_days_per_week=9
    ),
    "authorisation, private sector": lambda: public_authorisation_form(default_options("prive", has_cse=False)),
    "individual agreement, public sector": lambda: individual_agreement_form(default_options("public")),
    "assessment, a blocker given as lifted and a bad share": lambda: assess_job(
        Job("Comptable", (Activity("Tri", -5, lifted=("originaux_physiques", "presence_collective")),))
    ),
}


@pytest.mark.parametrize("call", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_messages_for_bad_values_name_no_identifier_of_the_code(call):
    with pytest.raises(ValueError) as error:
        call()
    lines = error.value.lines()
    assert lines  # each input above is refused with at least one message
    assert [line for line in lines if IDENTIFIER.search(line)] == []


@pytest.mark.parametrize(
    "typed, mode",
    [
        ("Vélo à assistance électrique", "velo_electrique"),
        ("RER ou Transilien", "rer"),
        ("Train (TER)", "train"),
        ("velo-electrique", "velo_electrique"),
        ("voiture_thermique", "voiture_thermique"),
    ],
)
def test_a_mode_is_understood_by_the_label_its_message_lists_as_well_as_by_its_code(typed, mode):
    person = validate_person({"distance_km": 10, "mode": typed, "telework_days": 2}, params())
    assert person.mode == mode
