"""Readers of the place sources: the bundled CGET 2019 list, a CSV in the platform's schema (`schema.py`) and
OpenStreetMap's Overpass JSON. Each gives one `Row` per line or element: a record, or the reasons it was refused.

A file that cannot be read at all (wrong encoding, missing columns, not JSON) raises PlacesFileError: nothing of it
is imported.
"""

import csv
import io
import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from teletravail.places.record import Offer, PlaceRecord, clean_text, clean_url
from teletravail.places.schema import LIST_SEPARATOR, OFFER_COLUMNS, REQUIRED_COLUMNS


# Sources: the code stored with each record, and the licence of what they publish.
CGET_2019 = "cget2019"
OSM = "osm"
CSV_SCHEMA = "csv"

LICENCE_OUVERTE = "Licence Ouverte 2.0"
ODBL = "ODbL 1.0"

CGET_FILE = Path(__file__).resolve().parent.parent / "data" / "tiers_lieux" / "cget_tiers_lieux_2019.csv"
# The date of the CGET file (commit of 2019-06-13 in anct-carto/mission_coworking, SOURCES.md).
CGET_DATE = date(2019, 6, 13)
CGET_COLUMNS = ("ID", "NOM_TL", "ADRESSE", "CP", "WEB", "TYPO", "LAT", "LONG", "COMMUNE_2026_GEO")
CGET_KINDS = {
    "Tiers lieux à dominante coworking": "coworking",
    "Tiers lieux à dominante fablab": "fablab",
    "": "tiers_lieu",
}

OSM_WHEELCHAIR = {"yes": ("wheelchair",), "designated": ("wheelchair",)}
OSM_INTERNET = {"wlan": ("wifi",), "yes": ("wifi",), "wired": ("high_speed_internet",)}

MAX_ROWS = 200_000


class PlacesFileError(ValueError):
    """The file cannot be read; the message says why in French."""


@dataclass(frozen=True)
class Row:
    """One line (`where`: « ligne 12 », « node/123 ») and its record, or the reasons it was refused."""

    where: str
    record: PlaceRecord | None = None
    problems: tuple[str, ...] = ()


def _text(data):
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise PlacesFileError("Le fichier n'est pas encodé en UTF-8.") from exc
    return data


def _csv_rows(data, required):
    reader = csv.DictReader(io.StringIO(_text(data), newline=""))
    missing = [column for column in required if column not in (reader.fieldnames or ())]
    if missing:
        raise PlacesFileError(f"Colonnes manquantes : {', '.join(missing)}.")
    for number, line in enumerate(reader, start=2):
        if number > MAX_ROWS + 1:
            raise PlacesFileError(f"Le fichier dépasse {MAX_ROWS} lignes.")
        yield number, {key: (value or "") for key, value in line.items() if key is not None}


def _float(value, what, problems):
    value = (value or "").strip().replace(",", ".")
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        problems.append(f"{what} illisible « {value} » : un nombre est attendu.")
        return None
    if number != number or number in (float("inf"), float("-inf")):
        problems.append(f"{what} illisible « {value} ».")
        return None
    return number


def _integer(value, what, problems):
    value = (value or "").strip()
    if not value:
        return None
    if not value.lstrip("-").isdigit():
        problems.append(f"{what} illisible « {value} » : un nombre entier est attendu.")
        return None
    return int(value)


def _cents(value, what, problems):
    value = (value or "").strip().replace(",", ".").replace(" ", "")
    if not value:
        return None
    try:
        return int((Decimal(value) * 100).quantize(Decimal("1")))
    except InvalidOperation:
        problems.append(f"{what} illisible « {value} » : un montant en euros est attendu (15 ou 15,50).")
        return None


