"""Writes to the reference geography: the idempotent import of the bundled CSV files.

The import validates every file completely before writing anything, then upserts in a single transaction,
so a failed import leaves the database exactly as it was and a repeated import changes nothing.
"""

import csv
import math
import re
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

import teletravail
from teletravail.apps.geo.models import Commune, Departement, Epci, Region
from teletravail.geo import normalize


DEFAULT_DATA_DIR = Path(teletravail.__file__).resolve().parent / "data" / "communes"

REGIONS_FILE = "regions.csv"
DEPARTEMENTS_FILE = "departements.csv"
EPCI_FILE = "epci.csv"
COMMUNES_FILE = "communes_france.csv"

# Only the columns the models store are required; the files carry more (names repeated, town-hall point…).
REQUIRED_COLUMNS = {
    REGIONS_FILE: ["reg_code", "reg_nom", "zone", "population"],
    DEPARTEMENTS_FILE: ["dep_code", "dep_nom", "reg_code", "population"],
    EPCI_FILE: ["epci_siren", "epci_nom", "epci_type", "population"],
    COMMUNES_FILE: [
        "code_insee",
        "nom",
        "type",
        "commune_parente",
        "dep_code",
        "reg_code",
        "epci_siren",
        "codes_postaux",
        "population",
        "superficie_km2",
        "latitude_centre",
        "longitude_centre",
    ],
}

REGION_CODE = re.compile(r"\d{2}")
DEPARTEMENT_CODE = re.compile(r"\d{2}|2A|2B|97\d")
SIREN = re.compile(r"\d{9}")
COMMUNE_CODE = re.compile(r"\d{5}|2A\d{3}|2B\d{3}")
POSTAL_CODE = re.compile(r"\d{5}")
INTEGER = re.compile(r"[+-]?\d+")
COMMUNE_KINDS = ("COM", "ARM")

# Lazy, so that a translation is looked up only when an error message is actually built.
WHAT_REGION = gettext_lazy("code de région")
WHAT_DEPARTEMENT = gettext_lazy("code de département")
WHAT_SIREN = gettext_lazy("SIREN")
WHAT_COMMUNE = gettext_lazy("code INSEE")
WHAT_POSTAL_CODE = gettext_lazy("code postal")

MAX_LISTED_ERRORS = 50
WRITE_CHUNK = 5000


class GeoImportError(Exception):
    """The files are invalid; nothing was written. `errors` lists the first messages, `total` counts them all."""

    def __init__(self, errors, total=None):
        self.errors = list(errors)
        self.total = len(self.errors) if total is None else total
        super().__init__("\n".join(self.lines()))

    @property
    def more(self):
        return self.total - len(self.errors)

    def lines(self):
        lines = list(self.errors)
        if self.more > 0:
            lines.append(
                ngettext("… et %(count)s autre erreur.", "… et %(count)s autres erreurs.", self.more)
                % {"count": self.more}
            )
        return lines


class _Errors:
    """Collects messages up to a cap while still counting every error."""

    def __init__(self, cap=MAX_LISTED_ERRORS):
        self.cap = cap
        self.messages = []
        self.total = 0
        self.files = set()

    def add(self, file, message):
        self.total += 1
        self.files.add(file)
        if len(self.messages) < self.cap:
            self.messages.append(message)

    def at(self, file, line, column, message):
        self.add(
            file,
            _("%(file)s, ligne %(line)s, colonne %(column)s : %(message)s")
            % {"file": file, "line": line, "column": column, "message": message},
        )

    def __bool__(self):
        return self.total > 0


class _Row:
    """One CSV row with typed accessors that report errors (file, line, column) instead of raising."""

    def __init__(self, file, line, values, errors):
        self.file = file
        self.line = line
        self.values = values
        self.errors = errors

    def error(self, column, message):
        self.errors.at(self.file, self.line, column, message)

    def raw(self, column):
        return self.values[column].strip()

    def text(self, column, max_length, required=True):
        value = self.raw(column)
        if not value:
            if required:
                self.error(column, _("valeur obligatoire manquante"))
            return ""
        if len(value) > max_length:
            self.error(
                column,
                _("« %(value)s » dépasse %(max)s caractères") % {"value": value, "max": max_length},
            )
        return value

    def code(self, column, pattern, what, required=True):
        value = self.raw(column)
        if not value:
            if required:
                self.error(column, _("valeur obligatoire manquante"))
            return None
        if not pattern.fullmatch(value):
            self.error(column, _("« %(value)s » n'est pas un %(what)s valide") % {"value": value, "what": what})
            return None
        return value

    def integer(self, column):
        value = self.raw(column)
        if not INTEGER.fullmatch(value):
            self.error(column, _("« %(value)s » n'est pas un nombre entier") % {"value": value})
            return None
        number = int(value)
        if number < 0:
            self.error(column, _("« %(value)s » est un nombre négatif") % {"value": value})
            return None
        return number

    def decimal(self, column, low=None, high=None):
        """An optional float (empty → None) within [low, high]."""
        value = self.raw(column)
        if not value:
            return None
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            self.error(column, _("« %(value)s » n'est pas un nombre décimal") % {"value": value})
            return None
        if (low is not None and number < low) or (high is not None and number > high):
            self.error(
                column,
                _("« %(value)s » est hors de l'intervalle [%(low)s ; %(high)s]")
                % {"value": value, "low": low, "high": high},
            )
            return None
        return number


