"""A file with one bad row among valid ones writes nothing at all, whichever check catches it."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from teletravail.apps.audit.models import AuditEvent
from teletravail.apps.organisations import services
from teletravail.apps.organisations.models import Invitation, Membership, Team


HEADER = "email,nom,equipe,role,commune_residence\n"
VALID_ROWS = (
    "un@exemple.fr,Un,Équipe nouvelle,manager,42218\n"
    "deux@exemple.fr,Deux,Autre équipe,salarie,\n"
    "trois@exemple.fr,Trois,Alpha,administrateur,69383\n"
)


def counts():
    return {
        "users": get_user_model().objects.count(),
        "memberships": Membership.objects.count(),
        "invitations": Invitation.objects.count(),
        "teams": Team.objects.count(),
        "audit_events": AuditEvent.objects.count(),
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "bad_row",
    [
        "quatre@exemple.fr,Quatre,,chef,\n",  # Unknown role.
        "quatre@exemple.fr,Quatre,,salarie,99999\n",  # Unknown commune.
        "un@exemple.fr,Un bis,,salarie,\n",  # Duplicate in the file.
        "{member},Déjà là,,salarie,\n",  # Already a member.
        "{invited},Invité,,salarie,\n",  # Pending invitation.
    ],
)
def test_bad_row_leaves_everything_unchanged(client, world, bad_row, django_capture_on_commit_callbacks):
    bad_row = bad_row.format(member=world.employee.user.email, invited=world.invitation.email)
    before = counts()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(services.ImportRejected) as rejected:
            services.import_members(
                organisation=world.organisation, actor=world.admin.user, source=HEADER + VALID_ROWS + bad_row
            )

    assert [error.line for error in rejected.value.errors] == [5]
    assert counts() == before
    assert callbacks == []


@pytest.mark.django_db
def test_bad_row_through_the_page_leaves_everything_unchanged(client, world, mailoutbox):
    client.force_login(world.admin.user)
    before = counts()
    upload = SimpleUploadedFile("m.csv", (HEADER + VALID_ROWS + "x@exemple.fr,X,,chef,\n").encode())
    response = client.post(reverse("organisations:members_import", args=[world.organisation.pk]), {"file": upload})

    assert response.status_code == 400
    assert counts() == before
    assert mailoutbox == []


@pytest.mark.django_db
def test_the_same_file_without_the_bad_row_is_imported(world):
    before = counts()
    result = services.import_members(
        organisation=world.organisation, actor=world.admin.user, source=HEADER + VALID_ROWS
    )
    after = counts()
    assert len(result.invitations) == 3
    assert [team.name for team in result.teams_created] == ["Équipe nouvelle", "Autre équipe"]
    assert after["invitations"] == before["invitations"] + 3
    assert after["teams"] == before["teams"] + 2
    assert after["audit_events"] == before["audit_events"] + 1
    assert after["users"] == before["users"]  # Accounts are created when invitations are accepted.


@pytest.mark.django_db
def test_failure_during_the_writes_rolls_everything_back(world, monkeypatch, django_capture_on_commit_callbacks):
    """Teams and invitations already created are undone when a later step fails (here, the audit event)."""

    def broken_record_event(*args, **kwargs):
        raise RuntimeError("panne simulée")

    monkeypatch.setattr(services, "record_event", broken_record_event)
    before = counts()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError):
            services.import_members(
                organisation=world.organisation, actor=world.admin.user, source=HEADER + VALID_ROWS
            )
    assert counts() == before
    assert callbacks == []
