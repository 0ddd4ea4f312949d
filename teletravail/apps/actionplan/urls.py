from django.urls import path

from teletravail.apps.actionplan import views


app_name = "actionplan"

urlpatterns = [
    path("<int:organisation_id>/", views.index, name="index"),
    path("<int:organisation_id>/nouvelle/", views.create, name="create"),
    path("<int:organisation_id>/actions/<int:plan_action_id>/", views.edit, name="edit"),
]