def _read(data_dir, file, errors):
    """The rows of one file (`_Row`), or None when the file or one of its required columns is missing."""
    path = Path(data_dir) / file
    if not path.is_file():
        errors.add(
            file, _("%(file)s : fichier introuvable dans %(directory)s") % {"file": file, "directory": data_dir}
        )
        return None
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = [column.strip() for column in next(reader, [])]
            missing = [column for column in REQUIRED_COLUMNS[file] if column not in header]
            for column in missing:
                errors.at(file, 1, column, _("colonne obligatoire absente de l'en-tête"))
            if missing:
                return None
            rows = []
            for fields in reader:
                if not fields:
                    continue
                if len(fields) != len(header):
                    # A row with more or fewer fields than the header: its columns cannot be trusted.
                    errors.add(
                        file,
                        _(
                            "%(file)s, ligne %(line)s : %(count)s champs trouvés, %(expected)s attendus "
                            "(un par colonne de l'en-tête)"
                        )
                        % {"file": file, "line": reader.line_num, "count": len(fields), "expected": len(header)},
                    )
                    continue
                rows.append(_Row(file, reader.line_num, dict(zip(header, fields, strict=True)), errors))
            return rows
    except UnicodeDecodeError as exc:
        errors.add(
            file, _("%(file)s : le fichier n'est pas encodé en UTF-8 (%(detail)s)") % {"file": file, "detail": exc}
        )
    except csv.Error as exc:
        errors.add(file, _("%(file)s : CSV illisible (%(detail)s)") % {"file": file, "detail": exc})
    return None


def _check_unique(row, column, value, seen):
    if value is None:
        return
    if value in seen:
        row.error(
            column,
            _("code « %(value)s » en double (déjà vu ligne %(first)s)") % {"value": value, "first": seen[value]},
        )
    else:
        seen[value] = row.line


def _max_length(model, name):
    return model._meta.get_field(name).max_length


# Parsed rows are plain dicts keyed by the model's attnames: model instances are built only for the rows
# that must be written, which keeps a re-import (nothing to write) fast.


def _parse_regions(rows):
    regions, seen = [], {}
    name_max, zone_max = _max_length(Region, "name"), _max_length(Region, "zone")
    for row in rows or ():
        code = row.code("reg_code", REGION_CODE, WHAT_REGION)
        _check_unique(row, "reg_code", code, seen)
        regions.append(
            {
                "code": code,
                "name": row.text("reg_nom", name_max),
                "zone": row.text("zone", zone_max),
                "population": row.integer("population"),
            }
        )
    return regions


def _parse_departements(rows, region_codes):
    departements, seen = [], {}
    name_max = _max_length(Departement, "name")
    for row in rows or ():
        code = row.code("dep_code", DEPARTEMENT_CODE, WHAT_DEPARTEMENT)
        _check_unique(row, "dep_code", code, seen)
        region = row.code("reg_code", REGION_CODE, WHAT_REGION)
        if region is not None and region_codes is not None and region not in region_codes:
            row.error(
                "reg_code",
                _("région « %(value)s » inconnue (absente de %(file)s)") % {"value": region, "file": REGIONS_FILE},
            )
        departements.append(
            {
                "code": code,
                "name": row.text("dep_nom", name_max),
                "region_id": region,
                "population": row.integer("population"),
            }
        )
    return departements


def _parse_epcis(rows):
    epcis, seen = [], {}
    name_max, kind_max = _max_length(Epci, "name"), _max_length(Epci, "kind")
    for row in rows or ():
        siren = row.code("epci_siren", SIREN, WHAT_SIREN)
        _check_unique(row, "epci_siren", siren, seen)
        epcis.append(
            {
                "siren": siren,
                "name": row.text("epci_nom", name_max),
                "kind": row.text("epci_type", kind_max),
                "population": row.integer("population"),
            }
        )
    return epcis


