"""Public API of the reference geography, mounted at /api/v1/communes. No authentication: open data."""

from typing import Annotated, Literal

from django.conf import settings
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import WithJsonSchema

from teletravail.apps.core.api import ErrorOut
from teletravail.apps.core.bounds import has_control_character, visible_pattern
from teletravail.apps.geo.selectors import (
    MIN_QUERY_LENGTH,
    MissingCoordinates,
    commune_by_code,
    distance_between,
    search_communes,
)


router = Router()

SEARCH_PATTERN = visible_pattern(MIN_QUERY_LENGTH)
CODE_PATTERN = visible_pattern(1)
# The largest `limit`, a setting of the instance; the OpenAPI document states it.
MAX_LIMIT = settings.GEO_SEARCH_MAX_RESULTS


class CommuneOut(Schema):
    code: str = Field(description="Code INSEE de la commune (5 caractères ; 2A/2B pour la Corse).")
    name: str = Field(description="Nom officiel, avec l'article.")
    kind: str = Field(description="COM : commune ; ARM : arrondissement municipal de Paris, Lyon ou Marseille.")
    departement: str = Field(description="Code du département.")
    postal_codes: list[str] = Field(description="Codes postaux de la commune.")
    population: int = Field(description="Population légale (INSEE).")
    label: str = Field(
        description="Libellé à afficher : nom et code du département, par exemple « Saint-Étienne (42) »."
    )

    @staticmethod
    def resolve_departement(commune):
        return commune.departement_id

    @staticmethod
    def resolve_postal_codes(commune):
        return commune.postal_code_list


class CommuneFoundOut(CommuneOut):
    matched_by: Literal["postal_code", "insee_code", "name"] = Field(
        description=(
            "Ce qui a trouvé la commune : postal_code (la recherche est un de ses codes postaux), "
            "insee_code (son code INSEE) ou name (son nom). Un code à cinq chiffres est d'abord lu comme un code "
            "postal : « 69003 » donne Lyon 3e Arrondissement (code postal), puis Lyon, puis Albigny-sur-Saône "
            "(code INSEE 69003)."
        )
    )


class CommuneSearchOut(Schema):
    results: list[CommuneFoundOut] = Field(description="Communes trouvées, les plus pertinentes d'abord.")


class CommuneDetailOut(CommuneOut):
    departement_name: str = Field(description="Nom du département.")
    region: str = Field(description="Code de la région.")
    region_name: str = Field(description="Nom de la région.")
    epci_siren: str | None = Field(
        description="SIREN de l'intercommunalité (EPCI à fiscalité propre), s'il y en a une."
    )
    epci_name: str | None = Field(description="Nom de l'intercommunalité.")
    parent: str | None = Field(description="Pour un arrondissement municipal : code INSEE de la commune.")
    area_km2: float | None = Field(description="Superficie en km².")
    latitude: float | None = Field(description="Latitude du centre de la commune (WGS84, degrés).")
    longitude: float | None = Field(description="Longitude du centre de la commune (WGS84, degrés).")

    @staticmethod
    def resolve_departement_name(commune):
        return commune.departement.name

    @staticmethod
    def resolve_region(commune):
        return commune.region_id

    @staticmethod
    def resolve_region_name(commune):
        return commune.region.name

    @staticmethod
    def resolve_epci_siren(commune):
        return commune.epci_id

    @staticmethod
    def resolve_epci_name(commune):
        return commune.epci.name if commune.epci else None

    @staticmethod
    def resolve_parent(commune):
        return commune.parent_id


class SourceOut(Schema):
    parameter: str = Field(description="Nom du paramètre (fichier parameters/data/geo.yaml).")
    title: str = Field(description="Titre de la source.")
    date: str = Field(description="Date de la source.")
    url: str = Field(description="Adresse de la source, si elle est en ligne.")
    to_verify: bool = Field(description="Vrai si la valeur reste à vérifier dans la publication d'origine.")


class DistanceOut(Schema):
    origin: CommuneOut = Field(description="Commune de départ.")
    destination: CommuneOut = Field(description="Commune d'arrivée.")
    great_circle_km: float = Field(description="Distance à vol d'oiseau entre les centres des communes, en km.")
    detour_factor: float = Field(description="Facteur de détour (valeur centrale) : distance routière / vol d'oiseau.")
    detour_factor_low: float = Field(description="Facteur de détour, borne basse.")
    detour_factor_high: float = Field(description="Facteur de détour, borne haute.")
    road_km: float = Field(description="Distance routière estimée (vol d'oiseau × facteur de détour), en km.")
    road_km_low: float = Field(description="Distance routière estimée, borne basse, en km.")
    road_km_high: float = Field(description="Distance routière estimée, borne haute, en km.")
    sources: list[SourceOut] = Field(
        description="Sources des paramètres utilisés : rayon terrestre, facteur de détour."
    )


