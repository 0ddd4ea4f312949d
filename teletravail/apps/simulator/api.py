"""Simulation endpoints: public, stateless, the same engine as the web page and the command line."""

from typing import Literal

from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from teletravail.apps.simulator.services import (
    run_employer_simulation,
    run_person_simulation,
    run_territory_simulation,
)
from teletravail.impact.errors import ImpactInputError
from teletravail.impact.modes import INDIVIDUAL_MODES


router = Router()

ModeCode = Literal[INDIVIDUAL_MODES]  # type: ignore[valid-type]


class PersonSimulationIn(Schema):
    distance_km: float | None = Field(None, ge=0, description="Distance domicile-travail, aller simple, en km.")
    home: str | None = Field(None, description="Code INSEE de la commune de résidence (si pas de distance).")
    work: str | None = Field(None, description="Code INSEE de la commune de travail (si pas de distance).")
    mode: ModeCode = Field(..., description="Mode de transport habituel.")
    telework_days: float = Field(..., ge=0, le=5, description="Jours de télétravail par semaine.")
    office_days: float = Field(..., ge=0, le=5, description="Jours au bureau par semaine.")
    method: Literal["default", "impactco2"] = Field("default", description="Méthode de calcul.")
    overrides: dict[str, float] | None = Field(None, description="Paramètres remplacés pour ce calcul : nom → valeur.")


@router.post("/person", response={200: dict, 422: dict}, summary="Simuler les effets du télétravail pour une personne")
def simulate_person(request, payload: PersonSimulationIn):
    """Effets annuels (kilomètres, heures, CO2e brut et net, carburant, argent, accidents) et paramètres utilisés."""
    if payload.distance_km is None and not (payload.home and payload.work):
        return Status(422, {"detail": "Indiquez distance_km, ou home et work (codes INSEE)."})
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
        return Status(422, {"detail": str(error)})
    return Status(200, result.as_dict())


class EmployeeIn(Schema):
    distance_km: float | None = Field(None, ge=0, description="Distance domicile-travail, aller simple, en km.")
    home: str | None = Field(None, description="Code INSEE de la commune de résidence (si pas de distance).")
    work: str | None = Field(None, description="Code INSEE de la commune de travail (si pas de distance).")
    mode: ModeCode
    telework_days: float = Field(..., ge=0, le=5)
    office_days: float = Field(..., ge=0, le=5)
    gross_salary_eur_per_year: float | None = Field(None, ge=0, description="Salaire brut annuel (facultatif).")
    profession: str | None = Field(
        None, description="Profession : code PCS 2020 (ex. 46A1) ou intitulé du poste (facultatif)."
    )


class EmployerSimulationIn(Schema):
    employees: list[EmployeeIn] = Field(..., min_length=1, max_length=10000)
    desks: float | None = Field(None, ge=0, description="Postes de travail actuels.")
    desk_sharing_ratio: float | None = Field(None, ge=0, description="Postes par salarié après réorganisation.")
    allowance_eur_per_telework_day: float = Field(0.0, ge=0, description="Indemnité par jour de télétravail (€).")
    method: Literal["default", "impactco2"] = "default"
    overrides: dict[str, float] | None = None


@router.post(
    "/employer", response={200: dict, 422: dict}, summary="Simuler les effets du télétravail pour un employeur"
)
def simulate_employer(request, payload: EmployerSimulationIn):
    """Effets annuels pour le personnel et pour l'employeur (immobilier, absentéisme, départs, indemnités)."""
    try:
        result = run_employer_simulation(
            employees=[employee.dict() for employee in payload.employees],
            desks=payload.desks,
            desk_sharing_ratio=payload.desk_sharing_ratio,
            allowance_eur_per_telework_day=payload.allowance_eur_per_telework_day,
            method=payload.method,
            overrides=payload.overrides,
        )
    except ImpactInputError as error:
        return Status(422, {"detail": str(error)})
    return Status(200, result.as_dict())


class TerritoryScenarioIn(Schema):
    telework_days: float = Field(..., ge=0, le=5, description="Jours de télétravail par semaine.")
    adoption: float = Field(..., ge=0, le=1, description="Part des actifs télétravaillables qui télétravaillent.")
    area: str | None = Field(None, description="france, reg:84, dep:42, epci:SIREN ou communes:42218,69383.")
    top: int = Field(10, ge=1, le=100, description="Nombre de communes au classement.")


@router.post("/territory", response={200: dict, 422: dict}, summary="Simuler un scénario de télétravail sur des flux")
def simulate_territory(request, scenario: Form[TerritoryScenarioIn], flows: File[UploadedFile]):
    """Fichier INSEE (base flux, FD_MOBPRO) ou table standard, CSV ou Parquet ; 50 Mo au plus."""
    if flows.size > 50 * 1024 * 1024:
        return Status(
            422, {"detail": "Le fichier dépasse 50 Mo : utilisez la commande teletravail simulate territory."}
        )
    try:
        result = run_territory_simulation(
            flows, telework_days=scenario.telework_days, adoption=scenario.adoption, area=scenario.area
        )
    except ImpactInputError as error:
        return Status(422, {"detail": str(error)})
    return Status(200, result.as_dict(top=scenario.top))
