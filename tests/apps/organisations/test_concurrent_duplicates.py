"""The same invitation, or the same file, sent twice at the same moment: both requests pass the checks before
either writes, and the unique constraints stop the second. The race is reproduced here by hiding from the checks
what the first request has just written; tests/server replays it against a real server."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from teletravail.apps.audit.models import AuditAction, AuditEvent
from teletravail.apps.organisations import csv_import, services
from teletravail.apps.organisations.models import Invitation, Team
from tests.apps.organisations.test_import_atomicity import HEADER, VALID_ROWS, counts


pytestmark = pytest.mark.django_db


def test_an_address_invited_at_the_same_moment_by_someone_else_answers_409(client, world, monkeypatch, mailoutbox):
    services.invite_member(organisation=world.organisation, actor=world.admin.user, email="recrue@exemple.fr")
    monkeypatch.setattr(services, "_check_invitable", lambda organisation, email: None)  # it ran before that write
    client.force_login(world.admin.user)
    response = client.post(
        reverse("organisations:member_invite", args=[world.organisation.pk]),
        {"email": "Recrue@exemple.fr", "role": "employee"},
    )
    assert response.status_code == 409
    assert "« recrue@exemple.fr » vient d&#x27;être invité·e au même moment" in response.content.decode()
    assert Invitation.objects.filter(email="recrue@exemple.fr").count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.MEMBER_INVITED).count() == 1
    assert mailoutbox == []


def test_a_file_imported_at_the_same_moment_by_someone_else_answers_409_and_writes_nothing(
    client, world, monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    services.import_members(organisation=world.organisation, actor=world.admin.user, source=HEADER + VALID_ROWS)
    monkeypatch.setattr(csv_import, "pending_invitation_emails", lambda organisation: set())
    client.force_login(world.admin.user)
    before = counts()
    preview = client.post(
        reverse("organisations:members_import", args=[world.organisation.pk]),
        {"file": SimpleUploadedFile("m.csv", (HEADER + VALID_ROWS).encode())},
    )
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            reverse("organisations:members_import_confirm", args=[world.organisation.pk]),
            {"token": preview.context["token"]},
        )
    assert response.status_code == 409
    assert "Une autre personne vient d&#x27;importer au même moment" in response.content.decode()
    assert counts() == before
    assert callbacks == [] and mailoutbox == []
    assert Team.objects.filter(organisation=world.organisation, name="Équipe nouvelle").count() == 1
