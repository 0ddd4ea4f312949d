import pytest

from teletravail.apps.diagnostic import selectors as diagnostic
from tests.world import build_world


ACTIVITIES = ["Instruction des dossiers de subvention", "Rédaction des rapports d'activité"]


@pytest.fixture
def world(db, monkeypatch):
    """A private organisation (42 people, site « Siège ») whose diagnostic retained two activities."""
    monkeypatch.setattr(diagnostic, "eligible_activities", lambda organisation: list(ACTIVITIES))
    return build_world()


@pytest.fixture
def public_world(db, monkeypatch):
    monkeypatch.setattr(diagnostic, "eligible_activities", lambda organisation: [])
    return build_world(sector="public")
