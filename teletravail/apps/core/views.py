import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from teletravail.apps.core.health import health as health_report
from teletravail.apps.core.legal import personal_data_table
from teletravail.apps.core.modules import MODULES


def home(request):
    return render(request, "core/home.html", {"modules": MODULES})


def modules(request):
    return render(request, "core/modules.html", {"modules": MODULES})


def legal_notice(request):
    return render(request, "core/legal/legal_notice.html")


def personal_data(request):
    return render(request, "core/legal/personal_data.html", {"data_table": personal_data_table()})


def accessibility(request):
    return render(request, "core/legal/accessibility.html")


def sitemap(request):
    return render(request, "core/legal/sitemap.html", {"modules": MODULES})


@never_cache
@require_GET
def health(request):
    """The database and the job queue, for the supervisor and the front server: 200 when both work, 503 naming the
    failing part. Not throttled, no session needed."""
    healthy, report = health_report()
    return JsonResponse(report, status=200 if healthy else 503)


def server_error(request):
    """Django's last resort for an uncaught exception (`handler500`). A database that does not answer (restarting,
    unreachable) is a 503 the client may retry after a while, a French page that reads nothing from the database (JSON
    under the API); any other error, Django's 500 page."""
    if not isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return defaults.server_error(request)
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"detail": _("Service momentanément indisponible : réessayez dans quelques instants.")}
        )
    else:
        response = HttpResponse(render_to_string("core/unavailable.html"))
    response.status_code = 503
    response["Retry-After"] = str(settings.UNAVAILABLE_RETRY_AFTER_SECONDS)
    return response
