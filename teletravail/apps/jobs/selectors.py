"""Reads of the job queue: a job's progress and, when it failed, why, in the reader's language."""

from django.utils import timezone
from django.utils.translation import gettext as _

from teletravail.apps.jobs.models import FailureCode, JobStatus


# A running job never shows complete: the last part is storing its result.
RUNNING_PROGRESS_CAP = 95


def job_progress(job, *, now=None):
    """Percent done: the time spent over the time expected while it runs (the solver uses its whole time limit)."""
    if job.status == JobStatus.SUCCEEDED:
        return 100
    if job.status != JobStatus.RUNNING or not job.started_at or job.expected_seconds <= 0:
        return 0
    elapsed = ((now or timezone.now()) - job.started_at).total_seconds()
    return max(0, min(RUNNING_PROGRESS_CAP, round(100 * elapsed / job.expected_seconds)))


def failure_message(job):
    if job.status != JobStatus.FAILED:
        return ""
    if job.failure_code in (FailureCode.INVALID, FailureCode.UNAVAILABLE) and job.failure_detail:
        return job.failure_detail
    if job.failure_code == FailureCode.WORKER_LOST:
        return _(
            "Le calcul a été interrompu deux fois : le serveur de calcul s'est arrêté pendant qu'il travaillait. "
            "Relancez le calcul ; si cela se reproduit, prévenez l'administrateur de la plateforme."
        )
    return _(
        "Une erreur inattendue a interrompu le calcul. Relancez-le ; si elle se reproduit, prévenez "
        "l'administrateur de la plateforme."
    )


def job_state(job, *, texts, url):
    """What a job's page and its polling show: `texts` says each status in the page's words, `url` is where the
    page goes when the job has succeeded."""
    return {
        "status": job.status,
        "active": job.is_active,
        "progress": job_progress(job),
        "text": texts[job.status],
        "failure": failure_message(job),
        "url": url,
    }
