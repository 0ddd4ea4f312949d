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
    path(
        "organisation/<int:organisation_id>/rapport.pdf", report_views.organisation_report, name="organisation_report"
    ),
]