def _parse_communes(rows, departement_regions, region_codes, epci_sirens):
    """Communes from their rows. A `None` set of known codes means that file was unreadable (already reported)."""
    communes, seen, kinds = [], {}, {}
    name_max, postal_max = _max_length(Commune, "name"), _max_length(Commune, "postal_codes")
    for row in rows or ():
        code = row.code("code_insee", COMMUNE_CODE, WHAT_COMMUNE)
        _check_unique(row, "code_insee", code, seen)
        name = row.text("nom", name_max)
        kind = row.raw("type")
        if kind not in COMMUNE_KINDS:
            row.error("type", _("« %(value)s » n'est pas un type reconnu (COM ou ARM attendu)") % {"value": kind})
        elif code is not None:
            kinds[code] = kind
        parent = row.code("commune_parente", COMMUNE_CODE, WHAT_COMMUNE, required=False)
        if kind == "ARM" and not row.raw("commune_parente"):
            row.error("commune_parente", _("valeur obligatoire pour un arrondissement municipal (ARM)"))
        elif kind == "COM" and parent is not None:
            row.error("commune_parente", _("une commune (COM) n'a pas de commune parente"))

        departement = row.code("dep_code", DEPARTEMENT_CODE, WHAT_DEPARTEMENT)
        if departement is not None and departement_regions is not None:
            if departement not in departement_regions:
                row.error(
                    "dep_code",
                    _("département « %(value)s » inconnu (absent de %(file)s)")
                    % {"value": departement, "file": DEPARTEMENTS_FILE},
                )
            elif code is not None and not code.startswith(departement):
                row.error(
                    "code_insee",
                    _("« %(code)s » ne commence pas par le code de son département (dep_code « %(value)s »)")
                    % {"code": code, "value": departement},
                )
        region = row.code("reg_code", REGION_CODE, WHAT_REGION)
        if region is not None and region_codes is not None:
            if region not in region_codes:
                row.error(
                    "reg_code",
                    _("région « %(value)s » inconnue (absente de %(file)s)") % {"value": region, "file": REGIONS_FILE},
                )
            elif (
                departement_regions is not None
                # A département whose own région is unknown was reported already: no cascade of messages.
                and departement_regions.get(departement, region) in region_codes
                and departement_regions.get(departement, region) != region
            ):
                row.error(
                    "reg_code",
                    _(
                        "région « %(value)s » différente de celle du département %(departement)s "
                        "dans %(file)s (« %(expected)s »)"
                    )
                    % {
                        "value": region,
                        "departement": departement,
                        "file": DEPARTEMENTS_FILE,
                        "expected": departement_regions[departement],
                    },
                )
        epci = row.code("epci_siren", SIREN, WHAT_SIREN, required=False)
        if epci is not None and epci_sirens is not None and epci not in epci_sirens:
            row.error(
                "epci_siren",
                _("EPCI « %(value)s » inconnu (absent de %(file)s)") % {"value": epci, "file": EPCI_FILE},
            )
        postal_codes = row.text("codes_postaux", postal_max, required=False).split()
        for postal_code in postal_codes:
            if not POSTAL_CODE.fullmatch(postal_code):
                row.error(
                    "codes_postaux",
                    _("« %(value)s » n'est pas un %(what)s valide") % {"value": postal_code, "what": WHAT_POSTAL_CODE},
                )
        communes.append(
            (
                row,
                {
                    "code": code,
                    "name": name,
                    "search_name": normalize(name),
                    "kind": kind,
                    "parent_id": parent,
                    "departement_id": departement,
                    "region_id": region,
                    "epci_id": epci,
                    "postal_codes": " ".join(postal_codes),
                    "population": row.integer("population"),
                    "area_km2": row.decimal("superficie_km2", low=0),
                    "latitude": row.decimal("latitude_centre", low=-90, high=90),
                    "longitude": row.decimal("longitude_centre", low=-180, high=180),
                },
            )
        )
    # Parents are checked once every row is known: an arrondissement may come before its commune.
    for row, commune in communes:
        parent = commune["parent_id"]
        if commune["kind"] == "ARM" and parent is not None and kinds.get(parent) != "COM":
            row.error(
                "commune_parente",
                _("commune parente « %(value)s » inconnue (absente de %(file)s ou qui n'est pas une commune COM)")
                % {"value": parent, "file": COMMUNES_FILE},
            )
    # Communes first, so that an arrondissement is written after its parent.
    return sorted((commune for _row, commune in communes), key=lambda commune: commune["kind"] != "COM")


def _number(value):
    return number_format(value, force_grouping=True)


@dataclass(frozen=True)
class TableCounts:
    """What the import did to one table. Rows absent from the files are kept: other tables may refer to them."""

    in_files: int
    created: int
    updated: int
    unchanged: int
    absent_from_files: int


