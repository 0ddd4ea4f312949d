import io
import json
import re
import zipfile
from functools import cache
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_GET, require_http_methods

from teletravail import french
from teletravail.apps.core.downloads import csv_download
from teletravail.apps.core.language import of_name
from teletravail.apps.core.pages import call_service
from teletravail.apps.core.uploads import add_input_errors, declared_length, upload_max_bytes
from teletravail.apps.geo.models import Commune, Departement, Epci, Region
from teletravail.apps.places.forms import (
    PLACES_FILE,
    CharterAssessmentForm,
    CharterDecisionForm,
    DirectoryForm,
    LackingPlacesForm,
    ModerationForm,
    PlaceForm,
    PlacesFileForm,
    places_file_too_large,
)
from teletravail.apps.places.presentation import place_page, proposed_rows, report_lines, summaries
from teletravail.apps.places.selectors import (
    PlaceSearch,
    can_moderate,
    directory,
    open_data_rows,
    operated_place,
    operator_places,
    places_in_commune,
    public_place,
    search_places,
    territory_lacking_places,
    waiting_assessment,
    waiting_assessments,
    waiting_revision,
    waiting_revisions,
)
from teletravail.apps.places.services import (
    charter_in_force,
    decide_charter_assessment,
    import_places,
    moderate,
    propose_change,
    record_from_data,
    register_place,
    submit_charter_assessment,
)
from teletravail.apps.places.tables import (
    history_table,
    lacking_places_rows,
    lacking_places_table,
    lacking_search_url,
    offers_table,
    proposed_table,
    threshold_columns,
    threshold_file_suffix,
    threshold_text,
)
from teletravail.apps.places.vocabulary import KIND_NAMES
from teletravail.geo.maps import outlines_geojson
from teletravail.impact.errors import ImpactInputError
from teletravail.places.export import package_files
from teletravail.places.quality import load_charter
from teletravail.places.readers import PlacesFileError, read_overpass_json, read_schema_csv


PAGE_SIZE = 20
LACKING_PAGE_SIZE = 50  # communes lacking a place per page; the map and the CSV hold them all
WIDGET_SIZE = 50  # a widget lists the first places by name and links to the directory for the rest
COORDINATE_DECIMALS = 5  # about a metre: enough to place a marker, and a lighter file
URL_PLACEHOLDER_ID = 987654321  # a place's URL is this one's with its own id


def _directory_search(request):
    """The directory's form and the PlaceSearch it asks for; an invalid search finds nothing (the form says why)."""
    form = DirectoryForm(request.GET or None)
    if not form.is_bound:
        return form, PlaceSearch()
    if form.is_valid():
        return form, form.search()
    return form, None


def _searched_places(search):
    return search_places(search) if search is not None else directory().none()


def _tile_source(url):
    """The CSP source of a tile URL template: « https://{s}.tile.example.org/{z}/{x}/{y}.png » loads from
    « https://*.tile.example.org »."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{re.sub(r'[{][^}]*[}]', '*', parts.netloc)}"


@require_GET
def index(request):
    """The public directory: search by commune or postal code, a radius, filters; a map of the places found (loaded
    as GeoJSON by the script) over the same list, which works alone without JavaScript."""
    form, search = _directory_search(request)
    places = _searched_places(search)
    page = Paginator(places, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    commune = form.cleaned_data.get("commune") if search is not None and form.is_bound else None
    widget_query = f"commune={commune.code}" if commune is not None and not isinstance(commune, tuple) else ""
    widget_url = request.build_absolute_uri(reverse("places:widget")) + (f"?{widget_query}" if widget_query else "")
    response = render(
        request,
        "places/index.html",
        {
            "form": form,
            "page": page,
            "places": summaries(page.object_list),
            "commune": commune,
            "radius_km": form.cleaned_data.get("radius_km") if commune is not None else None,
            "query": query.urlencode(),
            "tile_url": settings.PLACES_MAP_TILE_URL,
            "tile_attribution": settings.PLACES_MAP_TILE_ATTRIBUTION,
            "widget_url": widget_url,
        },
    )
    return _allowing_tiles(response)


def _allowing_tiles(response):
    """A page with a map: when the deployment has a tile server, its images may load on this page only."""
    if settings.PLACES_MAP_TILE_URL:
        response._csp_update = {"img-src": [_tile_source(settings.PLACES_MAP_TILE_URL)]}
    return response


@require_GET
@gzip_page  # public data only, no secret for a compression side channel to read: 20,000 places shrink ten-fold
def map_geojson(request):
    """The places of the directory's search as GeoJSON (RFC 7946) points for the map: the map never carries the
    places in its HTML."""
    _form, search = _directory_search(request)
    rows = _searched_places(search).values_list("pk", "name", "kind", "latitude", "longitude", "commune__name")
    # Once per response, not per place: reverse() and lazy translations cost more than the rest for 20,000 places.
    kind_names = {code: str(name) for code, name in KIND_NAMES.items()}
    url_template = reverse("places:detail", kwargs={"place_id": URL_PLACEHOLDER_ID})
    features = [
        {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [round(longitude, COORDINATE_DECIMALS), round(latitude, COORDINATE_DECIMALS)],
            },
            "properties": {
                "id": str(pk),
                "name": name,
                "kind": kind_names.get(kind, kind),
                "commune": commune_name,
                "url": url_template.replace(str(URL_PLACEHOLDER_ID), str(pk)),
            },
        }
        for pk, name, kind, latitude, longitude, commune_name in rows
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features}, content_type="application/geo+json")


@cache
def _outlines_body():
    return json.dumps(outlines_geojson(), separators=(",", ":")).encode()


@require_GET
@gzip_page
@cache_control(public=True, max_age=86400)
def outlines(request):
    """The départements' outlines (the platform's own, from IGN/INSEE) as the map's base layer: no tile server."""
    return HttpResponse(_outlines_body(), content_type="application/geo+json")


