from django.urls import path

from teletravail.apps.simulator import views


app_name = "simulator"

urlpatterns = [
    path("", views.person, name="person"),
    path("parametres/", views.parameters, name="parameters"),
    path("territoire/", views.territory, name="territory"),
    path("organisation/<int:organisation_id>/", views.organisation, name="organisation"),
]
