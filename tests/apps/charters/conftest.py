import pytest

from teletravail.apps.charters import selectors
from teletravail.apps.diagnostic import selectors as diagnostic
from tests.world import build_world


ACTIVITIES = ["Instruction des dossiers de subvention", "Rédaction des rapports d'activité"]


def _answering_the_cse_question(prefill):
    """The pre-filled options with « does the company have a CSE? » answered yes, as the admin of a company of 42
    answers it in step 2 (the pre-fill itself leaves it unanswered)."""

    def prefill_and_answer(organisation, sector, document_type):
        options = prefill(organisation, sector, document_type)
        if sector == "prive":
            options["organisation"]["has_cse"] = True
        return options

    return prefill_and_answer


@pytest.fixture
def unanswered_world(db, monkeypatch):
    """A private organisation (42 people, site « Site Nord ») whose diagnostic retained two activities."""
    monkeypatch.setattr(diagnostic, "eligible_activities", lambda organisation: list(ACTIVITIES))
    return build_world()


@pytest.fixture
def world(unanswered_world, monkeypatch):
    """The same organisation, whose admin has answered that it has a CSE."""
    monkeypatch.setattr(selectors, "prefill", _answering_the_cse_question(selectors.prefill))
    return unanswered_world


@pytest.fixture
def public_world(db, monkeypatch):
    monkeypatch.setattr(diagnostic, "eligible_activities", lambda organisation: [])
    return build_world(sector="public")
