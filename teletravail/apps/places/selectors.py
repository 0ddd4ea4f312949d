"""Reads of the places directory: the public list with its filters, and one place."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import DecimalField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from teletravail.apps.accounts.models import PlatformRole, User
from teletravail.apps.places.models import CharterAssessment, Decision, Place, PlaceOffer, PlaceRevision, PlaceStatus
from teletravail.geo import road_distance_estimate
from teletravail.impact.communes import commute_distance
from teletravail.impact.flows.residents import potential_teleworkers
from teletravail.impact.place_day import place_days
from teletravail.places.coverage import Residence, communes_lacking_places
from teletravail.places.hours import is_open
from teletravail.places.nearby import WHOLE_EARTH_KM, BoundingBox, box_around, by_distance
from teletravail.places.schema import OFFER_COLUMNS


# The first box of a nearest-places search: a town's surroundings; it grows fourfold until it holds enough places.
NEAREST_FIRST_RADIUS_KM = 10


def places_in_commune(commune):
    """Q of the places of a commune: a commune with arrondissements (Paris, Lyon, Marseille) takes theirs too, and an
    arrondissement takes the places its sources put in the whole commune with one of its postal codes."""
    condition = Q(commune=commune) | Q(commune__parent=commune)
    if commune.parent_id:
        condition |= Q(commune_id=commune.parent_id, postal_code__in=commune.postal_code_list)
    return condition


def directory(*, kind="", services=(), accessibility=()):
    """The public places matching the filters, by name; each place has all the `services` and `accessibility` asked."""
    places = Place.objects.filter(status=PlaceStatus.PUBLISHED).select_related("commune", "commune__departement")
    if kind:
        places = places.filter(kind=kind)
    # A JSON list holds each code once, quoted: '"wifi"' cannot match inside another code.
    for code in services:
        places = places.filter(services__icontains=f'"{code}"')
    for code in accessibility:
        places = places.filter(accessibility__icontains=f'"{code}"')
    return places.order_by("name", "pk")


@dataclass(frozen=True)
class PlaceSearch:
    """What the directory's map and list are filtered by, the same for both: `communes` (one, or those of a postal
    code) or, with `radius_km`, the places within that distance of their centres; the directory's filters; `labels`;
    the most a desk for the day may cost, VAT included (`max_day_price_cents`); open on `open_day` (a date) at
    `open_time` (local), or at some time that day when `open_time` is None."""

    communes: tuple = ()
    radius_km: float | None = None
    kind: str = ""
    services: tuple = ()
    accessibility: tuple = ()
    labels: tuple = ()
    max_day_price_cents: int | None = None
    open_day: object = None
    open_time: object = None
    box: BoundingBox | None = None  # the API's bbox
    # The places of a territory (a widget): a Q on Place, e.g. Q(commune__departement_id="69").
    territory: Q = field(default_factory=Q)


def _within_radius(places, communes, radius_km):
    """The places within `radius_km` of the centre of one of `communes`: a box on the indexed coordinates, then the
    great-circle distance."""
    centres = [(c.latitude, c.longitude) for c in communes if c.latitude is not None and c.longitude is not None]
    if not centres:
        return places.none()
    boxes = Q()
    for latitude, longitude in centres:
        boxes |= _in_box(box_around(latitude, longitude, radius_km))
    positions = list(places.filter(boxes).values_list("pk", "latitude", "longitude"))
    near = {pk for centre in centres for _km, pk in by_distance(positions, *centre, radius_km)}
    return places.filter(pk__in=near)


def search_places(search):
    """The published places matching a PlaceSearch, by name: what the directory lists and its map shows."""
    places = directory(kind=search.kind, services=search.services, accessibility=search.accessibility)
    places = places.filter(search.territory)
    if search.box is not None:
        places = places.filter(_in_box(search.box))
    if search.communes and search.radius_km:
        places = _within_radius(places, search.communes, search.radius_km)
    elif search.communes:
        condition = Q()
        for commune in search.communes:
            condition |= places_in_commune(commune)
        places = places.filter(condition)
    for code in search.labels:
        places = places.filter(labels__icontains=f'"{code}"')
    if search.max_day_price_cents is not None:
        # The VAT-included price is rounded half up (price_incl_vat_cents): it is at most M cents when
        # price excl. VAT × (100 + rate) < (M + ½) × 100, a comparison without division nor rounding.
        affordable = (
            PlaceOffer.objects.filter(place=OuterRef("pk"), kind="desk_day")
            .annotate(
                incl_vat_hundredths=ExpressionWrapper(
                    F("price_excl_vat_cents") * (100 + F("vat_rate_percent")), output_field=DecimalField()
                )
            )
            .filter(incl_vat_hundredths__lt=search.max_day_price_cents * 100 + 50)
        )
        places = places.filter(Exists(affordable))
    if search.open_day is not None:
        # Each distinct expression is read once: many places share theirs (« Mo-Fr 09:00-18:00 »).
        by_hours = {}
        for pk, hours in places.exclude(opening_hours="").values_list("pk", "opening_hours"):
            by_hours.setdefault(hours, []).append(pk)
        open_ones = [
            pk for hours, pks in by_hours.items() if is_open(hours, search.open_day, search.open_time) for pk in pks
        ]
        places = places.filter(pk__in=open_ones)
    return places


def public_place(place_id):
    """A place of the directory, or 404."""
    return get_object_or_404(
        Place.objects.select_related("commune", "commune__departement").prefetch_related("offers", "sources"),
        pk=place_id,
        status=PlaceStatus.PUBLISHED,
    )


def operator_places(user):
    """The places `user` registered, with their history (newest revision first)."""
    return Place.objects.filter(operator=user).select_related("commune").prefetch_related("revisions").order_by("name")


def operated_place(user, place_id):
    """A place `user` operates; 404 for any other place, so that a stranger learns nothing of it."""
    place = Place.objects.filter(pk=place_id, operator=user).select_related("commune").first()
    if place is None:
        raise Http404
    return place


def can_moderate(user):
    """Platform administrators moderate places, and the accounts given the permission to."""
    if not user.is_authenticated:
        return False
    return user.has_platform_role(PlatformRole.PLATFORM_ADMIN) or user.has_perm("places.moderate_place")


def moderators():
    """Everyone who moderates places (as `can_moderate` says), to tell them what waits."""
    permission = Permission.objects.filter(content_type__app_label="places", codename="moderate_place")
    allowed = (
        Q(platform_role=PlatformRole.PLATFORM_ADMIN)
        | Q(is_superuser=True)
        | Q(user_permissions__in=permission)
        | Q(groups__permissions__in=permission)
    )
    return list(User.objects.filter(allowed, is_active=True).distinct().order_by("pk"))


def waiting_revisions(user):
    """The proposals waiting for a moderator, oldest first; 403 for anyone who does not moderate."""
    if not can_moderate(user):
        raise PermissionDenied
    return (
        PlaceRevision.objects.filter(decision=Decision.PENDING)
        .select_related("place", "place__commune", "author")
        .order_by("created_at", "pk")
    )


def waiting_assessments(user):
    """The quality-charter assessments waiting for a moderator, oldest first; 403 for anyone who does not moderate."""
    if not can_moderate(user):
        raise PermissionDenied
    return (
        CharterAssessment.objects.filter(decision=Decision.PENDING)
        .select_related("place", "place__commune", "author")
        .order_by("created_at", "pk")
    )


def waiting_assessment(user, assessment_id):
    return get_object_or_404(waiting_assessments(user), pk=assessment_id)


def waiting_revision(user, revision_id):
    return get_object_or_404(waiting_revisions(user), pk=revision_id)


def _in_box(box):
    """Q of the places inside a BoundingBox: a range on each of the indexed latitude and longitude columns."""
    return Q(
        latitude__gte=box.min_lat, latitude__lte=box.max_lat, longitude__gte=box.min_lon, longitude__lte=box.max_lon
    )


def nearest_places(latitude, longitude, limit):
    """[(km, place)] of the `limit` published places nearest the point, nearest first.

    Boxes growing from NEAREST_FIRST_RADIUS_KM: the places of a box within its radius are certainly the nearest,
    so the search stops as soon as a box holds `limit` of them."""
    published = Place.objects.filter(status=PlaceStatus.PUBLISHED)
    radius_km = NEAREST_FIRST_RADIUS_KM
    while True:
        everything = radius_km >= WHOLE_EARTH_KM
        candidates = published if everything else published.filter(_in_box(box_around(latitude, longitude, radius_km)))
        # Positions only: the box may hold hundreds of places, of which `limit` are read whole.
        positions = candidates.values_list("pk", "latitude", "longitude")
        ranked = by_distance(positions, latitude, longitude, None if everything else radius_km)
        if len(ranked) >= limit or everything:
            ranked = ranked[:limit]
            places = published.select_related("commune").in_bulk([pk for _km, pk in ranked])
            return [(km, places[pk]) for km, pk in ranked]
        radius_km *= 4


@dataclass(frozen=True)
class PlaceNearHome:
    """A place near a person's home and what a day there saves (teletravail.impact.place_day.PlaceDay)."""

    place: Place
    day: object


