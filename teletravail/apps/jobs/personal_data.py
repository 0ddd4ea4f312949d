"""How long finished jobs are kept (core.retention): the job, its stored result and the queue's row of each run."""

from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from teletravail.apps.core.retention import register_retention
from teletravail.apps.jobs.models import ACTIVE, Job


register_retention(
    "finished_job_days",
    _("Calculs en arrière-plan terminés, avec leur résultat"),
    lambda cutoff: Job.objects.exclude(status__in=ACTIVE).filter(finished_at__lt=cutoff),
)
register_retention(
    "finished_job_days",
    _("Exécutions terminées de la file de calculs"),
    lambda cutoff: DBTaskResult.objects.filter(status__in=["SUCCESSFUL", "FAILED"], finished_at__lt=cutoff),
)
