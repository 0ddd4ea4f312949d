from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from teletravail.apps.geo.forms import CommuneDistanceForm
from teletravail.apps.geo.selectors import MissingCoordinates, distance_between, search_areas, search_communes


WIDGET_RESULTS = 10


def commune_result(commune):
    return {
        "code": commune.code,
        "name": commune.name,
        "departement": commune.departement_id,
        "postal_codes": commune.postal_code_list,
        "label": commune.label,
    }


@require_GET
# Reference data changes once a year: let browsers reuse an answer while a person types and corrects.
@cache_control(public=True, max_age=3600)
def search(request):
    """JSON for the autocomplete widget: {"results": [{code, name, departement, postal_codes, label}]}."""
    communes = search_communes(request.GET.get("q", ""), limit=WIDGET_RESULTS)
    return JsonResponse({"results": [commune_result(commune) for commune in communes]})


@require_GET
@cache_control(public=True, max_age=3600)
def area_search(request):
    """JSON for the zone autocomplete of the territory simulator: {"results": [{code, label}]}, where the code is
    the zone as the simulator reads it (« dep:01 »)."""
    areas = search_areas(request.GET.get("q", ""), limit=WIDGET_RESULTS)
    return JsonResponse({"results": [{"code": area.code, "label": area.label} for area in areas]})


@require_GET
def communes(request):
    """Two communes and the distance between them, with the detour factor and its source."""
    form = CommuneDistanceForm(request.GET if request.GET else None)
    context = {"form": form}
    if form.is_bound and form.is_valid():
        origin, destination = form.cleaned_data["origin"], form.cleaned_data["destination"]
        context["communes"] = [origin, destination]
        try:
            context["distance"] = distance_between(origin, destination)
        except MissingCoordinates as exc:
            context["distance_error"] = str(exc)
    return render(request, "geo/communes.html", context)
