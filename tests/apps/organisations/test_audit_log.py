import pytest
from django.test import override_settings
from django.urls import reverse

from teletravail.apps.audit.models import AuditAction, AuditEvent
from teletravail.apps.audit.services import record_event
from teletravail.apps.organisations import services
from teletravail.apps.organisations.audit_log import describe_details
from tests.world import build_world


@pytest.fixture
def world(db):
    return build_world("A")


def log_url(world):
    return reverse("organisations:audit_log", args=[world.organisation.pk])


@pytest.mark.django_db
def test_admin_sees_the_organisation_events_most_recent_first(client, world):
    other = build_world("B")
    services.invite_member(organisation=world.organisation, actor=world.admin.user, email="zoe@exemple.fr")
    services.revoke_consultant_access(access=world.consultant_access, actor=world.admin.user)
    services.invite_member(organisation=other.organisation, actor=other.admin.user, email="secret@exemple.fr")

    client.force_login(world.admin.user)
    response = client.get(log_url(world))

    assert response.status_code == 200
    actions = [event.action for event, _ in response.context["rows"]]
    assert actions == [AuditAction.CONSENT_REVOKED, AuditAction.MEMBER_INVITED]
    html = response.content.decode()
    assert "Accès consultant révoqué" in html
    assert world.admin.user.email in html
    assert "zoe@exemple.fr" in html
    assert "secret@exemple.fr" not in html


EVENTS_PER_PAGE = 7


@pytest.mark.django_db
@override_settings(AUDIT_LOG_EVENTS_PER_PAGE=EVENTS_PER_PAGE)  # the page size is a setting of the instance
def test_log_is_paginated(client, world):
    for n in range(EVENTS_PER_PAGE + 5):
        record_event(AuditAction.MEMBER_INVITED, actor=world.admin.user, organisation=world.organisation, n=n)
    client.force_login(world.admin.user)

    first = client.get(log_url(world))
    second = client.get(log_url(world), {"page": 2})

    assert len(first.context["rows"]) == EVENTS_PER_PAGE
    assert first.context["rows"][0][0].details["n"] == EVENTS_PER_PAGE + 4
    assert [event.details["n"] for event, _ in second.context["rows"]] == [4, 3, 2, 1, 0]
    assert "fr-pagination" in first.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["manager", "employee", "consultant"])
def test_only_employer_admins_see_the_log(client, world, who):
    user = world.consultant if who == "consultant" else getattr(world, who).user
    client.force_login(user)
    assert client.get(log_url(world)).status_code == 403


@pytest.mark.django_db
def test_membership_and_consent_changes_each_leave_an_event(world):
    start = AuditEvent.objects.count()
    services.change_membership(membership=world.employee, actor=world.admin.user, role="manager")
    services.remove_membership(membership=world.employee, actor=world.admin.user)
    access = services.grant_consultant_access(
        organisation=world.organisation, actor=world.admin.user, email=build_world("C").consultant.email
    )
    services.revoke_consultant_access(access=access, actor=world.admin.user)

    actions = list(
        AuditEvent.objects.filter(organisation=world.organisation).order_by("id").values_list("action", flat=True)
    )[-4:]
    assert actions == [
        AuditAction.MEMBERSHIP_CHANGED,
        AuditAction.MEMBERSHIP_REMOVED,
        AuditAction.CONSENT_GRANTED,
        AuditAction.CONSENT_REVOKED,
    ]
    assert AuditEvent.objects.count() >= start + 4


def test_details_are_described_in_words():
    rows = describe_details(
        {
            "email": "a@exemple.fr",
            "before": {"role": "employee", "managed_teams": []},
            "after": {"role": "manager", "managed_teams": ["Dev", "Ops"]},
            "changes": {"name": ["Ancien", "Nouveau"]},
            "new_account": True,
        }
    )
    assert rows == [
        ("Adresse", "a@exemple.fr"),
        ("Avant", "Rôle : Salarié·e / agent·e ; Équipes encadrées : —"),
        ("Après", "Rôle : Manager ; Équipes encadrées : Dev, Ops"),
        ("Modifications", "Nom : Ancien → Nouveau"),
        ("Nouveau compte", "oui"),
    ]


def test_every_detail_an_event_records_has_a_label_in_words():
    """The audit log shows each detail under a label in the reader's language, never a key such as « activity »."""
    import ast
    from pathlib import Path

    import teletravail
    from teletravail.apps.organisations.audit_log import DETAIL_LABELS

    apps = Path(teletravail.__file__).parent / "apps"
    recorded = set()
    for path in apps.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", "")) == "record_event"
            ):
                recorded |= {keyword.arg for keyword in node.keywords if keyword.arg}
    recorded -= {"actor", "actor_email", "organisation", "request"}
    assert len(recorded) > 20
    assert sorted(recorded - set(DETAIL_LABELS)) == []
