from django.urls import path

from teletravail.apps.geo import views


app_name = "geo"

urlpatterns = [
    path("communes/", views.communes, name="communes"),
    path("communes/recherche/", views.search, name="search"),
    path("zones/recherche/", views.area_search, name="area_search"),
]