@dataclass(frozen=True)
class PlacesNearHome:
    office_km: float  # one-way road km from home to the work site's commune
    places: list  # [PlaceNearHome], nearest first


def places_near_home(home, work, mode, limit=None):
    """The published places nearest the centre of the `home` commune, each with the km, minutes and CO2 a day there
    saves against a day at the office in the `work` commune, by `mode`; None when a commune has no position.

    Both trips are road estimates from the commune's centre, as the person simulator's distance."""
    if None in (home.latitude, home.longitude, work.latitude, work.longitude):
        return None
    nearest = nearest_places(home.latitude, home.longitude, limit or settings.PLACES_NEAR_HOME_RESULTS)
    return _days_at_places(home, work, [place for _km, place in nearest], mode)


def place_near_home(home, work, place, mode):
    """What a day at `place` saves against a day at the office in the `work` commune, by `mode` (PlaceNearHome), as
    `places_near_home` says of each of the nearest places; None when a commune has no position."""
    if None in (home.latitude, home.longitude, work.latitude, work.longitude):
        return None
    return _days_at_places(home, work, [place], mode).places[0]


def _days_at_places(home, work, places, mode):
    office_km = commute_distance(home.code, work.code).road_km
    place_kms = [
        road_distance_estimate(home.latitude, home.longitude, place.latitude, place.longitude).road_km
        for place in places
    ]
    days = place_days(office_km, place_kms, mode)
    return PlacesNearHome(
        office_km=office_km,
        places=[PlaceNearHome(place, day) for place, day in zip(places, days, strict=True)],
    )


