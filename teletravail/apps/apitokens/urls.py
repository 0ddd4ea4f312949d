from django.urls import path

from teletravail.apps.apitokens import views


app_name = "apitokens"

urlpatterns = [
    path("", views.tokens, name="list"),
    path("<int:token_id>/revoquer/", views.revoke, name="revoke"),
]
