"""A place record as the sources give it, and the checks every record passes before it is stored.

Texts are kept as they were written (HTML included): pages escape them when they show them.
"""

import re
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from teletravail.places.hours import OpeningHoursError, normalize_opening_hours
from teletravail.places.vocabulary import ACCESSIBILITY, KINDS, LABELS, OFFERS, SERVICES


MAX_NAME = 200
MAX_TEXT = 5000
POSTAL_CODE = re.compile(r"\d{5}")
COMMUNE_CODE = re.compile(r"\d{5}|2[AB]\d{3}")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
URL_SCHEME = re.compile(r"https?://", re.IGNORECASE)
EMBEDDED_URL = re.compile(r"https?://\S+", re.IGNORECASE)
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Offer:
    """One line of the spaces and offers summary: what is rented (OFFERS), how many, at what price excluding VAT."""

    kind: str
    price_excl_vat_cents: int | None = None
    vat_rate_percent: Decimal | None = None
    capacity: int | None = None


@dataclass(frozen=True)
class PlaceRecord:
    source: str  # "cget2019", "osm", "csv"…
    source_id: str
    licence: str
    name: str
    kind: str
    address: str = ""
    postal_code: str = ""
    commune_code: str = ""
    latitude: float | None = None
    longitude: float | None = None
    siret: str = ""
    website: str = ""
    phone: str = ""
    email: str = ""
    opening_hours: str = ""
    services: tuple[str, ...] = ()
    accessibility: tuple[str, ...] = ()
    acceslibre_url: str = ""
    description: str = ""
    booking_url: str = ""
    labels: tuple[str, ...] = ()
    desks: int | None = None
    meeting_rooms: int | None = None
    offers: tuple[Offer, ...] = field(default_factory=tuple)
    verified_on: date | None = None


def clean_text(value, limit=MAX_TEXT):
    """Surrounding spaces and control characters removed (a NUL cannot be stored in PostgreSQL); HTML kept."""
    return CONTROL_CHARACTERS.sub("", str(value or "")).strip()[:limit]


def clean_url(value):
    """A web address with its scheme: "www.x.fr" becomes "http://www.x.fr"; "" when empty."""
    value = clean_text(value, 500)
    embedded = EMBEDDED_URL.search(value)
    if embedded and embedded.start() > 0:
        value = embedded.group(0)  # "Innovation studio http://x.com/": the address written after a caption
    if value and not URL_SCHEME.match(value) and "://" not in value and ":" not in value.split("/")[0]:
        value = "http://" + value
    return value


def record_problems(record):
    """French messages for what is wrong with a record (empty when it may be stored); hours are normalised apart."""
    problems = []
    if not record.name:
        problems.append("Le nom du lieu manque.")
    if record.kind not in KINDS:
        problems.append(f"Type de lieu inconnu « {record.kind} » (types possibles : {', '.join(KINDS)}).")
    if record.postal_code and not POSTAL_CODE.fullmatch(record.postal_code):
        problems.append(f"Code postal invalide « {record.postal_code} » : 5 chiffres attendus.")
    if record.latitude is None or record.longitude is None:
        problems.append("Les coordonnées (latitude et longitude) manquent.")
    for what, url in (("site web", record.website), ("lien de réservation", record.booking_url)):
        # A javascript: or data: link would run in the visitor's browser once shown as a link.
        if url and not URL_SCHEME.match(url):
            problems.append(f"Adresse du {what} invalide « {url} » : elle doit commencer par http:// ou https://.")
    if record.acceslibre_url and not URL_SCHEME.match(record.acceslibre_url):
        problems.append(f"Adresse de la fiche Acceslibre invalide « {record.acceslibre_url} ».")
    if record.email and not EMAIL.fullmatch(record.email):
        problems.append(f"Adresse électronique invalide « {record.email} ».")
    for codes, known, what in (
        (record.services, SERVICES, "Service"),
        (record.accessibility, ACCESSIBILITY, "Critère d'accessibilité"),
        (record.labels, LABELS, "Label"),
    ):
        for code in codes:
            if code not in known:
                problems.append(f"{what} inconnu « {code} » (valeurs possibles : {', '.join(known)}).")
    for offer in record.offers:
        if offer.kind not in OFFERS:
            problems.append(f"Offre inconnue « {offer.kind} ».")
        if offer.price_excl_vat_cents is not None and offer.price_excl_vat_cents < 0:
            problems.append("Un prix ne peut pas être négatif.")
        if offer.vat_rate_percent is not None and not (0 <= offer.vat_rate_percent <= 100):
            problems.append(f"Taux de TVA invalide « {offer.vat_rate_percent} » : entre 0 et 100 %.")
    for count, what in ((record.desks, "postes"), (record.meeting_rooms, "salles de réunion")):
        if count is not None and count < 0:
            problems.append(f"Le nombre de {what} ne peut pas être négatif.")
    return problems


def checked_record(record):
    """(record with its hours normalised, problems): the record may be stored when `problems` is empty."""
    problems = record_problems(record)
    try:
        record = replace(record, opening_hours=normalize_opening_hours(record.opening_hours))
    except OpeningHoursError as exc:
        problems.append(str(exc))
    return record, problems


def price_incl_vat_cents(price_excl_vat_cents, vat_rate_percent):
    """The price including VAT, rounded to the cent (half up, as invoices do)."""
    if price_excl_vat_cents is None or vat_rate_percent is None:
        return None
    value = Decimal(price_excl_vat_cents) * (1 + Decimal(vat_rate_percent) / 100)
    return int(value.quantize(Decimal("1"), rounding="ROUND_HALF_UP"))
