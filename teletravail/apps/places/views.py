import io
import zipfile

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from teletravail.apps.core.language import of_name
from teletravail.apps.core.pages import call_service
from teletravail.apps.places.forms import DirectoryForm, ModerationForm, PlaceForm
from teletravail.apps.places.presentation import place_page, proposed_rows, summaries
from teletravail.apps.places.selectors import (
    directory,
    open_data_rows,
    operated_place,
    operator_places,
    public_place,
    waiting_revision,
    waiting_revisions,
)
from teletravail.apps.places.services import moderate, propose_change, record_from_data, register_place
from teletravail.apps.places.tables import history_table, offers_table, proposed_table
from teletravail.places.export import package_files


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
    page = place_page(public_place(place_id))
    return render(request, "places/detail.html", {**page, "offers_table": offers_table(page["offers"])})


def _place_form_page(request, form, template_context, save):
    if request.method == "POST" and form.is_valid():
        call = call_service(
            request,
            lambda: save(form.record(), form.cleaned_data["commune"]),
            success=_("Fiche envoyée : un modérateur la vérifiera avant publication."),
            form=form,
        )
        if call.ok:
            return redirect("places:mine")
    context = {"form": form, "submit_label": _("Envoyer pour vérification"), "cancel_url": reverse("places:mine")}
    return render(request, "places/place_form.html", {**context, **template_context})


@login_required
@require_http_methods(["GET", "POST"])
def register(request):
    """An operator registers a place; it is published once a moderator approved it."""
    form = PlaceForm(request.POST or None)
    return _place_form_page(
        request,
        form,
        {"title": _("Inscrire un lieu")},
        lambda record, commune: register_place(operator=request.user, record=record, commune=commune),
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, place_id):
    """The operator edits a place; the edit is moderated again."""
    place = operated_place(request.user, place_id)
    form = PlaceForm(request.POST or None, initial=PlaceForm.initial_of(place))
    return _place_form_page(
        request,
        form,
        {"title": _("Modifier la fiche %(of_name)s") % {"of_name": of_name(place.name)}, "place": place},
        lambda record, commune: propose_change(place=place, author=request.user, record=record, commune=commune),
    )


@login_required
@require_GET
def mine(request):
    places = [(place, history_table(place)) for place in operator_places(request.user)]
    return render(request, "places/mine.html", {"places": places})


@login_required
@require_GET
def moderation(request):
    return render(request, "places/moderation.html", {"revisions": waiting_revisions(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def moderate_revision(request, revision_id):
    revision = waiting_revision(request.user, revision_id)
    form = ModerationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call = call_service(
            request,
            lambda: moderate(
                revision=revision,
                moderator=request.user,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
            ),
            success=_("Décision enregistrée."),
            form=form,
        )
        if call.ok:
            return redirect("places:moderation")
    record = record_from_data(revision.data)
    return render(
        request,
        "places/moderate.html",
        {
            "revision": revision,
            "form": form,
            "proposed_table": proposed_table(proposed_rows(record)),
            "current": revision.place,
        },
    )


@require_GET
def open_data(request):
    """The open-data package of the published places (CSV, Table Schema, datapackage.json) as one zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in package_files(open_data_rows(), timezone.now()).items():
            archive.writestr(name, text)
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="lieux-teletravail.zip"'
    return response
