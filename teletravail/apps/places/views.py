from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from teletravail.apps.places.forms import DirectoryForm
from teletravail.apps.places.presentation import place_page, summaries
from teletravail.apps.places.selectors import directory, public_place


PAGE_SIZE = 20


@require_GET
def index(request):
    """The public directory: search by commune or postal code, filters, and the list of places."""
    form = DirectoryForm(request.GET or None)
    filters = {}
    if form.is_bound and form.is_valid():
        filters = {
            "commune": form.cleaned_data["commune"],
            "kind": form.cleaned_data["kind"],
            "services": form.cleaned_data["services"],
            "accessibility": form.cleaned_data["accessibility"],
        }
    places = directory(**filters) if not form.is_bound or form.is_valid() else directory().none()
    page = Paginator(places, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "places/index.html",
        {
            "form": form,
            "page": page,
            "places": summaries(page.object_list),
            "commune": filters.get("commune"),
            "query": query.urlencode(),
        },
    )


@require_GET
def detail(request, place_id):
    return render(request, "places/detail.html", place_page(public_place(place_id)))
