"""The job queue's lifecycle, run by the worker in this process: enqueue, run, result stored, cancel, failure
message, idempotent submission, a dead worker's job retried once then failed. Runs on SQLite and PostgreSQL."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from teletravail.apps.jobs import services
from teletravail.apps.jobs.models import FailureCode, Job, JobStatus
from teletravail.apps.jobs.registry import register_kind
from teletravail.apps.jobs.selectors import failure_message, job_progress


pytestmark = pytest.mark.django_db

# What the test kind's compute does, set by each test: the payload's "action" picks it.
CALLS = {"compute": 0, "store": 0}


class WorkerKilled(BaseException):
    """Stands for the worker process dying midway: nothing of the job's own handling runs after it."""


def _compute(payload):
    CALLS["compute"] += 1
    action = payload.get("action")
    if action == "refuse":
        raise ValidationError("L'équipe « Compta » n'a aucun membre.")
    if action == "crash":
        raise RuntimeError("bug")
    if action == "die" or (action == "die-once" and CALLS["compute"] == 1):
        raise WorkerKilled
    if action == "cancelled-meanwhile":
        Job.objects.filter(pk=payload["job"]).update(status=JobStatus.CANCELLED)
    return payload["value"] * 2


def _store(job, outcome):
    CALLS["store"] += 1
    return {"doubled": outcome}


register_kind("tests.double", compute=_compute, store=_store)


@pytest.fixture(autouse=True)
def calls():
    CALLS.update(compute=0, store=0)
    return CALLS


def submit(key="k", **payload):
    return services.submit_job(
        kind="tests.double", key=key, payload={"value": 21, **payload}, expected_seconds=10, lease_seconds=30
    )


def test_a_job_is_queued_then_run_by_the_worker_and_its_result_stored(run_jobs):
    job, created = submit()
    assert created and job.status == JobStatus.QUEUED
    task = DBTaskResult.objects.get(id=job.task_id)
    assert task.status == "READY" and task.args_kwargs["kwargs"] == {"job_id": job.pk}

    run_jobs()

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert job.result == {"doubled": 42}
    assert job.attempts == 1 and job.finished_at is not None and job.lease_until is None
    assert job_progress(job) == 100 and failure_message(job) == ""
    assert DBTaskResult.objects.get(id=job.task_id).status == "SUCCESSFUL"


def test_a_job_submitted_twice_is_the_one_queued_or_running(run_jobs):
    first, created = submit()
    again, created_again = submit(value=5)
    assert created and not created_again and again.pk == first.pk
    assert Job.objects.count() == 1 and DBTaskResult.objects.count() == 1
    # Another key is another job; once the first has ended, the same key queues a new one.
    other, other_created = submit(key="other")
    assert other_created and other.pk != first.pk
    run_jobs()
    later, later_created = submit()
    assert later_created and later.pk != first.pk


def test_a_job_cancelled_before_it_starts_never_runs(run_jobs, calls):
    job, _created = submit()
    assert services.cancel_job(job=job)
    run_jobs()
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED and job.result == {}
    assert calls["compute"] == 0
    # Cancelling again changes nothing.
    assert not services.cancel_job(job=job)


def test_a_job_cancelled_while_it_runs_never_stores_its_result(run_jobs, calls):
    job, _created = submit()
    job.payload = {**job.payload, "action": "cancelled-meanwhile", "job": job.pk}
    job.save()
    run_jobs()
    job.refresh_from_db()
    assert calls["compute"] == 1 and calls["store"] == 0
    assert job.status == JobStatus.CANCELLED and job.result == {}


def test_a_refused_job_fails_with_the_reason_in_french(run_jobs):
    job, _created = submit(action="refuse")
    run_jobs()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.failure_code == FailureCode.INVALID
    assert failure_message(job) == "L'équipe « Compta » n'a aucun membre."


def test_an_unexpected_error_fails_the_job_with_a_message_in_french_and_english(run_jobs):
    job, _created = submit(action="crash")
    run_jobs()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.failure_code == FailureCode.ERROR
    assert failure_message(job).startswith("Une erreur inattendue a interrompu le calcul.")
    with translation.override("en"):
        assert failure_message(job).startswith("An unexpected error stopped the calculation.")
    # The queue keeps the traceback for the administrator.
    assert "RuntimeError" in DBTaskResult.objects.get(id=job.task_id).exception_class_path


def _run_until_the_worker_dies(run_jobs, job):
    run_jobs()
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING  # nobody is left to say otherwise…
    return job


def test_a_job_whose_worker_died_is_queued_again_once_then_failed(run_jobs, calls):
    job, _created = submit(action="die")
    job = _run_until_the_worker_dies(run_jobs, job)
    first_task = job.task_id
    assert job.attempts == 1 and job.lease_until is not None
    # …until its lease runs out: before, the sweep leaves it alone.
    assert services.sweep_stale_jobs(now=job.lease_until - timedelta(seconds=1)) == 0
    assert services.sweep_stale_jobs(now=job.lease_until + timedelta(seconds=1)) == 1
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED and job.task_id != first_task
    assert DBTaskResult.objects.get(id=first_task).status == "FAILED"

    job = _run_until_the_worker_dies(run_jobs, job)
    assert job.attempts == 2 and calls["compute"] == 2
    services.sweep_stale_jobs(now=job.lease_until + timedelta(seconds=1))
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.failure_code == FailureCode.WORKER_LOST
    assert "interrompu deux fois" in failure_message(job)
    # Nothing is left running, in the jobs or in the queue.
    assert not Job.objects.filter(status=JobStatus.RUNNING).exists()
    run_jobs()
    assert calls["compute"] == 2


def test_a_job_retried_after_its_worker_died_can_succeed(run_jobs):
    job, _created = submit(action="die-once")
    job = _run_until_the_worker_dies(run_jobs, job)
    services.sweep_stale_jobs(now=job.lease_until + timedelta(seconds=1))
    run_jobs()
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.attempts == 2 and job.result == {"doubled": 42}


def test_a_run_of_a_task_the_job_no_longer_waits_for_does_nothing(run_jobs, calls):
    """The queue's task of an attempt taken for dead may still be run (its worker was only slow): it is ignored."""
    job, _created = submit()
    stale_task = job.task_id
    Job.objects.filter(pk=job.pk).update(task_id="another-attempt")
    services.run_job(job_id=job.pk, task_id=stale_task)
    job.refresh_from_db()
    assert calls["compute"] == 0 and job.status == JobStatus.QUEUED and job.attempts == 0


def test_progress_follows_the_time_spent_and_never_shows_done_while_running():
    job, _created = submit()
    assert job_progress(job) == 0
    job.status = JobStatus.RUNNING
    now = timezone.now()
    job.started_at = now - timedelta(seconds=5)
    assert job_progress(job, now=now) == 50
    job.started_at = now - timedelta(seconds=60)
    assert job_progress(job, now=now) == 95
