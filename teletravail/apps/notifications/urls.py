from django.urls import path

from teletravail.apps.notifications import views


app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:notification_id>/lue/", views.notification_read, name="read"),
    path("toutes-lues/", views.notifications_all_read, name="all_read"),
    path("courriels/", views.preferences, name="preferences"),
]
