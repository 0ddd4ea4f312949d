"""Simulation endpoints: public, stateless, the same engine as the web page and the command line."""

from typing import Literal

from django.conf import settings
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import model_validator

from teletravail.apps.core.api import ANONYMOUS_ERRORS, ErrorOut, bounded_float, plain_text
from teletravail.apps.core.bounds import (
    ALLOWANCE_EUR_PER_DAY,
    DAYS_PER_WEEK,
    DESK_SHARING_RATIO,
    DESKS,
    DISTANCE_KM,
    PARAMETER_VALUE,
    SALARY_EUR_PER_YEAR,
)
from teletravail.apps.core.uploads import upload_max_bytes
from teletravail.apps.simulator.forms import flows_file_too_large
from teletravail.apps.simulator.services import (
    SimulationTooLarge,
    check_synchronous_size,
    run_employer_simulation,
    run_person_simulation,
    run_territory_simulation,
)
from teletravail.impact.errors import ImpactInputError
from teletravail.impact.modes import INDIVIDUAL_MODES


router = Router()

ModeCode = Literal[INDIVIDUAL_MODES]  # type: ignore[valid-type]
InseeCode = plain_text(5, pattern=r"^(2[AB]|[0-9]{2})[0-9]{3}$")
Days = bounded_float(DAYS_PER_WEEK)
# Overrides: a parameter name and a finite number; the value's own domain is checked against the parameter file.
Overrides = dict[plain_text(100, pattern=r"^[a-z0-9_.]+$"), bounded_float(PARAMETER_VALUE)]
OVERRIDES_MAX = settings.SIMULATION_API_MAX_OVERRIDES
PLACE_REQUIRED = "Indiquez distance_km, ou home et work (codes INSEE)."
# The OpenAPI form of the rule checked by `_place_given`.
PLACE_ALTERNATIVES = {
    "anyOf": [
        {"required": ["distance_km"], "properties": {"distance_km": {"type": "number"}}},
        {"required": ["home", "work"], "properties": {"home": {"type": "string"}, "work": {"type": "string"}}},
    ]
}


def _place_given(payload):
    if payload.distance_km is None and not (payload.home and payload.work):
        raise ValueError(PLACE_REQUIRED)
    return payload


class PersonSimulationIn(Schema):
    model_config = {"json_schema_extra": PLACE_ALTERNATIVES}

    distance_km: bounded_float(DISTANCE_KM, description="Distance domicile-travail, aller simple, en km.") | None = (
        None
    )
    home: InseeCode | None = Field(None, description="Code INSEE de la commune de résidence (si pas de distance).")
    work: InseeCode | None = Field(None, description="Code INSEE de la commune de travail (si pas de distance).")
    mode: ModeCode = Field(..., description="Mode de transport habituel.")
    telework_days: Days = Field(..., description="Jours de télétravail par semaine.")
    office_days: Days = Field(..., description="Jours au bureau par semaine.")
    method: Literal["default", "impactco2"] = Field("default", description="Méthode de calcul.")
    overrides: Overrides | None = Field(
        None, max_length=OVERRIDES_MAX, description="Paramètres remplacés pour ce calcul : nom → valeur."
    )

    _place = model_validator(mode="after")(_place_given)


@router.post(
    "/person",
    response={200: dict, **ANONYMOUS_ERRORS},
    summary="Simuler les effets du télétravail pour une personne",
)
def simulate_person(request, payload: PersonSimulationIn):
    """Effets annuels (kilomètres, heures, CO2e brut et net, carburant, argent, accidents) et paramètres utilisés."""
    try:
        result, _distance = run_person_simulation(
            mode=payload.mode,
            telework_days=payload.telework_days,
            office_days=payload.office_days,
            method=payload.method,
            distance_km=payload.distance_km,
            home=payload.home,
            work=payload.work,
            overrides=payload.overrides,
        )
    except ImpactInputError as error:
        return Status(400, {"detail": str(error)})
    return Status(200, result.as_dict())


