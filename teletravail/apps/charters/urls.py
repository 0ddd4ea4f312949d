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
urlpatterns += [
    path(
        f"{DOCUMENT}/versions/<int:number>.{output_format}",
        views.version_download,
        {"output_format": output_format},
        name=f"version_{output_format}",
    )
    for output_format in ("docx", "pdf", "html")
]
urlpatterns += [
    path(
        f"{DOCUMENT}/annexes/<slug:kind>.{output_format}",
        views.annex_download,
        {"output_format": output_format},
        name=f"annex_{output_format}",
    )
    for output_format in ("docx", "pdf")
]
