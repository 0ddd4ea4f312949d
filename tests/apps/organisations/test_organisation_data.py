"""An organisation's archive, for its admin: every model that leads to an organisation is in it (a new app cannot be
forgotten), each table holds exactly the organisation's rows, no secret, nothing of another organisation."""

import io
import json
import zipfile

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import timezone

from teletravail.apps.apitokens.services import create_token
from teletravail.apps.core.personal_data import organisation_archive, organisation_records
from teletravail.apps.organisations.models import ConsultantInvitation, Organisation
from teletravail.apps.planner.models import Assignment, MemberPlanningProfile, ModeSwitch
from tests.apps.practices.factories import answer
from tests.world import add_modules, build_world


def full_world(label):
    """A world with a row in every table of the organisation's archive."""
    world = add_modules(build_world(label))
    organisation, member = world.organisation, world.employee
    ConsultantInvitation.objects.create(
        organisation=organisation, email=f"conseil-{label}@example.org", expires_at=timezone.now()
    )
    create_token(user=world.admin.user, name=f"Jeton {label}", organisation_ids=[organisation.pk], days=30)
    MemberPlanningProfile.objects.create(membership=member, preferred_remote=["lun"])
    Assignment.objects.create(
        plan=world.plan, membership=member, week=1, day="lun", date=world.plan.start, where="remote"
    )
    ModeSwitch.objects.create(organisation=organisation, exceptional=True, reason="Épisode de pollution")
    answer(world.practices_campaign, member)
    return world


def _leads_to_organisation(model, seen=()):
    """True when a chain of foreign keys (or many-to-many fields) goes from `model` to an organisation."""
    if model is Organisation:
        return True
    for field in model._meta.get_fields():
        if not (field.is_relation and field.concrete and (field.many_to_one or field.many_to_many)):
            continue
        related = field.related_model
        if related is not None and related not in seen and _leads_to_organisation(related, (*seen, model)):
            return True
    return False


def unregistered_models(records):
    """Labels of the models that lead to an organisation and that no registration in `records` covers."""
    leading = {
        model._meta.label
        for model in apps.get_models()
        if not model._meta.auto_created and _leads_to_organisation(model)
    }
    return leading - {entry.model._meta.label for entry in records}


def test_every_model_that_leads_to_an_organisation_is_in_its_archive():
    assert unregistered_models(organisation_records()) == set()


def test_a_model_left_out_of_the_registry_is_caught_even_through_a_chain_of_keys():
    records = organisation_records()
    left_out = {"organisations.Site", "planner.Assignment"}
    assert unregistered_models([entry for entry in records if entry.model._meta.label not in left_out]) == left_out


def test_no_secret_column_is_exported():
    """Links sent by e-mail, calendar addresses, token digests open something: every such field is left out."""
    secrets = [
        f"{entry.model._meta.label}.{code}"
        for entry in organisation_records()
        for code, _label, _lookup in entry.columns()
        if any(word in code for word in ("token", "digest", "password"))
    ]
    assert secrets == []


def _archive(organisation):
    with zipfile.ZipFile(io.BytesIO(organisation_archive(organisation))) as archive:
        names = set(archive.namelist())
        document = json.loads(archive.read("donnees.json"))
        csvs = {name: archive.read(name).decode("utf-8-sig") for name in names if name.endswith(".csv")}
    return names, document["tables"], csvs


@pytest.mark.django_db
def test_each_table_holds_the_organisation_s_rows_and_none_of_another_s():
    world, other = full_world("A"), full_world("B")
    names, tables, csvs = _archive(world.organisation)
    assert names == {"LISEZMOI.txt", "donnees.json", *(f"{records.name}.csv" for records in organisation_records())}
    assert organisation_records()
    for records in organisation_records():
        # Compared as text: a random (UUID) key is written as text in the JSON.
        mine = {str(pk) for pk in records.rows_of(world.organisation).values_list("pk", flat=True)}
        theirs = {str(pk) for pk in records.rows_of(other.organisation).values_list("pk", flat=True)}
        exported = {str(row["pk"]) for row in tables[records.name]["lignes"]}
        assert exported == mine, records.name
        assert not exported & theirs, records.name
        assert mine and theirs, records.name  # the check compares rows, not empty sets
    members = tables["membres"]["lignes"]
    emails = set(world.organisation.memberships.values_list("user__email", flat=True))
    assert {row["user"] for row in members} == emails
    assert {row["user__full_name"] for row in members} >= {"Alice Essai"}
    assert world.organisation.memberships.filter(pk=world.manager.pk).get().managed_teams.count() == 1
    assert next(row for row in members if row["pk"] == world.manager.pk)["managed_teams"] == [world.team.pk]
    # The links sent by e-mail open the organisation: never in its archive.
    everything = json.dumps(tables) + "".join(csvs.values())
    assert world.invitation.token not in everything
    assert MemberPlanningProfile.objects.get(membership=world.employee).calendar_token not in everything
    assert other.organisation.name not in everything
    assert "Alice Essai" in csvs["membres.csv"]


@pytest.mark.django_db
def test_an_archive_beyond_the_row_limit_is_refused_with_the_count(settings):
    world = build_world("A")
    settings.ORGANISATION_EXPORT_MAX_ROWS = 3
    with pytest.raises(ValidationError, match="plus que les 3 qu'un export"):
        organisation_archive(world.organisation)


@pytest.mark.django_db
def test_the_command_writes_the_whole_archive_beyond_the_browser_s_limit(settings, tmp_path):
    from typer.testing import CliRunner

    from teletravail.apps.organisations.cli import organisation_app

    world = build_world("A")
    settings.ORGANISATION_EXPORT_MAX_ROWS = 3
    output = tmp_path / "organisation.zip"
    runner = CliRunner()
    listed = runner.invoke(organisation_app, ["list"])
    assert f"{world.organisation.pk}\tOrganisation A" in listed.stdout
    done = runner.invoke(organisation_app, ["export", str(world.organisation.pk), "--output", str(output)])
    assert done.exit_code == 0, done.output
    with zipfile.ZipFile(output) as archive:
        members = json.loads(archive.read("donnees.json"))["tables"]["membres"]["lignes"]
    assert len(members) == world.organisation.memberships.count() > 3
    missing = runner.invoke(organisation_app, ["export", "999999", "--output", str(output)])
    assert missing.exit_code == 2 and "Aucune organisation" in missing.output
