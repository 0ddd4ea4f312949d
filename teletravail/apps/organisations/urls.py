from django.urls import path

from teletravail.apps.organisations import views


app_name = "organisations"

urlpatterns = [
    path("<int:organisation_id>/parcours/", views.journey, name="journey"),
]
