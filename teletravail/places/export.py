"""The open-data export of the places directory: a CSV in the platform's schema (`schema.py`, so that the file can
be imported again), its Frictionless Table Schema and a `datapackage.json` describing both.

The package is published under the Licence Ouverte 2.0 for the platform's own records; each row keeps the source
and the licence of its record (`source`, `licence`) and of the fields another source gave (`sources_des_champs`).
"""

import csv
import io
import json

from teletravail.places.schema import COLUMNS, LIST_SEPARATOR, OFFER_COLUMNS, REQUIRED_COLUMNS
from teletravail.places.vocabulary import KINDS


CSV_NAME = "lieux-teletravail.csv"
SCHEMA_NAME = "schema-lieux-teletravail.json"
PACKAGE_NAME = "datapackage.json"
PACKAGE_LICENCE = {
    "name": "etalab-2.0",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    "title": "Licence Ouverte / Open Licence version 2.0",
}

EXTRA_COLUMNS = {
    "source": "Source de la fiche (cget2019, osm, csv, operator : fiche de l'exploitant vérifiée par la plateforme).",
    "sources_des_champs": (
        "Champs venus d'une autre source que celle de la fiche, en JSON : champ → {source, licence}."
    ),
    "charte_qualite": (
        "Version de la charte qualité des lieux de télétravail selon laquelle la plateforme a labellisé le lieu "
        "(vide : pas de label)."
    ),
}
HEADER = (*COLUMNS, *EXTRA_COLUMNS)

NUMBER_COLUMNS = ("latitude", "longitude", "taux_tva", *OFFER_COLUMNS)
INTEGER_COLUMNS = ("postes", "salles_reunion")
CONSTRAINTS = {
    "type": {"enum": list(KINDS)},
    "code_postal": {"pattern": r"\d{5}"},
    "code_insee": {"pattern": r"\d{5}|2[AB]\d{3}"},
    "siret": {"pattern": r"\d{14}"},
    "latitude": {"minimum": -90, "maximum": 90},
    "longitude": {"minimum": -180, "maximum": 180},
    "postes": {"minimum": 0},
    "salles_reunion": {"minimum": 0},
}


def _field(name, description):
    field = {"name": name, "description": description, "type": "string"}
    if name in NUMBER_COLUMNS:
        field["type"] = "number"
    elif name in INTEGER_COLUMNS:
        field["type"] = "integer"
    elif name == "date_maj":
        field["type"], field["format"] = "date", "default"
    constraints = dict(CONSTRAINTS.get(name, {}))
    if name in REQUIRED_COLUMNS:
        constraints["required"] = True
    if name == "id":
        constraints["unique"] = True
    if constraints:
        field["constraints"] = constraints
    return field


def table_schema():
    """The Frictionless Table Schema of the CSV: every column, its type and its constraints."""
    return {
        "fields": [_field(name, description) for name, description in {**COLUMNS, **EXTRA_COLUMNS}.items()],
        "primaryKey": ["id"],
        "missingValues": [""],
    }


def datapackage(generated_at):
    return {
        "name": "lieux-teletravail",
        "title": "Lieux de télétravail (tiers-lieux, coworkings, télécentres…)",
        "description": (
            "Annuaire des lieux de télétravail publiés par la plateforme. Les fiches des exploitants, vérifiées "
            "par la plateforme, sont sous Licence Ouverte 2.0 ; chaque ligne garde la source et la licence de sa "
            "fiche (colonnes source et licence) et celles des champs venus d'une autre source."
        ),
        "licenses": [PACKAGE_LICENCE],
        "created": generated_at.isoformat(timespec="seconds"),
        "resources": [
            {
                "name": "lieux-teletravail",
                "path": CSV_NAME,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": SCHEMA_NAME,
            }
        ],
    }


def _number(value):
    return "" if value is None else repr(value)


def csv_text(rows):
    """The CSV of `rows`: dicts with the keys of HEADER (lists for the multi-valued columns)."""
    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=HEADER, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        line = {}
        for name in HEADER:
            value = row.get(name)
            if isinstance(value, list | tuple):
                value = LIST_SEPARATOR.join(value)
            elif isinstance(value, dict):
                value = json.dumps(value, ensure_ascii=False, sort_keys=True) if value else ""
            elif isinstance(value, float):
                value = _number(value)
            line[name] = "" if value is None else str(value)
        writer.writerow(line)
    return output.getvalue()


def package_files(rows, generated_at):
    """{file name: text} of the whole package."""
    return {
        CSV_NAME: csv_text(rows),
        SCHEMA_NAME: json.dumps(table_schema(), ensure_ascii=False, indent=2),
        PACKAGE_NAME: json.dumps(datapackage(generated_at), ensure_ascii=False, indent=2),
    }
