import pytest

from teletravail.apps.diagnostic import selectors as diagnostic
from tests.apps.planner.factories import planner_world


ACTIVITIES = ["Instruction des dossiers de subvention", "Rédaction des rapports d'activité"]


@pytest.fixture
def world(db, monkeypatch):
    """A private organisation (42 people, site « Siège ») whose diagnostic retained two activities."""
    monkeypatch.setattr(diagnostic, "eligible_activities", lambda organisation: list(ACTIVITIES))
    return planner_world()


@pytest.fixture
def public_world(db, monkeypatch):
    monkeypatch.setattr(diagnostic, "eligible_activities", lambda organisation: [])
    return planner_world(sector="public")
