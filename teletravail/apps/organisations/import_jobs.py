"""A large member import applied by a job (from `uploads.member_import_job_min_rows` rows): the file previewed and
confirmed is stored in the job, and the job applies it in one transaction, the one that marks it done, so that a
file refused at that moment, or a failed job, writes nothing. Its result lists what it created."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from teletravail.apps.accounts.models import User
from teletravail.apps.jobs.registry import register_kind
from teletravail.apps.jobs.services import lease_for, submit_job
from teletravail.apps.organisations import csv_import, services
from teletravail.apps.organisations.models import Organisation
from teletravail.parameters import load_parameters
from teletravail.uploads.tables import Table


IMPORT_JOB = "organisations.import_members"
# Writing a few thousand invitations and queuing their e-mails, under load.
IMPORT_EXPECTED_SECONDS = 30.0


def imports_as_job(table):
    return len(table.rows) >= load_parameters("uploads")["member_import_job_min_rows"].at().central


def submit_import(*, organisation, actor, table, choices):
    """Queue the import; one at a time per organisation (a second confirmation gets the running one)."""
    return submit_job(
        kind=IMPORT_JOB,
        key=f"{IMPORT_JOB}:{organisation.pk}",
        payload={
            "organisation": organisation.pk,
            "actor": actor.pk,
            "header": table.header,
            "rows": table.rows,
            "choices": {str(line): value for line, value in choices.items()},
        },
        requested_by=actor,
        expected_seconds=IMPORT_EXPECTED_SECONDS,
        lease_seconds=lease_for(IMPORT_EXPECTED_SECONDS),
    )


def _nothing_outside_the_transaction(payload):
    return None


def apply_import(job, _outcome):
    """The import, inside the transaction that marks the job done: refused, it raises and nothing stays."""
    payload = job.payload
    try:
        organisation = Organisation.objects.get(pk=payload["organisation"])
        actor = User.objects.get(pk=payload["actor"])
    except (Organisation.DoesNotExist, User.DoesNotExist) as error:
        raise ValidationError(
            _("Cette organisation ou le compte qui a lancé l'import a été supprimé pendant l'import.")
        ) from error
    try:
        result = services.import_members(
            organisation=organisation,
            actor=actor,
            source=Table(header=payload["header"], rows=payload["rows"]),
            choices={int(line): value for line, value in payload["choices"].items()},
        )
    except services.ImportRejected as rejected:
        raise ValidationError(csv_import.summarise_errors(rejected.errors)) from rejected
    return {
        "invitations": [invitation.pk for invitation in result.invitations],
        "teams_created": [team.pk for team in result.teams_created],
    }


register_kind(IMPORT_JOB, compute=_nothing_outside_the_transaction, store=apply_import)
