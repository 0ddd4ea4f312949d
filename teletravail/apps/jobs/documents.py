"""Documents (PDF, Word) rendered by a job, not in the request: the page builds the document (its blocks, in the
reader's language), queues its rendering and answers at once; the worker renders it and stores the file through
Django's storage (a local folder or an S3-compatible store). Only the person who asked downloads it: their account,
or, for a visitor without one, their session; a document of an organisation's page is downloaded only while that
person still has the access the page required (checked again at each request by the page's own access function,
registered here by name). A cancelled job stores no file."""

import hashlib
import json

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.http import Http404
from django.shortcuts import redirect

from teletravail.apps.jobs.models import Job
from teletravail.apps.jobs.registry import register_kind
from teletravail.apps.jobs.services import lease_for, submit_job
from teletravail.documents import document_from_data, document_to_data, render_docx, render_pdf


DOCUMENT_JOB = "documents.render"
# The longest rendering seen under load (an employer report: 10 s), for the progress shown and the lease.
DOCUMENT_EXPECTED_SECONDS = 10.0
RENDERERS = {
    "pdf": (render_pdf, "application/pdf"),
    "docx": (render_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}
# The documents a visitor without an account asked for in this session.
SESSION_DOCUMENTS = "jobs:documents"
# Name → the access function of a page whose documents are rendered by jobs: `check(user, **scope)` raises Http404 or
# PermissionDenied when the user may no longer see that page (each app registers its own at start-up).
DOCUMENT_ACCESS = {}


def register_document_access(name, check):
    DOCUMENT_ACCESS[name] = check


def still_allowed(job, user):
    """Whether `user` still has the access the page of the document `job` required when it was asked for."""
    access = job.payload.get("access")
    if access is None:
        return True  # a public page's document (the person simulator…)
    try:
        DOCUMENT_ACCESS[access["name"]](user, **access["scope"])
    except (Http404, PermissionDenied):
        return False
    return True


def renders_as_job(output_format):
    return output_format in RENDERERS


def submit_document(request, document, *, output_format, filename, access=None):
    """Queue the rendering of `document` for the person of the request. The same document asked for again while it
    renders is the same job. `access` (name, scope), for a page of an organisation: the registered access function
    and its arguments (the organisation…) that the page required, checked again at every request for the document.
    Returns the job."""
    payload = {"document": document_to_data(document), "format": output_format, "filename": filename}
    if access is not None:
        name, scope = access
        if name not in DOCUMENT_ACCESS:
            raise KeyError(name)  # checked here, not at the first download
        payload["access"] = {"name": name, "scope": scope}
    if request.user.is_authenticated:
        owner, requested_by = f"user:{request.user.pk}", request.user
    else:
        if not request.session.session_key:
            request.session.save()
        owner, requested_by = f"session:{request.session.session_key}", None
    digest = hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
    job, _queued = submit_job(
        kind=DOCUMENT_JOB,
        key=f"{DOCUMENT_JOB}:{owner}:{digest}",
        payload=payload,
        requested_by=requested_by,
        expected_seconds=DOCUMENT_EXPECTED_SECONDS,
        lease_seconds=lease_for(DOCUMENT_EXPECTED_SECONDS),
    )
    if requested_by is None:
        request.session[SESSION_DOCUMENTS] = [*request.session.get(SESSION_DOCUMENTS, []), job.pk][-50:]
    return job


def queued_document(request, document, *, output_format, filename, access=None):
    """The answer of a page that offers `document` as a file: its rendering queued, the page of its progress."""
    job = submit_document(request, document, output_format=output_format, filename=filename, access=access)
    return redirect("jobs:document", job_id=job.pk)


def render_document(payload):
    render, _content_type = RENDERERS[payload["format"]]
    return render(document_from_data(payload["document"]))


def store_document(job, content):
    """The file saved under the job's folder (kept only for a job that was not cancelled)."""
    name = default_storage.save(f"documents/{job.pk}/{job.payload['filename']}", ContentFile(content))
    return {"file": name, "filename": job.payload["filename"], "content_type": RENDERERS[job.payload["format"]][1]}


register_kind(DOCUMENT_JOB, compute=render_document, store=store_document)


def document_job_of(request, job_id):
    """The document job `job_id` if the request's person asked for it and still has the access its page required;
    Http404 otherwise (another person's document, like one that does not exist, is not found)."""
    job = Job.objects.filter(kind=DOCUMENT_JOB, pk=job_id).first()
    if job is None:
        raise Http404
    if job.requested_by_id is not None:
        mine = request.user.is_authenticated and request.user.pk == job.requested_by_id
    else:
        mine = job.pk in request.session.get(SESSION_DOCUMENTS, [])
    if not mine or not still_allowed(job, request.user):
        raise Http404
    return job


@receiver(post_delete, sender=Job)
def delete_stored_document(sender, instance, **kwargs):
    """A finished job removed (retention, erasure) takes its file with it."""
    if instance.kind == DOCUMENT_JOB and instance.result.get("file"):
        default_storage.delete(instance.result["file"])
