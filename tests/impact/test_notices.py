import copy
import pickle

from teletravail.impact.notices import TEXTS, SimulationWarning
from teletravail.impact.person import PersonInput, simulate_person


def test_a_person_warning_is_french_text_and_has_its_english_one():
    result = simulate_person(PersonInput(distance_km=10, mode="aucun", telework_days=0, office_days=5))
    assert {warning.code for warning in result.warnings} == {"no_telework_day", "no_commute"}
    assert "Mode « aucun » : pas de trajet domicile-travail, aucun effet." in result.warnings
    assert {warning.text("en") for warning in result.warnings} == {
        "No telework day: no effect.",
        TEXTS["no_commute"][1],
    }


def test_a_warning_keeps_its_english_text_when_copied_or_pickled():
    warning = SimulationWarning("desks_short", presence=7.5, desks=6)
    for copied in (copy.deepcopy(warning), pickle.loads(pickle.dumps(warning))):
        assert copied == warning
        assert copied.text("en").startswith("Not enough desks: ") and "7.5 people" in copied.text("en")
    assert "7,5 personnes" in warning and "6 postes" in warning