def _date(value, problems):
    value = (value or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        problems.append(f"Date de mise à jour illisible « {value} » : AAAA-MM-JJ attendu.")
        return None


def _codes(value):
    return tuple(dict.fromkeys(part.strip() for part in (value or "").split(LIST_SEPARATOR) if part.strip()))


def read_cget2019(data=None):
    """The rows of the CGET 2019 list (the bundled file when `data` is None)."""
    data = CGET_FILE.read_bytes() if data is None else data
    for number, line in _csv_rows(data, CGET_COLUMNS):
        problems = []
        typo = line["TYPO"].strip()
        if typo not in CGET_KINDS:
            problems.append(f"Typologie CGET inconnue « {typo} ».")
        postal_code = line["CP"].strip()
        record = PlaceRecord(
            source=CGET_2019,
            source_id=line["ID"].strip(),
            licence=LICENCE_OUVERTE,
            name=clean_text(line["NOM_TL"], 200),
            kind=CGET_KINDS.get(typo, ""),
            address=clean_text(line["ADRESSE"], 300),
            postal_code="" if postal_code in ("", "0") else postal_code.zfill(5),
            commune_code=line["COMMUNE_2026_GEO"].strip(),
            latitude=_float(line["LAT"], "Latitude", problems),
            longitude=_float(line["LONG"], "Longitude", problems),
            website=clean_url(line["WEB"]),
            verified_on=CGET_DATE,
        )
        if not record.source_id:
            problems.append("Identifiant (ID) manquant.")
        yield Row(f"ligne {number}", record, tuple(problems))


def read_schema_csv(data, source=CSV_SCHEMA):
    """The rows of a CSV file in the platform's schema (`schema.py`)."""
    for number, line in _csv_rows(data, REQUIRED_COLUMNS):
        problems = []
        offers = []
        vat = _float(line.get("taux_tva"), "Taux de TVA", problems)
        for column, kind in OFFER_COLUMNS.items():
            price = _cents(line.get(column), f"Prix « {column} »", problems)
            if price is not None:
                offers.append(
                    Offer(kind, price, None if vat is None else Decimal(str(vat)).normalize(), capacity=None)
                )
        record = PlaceRecord(
            source=source,
            source_id=clean_text(line["id"], 100),
            licence=clean_text(line.get("licence"), 100) or LICENCE_OUVERTE,
            name=clean_text(line["nom"], 200),
            kind=clean_text(line["type"], 50),
            address=clean_text(line.get("adresse"), 300),
            postal_code=clean_text(line.get("code_postal"), 10),
            commune_code=clean_text(line["code_insee"], 10).upper(),
            latitude=_float(line["latitude"], "Latitude", problems),
            longitude=_float(line["longitude"], "Longitude", problems),
            siret=clean_text(line.get("siret"), 20).replace(" ", ""),
            website=clean_url(line.get("site_web")),
            phone=clean_text(line.get("telephone"), 30),
            email=clean_text(line.get("courriel"), 200),
            opening_hours=clean_text(line.get("horaires"), 500),
            services=_codes(line.get("services")),
            accessibility=_codes(line.get("accessibilite")),
            acceslibre_url=clean_url(line.get("fiche_acces_libre")),
            description=clean_text(line.get("presentation")),
            booking_url=clean_url(line.get("prise_rdv")),
            labels=_codes(line.get("labels")),
            desks=_integer(line.get("postes"), "Nombre de postes", problems),
            meeting_rooms=_integer(line.get("salles_reunion"), "Nombre de salles de réunion", problems),
            offers=tuple(offers),
            verified_on=_date(line.get("date_maj"), problems),
        )
        if not record.source_id:
            problems.append("Identifiant (id) manquant.")
        yield Row(f"ligne {number}", record, tuple(problems))


def read_overpass_json(data):
    """The coworking places of an Overpass answer (`amenity=coworking_space` or `office=coworking`); the commune is
    left for the importer to find from the coordinates."""
    try:
        document = json.loads(_text(data))
    except ValueError as exc:
        raise PlacesFileError("Le fichier n'est pas un JSON valide (réponse Overpass attendue).") from exc
    if not isinstance(document, dict) or not isinstance(document.get("elements"), list):
        raise PlacesFileError("Réponse Overpass attendue : un objet JSON avec une liste « elements ».")
    for element in document["elements"][: MAX_ROWS + 1]:
        if not isinstance(element, dict):
            raise PlacesFileError("Chaque élément de « elements » doit être un objet JSON.")
        where = f"{element.get('type', '?')}/{element.get('id', '?')}"
        tags = element.get("tags") if isinstance(element.get("tags"), dict) else {}
        tags = {str(key): str(value) for key, value in tags.items()}
        if tags.get("amenity") != "coworking_space" and tags.get("office") != "coworking":
            yield Row(where, problems=("Ni amenity=coworking_space ni office=coworking : pas un lieu de coworking.",))
            continue
        centre = element if "lat" in element else element.get("center") or {}
        problems = []
        latitude = _float(str(centre.get("lat", "")), "Latitude", problems)
        longitude = _float(str(centre.get("lon", "")), "Longitude", problems)
        street = " ".join(filter(None, (tags.get("addr:housenumber"), tags.get("addr:street"))))
        record = PlaceRecord(
            source=OSM,
            source_id=where,
            licence=ODBL,
            name=clean_text(tags.get("name"), 200),
            kind="coworking",
            address=clean_text(street, 300),
            postal_code=clean_text(tags.get("addr:postcode"), 10),
            latitude=latitude,
            longitude=longitude,
            siret=clean_text(tags.get("ref:FR:SIRET"), 20).replace(" ", ""),
            website=clean_url(tags.get("website") or tags.get("contact:website")),
            phone=clean_text(tags.get("phone") or tags.get("contact:phone"), 30),
            email=clean_text(tags.get("email") or tags.get("contact:email"), 200),
            opening_hours=clean_text(tags.get("opening_hours"), 500),
            services=OSM_INTERNET.get(tags.get("internet_access", ""), ()),
            accessibility=OSM_WHEELCHAIR.get(tags.get("wheelchair", ""), ()),
            description=clean_text(tags.get("description")),
            verified_on=_date(tags.get("check_date"), problems),
        )
        yield Row(where, record, tuple(problems))
