from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from teletravail.apps.geo.forms import CommuneDistanceForm
from teletravail.apps.geo.selectors import (
    INSEE_CODE,
    NAME,
    MissingCoordinates,
    distance_between,
    search_areas,
    search_communes,
)
from teletravail.apps.geo.tables import communes_table, distance_table


LISTED_POSTAL_CODES = 3


def match_detail(commune):
    """What the list shows beside a commune: its INSEE code when that is what matched, else its postal codes."""
    if getattr(commune, "matched_by", NAME) == INSEE_CODE:
        return _("code INSEE %(code)s") % {"code": commune.code}
    codes = commune.postal_code_list
    if not codes:
        return ""
    listed = ", ".join(codes[:LISTED_POSTAL_CODES]) + ("…" if len(codes) > LISTED_POSTAL_CODES else "")
    return ngettext("code postal %(codes)s", "codes postaux %(codes)s", len(codes)) % {"codes": listed}


def commune_result(commune):
    return {
        "code": commune.code,
        "name": commune.name,
        "departement": commune.departement_id,
        "postal_codes": commune.postal_code_list,
        "label": commune.label,
        "matched_by": getattr(commune, "matched_by", NAME),
        "detail": match_detail(commune),
    }


@require_GET
# Reference data changes once a year: let browsers reuse an answer while a person types and corrects.
@cache_control(public=True, max_age=3600)
def search(request):
    """JSON for the autocomplete widget: {"results": [{code, name, departement, postal_codes, label, matched_by,
    detail}]}."""
    communes = search_communes(request.GET.get("q", ""), limit=settings.GEO_WIDGET_RESULTS)
    return JsonResponse({"results": [commune_result(commune) for commune in communes]})


@require_GET
@cache_control(public=True, max_age=3600)
def area_search(request):
    """JSON for the zone autocomplete of the territory simulator: {"results": [{code, label}]}, where the code is
    the zone as the simulator reads it (« dep:01 »)."""
    areas = search_areas(request.GET.get("q", ""), limit=settings.GEO_WIDGET_RESULTS)
    return JsonResponse({"results": [{"code": area.code, "label": area.label} for area in areas]})


@require_GET
def communes(request):
    """Two communes and the distance between them, with the detour factor and its source."""
    form = CommuneDistanceForm(request.GET if request.GET else None)
    context = {"form": form}
    if form.is_bound and form.is_valid():
        origin, destination = form.cleaned_data["origin"], form.cleaned_data["destination"]
        context["communes"] = [origin, destination]
        context["communes_table"] = communes_table([origin, destination])
        try:
            context["distance"] = distance_between(origin, destination)
            context["distance_table"] = distance_table(context["distance"].estimate)
        except MissingCoordinates as exc:
            context["distance_error"] = str(exc)
    return render(request, "geo/communes.html", context)
