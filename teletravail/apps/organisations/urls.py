from django.urls import path

from teletravail.apps.organisations import journey


app_name = "organisations"

urlpatterns = [
    path("<int:organisation_id>/parcours/", journey.journey, name="journey"),
]
