"""An organisation's admin downloads its data and deletes it: the name typed to confirm, every table of its archive
emptied, the members' accounts kept without their membership, one pseudonymous trace in the audit trail."""

import io
import json
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from teletravail.apps.accounts.models import User
from teletravail.apps.apitokens.models import ApiToken
from teletravail.apps.audit.models import AuditAction, AuditEvent
from teletravail.apps.core.personal_data import organisation_records, pseudonym
from teletravail.apps.organisations.models import Membership, Organisation, Role
from teletravail.apps.organisations.services import delete_organisation
from tests.apps.organisations.test_organisation_data import full_world
from tests.world import snapshot


pytestmark = pytest.mark.django_db


@pytest.fixture
def worlds():
    world, other = full_world("A"), full_world("B")
    # A member of both: their account and their other membership stay.
    Membership.objects.create(user=world.employee.user, organisation=other.organisation, role=Role.EMPLOYEE)
    return world, other


def _kept_rows(organisation):
    records = organisation_records()
    return {entry.name: set(entry.rows_of(organisation).values_list("pk", flat=True)) for entry in records}


def test_a_wrong_name_is_refused_and_nothing_changes(worlds):
    world, _other = worlds
    before = snapshot(world.organisation)
    with pytest.raises(ValidationError) as refused:
        delete_organisation(organisation=world.organisation, actor=world.admin.user, confirmation="Organisation")
    assert "« Organisation A »" in refused.value.message_dict["confirmation"][0]
    assert snapshot(world.organisation) == before


def test_deletion_empties_every_table_keeps_the_accounts_and_leaves_a_pseudonymous_trace(worlds):
    world, other = worlds
    organisation, admin = world.organisation, world.admin.user
    organisation_pk = organisation.pk
    rows = _kept_rows(organisation)
    assert all(rows.values())  # every table has rows to delete
    users = set(organisation.memberships.values_list("user_id", flat=True))
    other_before = snapshot(other.organisation)
    token = ApiToken.objects.get(user=admin, name="Jeton A")

    trace = delete_organisation(organisation=organisation, actor=admin, confirmation="  Organisation   A ")

    assert not Organisation.objects.filter(name="Organisation A").exists()
    assert organisation_records()
    for entry in organisation_records():
        left = entry.model._default_manager.filter(pk__in=rows[entry.name])
        if entry.deleted_with_organisation:
            assert not left.exists(), entry.name
        else:
            assert left.count() == len(rows[entry.name]), entry.name
    assert token.organisations.count() == 0  # the holder's token stays, without the organisation
    assert set(User.objects.filter(pk__in=users).values_list("pk", flat=True)) == users
    assert not Membership.objects.filter(user_id__in=users, organisation__name="Organisation A").exists()
    assert Membership.objects.filter(user=world.employee.user, organisation=other.organisation).exists()
    assert snapshot(other.organisation) == other_before
    event = AuditEvent.objects.get(action=AuditAction.ORGANISATION_DELETED)
    assert trace == pseudonym("organisation", organisation_pk)
    assert event.actor is None and event.actor_email == pseudonym("personne", admin.pk) and event.ip_address is None
    assert event.details["deleted_organisation"] == trace
    assert event.details["rows"]["membres"] == len(rows["membres"])
    written = json.dumps([event.actor_email, event.details])
    assert "Organisation A" not in written and admin.email not in written


@pytest.mark.parametrize("typed", ["Organisation B", "organisation a", "Organisation", ""])
def test_only_the_exact_name_up_to_spaces_confirms(worlds, typed):
    world, _other = worlds
    with pytest.raises(ValidationError):
        delete_organisation(organisation=world.organisation, actor=world.admin.user, confirmation=typed)
    assert Organisation.objects.filter(pk=world.organisation.pk).exists()


def test_only_the_admin_downloads_and_deletes_through_the_pages(client, worlds):
    world, _other = worlds
    organisation = world.organisation
    archive_url = reverse("organisations:data_archive", kwargs={"organisation_id": organisation.pk})
    delete_url = reverse("organisations:delete", kwargs={"organisation_id": organisation.pk})

    client.force_login(world.manager.user)
    assert client.get(archive_url).status_code == 403
    assert client.post(delete_url, {"confirmation": organisation.name}).status_code == 403
    assert Organisation.objects.filter(pk=organisation.pk).exists()

    client.force_login(world.admin.user)
    settings_page = client.get(reverse("organisations:settings", kwargs={"organisation_id": organisation.pk}))
    assert archive_url in settings_page.content.decode() and delete_url in settings_page.content.decode()
    download = client.get(archive_url)
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(download.content)) as archive:
        assert "membres.csv" in archive.namelist()
    assert AuditEvent.objects.filter(action=AuditAction.ORGANISATION_EXPORTED, organisation=organisation).exists()

    wrong = client.post(delete_url, {"confirmation": "Autre"})
    assert wrong.status_code == 200 and "Tapez le nom exact" in wrong.content.decode()
    done = client.post(delete_url, {"confirmation": organisation.name}, follow=True)
    assert not Organisation.objects.filter(pk=organisation.pk).exists()
    assert "est supprimée, avec ses données" in done.content.decode()


def test_an_archive_over_the_limit_sends_the_admin_back_with_the_reason(client, settings, worlds):
    world, _other = worlds
    settings.ORGANISATION_EXPORT_MAX_ROWS = 5
    client.force_login(world.admin.user)
    url = reverse("organisations:data_archive", kwargs={"organisation_id": world.organisation.pk})
    page = client.get(url, follow=True)
    assert page.redirect_chain and "plus que les 5" in page.content.decode()


def test_nothing_names_the_organisation_once_deleted(worlds):
    """Every stored value of every table is searched for the organisation's name and SIRET."""
    from tests.apps.accounts.test_erasure import rows_naming

    world, _other = worlds
    organisation = world.organisation
    assert rows_naming(organisation.name, organisation.siret)
    delete_organisation(organisation=organisation, actor=world.admin.user, confirmation=organisation.name)
    assert rows_naming(organisation.name, organisation.siret) == set()