def territory_lacking_places(area, min_teleworkers=0, *, max_km=None, max_minutes=None):
    """[Gap] of the communes of `area` (« dep:01 », « reg:84 »…) whose potential teleworkers live farther than
    `max_km` (or `max_minutes` by car) from every published place of the directory (a place across the border
    counts), most teleworkers first (teletravail.places.coverage)."""
    residences = [Residence(*row) for row in potential_teleworkers(area)]
    positions = Place.objects.filter(status=PlaceStatus.PUBLISHED).values_list("latitude", "longitude")
    return communes_lacking_places(residences, positions, max_km, min_teleworkers, max_minutes=max_minutes)


def open_data_rows():
    """The published places as rows of the open-data CSV (teletravail.places.export), by identifier."""
    column_of_offer = {kind: column for column, kind in OFFER_COLUMNS.items()}
    places = (
        Place.objects.filter(status=PlaceStatus.PUBLISHED).select_related("commune").prefetch_related("offers")
    ).order_by("pk")
    for place in places.iterator(chunk_size=2000):
        row = {
            "id": place.pk,
            "nom": place.name,
            "type": place.kind,
            "adresse": place.address,
            "code_postal": place.postal_code,
            "code_insee": place.commune_id,
            "latitude": place.latitude,
            "longitude": place.longitude,
            "siret": place.siret,
            "site_web": place.website,
            "telephone": place.phone,
            "courriel": place.email,
            "horaires": place.opening_hours,
            "services": place.services,
            "accessibilite": place.accessibility,
            "fiche_acces_libre": place.acceslibre_url,
            "presentation": place.description,
            "prise_rdv": place.booking_url,
            "labels": place.labels,
            "postes": place.desks,
            "salles_reunion": place.meeting_rooms,
            "date_maj": place.verified_on.isoformat() if place.verified_on else "",
            "licence": place.licence,
            "source": place.source,
            "sources_des_champs": place.field_sources,
            "charte_qualite": place.charter_version,
        }
        for offer in place.offers.all():
            if offer.price_excl_vat_cents is not None:
                row[column_of_offer[offer.kind]] = str(Decimal(offer.price_excl_vat_cents) / 100)
            if offer.vat_rate_percent is not None:
                row["taux_tva"] = str(offer.vat_rate_percent.normalize())
        yield row
