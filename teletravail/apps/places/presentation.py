"""What the directory pages show of a place, in the page's language."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from teletravail import french
from teletravail.apps.places.selectors import place_near_home, places_near_home
from teletravail.apps.places.services import OPERATOR
from teletravail.apps.places.tables import near_home_table
from teletravail.apps.places.vocabulary import (
    ACCESSIBILITY_NAMES,
    KIND_NAMES,
    LABEL_NAMES,
    OFFER_NAMES,
    SERVICE_NAMES,
)
from teletravail.places.freshness import freshness_months, is_stale
from teletravail.places.hours import OpeningHoursError, week_in_words
from teletravail.places.quality import load_charter
from teletravail.places.readers import CGET_2019, CSV_SCHEMA, OSM
from teletravail.places.record import price_incl_vat_cents


SOURCE_NAMES = {
    CGET_2019: _("CGET / ANCT — Mission Coworking, base des tiers-lieux 2019"),
    OSM: _("OpenStreetMap (contributeurs d'OpenStreetMap)"),
    CSV_SCHEMA: _("Fichier importé au format de la plateforme"),
    OPERATOR: _("Fiche de l'exploitant, vérifiée par la modération de la plateforme"),
}
FIELD_NAMES = {
    "address": _("adresse"),
    "postal_code": _("code postal"),
    "siret": _("SIRET"),
    "website": _("site web"),
    "phone": _("téléphone"),
    "email": _("courriel"),
    "opening_hours": _("horaires"),
    "services": _("services"),
    "accessibility": _("accessibilité"),
    "acceslibre_url": _("fiche Acceslibre"),
    "description": _("présentation"),
    "booking_url": _("lien de réservation"),
    "labels": _("labels"),
    "desks": _("postes de travail"),
    "meeting_rooms": _("salles de réunion"),
    "verified_on": _("date de vérification"),
    "offers": _("offres"),
}


def _names(codes, names):
    return [names.get(code, code) for code in codes]


def source_name(code):
    return SOURCE_NAMES.get(code, code)


@dataclass(frozen=True)
class OfferRow:
    label: str
    capacity: int | None
    price_excl_vat: str
    price_incl_vat: str
    vat_rate: str


@dataclass(frozen=True)
class FieldSource:
    fields: str  # « téléphone, accessibilité »
    source: str
    licence: str


def _money(cents, language):
    return "" if cents is None else french.money(cents / 100, 2, language)


def offer_rows(offers, language):
    rows = []
    for offer in offers:
        rate = offer.vat_rate_percent
        rows.append(
            OfferRow(
                label=OFFER_NAMES.get(offer.kind, offer.kind),
                capacity=offer.capacity,
                price_excl_vat=_money(offer.price_excl_vat_cents, language),
                price_incl_vat=_money(price_incl_vat_cents(offer.price_excl_vat_cents, rate), language),
                vat_rate="" if rate is None else french.percent(float(rate), 2, language),
            )
        )
    return rows


def field_sources(place):
    """The fields another source gave, grouped by that source."""
    grouped = {}
    for name, origin in place.field_sources.items():
        grouped.setdefault((origin["source"], origin["licence"]), []).append(str(FIELD_NAMES.get(name, name)))
    return [
        FieldSource(", ".join(sorted(names)), source_name(source), licence)
        for (source, licence), names in sorted(grouped.items())
    ]


def this_monday(today):
    return today - timedelta(days=today.weekday())


def hours_lines(place, today, language):
    try:
        return week_in_words(place.opening_hours, this_monday(today), language)
    except OpeningHoursError:
        return []  # stored hours were checked on the way in; a parser upgrade must not break the page


@dataclass(frozen=True)
class PlaceSummary:
    """A line of the directory's list."""

    place: object
    kind: str
    stale: bool
    charter: object  # its quality-charter Badge, or None


def summaries(places, today=None):
    today = today or timezone.localdate()
    charter = load_charter()
    return [
        PlaceSummary(
            place,
            KIND_NAMES.get(place.kind, place.kind),
            is_stale(place.verified_on, today),
            charter.badge(place.charter_version, today),
        )
        for place in places
    ]


