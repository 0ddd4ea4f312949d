"""Reads of the places directory: the public list with its filters, and one place."""

from django.db.models import Q
from django.shortcuts import get_object_or_404

from teletravail.apps.places.models import Place


def places_in_commune(commune):
    """Q of the places of a commune: a commune with arrondissements (Paris, Lyon, Marseille) takes theirs too, and an
    arrondissement takes the places its sources put in the whole commune with one of its postal codes."""
    condition = Q(commune=commune) | Q(commune__parent=commune)
    if commune.parent_id:
        condition |= Q(commune_id=commune.parent_id, postal_code__in=commune.postal_code_list)
    return condition


def directory(*, commune=None, kind="", services=(), accessibility=()):
    """The public places matching the filters, by name; each place has all the `services` and `accessibility` asked."""
    places = Place.objects.select_related("commune", "commune__departement")
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
    )
