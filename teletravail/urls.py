from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from teletravail.api import api


urlpatterns = [
    path("", include("teletravail.apps.core.urls")),
    path("", include("teletravail.apps.home.urls")),
    path("compte/", include("teletravail.apps.accounts.urls")),
    path("compte/jetons-api/", include("teletravail.apps.apitokens.urls")),
    path("organisations/", include("teletravail.apps.organisations.urls")),
    path("notifications/", include("teletravail.apps.notifications.urls")),
    path("geo/", include("teletravail.apps.geo.urls")),
    path("simulateur/", include("teletravail.apps.simulator.urls")),
    path("planning/", include("teletravail.apps.planner.urls")),
    path("diagnostic/", include("teletravail.apps.diagnostic.urls")),
    path("charte/", include("teletravail.apps.charters.urls")),
    path("pratiques/", include("teletravail.apps.practices.urls")),
    path("lieux/", include("teletravail.apps.places.urls")),
    path("plan-d-action/", include("teletravail.apps.actionplan.urls")),
    path("egalite/", include("teletravail.apps.equality.urls")),
    path("demandes-teletravail/", include("teletravail.apps.telework_requests.urls")),
    path("documents/", include("teletravail.apps.jobs.urls")),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("administration/", admin.site.urls),
]

# A database that does not answer gives a clean 503, not a server error.
handler500 = "teletravail.apps.core.views.server_error"

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