class EmployeeIn(Schema):
    model_config = {"json_schema_extra": PLACE_ALTERNATIVES}

    distance_km: bounded_float(DISTANCE_KM, description="Distance domicile-travail, aller simple, en km.") | None = (
        None
    )
    home: InseeCode | None = Field(None, description="Code INSEE de la commune de résidence (si pas de distance).")
    work: InseeCode | None = Field(None, description="Code INSEE de la commune de travail (si pas de distance).")
    mode: ModeCode
    telework_days: Days
    office_days: Days
    gross_salary_eur_per_year: bounded_float(SALARY_EUR_PER_YEAR, description="Salaire brut annuel.") | None = None
    profession: (
        plain_text(200, description="Profession : code PCS 2020 (ex. 46A1) ou intitulé du poste (facultatif).") | None
    ) = None

    _place = model_validator(mode="after")(_place_given)


class EmployerSimulationIn(Schema):
    employees: list[EmployeeIn] = Field(
        ...,
        min_length=1,
        # Stated here, checked by the view (413 with the limit), see SIMULATION_MAX_EMPLOYEES.
        json_schema_extra={"maxItems": settings.SIMULATION_MAX_EMPLOYEES},
        description=(
            f"Salariés : {settings.SIMULATION_MAX_EMPLOYEES} au plus, et "
            f"{settings.SIMULATION_MAX_JOB_TITLES} intitulés de poste différents au plus (les codes PCS ne comptent "
            "pas) ; au-delà, la commande teletravail simulate employer."
        ),
    )
    desks: bounded_float(DESKS, description="Postes de travail actuels.") | None = None
    desk_sharing_ratio: (
        bounded_float(DESK_SHARING_RATIO, description="Postes par salarié après réorganisation.") | None
    ) = None
    allowance_eur_per_telework_day: bounded_float(
        ALLOWANCE_EUR_PER_DAY, description="Indemnité par jour de télétravail (€)."
    ) = 0.0
    method: Literal["default", "impactco2"] = "default"
    overrides: Overrides | None = Field(None, max_length=OVERRIDES_MAX)


@router.post(
    "/employer",
    response={200: dict, **ANONYMOUS_ERRORS, 413: ErrorOut},
    summary="Simuler les effets du télétravail pour un employeur",
)
def simulate_employer(request, payload: EmployerSimulationIn):
    """Effets annuels pour le personnel et pour l'employeur (immobilier, absentéisme, départs, indemnités)."""
    employees = [employee.dict() for employee in payload.employees]
    try:
        check_synchronous_size(employees)
    except SimulationTooLarge as error:
        return Status(413, {"detail": str(error)})
    try:
        result = run_employer_simulation(
            employees=employees,
            desks=payload.desks,
            desk_sharing_ratio=payload.desk_sharing_ratio,
            allowance_eur_per_telework_day=payload.allowance_eur_per_telework_day,
            method=payload.method,
            overrides=payload.overrides,
        )
    except ImpactInputError as error:
        return Status(400, {"detail": str(error)})
    return Status(200, result.as_dict())


# Form fields arrive as text: their numbers are parsed (not strict), but must still be finite and in bounds.
class TerritoryScenarioIn(Schema):
    telework_days: float = Field(
        ...,
        ge=DAYS_PER_WEEK.minimum,
        le=DAYS_PER_WEEK.maximum,
        allow_inf_nan=False,
        description="Jours de télétravail par semaine.",
    )
    adoption: float = Field(
        ...,
        ge=0,
        le=1,
        allow_inf_nan=False,
        description="Part des actifs télétravaillables qui télétravaillent, entre 0 et 1 (0,3 pour 30 %).",
    )
    area: plain_text(2000, description="france, reg:84, dep:42, epci:SIREN ou communes:42218,69383.") | None = None
    top: int = Field(10, ge=1, le=100, description="Nombre de communes au classement.")


@router.post(
    "/territory",
    response={200: dict, **ANONYMOUS_ERRORS, 413: ErrorOut},
    summary="Simuler un scénario de télétravail sur des flux",
)
def simulate_territory(request, scenario: Form[TerritoryScenarioIn], flows: File[UploadedFile]):
    """Fichier INSEE (base flux, FD_MOBPRO) ou table standard, CSV, XLSX ou Parquet ; 50 Mo au plus."""
    if flows.size > upload_max_bytes("flows_file"):
        return Status(413, {"detail": str(flows_file_too_large())})
    try:
        result = run_territory_simulation(
            flows, telework_days=scenario.telework_days, adoption=scenario.adoption, area=scenario.area
        )
    except ImpactInputError as error:
        return Status(400, {"detail": str(error)})
    return Status(200, result.as_dict(top=scenario.top))
