"""Commune codes → one-way road distance, from the bundled reference file (no database needed).

Reads `teletravail/data/communes/communes_france.csv` (the file `teletravail geo load` imports) once per process.
Between two communes: great-circle distance between centroids × road detour factor (geo engine). Within one
commune: a fraction of the radius of the disc of the commune's area (`intra_commune_distance_factor`, geo.yaml,
the formula the commuting flows use too: `teletravail.geo.intra_commune_crow_flies_km`) × the same detour factor.
"""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import teletravail
from teletravail.geo import intra_commune_crow_flies_km, road_distance_estimate
from teletravail.impact.errors import ImpactInputError
from teletravail.parameters import load_parameters


COMMUNES_CSV = Path(teletravail.__file__).resolve().parent / "data" / "communes" / "communes_france.csv"


@dataclass(frozen=True)
class Commune:
    code: str
    name: str
    latitude: float | None
    longitude: float | None
    area_km2: float | None


@dataclass(frozen=True)
class CommuteDistance:
    home: Commune
    work: Commune
    road_km: float
    great_circle_km: float
    detour_factor: float
    method: str  # "centroïdes" or "intra-commune"


def _float(text):
    return float(text) if text not in (None, "") else None


@cache
def communes(path=COMMUNES_CSV):
    """code INSEE → Commune, for every commune and municipal arrondissement of the file."""
    with open(path, encoding="utf-8", newline="") as handle:
        return {
            row["code_insee"]: Commune(
                code=row["code_insee"],
                name=row["nom"],
                latitude=_float(row["latitude_centre"]),
                longitude=_float(row["longitude_centre"]),
                area_km2=_float(row["superficie_km2"]),
            )
            for row in csv.DictReader(handle)
        }


def normalize_code(raw):
    """« 1001 » → « 01001 », « 2a004 » → « 2A004 »; other text unchanged apart from spaces."""
    code = str(raw).strip().upper().replace(" ", "")
    if code.isdigit() and len(code) == 4:
        code = "0" + code
    return code


def find_commune(raw, field):
    code = normalize_code(raw)
    if not code:
        raise ImpactInputError(f"« {field} » : code commune INSEE manquant.")
    commune = communes().get(code)
    if commune is None:
        raise ImpactInputError(f"« {field} » : code commune INSEE inconnu « {raw} ».")
    if commune.latitude is None or commune.longitude is None:
        raise ImpactInputError(
            f"« {field} » : la commune {commune.code} ({commune.name}) n'a pas de coordonnées dans le référentiel ; "
            "indiquez la distance en kilomètres."
        )
    return commune


def commute_distance(
    home_code, work_code, when=None, *, home_field="commune de résidence", work_field="commune de travail"
):
    """One-way road distance estimate between two communes given by their INSEE codes."""
    home = find_commune(home_code, home_field)
    work = find_commune(work_code, work_field)
    if home.code != work.code:
        estimate = road_distance_estimate(home.latitude, home.longitude, work.latitude, work.longitude, when)
        return CommuteDistance(
            home, work, estimate.road_km, estimate.great_circle_km, estimate.detour_factor, "centroïdes"
        )
    if not home.area_km2:
        raise ImpactInputError(f"« {home_field} » : la commune {home.code} n'a pas de superficie dans le référentiel.")
    crow_flies = intra_commune_crow_flies_km(home.area_km2, when)
    detour = load_parameters("geo")["road_detour_factor"].at(when).central
    return CommuteDistance(home, work, crow_flies * detour, crow_flies, detour, "intra-commune")
