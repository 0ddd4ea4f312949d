from django.urls import path

from teletravail.apps.equality import views


app_name = "equality"

urlpatterns = [path("<int:organisation_id>/", views.index, name="index")]
