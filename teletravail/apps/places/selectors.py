"""Reads of the places directory: the public list with its filters, and one place."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from teletravail.apps.accounts.models import PlatformRole
from teletravail.apps.places.models import Decision, Place, PlaceRevision, PlaceStatus


def places_in_commune(commune):
    """Q of the places of a commune: a commune with arrondissements (Paris, Lyon, Marseille) takes theirs too, and an
    arrondissement takes the places its sources put in the whole commune with one of its postal codes."""
    condition = Q(commune=commune) | Q(commune__parent=commune)
    if commune.parent_id:
        condition |= Q(commune_id=commune.parent_id, postal_code__in=commune.postal_code_list)
    return condition


def directory(*, commune=None, kind="", services=(), accessibility=()):
    """The public places matching the filters, by name; each place has all the `services` and `accessibility` asked."""
    places = Place.objects.filter(status=PlaceStatus.PUBLISHED).select_related("commune", "commune__departement")
    if commune is not None:
        places = places.filter(places_in_commune(commune))
    if kind:
        places = places.filter(kind=kind)
    # A JSON list holds each code once, quoted: '"wifi"' cannot match inside another code.
    for code in services:
        places = places.filter(services__icontains=f'"{code}"')
    for code in accessibility:
        places = places.filter(accessibility__icontains=f'"{code}"')
    return places.order_by("name", "pk")


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


def waiting_revisions(user):
    """The proposals waiting for a moderator, oldest first; 403 for anyone who does not moderate."""
    if not can_moderate(user):
        raise PermissionDenied
    return (
        PlaceRevision.objects.filter(decision=Decision.PENDING)
        .select_related("place", "place__commune", "author")
        .order_by("created_at", "pk")
    )


def waiting_revision(user, revision_id):
    return get_object_or_404(waiting_revisions(user), pk=revision_id)