WIDGET_TERRITORIES = {
    # parameter: (model, the Q of its places, how to name it)
    "commune": (Commune, lambda commune: places_in_commune(commune), lambda commune: commune.label),
    "epci": (Epci, lambda epci: Q(commune__epci=epci), lambda epci: epci.name),
    "departement": (Departement, lambda dep: Q(commune__departement=dep), lambda dep: f"{dep.name} ({dep.code})"),
    "region": (Region, lambda region: Q(commune__region=region), lambda region: region.name),
}


@require_GET
@xframe_options_exempt
def widget(request):
    """The places of a territory on a small page of its own that any site may put in an iframe (plan action 12): no
    script at all, links open the directory in a new tab. Only this page may be framed."""
    territory, name = Q(), None
    for parameter, (model, places_of, name_of) in WIDGET_TERRITORIES.items():
        code = (request.GET.get(parameter) or "").strip()
        if code:
            found = get_object_or_404(model, pk=code[:9])
            territory, name = places_of(found), name_of(found)
            break
    places = search_places(PlaceSearch(territory=territory))
    response = render(
        request,
        "places/widget.html",
        {"places": summaries(places[:WIDGET_SIZE]), "count": places.count(), "territory": name},
    )
    response._csp_replace = {"frame-ancestors": ["*"]}
    return response


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
    charter, today = load_charter(), timezone.localdate()
    places = []
    for place in operator_places(request.user):
        place.charter_badge = charter.badge(place.charter_version, today)
        places.append((place, history_table(place)))
    version = charter.in_force(today)
    context = {"places": places, "charter_version": version.version if version else ""}
    return render(request, "places/mine.html", context)