@dataclass(frozen=True)
class ImportReport:
    regions: TableCounts
    departements: TableCounts
    epci: TableCounts
    communes: TableCounts

    def as_dict(self):
        return {
            "regions": self.regions,
            "departements": self.departements,
            "epci": self.epci,
            "communes": self.communes,
        }

    def summary_lines(self):
        """One French line per table, for the command line."""
        names = {
            "regions": _("Régions"),
            "departements": _("Départements"),
            "epci": _("EPCI"),
            "communes": _("Communes"),
        }
        return [
            _(
                "%(table)s : %(in_files)s lignes dans les fichiers ; créées : %(created)s, mises à jour : "
                "%(updated)s, inchangées : %(unchanged)s, absentes des fichiers et conservées : %(absent)s"
            )
            % {
                "table": names[table],
                "in_files": _number(counts.in_files),
                "created": _number(counts.created),
                "updated": _number(counts.updated),
                "unchanged": _number(counts.unchanged),
                "absent": _number(counts.absent_from_files),
            }
            for table, counts in self.as_dict().items()
        ]


def _upsert(model, rows, on_progress):
    """Insert new rows and update changed ones with bulk upserts; identical rows are not written at all."""
    pk = model._meta.pk
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    attnames = [field.attname for field in fields]
    existing = {
        values[0]: values[1:]
        for values in model.objects.values_list(pk.attname, *attnames).order_by().iterator(chunk_size=10000)
    }
    created = updated = 0
    to_write = []
    for row in rows:
        current = existing.get(row[pk.attname])
        if current is None:
            created += 1
        elif current != tuple(row[attname] for attname in attnames):
            updated += 1
        else:
            continue
        to_write.append(row)
    for start in range(0, len(to_write), WRITE_CHUNK):
        chunk = to_write[start : start + WRITE_CHUNK]
        # ON CONFLICT … DO UPDATE: supported by SQLite and PostgreSQL, never duplicates a code.
        model.objects.bulk_create(
            [model(**row) for row in chunk],
            update_conflicts=True,
            unique_fields=[pk.name],
            update_fields=[field.name for field in fields],
        )
        on_progress(len(chunk))
    keys = {row[pk.attname] for row in rows}
    return TableCounts(
        in_files=len(rows),
        created=created,
        updated=updated,
        unchanged=len(rows) - created - updated,
        absent_from_files=len(existing.keys() - keys),
    )


def _known(parsed, key, errors, file):
    """Keys of a parsed file, or None when that file has errors: references to it are then not checked,
    which would only repeat the same problem on every row that refers to it."""
    if file in errors.files:
        return None
    return {row[key] for row in parsed if row[key]}


def import_reference_geography(data_dir=DEFAULT_DATA_DIR, progress=None):
    """Load régions, départements, EPCI and communes from `data_dir`; return an `ImportReport`.

    `progress(description, completed, total)` is called as the work advances (to drive a progress bar).
    Raises `GeoImportError` listing the problems (file, line, column) when a file is invalid: nothing is written then.
    """
    data_dir = Path(data_dir)
    report = progress or (lambda description, completed, total: None)
    reading = _("Lecture et vérification des fichiers")
    errors = _Errors()

    report(reading, 0, 4)
    region_rows = _read(data_dir, REGIONS_FILE, errors)
    departement_rows = _read(data_dir, DEPARTEMENTS_FILE, errors)
    epci_rows = _read(data_dir, EPCI_FILE, errors)
    commune_rows = _read(data_dir, COMMUNES_FILE, errors)
    report(reading, 1, 4)
    regions = _parse_regions(region_rows)
    region_codes = _known(regions, "code", errors, REGIONS_FILE)
    departements = _parse_departements(departement_rows, region_codes)
    epcis = _parse_epcis(epci_rows)
    departement_regions = (
        None
        if DEPARTEMENTS_FILE in errors.files
        else {row["code"]: row["region_id"] for row in departements if row["code"]}
    )
    report(reading, 2, 4)
    communes = _parse_communes(
        commune_rows, departement_regions, region_codes, _known(epcis, "siren", errors, EPCI_FILE)
    )
    report(reading, 4, 4)
    if errors:
        raise GeoImportError(errors.messages, errors.total)

    writing = _("Écriture dans la base de données")
    total = len(regions) + len(departements) + len(epcis) + len(communes)
    written = 0

    def advance(count):
        nonlocal written
        written += count
        report(writing, written, total)

    report(writing, 0, total)
    with transaction.atomic():
        counts = {}
        for name, model, rows in (
            ("regions", Region, regions),
            ("departements", Departement, departements),
            ("epci", Epci, epcis),
            ("communes", Commune, communes),
        ):
            before = written
            counts[name] = _upsert(model, rows, advance)
            # Unchanged rows count as done too, so the bar always ends full.
            advance(len(rows) - (written - before))
    return ImportReport(**counts)
