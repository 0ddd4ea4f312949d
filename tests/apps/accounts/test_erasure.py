"""A person erases their account: nothing personal is left anywhere in the database (their address and name are
searched in every row of every table), the audit trail keeps a pseudonymous trace, and the last admin of an
organisation is refused."""

import json

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from teletravail.apps.accounts.models import User
from teletravail.apps.audit.models import AuditAction, AuditEvent
from teletravail.apps.audit.services import record_event
from teletravail.apps.core.personal_data import erase_account, erasure_alias
from teletravail.apps.notifications.models import Notification
from teletravail.apps.planner.models import Assignment
from tests.conftest import TEST_PASSWORD
from tests.world import add_modules, build_world


pytestmark = pytest.mark.django_db

NAME = "Zoé Singulière"


def rows_naming(*identities):
    """(model, field) of every stored value that holds one of `identities`."""
    found = set()
    for model in apps.get_models():
        for row in model.objects.values():
            for field, value in row.items():
                text = json.dumps(value, default=str, ensure_ascii=False).casefold()
                if any(identity.casefold() in text for identity in identities):
                    found.add((model._meta.label, field))
    return found


@pytest.fixture
def world():
    world = build_world("A")
    person = world.members[0].user
    person.full_name = NAME
    person.save()
    add_modules(world)
    build_world("B", modules=True)
    return world


def test_nothing_personal_is_left_and_the_audit_trail_is_pseudonymous(world):
    membership = world.members[0]
    person = membership.user
    Assignment.objects.create(
        plan=world.plan, membership=membership, week=1, day="lun", date=world.plan.start, where="remote"
    )
    record_event(AuditAction.LOGIN, actor=person)
    # A notification to someone else that names the person.
    Notification.objects.create(
        recipient=world.manager.user, kind="x", title=f"{NAME} a répondu", body=f"Écrire à {person.email}", link="/"
    )
    record_event(
        AuditAction.MEMBER_INVITED, actor=world.admin.user, organisation=world.organisation, email=person.email
    )
    email, alias = person.email, erasure_alias(person)
    assert rows_naming(email, NAME)  # the world does name the person before

    erase_account(person)

    assert rows_naming(email, NAME) == set()
    assert not User.objects.filter(email=email).exists()
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN, actor_email=alias, actor=None).count() == 1
    assert AuditEvent.objects.get(action=AuditAction.MEMBER_INVITED).details["email"] == alias
    assert AuditEvent.objects.filter(action=AuditAction.ACCOUNT_ERASED, actor_email=alias).count() == 1
    # The others' records stay.
    assert User.objects.filter(pk=world.admin.user.pk).exists()
    assert Assignment.objects.filter(plan=world.plan).count() == 0


def test_the_last_employer_admin_of_an_organisation_is_refused_and_nothing_changes(world):
    admin = world.admin.user
    with pytest.raises(ValidationError) as refused:
        erase_account(admin)
    assert world.organisation.name in refused.value.messages[0]
    assert User.objects.filter(pk=admin.pk).exists()
    assert not AuditEvent.objects.filter(action=AuditAction.ACCOUNT_ERASED).exists()


def test_the_page_asks_the_password_then_erases_and_signs_out(client, world):
    person = world.members[0].user
    client.force_login(person)
    url = reverse("accounts:erase")

    wrong = client.post(url, {"password": "pas le bon"})
    assert wrong.status_code == 200 and User.objects.filter(pk=person.pk).exists()

    done = client.post(url, {"password": TEST_PASSWORD}, follow=True)
    assert not User.objects.filter(pk=person.pk).exists()
    assert "Votre compte est supprimé" in done.content.decode()
    assert not done.context["user"].is_authenticated