@login_required
@require_GET
def moderation(request):
    return render(
        request,
        "places/moderation.html",
        {"revisions": waiting_revisions(request.user), "assessments": waiting_assessments(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def charter(request, place_id):
    """The operator assesses their place against the quality charter in force, with evidence for each criterion."""
    place = operated_place(request.user, place_id)
    version = charter_in_force()
    form = CharterAssessmentForm(request.POST or None, version=version, language=get_language())
    if request.method == "POST" and form.is_valid():
        call = call_service(
            request,
            lambda: submit_charter_assessment(place=place, author=request.user, evidence=form.evidence()),
            success=_("Auto-évaluation envoyée : un modérateur la vérifiera."),
            form=form,
        )
        if call.ok:
            return redirect("places:mine")
    context = {
        "place": place,
        "version": version,
        "form": form,
        "assessments": place.charter_assessments.all(),
        "charter": load_charter().badge(place.charter_version, timezone.localdate()),
    }
    return render(request, "places/charter.html", context)


def _decision_page(request, form, decide, template, context):
    """A moderator's decision on what waits for them (a record or a charter assessment): `decide(decision, reason)`
    calls the service; the page shows `context` above the decision form, then goes back to the moderation list."""
    if request.method == "POST" and form.is_valid():
        call = call_service(
            request,
            lambda: decide(form.cleaned_data["decision"], form.cleaned_data["reason"]),
            success=_("Décision enregistrée."),
            form=form,
        )
        if call.ok:
            return redirect("places:moderation")
    return render(request, template, {**context, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def moderate_charter(request, assessment_id):
    assessment = waiting_assessment(request.user, assessment_id)
    version = load_charter().version(assessment.version)
    language = get_language()
    answers = [
        (criterion.title_in(language), criterion.requirement_in(language), assessment.evidence.get(criterion.code, ""))
        for criterion in version.criteria
    ]
    return _decision_page(
        request,
        CharterDecisionForm(request.POST or None),
        lambda decision, reason: decide_charter_assessment(
            assessment=assessment, moderator=request.user, decision=decision, reason=reason
        ),
        "places/moderate_charter.html",
        {"assessment": assessment, "answers": answers},
    )


@login_required
@require_http_methods(["GET", "POST"])
def moderate_revision(request, revision_id):
    revision = waiting_revision(request.user, revision_id)
    return _decision_page(
        request,
        ModerationForm(request.POST or None),
        lambda decision, reason: moderate(revision=revision, moderator=request.user, decision=decision, reason=reason),
        "places/moderate.html",
        {
            "revision": revision,
            "proposed_table": proposed_table(proposed_rows(record_from_data(revision.data))),
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


def _lacking(request):
    """The form of the territories lacking places, its threshold and the communes it finds (None for an invalid or
    empty form)."""
    form = LackingPlacesForm(request.GET or None)
    if not form.is_valid():
        return form, None, None
    thresholds, data = form.thresholds(), form.cleaned_data
    try:
        gaps = territory_lacking_places(data["area"], data["min_teleworkers"] or 0, **thresholds)
    except ImpactInputError as error:  # a zone written as the simulator reads it, but with no commune
        add_input_errors(form, error)
        return form, None, None
    return form, thresholds, gaps


@require_GET
def lacking(request):
    """The communes of a territory where potential teleworkers live far from any open place (plan action 15): a
    ranked list, a map of the same communes and a CSV, for a public-funding case. Public, as the simulators."""
    form, thresholds, gaps = _lacking(request)
    if gaps is not None and request.GET.get("format") == "csv":
        area = form.cleaned_data["area"].replace(":", "-")
        suffix = threshold_file_suffix(thresholds)
        return csv_download(lacking_places_rows(gaps, thresholds), f"communes-sans-lieu-{area}-{suffix}.csv")
    context = {"form": form, "gaps": gaps}
    if gaps is not None:
        page = Paginator(gaps, LACKING_PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        query.pop("format", None)
        threshold = threshold_text(thresholds, get_language())
        context.update(
            page=page,
            query=query.urlencode(),
            threshold=threshold,
            by_time="max_minutes" in thresholds,
            table=lacking_places_table(
                page.object_list,
                caption=_("Communes sans lieu de télétravail à moins de %(threshold)s") % {"threshold": threshold},
            ),
            teleworkers=french.integer(sum(gap.residence.teleworkers for gap in gaps), language=get_language()),
            tile_url=settings.PLACES_MAP_TILE_URL,
            tile_attribution=settings.PLACES_MAP_TILE_ATTRIBUTION,
        )
    return _allowing_tiles(render(request, "places/lacking.html", context))


@require_GET
def lacking_geojson(request):
    """The communes of the lacking-places page as GeoJSON points for its map, in the shape the directory's map
    reads (a name, a line of detail and a link for each point); the threshold is a member of the collection."""
    _form, thresholds, gaps = _lacking(request)
    language = get_language()
    features = [
        {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [
                    round(gap.residence.longitude, COORDINATE_DECIMALS),
                    round(gap.residence.latitude, COORDINATE_DECIMALS),
                ],
            },
            "properties": {
                "id": gap.residence.code,
                "name": gap.residence.name,
                "kind": ngettext(
                    "%(count)s télétravailleur potentiel", "%(count)s télétravailleurs potentiels", round(teleworkers)
                )
                % {"count": french.integer(teleworkers, language=language)},
                "commune": _("lieu le plus proche à %(km)s km, %(minutes)s min en voiture")
                % {
                    "km": french.decimal(gap.nearest_km, language=language),
                    "minutes": french.integer(gap.nearest_minutes, language=language),
                }
                if gap.nearest_km is not None
                else _("aucun lieu"),
                "url": lacking_search_url(gap),
            },
        }
        for gap in gaps or ()
        for teleworkers in (gap.residence.teleworkers,)
    ]
    collection = {"type": "FeatureCollection", "features": features}
    if thresholds is not None:
        # A foreign member (RFC 7946 § 6.1): which threshold the points answer, in the CSV's words.
        collection["seuil"] = threshold_columns(thresholds)
        collection["seuil_texte"] = threshold_text(thresholds, language)
    return JsonResponse(collection, content_type="application/geo+json")


# Refused from the declared length, before the body is read; the margin covers the form's other fields.
UPLOAD_MARGIN_BYTES = 64 * 1024
TOO_LARGE = 413


@csrf_exempt  # the CSRF check reads the form, hence the whole upload: `_import_upload` makes it after the size check
@login_required
def import_file(request):
    """A moderator imports a file of places with the CLI's importer (`teletravail places import`), and reads its
    report. Nothing is written when the file cannot be read; the accepted rows are written in one transaction."""
    if not can_moderate(request.user):
        raise PermissionDenied
    if request.method == "POST" and declared_length(request) > upload_max_bytes(PLACES_FILE) + UPLOAD_MARGIN_BYTES:
        form = PlacesFileForm()
        form.cleaned_data = {}  # an unbound form has none, and add_error updates them
        form.add_error("file", places_file_too_large())
        return render(request, "places/import.html", {"form": form}, status=TOO_LARGE)
    return _import_upload(request)


@csrf_protect
@require_http_methods(["GET", "POST"])
def _import_upload(request):
    form = PlacesFileForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        reader = read_schema_csv if form.cleaned_data["file_format"] == "csv" else read_overpass_json
        try:
            report = import_places(list(reader(form.cleaned_data["file"].read())))
        except PlacesFileError as error:
            form.add_error("file", _("Import annulé, aucune donnée écrite : %(reason)s") % {"reason": error})
    return render(request, "places/import.html", {"form": form, "report": report and report_lines(report)})
