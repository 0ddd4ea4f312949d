from django.urls import path
from django.views.generic import RedirectView

from teletravail.apps.core import views


app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("outils/", views.modules, name="modules"),
    path("mentions-legales/", views.legal_notice, name="legal_notice"),
    path("donnees-personnelles/", views.personal_data, name="personal_data"),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("plan-du-site/", views.sitemap, name="sitemap"),
    path("sante/", views.health, name="health"),
    path("health/", RedirectView.as_view(pattern_name="core:health", permanent=True)),
]
