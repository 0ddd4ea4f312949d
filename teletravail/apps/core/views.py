from django.http import JsonResponse
from django.shortcuts import render
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
