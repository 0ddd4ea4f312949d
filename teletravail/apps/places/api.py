"""Open API of the places directory, mounted at /api/v1/places: the published places, with filters, a bounding
box, pages and GeoJSON (RFC 7946); the places nearest a commune; and, with an API token, an operator's writes,
moderated as the web form's are."""

import json
from datetime import date, datetime
from typing import Annotated, Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth
from pydantic import WithJsonSchema

from teletravail.apps.apitokens.auth import api_token_auth
from teletravail.apps.core.api import ErrorOut, InvalidInputOut, plain_text, service_refusal
from teletravail.apps.core.bounds import ID
from teletravail.apps.geo.selectors import commune_by_code
from teletravail.apps.places.models import Place, PlaceStatus
from teletravail.apps.places.selectors import PlaceSearch, nearest_places, search_places
from teletravail.apps.places.services import propose_change, register_place
from teletravail.places.nearby import BoundingBoxError, parse_bbox
from teletravail.places.quality import load_charter
from teletravail.places.record import PlaceRecord, clean_text
from teletravail.places.vocabulary import ACCESSIBILITY, KINDS, LABELS, SERVICES


router = Router()

# RFC 7946 §11.2: six decimals of a degree are about 10 cm, more than any place's position is known to.
COORDINATE_DECIMALS = 6
GEOJSON_MEDIA_TYPE = "application/geo+json"
BBOX_PATTERN = r"^ *-?[0-9.]+ *(, *-?[0-9.]+ *){3}$"
CODE_PATTERN = r"^[0-9]{5}$|^2[AB][0-9]{3}$"

Kind = Literal[KINDS]
Service = Literal[SERVICES]
Accessibility = Literal[ACCESSIBILITY]
Label = Literal[LABELS]


class PlaceOut(Schema):
    id: int
    name: str = Field(description="Nom du lieu.")
    kind: str = Field(description=f"Type de lieu : {', '.join(KINDS)}.")
    address: str
    postal_code: str = Field(description="Code postal (texte : « 01000 » garde son zéro).")
    commune_code: str = Field(description="Code INSEE de la commune (texte, 2A/2B pour la Corse).")
    commune_name: str
    departement: str = Field(description="Code du département.")
    latitude: float = Field(description="Latitude WGS84, 6 décimales au plus.")
    longitude: float = Field(description="Longitude WGS84, 6 décimales au plus.")
    siret: str
    website: str
    phone: str
    email: str
    opening_hours: str = Field(description="Horaires dans la syntaxe OpenStreetMap opening_hours.")
    services: list[str]
    accessibility: list[str]
    acceslibre_url: str
    description: str = Field(description="Présentation, en texte brut : à échapper avant de l'afficher en HTML.")
    booking_url: str
    labels: list[str]
    desks: int | None
    meeting_rooms: int | None
    source: str = Field(description="Source de la fiche (cget2019, osm, csv, operator).")
    licence: str = Field(description="Licence de la fiche, celle de sa source.")
    field_sources: dict[str, dict[str, str]] = Field(
        description="Champs venus d'une autre source : champ → {source, licence}."
    )
    verified_on: date | None = Field(description="Date de la dernière vérification.")
    charter_version: str | None = Field(
        description="Version de la charte qualité selon laquelle le lieu est labellisé (null : pas de label)."
    )
    charter_status: Literal["current", "to_reassess"] | None = Field(
        description=(
            "current : labellisé selon la version en vigueur de la charte qualité ; to_reassess : labellisé selon "
            "une version plus ancienne, à réévaluer selon celle en vigueur ; null : pas de label."
        )
    )
    url: str = Field(description="Page du lieu dans l'annuaire.")


class PlacePageOut(Schema):
    total: int = Field(description="Nombre de lieux qui répondent aux filtres.")
    page: int
    page_size: int
    pages: int = Field(description="Nombre de pages.")
    next: str | None = Field(description="Adresse de la page suivante, null à la dernière.")
    previous: str | None = Field(description="Adresse de la page précédente, null à la première.")
    results: list[PlaceOut]


class PointOut(Schema):
    type: Literal["Point"]
    coordinates: list[float] = Field(description="[longitude, latitude], 6 décimales au plus.")


class FeatureOut(Schema):
    type: Literal["Feature"]
    id: int
    geometry: PointOut
    properties: dict


