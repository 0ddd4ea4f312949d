"""Jobs and personal data: how long finished jobs are kept (core.retention), and what an account's erasure does to
the jobs that name the person (an e-mail to send them, a result that lists them, a document rendered for them)."""

import json

from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from teletravail.apps.core.personal_data import register_erasure, replace_person
from teletravail.apps.core.retention import register_retention
from teletravail.apps.jobs.documents import DOCUMENT_JOB
from teletravail.apps.jobs.models import ACTIVE, Job
from teletravail.apps.jobs.services import cancel_job


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


@register_erasure
def unname_in_jobs(user, alias):
    """A job whose payload or result names the person gets the alias instead; one still to run is cancelled first
    (an e-mail to an erased address must not leave)."""
    naming = Q()
    for identity in filter(None, (user.email, user.full_name)):
        # As stored: JSON text may escape accented letters (« Zo\\u00e9 »).
        for form in {identity, json.dumps(identity)[1:-1]}:
            naming |= Q(payload_text__icontains=form) | Q(result_text__icontains=form)
    jobs = Job.objects.annotate(payload_text=Cast("payload", TextField()), result_text=Cast("result", TextField()))
    # A rendered document cannot be rewritten: the document the person asked for, or one that names them, goes
    # with its file (a document still rendering is cancelled first, so that it stores none).
    for job in jobs.filter(Q(kind=DOCUMENT_JOB) & (naming | Q(requested_by=user))):
        cancel_job(job=job)
        job.delete()
    for job in jobs.filter(naming):
        if job.is_active:
            cancel_job(job=job)
        Job.objects.filter(pk=job.pk).update(
            payload=replace_person(job.payload, user, alias), result=replace_person(job.result, user, alias)
        )
