"""Backup and restore on PostgreSQL with pg_dump / pg_restore: data changed after a backup comes back as it was; a
backup from another version of the platform, or changed since, is refused with the reason, and nothing restored."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from teletravail.apps.core.backups import version_file_of
from teletravail.apps.organisations.models import Organisation
from tests.factories import OrganisationFactory


pytestmark = [pytest.mark.server, pytest.mark.xdist_group("server"), pytest.mark.django_db(transaction=True)]


@pytest.fixture
def backed_up(tmp_path):
    """An organisation, then a backup: (organisation, dump file)."""
    organisation = OrganisationFactory(name="Mutuelle d'avant la sauvegarde")
    dump = tmp_path / "teletravail.dump"
    call_command("backup", str(dump), stdout=io.StringIO())
    return organisation, dump


def _rename(organisation, name):
    Organisation.objects.filter(pk=organisation.pk).update(name=name)


def test_a_restore_brings_the_data_of_the_backup_back(backed_up):
    organisation, dump = backed_up
    version = json.loads(version_file_of(dump).read_text(encoding="utf-8"))
    assert version["platform"]
    assert version["migrations"]["organisations"].startswith("00")
    _rename(organisation, "Nom changé après la sauvegarde")
    added = OrganisationFactory(name="Ajoutée après la sauvegarde")

    call_command("restore", str(dump), "--noinput", stdout=io.StringIO())

    assert Organisation.objects.get(pk=organisation.pk).name == "Mutuelle d'avant la sauvegarde"
    assert not Organisation.objects.filter(pk=added.pk).exists()


def test_a_backup_of_another_version_is_refused_with_the_reason_and_nothing_is_restored(backed_up):
    organisation, dump = backed_up
    version_file = version_file_of(dump)
    version = json.loads(version_file.read_text(encoding="utf-8"))
    version["platform"] = "0.0.1"
    version["migrations"]["organisations"] = "0001_initial"
    version_file.write_text(json.dumps(version), encoding="utf-8")
    _rename(organisation, "Nom d'après la sauvegarde")

    with pytest.raises(CommandError) as refusal:
        call_command("restore", str(dump), "--noinput")

    message = str(refusal.value)
    assert message.startswith("Cette sauvegarde vient d'une autre version de la plateforme : ")
    assert "version de la plateforme 0.0.1 dans la sauvegarde" in message
    assert "application organisations : migration 0001_initial dans la sauvegarde" in message
    assert message.endswith("Restauration refusée.")
    assert Organisation.objects.get(pk=organisation.pk).name == "Nom d'après la sauvegarde"


def test_a_backup_changed_since_or_without_its_version_file_is_refused(backed_up):
    _organisation, dump = backed_up
    with open(dump, "ab") as file:
        file.write(b"\0")
    with pytest.raises(CommandError, match="a changé depuis qu'elle a été faite"):
        call_command("restore", str(dump), "--noinput")
    version_file_of(dump).unlink()
    with pytest.raises(CommandError, match="Le fichier de version .* manque à côté de la sauvegarde"):
        call_command("restore", str(dump), "--noinput")