class FeatureCollectionOut(Schema):
    type: Literal["FeatureCollection"]
    features: list[FeatureOut]
    total: int
    page: int
    page_size: int
    pages: int
    next: str | None
    previous: str | None


class NearPlaceOut(PlaceOut):
    distance_km: float = Field(description="Distance à vol d'oiseau depuis le centre de la commune, en km.")


class NearestOut(Schema):
    commune_code: str
    commune_name: str
    results: list[NearPlaceOut] = Field(description="Lieux les plus proches d'abord.")


class PlaceIn(Schema):
    """A place as its operator writes it; the checks are those of the web form and of the imports."""

    name: plain_text(200, description="Nom du lieu.")
    kind: Kind
    siret: plain_text(20, description="SIRET de l'exploitant (14 chiffres, clé vérifiée).")
    commune: plain_text(5, pattern=CODE_PATTERN, description="Code INSEE de la commune.")
    latitude: float = Field(ge=-90, le=90, allow_inf_nan=False)
    longitude: float = Field(ge=-180, le=180, allow_inf_nan=False)
    address: plain_text(300) = ""
    postal_code: plain_text(5, pattern=r"^([0-9]{5})?$") = ""
    website: plain_text(500) = ""
    booking_url: plain_text(500) = ""
    phone: plain_text(30) = ""
    email: plain_text(200) = ""
    opening_hours: plain_text(255, description="Syntaxe OpenStreetMap, par exemple « Mo-Fr 09:00-18:00 ».") = ""
    services: list[Service] = Field(default_factory=list, max_length=len(SERVICES))
    accessibility: list[Accessibility] = Field(default_factory=list, max_length=len(ACCESSIBILITY))
    description: str = Field("", max_length=5000, description="Présentation, en texte brut.")

    def record(self):
        return PlaceRecord(
            source="",
            source_id="",
            licence="",
            name=self.name.strip(),
            kind=self.kind,
            address=self.address.strip(),
            postal_code=self.postal_code,
            latitude=self.latitude,
            longitude=self.longitude,
            siret=self.siret.replace(" ", ""),
            website=self.website.strip(),
            booking_url=self.booking_url.strip(),
            phone=self.phone.strip(),
            email=self.email.strip(),
            opening_hours=self.opening_hours,
            services=tuple(dict.fromkeys(self.services)),
            accessibility=tuple(dict.fromkeys(self.accessibility)),
            description=clean_text(self.description),
        )


class PlaceWrittenOut(Schema):
    id: int
    status: str = Field(description="pending : en attente de modération ; published : publié.")
    revision_id: int = Field(description="Version proposée, en attente d'un modérateur.")


def place_properties(request, place, page_url=None):
    """A place as the open API gives it; coordinates rounded to COORDINATE_DECIMALS, codes as texts.

    `page_url(pk)` gives the place's page; many places share one `page_urls(request)`."""
    page_url = page_url or page_urls(request)
    badge = load_charter().badge(place.charter_version, timezone.localdate())
    return {
        "id": place.pk,
        "name": place.name,
        "kind": place.kind,
        "address": place.address,
        "postal_code": place.postal_code,
        "commune_code": place.commune_id,
        "commune_name": place.commune.name,
        "departement": place.commune.departement_id,
        "latitude": round(place.latitude, COORDINATE_DECIMALS),
        "longitude": round(place.longitude, COORDINATE_DECIMALS),
        "siret": place.siret,
        "website": place.website,
        "phone": place.phone,
        "email": place.email,
        "opening_hours": place.opening_hours,
        "services": list(place.services),
        "accessibility": list(place.accessibility),
        "acceslibre_url": place.acceslibre_url,
        "description": place.description,
        "booking_url": place.booking_url,
        "labels": list(place.labels),
        "desks": place.desks,
        "meeting_rooms": place.meeting_rooms,
        "source": place.source,
        "licence": place.licence,
        "field_sources": place.field_sources,
        "verified_on": place.verified_on.isoformat() if place.verified_on else None,
        "charter_version": place.charter_version or None,
        "charter_status": badge.status if badge else None,
        "url": page_url(place.pk),
    }


def page_urls(request):
    """pk → the absolute address of a place's page, routed once (reversing a URL per place of a page costs more
    than reading the place)."""
    marker = 2**31
    template = request.build_absolute_uri(reverse("places:detail", args=[marker]))
    before, after = template.split(str(marker))
    return lambda pk: f"{before}{pk}{after}"


