"""The audit event of a change: the object's state before and after the writes, recorded only when it changed."""

import pytest

from teletravail.apps.audit.models import AuditAction, AuditEvent
from teletravail.apps.audit.services import recording_change
from tests.factories import UserFactory


pytestmark = pytest.mark.django_db


def test_a_change_is_recorded_with_its_details_and_both_states():
    actor, state = UserFactory(), {"name": "Compta"}
    with recording_change(AuditAction.ORGANISATION_CHANGED, lambda: dict(state), actor=actor, object="team"):
        state["name"] = "Comptabilité"
    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.actor_email) == (AuditAction.ORGANISATION_CHANGED, actor, actor.email)
    assert event.details == {"object": "team", "before": {"name": "Compta"}, "after": {"name": "Comptabilité"}}


def test_writes_that_change_nothing_record_nothing():
    with recording_change(AuditAction.ORGANISATION_CHANGED, lambda: {"name": "Compta"}, actor=UserFactory()):
        pass
    assert not AuditEvent.objects.exists()


def test_writes_that_fail_record_nothing():
    state = {"name": "Compta"}
    change = recording_change(AuditAction.ORGANISATION_CHANGED, lambda: dict(state), actor=None)
    with pytest.raises(ValueError), change:
        state["name"] = "Comptabilité"
        raise ValueError("refused")
    assert not AuditEvent.objects.exists()
