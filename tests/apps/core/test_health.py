"""/sante/: 200 with the state of the database and of the job queue when both work, 503 naming the failing part."""

from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from teletravail.apps.core import health


pytestmark = pytest.mark.django_db


def _ready_task(waited_seconds):
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="teletravail.apps.jobs.tasks.run_job",
        backend_name="default",
        run_after=timezone.now() - timedelta(seconds=waited_seconds),
    )
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=timezone.now() - timedelta(seconds=waited_seconds))


def test_health_answers_200_with_the_database_and_the_queue(client):
    _ready_task(waited_seconds=30)
    response = client.get("/sante/")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    report = response.json()
    assert report["status"] == "ok"
    assert report["database"] == {"ok": True}
    assert report["queue"]["ok"] is True
    assert report["queue"]["waiting"] == 1
    assert 30 <= report["queue"]["oldest_waiting_seconds"] < 60


def test_health_answers_503_naming_the_database_when_it_is_unreachable(client, monkeypatch):
    class UnreachableDatabase:
        def cursor(self):
            raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')

    monkeypatch.setattr(health, "connection", UnreachableDatabase())
    response = client.get("/sante/")
    assert response.status_code == 503
    report = response.json()
    assert report["status"] == "error"
    assert report["database"] == {"ok": False, "error": "OperationalError"}
    assert report["queue"] == {"ok": False, "error": "database_unavailable"}
    # Nothing of the database's address or error text is shown to whoever asks.
    assert "5432" not in response.content.decode()


def test_health_answers_503_naming_the_queue_when_a_job_waits_too_long(client, settings):
    settings.HEALTH_MAX_QUEUE_WAIT_SECONDS = 600
    _ready_task(waited_seconds=601)
    response = client.get("/sante/")
    assert response.status_code == 503
    report = response.json()
    assert report["database"]["ok"] is True
    assert report["queue"]["ok"] is False
    assert report["queue"]["error"] == "jobs_waiting_too_long"


def test_health_english_address_redirects_to_it(client):
    response = client.get("/health/")
    assert response.status_code == 301
    assert response["Location"] == "/sante/"


def test_health_is_never_throttled(client):
    assert all(client.get("/sante/").status_code == 200 for _ in range(100))
