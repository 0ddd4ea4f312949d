"""Long work done off the request: one `Job` per piece of work someone asked for, whatever runs it.

The queue itself is Django's tasks API (the `django-tasks` backport, database backend from `django-tasks-db`): a
worker claims a task row and calls `tasks.run_job`. A job adds what the queue does not keep: who asked, for what
(its idempotency `key`), its progress, whether it was cancelled, why it failed, its lease and its attempts.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("En attente")
    RUNNING = "running", _("En cours")
    SUCCEEDED = "succeeded", _("Terminé")
    FAILED = "failed", _("Échoué")
    CANCELLED = "cancelled", _("Annulé")


ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)


class FailureCode(models.TextChoices):
    INVALID = "invalid", _("Données refusées")
    WORKER_LOST = "worker_lost", _("Serveur de calcul arrêté")
    UNAVAILABLE = "unavailable", _("Service indisponible")
    ERROR = "error", _("Erreur inattendue")


class Job(models.Model):
    kind = models.CharField(max_length=64)
    # One active job per key: a second submission while one is queued or running gets that one.
    key = models.CharField(max_length=200)
    payload = models.JSONField(default=dict)
    result = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=12, choices=JobStatus.choices, default=JobStatus.QUEUED)
    # The queue's task row of the current attempt: a run of an older attempt (its worker thought dead) is ignored.
    task_id = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    # The language of the person who asked: the job's messages are written in it.
    language = models.CharField(max_length=10, default=settings.LANGUAGE_CODE)
    # How long the work should take (for the progress shown) and how long a run may last before its worker is taken
    # for dead (its lease).
    expected_seconds = models.FloatField(default=0)
    lease_seconds = models.FloatField(default=60)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    failure_code = models.CharField(max_length=16, choices=FailureCode.choices, blank=True)
    failure_detail = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=models.Q(status__in=ACTIVE), name="one_active_job_per_key"
            )
        ]
        indexes = [models.Index(fields=["status", "lease_until"], name="jobs_status_lease_idx")]
        verbose_name = _("calcul")
        verbose_name_plural = _("calculs")

    def __str__(self):
        return f"{self.kind} {self.key} {self.status}"

    @property
    def is_active(self):
        return self.status in ACTIVE

    def start_lease(self, now):
        self.lease_until = now + timedelta(seconds=self.lease_seconds)
