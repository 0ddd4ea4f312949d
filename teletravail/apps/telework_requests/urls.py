from django.urls import path

from teletravail.apps.telework_requests import views


app_name = "telework_requests"

urlpatterns = [
    path("<int:organisation_id>/", views.index, name="mine"),
    path("<int:organisation_id>/nouvelle/", views.create, name="create"),
    path("<int:organisation_id>/<int:telework_request_id>/retirer/", views.withdraw, name="withdraw"),
    path("<int:organisation_id>/<int:telework_request_id>/decision/", views.decide, name="decide"),
]
