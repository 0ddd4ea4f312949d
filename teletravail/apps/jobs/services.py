"""Writes of the job queue: submit a job (idempotent), run it, cancel it, and sweep the runs whose worker died."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from teletravail.apps.jobs.models import ACTIVE, FailureCode, Job, JobStatus
from teletravail.apps.jobs.registry import kind_of


logger = logging.getLogger(__name__)


class WorkerLost(Exception):
    """Recorded on the queue's task row of a run whose worker stopped answering before its lease ran out."""


class RetryLater(Exception):
    """Raised by a job's `compute` when a service it relies on failed (the mail server…): the job is queued again,
    after `JOBS_RETRY_DELAY_SECONDS`, until it has had `JOBS_MAX_ATTEMPTS` attempts, then fails with this message
    (written in the job's language, for the person who asked)."""


def _enqueue(job, delay_seconds=0.0):
    from teletravail.apps.jobs.tasks import run_job  # the task module imports this one

    task = run_job.using(run_after=timezone.now() + timedelta(seconds=delay_seconds)) if delay_seconds else run_job
    job.task_id = str(task.enqueue(job_id=job.pk).id)
    job.save(update_fields=["task_id"])


def _queue_again(job, delay_seconds=0.0):
    job.status = JobStatus.QUEUED
    job.lease_until = None
    job.save(update_fields=["status", "lease_until"])
    _enqueue(job, delay_seconds)


def submit_job(*, kind, key, payload, requested_by=None, language=None, expected_seconds=0.0, lease_seconds=60.0):
    """Queue a job, or return the one queued or running for the same key: (job, True when queued now)."""
    kind_of(kind)  # an unknown kind fails here, not in the worker
    with transaction.atomic():
        running = Job.objects.select_for_update().filter(key=key, status__in=ACTIVE).first()
        if running is not None:
            return running, False
        try:
            with transaction.atomic():
                job = Job.objects.create(
                    kind=kind,
                    key=key,
                    payload=payload,
                    requested_by=requested_by,
                    language=language or translation.get_language() or settings.LANGUAGE_CODE,
                    expected_seconds=expected_seconds,
                    lease_seconds=lease_seconds,
                )
        except IntegrityError:
            # Submitted at the same moment by another request: its job is the one.
            return Job.objects.get(key=key, status__in=ACTIVE), False
        _enqueue(job)
    return job, True


def _current_run(job_id, task_id):
    """The job, locked, if it is still running this very task (not cancelled, not taken for dead since)."""
    return Job.objects.select_for_update().filter(pk=job_id, task_id=task_id, status=JobStatus.RUNNING).first()


def _finish(job, status, *, code="", detail=""):
    job.status = status
    job.failure_code = code
    job.failure_detail = detail
    job.finished_at = timezone.now()
    job.lease_until = None
    job.save()


def _fail(job_id, task_id, code, detail):
    with transaction.atomic():
        job = _current_run(job_id, task_id)
        if job is not None:
            _finish(job, JobStatus.FAILED, code=code, detail=detail)


def _retry_or_fail(job_id, task_id, detail):
    with transaction.atomic():
        job = _current_run(job_id, task_id)
        if job is None:
            return
        if job.attempts < settings.JOBS_MAX_ATTEMPTS:
            logger.warning("Job %s: a service failed, queued again (attempt %s): %s", job.pk, job.attempts + 1, detail)
            _queue_again(job, settings.JOBS_RETRY_DELAY_SECONDS)
        else:
            _finish(job, JobStatus.FAILED, code=FailureCode.UNAVAILABLE, detail=detail)


def run_job(*, job_id, task_id):
    """One attempt at a job, as the worker's task `task_id`. Does nothing for a job cancelled before it started."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id, task_id=task_id, status=JobStatus.QUEUED).first()
        if job is None:
            return
        now = timezone.now()
        job.status = JobStatus.RUNNING
        job.attempts += 1
        job.started_at = now
        job.start_lease(now)
        job.save()
    kind = kind_of(job.kind)
    try:
        with translation.override(job.language):
            outcome = kind.compute(job.payload)
            with transaction.atomic():
                current = _current_run(job_id, task_id)
                if current is None:
                    return  # cancelled (or taken for dead) while it ran: its result is never stored
                current.result = kind.store(current, outcome) or {}
                _finish(current, JobStatus.SUCCEEDED)
    except ValidationError as error:
        _fail(job_id, task_id, FailureCode.INVALID, " ".join(error.messages))
    except RetryLater as error:
        _retry_or_fail(job_id, task_id, str(error))
    except Exception:
        _fail(job_id, task_id, FailureCode.ERROR, "")
        raise  # the queue's task row keeps the traceback


@transaction.atomic
def cancel_job(*, job):
    """Cancel a queued or running job: its result, if its run ends anyway, is dropped. False if it had ended."""
    job.refresh_from_db(from_queryset=Job.objects.select_for_update())
    if not job.is_active:
        return False
    _finish(job, JobStatus.CANCELLED)
    return True


def sweep_stale_jobs(*, now=None):
    """Runs whose lease ran out lost their worker (stopped, killed, machine restarted): each is queued again once,
    then failed. Returns how many were swept."""
    now = now or timezone.now()
    stale = Job.objects.filter(status=JobStatus.RUNNING, lease_until__lt=now)
    if not stale.exists():
        return 0  # the usual case, read by every poll of a job's page: no transaction, no lock
    with transaction.atomic():
        stale = list(stale.select_for_update(skip_locked=True))
        for job in stale:
            lost = DBTaskResult.objects.filter(id=job.task_id).exclude(status__in=["SUCCESSFUL", "FAILED"]).first()
            if lost is not None:
                lost.set_failed(WorkerLost(f"lease of job {job.pk} ran out at {job.lease_until:%Y-%m-%d %H:%M:%S}"))
            if job.attempts < settings.JOBS_MAX_ATTEMPTS:
                logger.warning("Job %s lost its worker: queued again (attempt %s)", job.pk, job.attempts + 1)
                _queue_again(job)
            else:
                logger.warning("Job %s lost its worker %s times: failed", job.pk, job.attempts)
                _finish(job, JobStatus.FAILED, code=FailureCode.WORKER_LOST)
    return len(stale)


def lease_for(expected_seconds):
    """A run's lease: its longest expected duration and a margin for the rest (reading, storing)."""
    return expected_seconds + settings.JOBS_LEASE_MARGIN_SECONDS
