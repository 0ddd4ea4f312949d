from django.urls import path

from teletravail.apps.charters import views


app_name = "charters"

DOCUMENT = "<int:organisation_id>/documents/<int:document_id>"

urlpatterns = [
    path("<int:organisation_id>/", views.index, name="index"),
    path("<int:organisation_id>/nouveau/", views.new, name="new"),
    path("<int:organisation_id>/verifier/", views.checker, name="checker"),
    path("<int:organisation_id>/circonstances-exceptionnelles/", views.exceptional_notice, name="exceptional_notice"),
    path(f"{DOCUMENT}/", views.document_page, name="document"),
    path(f"{DOCUMENT}/etapes/<int:number>/", views.step_page, name="step"),
    path(f"{DOCUMENT}/etapes/<int:number>/verifier/", views.step_check, name="step_check"),
    path(f"{DOCUMENT}/procedure/", views.procedure, name="procedure"),
]


def _per_format(route, view, name, formats):
    """One URL per output format: `route` + « .pdf », named `name` + « _pdf »."""
    return [
        path(f"{route}.{output_format}", view, {"output_format": output_format}, name=f"{name}_{output_format}")
        for output_format in formats
    ]


urlpatterns += _per_format(
    f"{DOCUMENT}/versions/<int:number>", views.version_download, "version", ("docx", "pdf", "html")
)
urlpatterns += _per_format(f"{DOCUMENT}/annexes/<slug:kind>", views.annex_download, "annex", ("docx", "pdf"))
urlpatterns += _per_format(
    "<int:organisation_id>/verifier/rapport", views.checker_report, "checker_report", ("pdf", "docx", "md")
)