def place_page(place, today=None):
    """Everything the place page shows."""
    today = today or timezone.localdate()
    language = get_language() or "fr"
    return {
        "place": place,
        "kind": KIND_NAMES.get(place.kind, place.kind),
        "hours": hours_lines(place, today, language),
        "week_start": this_monday(today),
        "services": _names(place.services, SERVICE_NAMES),
        "accessibility": _names(place.accessibility, ACCESSIBILITY_NAMES),
        "labels": _names(place.labels, LABEL_NAMES),
        "offers": offer_rows(place.offers.all(), language),
        "source": source_name(place.source),
        "field_sources": field_sources(place),
        "stale": is_stale(place.verified_on, today),
        "freshness_months": freshness_months(today),
        "charter": load_charter().badge(place.charter_version, today),
    }


PROPOSED_FIELDS = (
    ("name", _("Nom")),
    ("kind", _("Type de lieu")),
    ("siret", _("SIRET de l'exploitant")),
    ("address", _("Adresse")),
    ("postal_code", _("Code postal")),
    ("commune_code", _("Code INSEE de la commune")),
    ("latitude", _("Latitude")),
    ("longitude", _("Longitude")),
    ("opening_hours", _("Horaires")),
    ("website", _("Site web")),
    ("booking_url", _("Lien de réservation")),
    ("phone", _("Téléphone")),
    ("email", _("Courriel")),
    ("services", _("Services")),
    ("accessibility", _("Accessibilité")),
    ("description", _("Présentation")),
)


def proposed_rows(record):
    """(label, value) of what an operator proposed, as the moderator reads it."""
    names = {"kind": KIND_NAMES, "services": SERVICE_NAMES, "accessibility": ACCESSIBILITY_NAMES}
    rows = []
    for name, label in PROPOSED_FIELDS:
        value = getattr(record, name)
        if name in names:
            value = ", ".join(str(item) for item in _names([value] if name == "kind" else value, names[name]))
        rows.append((label, "" if value is None else value))
    return rows


def near_home_section(home, work, mode, mode_label):
    """What `places/_near_home.html` shows: the places nearest `home` and what a day at each saves against a day at
    the office in `work` by `mode`; None when a commune has no position."""
    near = places_near_home(home, work, mode)
    if near is None:
        return None
    return {
        "home": home,
        "work": work,
        "mode_label": mode_label,
        "office_km": french.decimal(near.office_km, language=get_language()),
        "table": near_home_table(near),
    }


def place_day_figures(home, work, place, mode, mode_label):
    """What a day at the chosen `place` saves, as a sentence's figures in the page's language; None when a commune
    has no position."""
    near = place_near_home(home, work, place, mode)
    if near is None:
        return None
    language = get_language()
    day = near.day
    return {
        "place": place,
        "mode_label": mode_label,
        "place_km": french.decimal(day.place_km, language=language),
        "km_saved": french.decimal(day.km_saved, language=language),
        "minutes_saved": french.integer(day.minutes_saved, language=language),
        "co2e_kg_saved": french.decimal(day.co2e_kg_saved, 2, language=language),
    }


# Reasons listed under an import's report; the counts cover them all.
MAX_LISTED_REJECTIONS = 50


def report_lines(report):
    """An import's report as lines of text: the counts, then the reasons of the first rejected rows."""
    lines = [
        _("Lignes lues : %(n)s") % {"n": report.total},
        _("Lieux créés : %(n)s") % {"n": report.created},
        _("Lieux mis à jour : %(n)s") % {"n": report.updated},
        _("Lieux inchangés : %(n)s") % {"n": report.unchanged},
        _("Fiches fusionnées avec un lieu d'une autre source : %(n)s") % {"n": report.merged},
        _("Lignes refusées : %(n)s") % {"n": len(report.rejected)},
    ]
    for where, reasons in report.rejected[:MAX_LISTED_REJECTIONS]:
        lines.append(f"- {where} : " + " ".join(reasons))
    if len(report.rejected) > MAX_LISTED_REJECTIONS:
        lines.append(_("… et %(n)s autres lignes refusées.") % {"n": len(report.rejected) - MAX_LISTED_REJECTIONS})
    return lines
