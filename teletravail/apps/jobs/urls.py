from django.urls import path

from teletravail.apps.jobs import views


app_name = "jobs"

urlpatterns = [
    path("<int:job_id>/", views.document, name="document"),
    path("<int:job_id>/etat/", views.document_status, name="document_status"),
    path("<int:job_id>/fichier/", views.document_file, name="document_file"),
    path("<int:job_id>/annuler/", views.document_cancel, name="document_cancel"),
]
