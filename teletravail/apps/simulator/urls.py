from django.urls import path

from teletravail.apps.simulator import report_views, views


app_name = "simulator"

urlpatterns = [
    path("", views.person, name="person"),
    path("rapport.pdf", report_views.person_report, name="person_report"),
    path("parametres/", views.parameters, name="parameters"),
    path("territoire/", views.territory, name="territory"),
    path("territoire/annuler/", views.territory_cancel, name="territory_cancel"),
    path("territoire/rapport.pdf", report_views.territory_report, name="territory_report"),
    path("organisation/<int:organisation_id>/", views.organisation, name="organisation"),
    path("organisation/<int:organisation_id>/calcul/<int:run_id>/", views.organisation_run, name="organisation_run"),
    path(
        "organisation/<int:organisation_id>/calcul/<int:run_id>/annuler/",
        views.organisation_run_cancel,
        name="organisation_run_cancel",
    ),
    path(
        "organisation/<int:organisation_id>/calcul/<int:run_id>/rapport.pdf",
        report_views.organisation_run_report,
        name="organisation_run_report",
    ),
    path(
        "organisation/<int:organisation_id>/rapport.pdf", report_views.organisation_report, name="organisation_report"
    ),
]