def _unknown(code):
    return Status(404, {"detail": _("Commune inconnue : %(code)s.") % {"code": code}})


@router.get(
    "",
    response={200: CommuneSearchOut, 400: ErrorOut},
    summary="Rechercher des communes",
    description="Par nom (sans tenir compte des accents ni des majuscules), partie de nom, code postal ou code INSEE.",
)
def search(
    request,
    # The rules are stated in the OpenAPI document and checked here, with their own French messages.
    q: Annotated[str, WithJsonSchema({"type": "string", "pattern": SEARCH_PATTERN})] = Query(
        ..., description="Texte recherché, au moins 2 caractères hors espaces, sans caractère de contrôle."
    ),
    limit: Annotated[int, WithJsonSchema({"type": "integer", "minimum": 1, "maximum": MAX_LIMIT})] = Query(
        10, description=f"Nombre maximal de résultats (1 à {MAX_LIMIT})."
    ),
):
    if has_control_character(q):
        return Status(400, {"detail": _("La recherche ne doit pas contenir de caractère de contrôle (paramètre q).")})
    if len(q.strip()) < MIN_QUERY_LENGTH:
        message = _("La recherche doit comporter au moins %(min)s caractères (paramètre q).")
        return Status(400, {"detail": message % {"min": MIN_QUERY_LENGTH}})
    if not 1 <= limit <= MAX_LIMIT:
        message = _("Le nombre de résultats (paramètre limit) doit être compris entre 1 et %(max)s.")
        return Status(400, {"detail": message % {"max": MAX_LIMIT}})
    return {"results": search_communes(q, limit=limit)}


# Declared before "/{code}", which would otherwise take "distance" for a code.
@router.get(
    "/distance",
    response={200: DistanceOut, 400: ErrorOut, 404: ErrorOut},
    summary="Distance entre deux communes",
    description=(
        "Distance à vol d'oiseau entre les centres de deux communes et distance routière estimée avec un facteur de "
        "détour daté et sourcé, avec sa fourchette d'incertitude."
    ),
)
def distance(
    request,
    from_code: Annotated[str, WithJsonSchema({"type": "string", "pattern": CODE_PATTERN})] = Query(
        ..., description="Code INSEE de la commune de départ."
    ),
    to_code: Annotated[str, WithJsonSchema({"type": "string", "pattern": CODE_PATTERN})] = Query(
        ..., description="Code INSEE de la commune d'arrivée."
    ),
):
    if not from_code.strip() or not to_code.strip():
        return Status(
            400, {"detail": _("Indiquez les codes INSEE des deux communes (paramètres from_code et to_code).")}
        )
    origin, destination = commune_by_code(from_code), commune_by_code(to_code)
    if origin is None:
        return _unknown(from_code)
    if destination is None:
        return _unknown(to_code)
    try:
        result = distance_between(origin, destination)
    except MissingCoordinates as exc:
        return Status(400, {"detail": str(exc)})
    estimate = result.estimate
    return {
        "origin": origin,
        "destination": destination,
        "great_circle_km": estimate.great_circle_km,
        "detour_factor": estimate.detour_factor,
        "detour_factor_low": estimate.detour_factor_low,
        "detour_factor_high": estimate.detour_factor_high,
        "road_km": estimate.road_km,
        "road_km_low": estimate.road_km_low,
        "road_km_high": estimate.road_km_high,
        "sources": [
            {
                "parameter": parameter,
                "title": source.title,
                "date": source.date,
                "url": source.url,
                "to_verify": source.to_verify,
            }
            for parameter, source in zip(estimate.source_parameters, estimate.sources, strict=True)
        ],
    }


@router.get(
    "/{code}",
    response={200: CommuneDetailOut, 404: ErrorOut},
    summary="Une commune",
    description="Département, région, intercommunalité, population, superficie et centre d'une commune.",
)
def detail(request, code: str):
    commune = commune_by_code(code)
    if commune is None:
        return _unknown(code)
    return commune
