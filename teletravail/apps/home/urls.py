from django.urls import path

from teletravail.apps.home import views


app_name = "home"

urlpatterns = [
    path("outils/<slug:slug>/", views.open_module, name="open_module"),
    path("mon-espace/", views.dashboard, name="dashboard"),
    path("organisations/<int:organisation_id>/parcours/", views.journey, name="journey"),
]
