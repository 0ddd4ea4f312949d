"""The page of a document being rendered by a job: its progress (asked again without reloading where JavaScript
runs, a link otherwise), its cancellation, and the file once it is ready, for the person who asked only."""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teletravail.apps.jobs.documents import document_job_of
from teletravail.apps.jobs.models import JobStatus
from teletravail.apps.jobs.selectors import job_progress, job_state
from teletravail.apps.jobs.services import cancel_job, sweep_stale_jobs


POLL_SECONDS = 1


def _state(job):
    texts = {
        JobStatus.QUEUED: _("En attente d'un serveur de calcul…"),
        JobStatus.RUNNING: _("Préparation du document : %(percent)d %%.") % {"percent": job_progress(job)},
        JobStatus.SUCCEEDED: _("Le document est prêt."),
        JobStatus.FAILED: _("La préparation du document a échoué."),
        JobStatus.CANCELLED: _("Préparation annulée : aucun document n'a été enregistré."),
    }
    return job_state(job, texts=texts, url=reverse("jobs:document", kwargs={"job_id": job.pk}))


def _current(request, job_id):
    job = document_job_of(request, job_id)
    sweep_stale_jobs()
    job.refresh_from_db()
    return job


def document(request, job_id):
    job = _current(request, job_id)
    return render(
        request,
        "jobs/document.html",
        {
            "job": job,
            "state": _state(job),
            "status_url": reverse("jobs:document_status", kwargs={"job_id": job.pk}),
            "poll_seconds": POLL_SECONDS,
        },
    )


def document_status(request, job_id):
    return JsonResponse(_state(_current(request, job_id)))


def document_file(request, job_id):
    """The file, only once the job has succeeded (a cancelled or failed job has none)."""
    job = document_job_of(request, job_id)
    if job.status != JobStatus.SUCCEEDED or not default_storage.exists(job.result["file"]):
        raise Http404
    response = FileResponse(
        default_storage.open(job.result["file"], "rb"), as_attachment=True, filename=job.result["filename"]
    )
    response["Content-Type"] = job.result["content_type"]
    return response


@require_POST
def document_cancel(request, job_id):
    job = document_job_of(request, job_id)
    cancel_job(job=job)
    return redirect("jobs:document", job_id=job.pk)