def json_answer(body, content_type="application/json; charset=utf-8"):
    """The body as strict JSON, without validating it again against its schema: the lists are built field by field
    above, and checking thousands of fields per request would cost more than the query (the fuzz test checks the
    answers against the documented schemas)."""
    return HttpResponse(json.dumps(body, allow_nan=False), content_type=content_type)


def feature(properties):
    properties = dict(properties)
    longitude, latitude = properties.pop("longitude"), properties.pop("latitude")
    return {
        "type": "Feature",
        "id": properties["id"],
        "geometry": {"type": "Point", "coordinates": [longitude, latitude]},
        "properties": properties,
    }


def _page_link(request, page):
    query = request.GET.copy()
    query["page"] = page
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def _refused(message):
    return Status(400, {"detail": message})


def _commune(code):
    commune = commune_by_code(code)
    if commune is None:
        raise HttpError(404, _("Commune inconnue : %(code)s.") % {"code": code})
    return commune


@router.get(
    "",
    response={200: PlacePageOut | FeatureCollectionOut, 400: InvalidInputOut | ErrorOut, 404: ErrorOut},
    summary="Lister les lieux de télétravail",
    description=(
        "Lieux publiés de l'annuaire (tiers-lieux, coworkings, télécentres…), par nom, page par page. Filtres "
        "cumulables. Avec format=geojson, une FeatureCollection RFC 7946 (type de média application/geo+json), "
        "coordonnées [longitude, latitude] à 6 décimales au plus. Sans jeton, nombre de requêtes limité par "
        "adresse IP. Licence Ouverte 2.0 pour les fiches de la plateforme ; chaque fiche donne sa source et sa "
        "licence. Tout l'annuaire en un fichier (CSV, Table Schema, datapackage.json) : /lieux/donnees-ouvertes.zip."
    ),
)
def list_places(
    request,
    type: Annotated[Kind | None, Query(description="Type de lieu.")] = None,
    services: Annotated[list[Service] | None, Query(description="Services (tous exigés), paramètre répété.")] = None,
    accessibility: Annotated[list[Accessibility] | None, Query(description="Accessibilité (toute exigée).")] = None,
    labels: Annotated[list[Label] | None, Query(description="Labels (tous exigés).")] = None,
    commune: Annotated[str | None, WithJsonSchema({"type": "string", "pattern": CODE_PATTERN})] = Query(
        None, description="Code INSEE de la commune (Paris, Lyon, Marseille : avec leurs arrondissements)."
    ),
    departement: Annotated[str | None, WithJsonSchema({"type": "string", "pattern": r"^([0-9]{2,3}|2[AB])$"})] = Query(
        None, description="Code du département, par exemple 69 ou 2A."
    ),
    bbox: Annotated[str | None, WithJsonSchema({"type": "string", "pattern": BBOX_PATTERN})] = Query(
        None, description="Rectangle min_lon,min_lat,max_lon,max_lat (WGS84), par exemple 4.79,45.70,4.90,45.80."
    ),
    open_now: bool = Query(False, description="Seulement les lieux ouverts maintenant (selon leurs horaires)."),
    open_at: Annotated[
        datetime | None,
        Query(description="Seulement les lieux ouverts à ce moment (ISO 8601 ; sans fuseau : heure de Paris)."),
    ] = None,
    page: int = Query(1, ge=1, le=1_000_000, description="Numéro de page, à partir de 1."),
    page_size: int = Query(
        settings.PLACES_API_PAGE_SIZE,
        ge=1,
        le=settings.PLACES_API_MAX_PAGE_SIZE,
        description=f"Lieux par page (1 à {settings.PLACES_API_MAX_PAGE_SIZE}).",
    ),
    format: Literal["json", "geojson"] = Query("json", description="json ou geojson."),
):
    departement = (departement or "").strip().upper()
    search = {
        "kind": type or "",
        "services": tuple(services or ()),
        "accessibility": tuple(accessibility or ()),
        "labels": tuple(labels or ()),
        "territory": Q(commune__departement_id=departement) if departement else Q(),
    }
    if commune is not None:
        found = commune_by_code(commune.strip())
        if found is None:
            return _refused(_("Commune inconnue : %(code)s (paramètre commune).") % {"code": commune})
        search["communes"] = (found,)
    if bbox is not None:
        try:
            search["box"] = parse_bbox(bbox)
        except BoundingBoxError as exc:
            return _refused(str(exc))
    if open_now or open_at is not None:
        moment = open_at or timezone.now()
        moment = timezone.localtime(moment).replace(tzinfo=None) if timezone.is_aware(moment) else moment
        search["open_day"], search["open_time"] = moment.date(), moment.time()
    places = search_places(PlaceSearch(**search))
    start = (page - 1) * page_size
    page_url = page_urls(request)
    listed = [place_properties(request, place, page_url) for place in places[start : start + page_size]]
    # A page that is not full is the last one: it gives the total without counting (a map's box mostly fits one).
    total = start + len(listed) if 0 < len(listed) < page_size or (page == 1 and not listed) else places.count()
    pages = max(1, -(-total // page_size))
    body = {
        "total": total,
        "page": page,
        "page_size": page_size,
        "pages": pages,
        "next": _page_link(request, page + 1) if page < pages else None,
        "previous": _page_link(request, min(page - 1, pages)) if page > 1 else None,
    }
    if format == "geojson":
        collection = {"type": "FeatureCollection", "features": [feature(item) for item in listed], **body}
        return json_answer(collection, GEOJSON_MEDIA_TYPE)
    return json_answer({**body, "results": listed})


@router.get(
    "/nearest",
    response={200: NearestOut, 400: InvalidInputOut | ErrorOut, 404: ErrorOut},
    summary="Lieux les plus proches d'une commune",
    description=(
        "Les lieux publiés les plus proches du centre d'une commune, chacun avec sa distance à vol d'oiseau en km."
    ),
)
def nearest(
    request,
    commune: Annotated[str, WithJsonSchema({"type": "string", "pattern": CODE_PATTERN})] = Query(
        ..., description="Code INSEE de la commune."
    ),
    limit: int = Query(
        10,
        ge=1,
        le=settings.PLACES_API_MAX_NEAREST,
        description=f"Nombre de lieux (1 à {settings.PLACES_API_MAX_NEAREST}).",
    ),
):
    found = _commune(commune.strip())
    if found.latitude is None or found.longitude is None:
        return _refused(_("La position de la commune %(name)s n'est pas connue.") % {"name": found.name})
    page_url = page_urls(request)
    results = [
        {**place_properties(request, place, page_url), "distance_km": round(km, 3)}
        for km, place in nearest_places(found.latitude, found.longitude, limit)
    ]
    return json_answer({"commune_code": found.code, "commune_name": found.name, "results": results})


WRITE_ERRORS = {400: InvalidInputOut | ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: InvalidInputOut}


def _written(revision):
    return {"id": revision.place_id, "status": revision.place.status, "revision_id": revision.pk}


@router.post(
    "",
    response={201: PlaceWrittenOut, **WRITE_ERRORS},
    auth=[api_token_auth, django_auth],
    summary="Inscrire un lieu",
    description=(
        "Inscrit un lieu dont le titulaire du jeton est l'exploitant ; il est publié quand un modérateur l'a "
        "approuvé, comme une inscription par le formulaire."
    ),
)
def create_place(request, payload: PlaceIn):
    commune = _commune(payload.commune)
    try:
        revision = register_place(operator=request.user, record=payload.record(), commune=commune)
    except ValidationError as exc:
        return service_refusal(exc)
    return Status(201, _written(revision))


@router.put(
    "/{place_id}",
    response={200: PlaceWrittenOut, **WRITE_ERRORS},
    auth=[api_token_auth, django_auth],
    summary="Modifier un lieu",
    description=(
        "Propose une nouvelle version d'un lieu dont le titulaire du jeton est l'exploitant ; un lieu publié garde "
        "sa version approuvée jusqu'à la décision du modérateur. Le lieu d'un autre exploitant : 403."
    ),
)
def update_place(
    request,
    place_id: Annotated[int, Path(ge=ID.minimum, le=ID.maximum, description="Identifiant du lieu")],
    payload: PlaceIn,
):
    place = Place.objects.filter(pk=place_id).first()
    # An unpublished place of another operator is not known to exist.
    if place is None or (place.operator_id != request.user.pk and place.status != PlaceStatus.PUBLISHED):
        raise Http404
    if place.operator_id != request.user.pk:
        raise HttpError(403, _("Seul l'exploitant du lieu peut modifier sa fiche."))
    commune = _commune(payload.commune)
    try:
        revision = propose_change(place=place, author=request.user, record=payload.record(), commune=commune)
    except ValidationError as exc:
        return service_refusal(exc)
    return _written(revision)
