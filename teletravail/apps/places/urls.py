from django.urls import path

from teletravail.apps.places import views


app_name = "places"

urlpatterns = [
    path("", views.index, name="index"),
    path("carte.geojson", views.map_geojson, name="map_geojson"),
    path("contours.geojson", views.outlines, name="outlines"),
    path("widget/", views.widget, name="widget"),
    path("territoires-sans-lieu/", views.lacking, name="lacking"),
    path("territoires-sans-lieu/carte.geojson", views.lacking_geojson, name="lacking_geojson"),
    path("<int:place_id>/", views.detail, name="detail"),
    path("donnees-ouvertes.zip", views.open_data, name="open_data"),
    path("inscrire/", views.register, name="register"),
    path("mes-lieux/", views.mine, name="mine"),
    path("mes-lieux/<int:place_id>/modifier/", views.edit, name="edit"),
    path("moderation/", views.moderation, name="moderation"),
    path("moderation/importer/", views.import_file, name="import"),
    path("mes-lieux/<int:place_id>/charte-qualite/", views.charter, name="charter"),
    path("moderation/<int:revision_id>/", views.moderate_revision, name="moderate"),
    path("moderation/charte-qualite/<int:assessment_id>/", views.moderate_charter, name="moderate_charter"),
]
