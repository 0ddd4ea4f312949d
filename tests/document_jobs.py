"""Pages that offer a PDF or Word file answer with the page of the job that renders it: these helpers follow it to
the file, as the worker and the browser do."""

from django.http import HttpResponse
from django.urls import resolve, reverse


def document_job_id(response):
    """The job a page's answer sent the browser to (its progress page)."""
    assert response.status_code == 302, response.status_code
    match = resolve(response["Location"])
    assert match.url_name == "document", response["Location"]
    return match.kwargs["job_id"]


def downloaded(client, response, run_jobs):
    """The file offered by the answer `response`, once the job that renders it has run."""
    job_id = document_job_id(response)
    run_jobs()
    page = client.get(reverse("jobs:document", kwargs={"job_id": job_id}))
    assert page.status_code == 200
    file = client.get(reverse("jobs:document_file", kwargs={"job_id": job_id}))
    assert file.status_code == 200, file.status_code
    return HttpResponse(b"".join(file.streaming_content), headers=dict(file.headers))


def browser_download(page, job_worker):
    """In a browser on a document job's page: the worker renders the document, the page offers it, the file is
    downloaded (a Playwright Download)."""
    job_worker()
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger le document").click(timeout=60_000)
    return download.value
