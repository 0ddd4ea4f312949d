"""The state /sante/ reports: whether the database answers a query, and whether the job queue is read and worked
(the oldest job ready to run has not waited longer than HEALTH_MAX_QUEUE_WAIT_SECONDS). Counts and ages only: no
personal data."""

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Max, Min
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from teletravail.apps.jobs.models import ACTIVE, Job


def _seconds_since(moment, now):
    return None if moment is None else round((now - moment).total_seconds(), 1)


def database_state():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": True}


def queue_state(*, now=None):
    now = now or timezone.now()
    try:
        active_jobs = Job.objects.filter(status__in=ACTIVE).count()
        ready = DBTaskResult.objects.ready().aggregate(oldest=Min("enqueued_at"))
        waiting = DBTaskResult.objects.ready().count()
        running = DBTaskResult.objects.running().count()
        last_started = DBTaskResult.objects.aggregate(last=Max("started_at"))["last"]
    except DatabaseError as exc:
        return {"ok": False, "error": type(exc).__name__}
    oldest_waiting_seconds = _seconds_since(ready["oldest"], now)
    limit = settings.HEALTH_MAX_QUEUE_WAIT_SECONDS
    state = {
        "ok": oldest_waiting_seconds is None or oldest_waiting_seconds <= limit,
        "active_jobs": active_jobs,
        "waiting": waiting,
        "running": running,
        "oldest_waiting_seconds": oldest_waiting_seconds,
        "max_waiting_seconds": limit,
        # A worker that starts jobs is alive: the last start tells how recently one was seen at work.
        "last_job_started_seconds_ago": _seconds_since(last_started, now),
    }
    if not state["ok"]:
        state["error"] = "jobs_waiting_too_long"
    return state


def health():
    """(healthy, report)."""
    database = database_state()
    # Without a database the queue (kept in it) cannot be read: say so once, in the database part.
    queue = queue_state() if database["ok"] else {"ok": False, "error": "database_unavailable"}
    healthy = database["ok"] and queue["ok"]
    return healthy, {"status": "ok" if healthy else "error", "database": database, "queue": queue}
