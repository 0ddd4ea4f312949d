"""Organisation endpoints of the API. Every call resolves access through `organisation_access` (404 otherwise)."""

from typing import Annotated

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Router, Schema, Status
from ninja.errors import HttpError

from teletravail.apps.core.api import (
    MANAGER_ERRORS,
    MEMBER_ERRORS,
    ErrorOut,
    InvalidInputOut,
    bounded_int,
    name_text,
    plain_text,
    service_refusal,
)
from teletravail.apps.core.bounds import HEADCOUNT, ID, ORGANISATION_NAME_MAX_LENGTH, TEAM_NAME_MAX_LENGTH
from teletravail.apps.organisations import services
from teletravail.apps.organisations.models import Sector, Site
from teletravail.apps.organisations.selectors import (
    organisation_access,
    organisation_sites,
    organisation_teams,
    organisations_of,
    visible_memberships,
)
from teletravail.apps.organisations.validators import normalise_naf_code


router = Router()

OrganisationId = Annotated[int, Path(ge=ID.minimum, le=ID.maximum, description="Identifiant de l'organisation")]


class OrganisationOut(Schema):
    id: int
    name: str
    siret: str
    sector: str
    headcount: int
    naf_code: str
    my_role: str | None = None
    via_consultant_access: bool = False


class SiteOut(Schema):
    id: int
    name: str
    commune_code: str
    commune_name: str
    desks: int | None = Field(description="Postes de travail habituels (null : non renseigné)")
    desks_by_day: dict[str, int] = Field(
        description="Jours où le nombre de postes diffère du nombre habituel : code du jour (lun … dim) → postes"
    )


class TeamOut(Schema):
    id: int
    name: str
    site_id: int | None
    member_count: int


class MemberOut(Schema):
    id: int
    email: str
    full_name: str
    role: str
    team_id: int | None
    managed_team_ids: list[int]
    home_commune_code: str | None


# Fields left out are unchanged; none may be null (an empty naf_code clears the NAF code).
class OrganisationPatch(Schema):
    name: name_text(ORGANISATION_NAME_MAX_LENGTH, description="Raison sociale") = None
    siret: plain_text(
        30, pattern=r"^( *[0-9]){14} *$", description="SIRET à 14 chiffres (espaces acceptés), clé vérifiée"
    ) = None
    sector: Sector = Field(None, description="prive ou public")
    headcount: bounded_int(HEADCOUNT, description="Effectif") = None
    naf_code: plain_text(
        7, pattern=r"^([0-9]{2}\.?[0-9]{2}[A-Za-z])?$", description="Code NAF, par exemple 62.01Z ; vide : aucun"
    ) = None


class TeamIn(Schema):
    name: name_text(TEAM_NAME_MAX_LENGTH, description="Nom de l'équipe (unique dans l'organisation, sans la casse)")
    site_id: bounded_int(ID, description="Site de l'équipe (de la même organisation)") | None = None


def _managing_access(request, organisation_id, permission):
    """Access for a write: 404 outside the organisation, 403 inside it without the permission."""
    access = organisation_access(request.user, organisation_id, allow_consultant=False)
    try:
        access.require(permission)
    except PermissionDenied as exc:
        raise HttpError(403, "Action réservée aux administrateurs employeur de l'organisation.") from exc
    return access


def _organisation_out(access):
    organisation = access.organisation
    return OrganisationOut(
        id=organisation.pk,
        name=organisation.name,
        siret=organisation.siret,
        sector=organisation.sector,
        headcount=organisation.headcount,
        naf_code=organisation.naf_code,
        my_role=access.role,
        via_consultant_access=access.via_consultant_access,
    )


@router.get("", response={200: list[OrganisationOut], 401: ErrorOut}, summary="Mes organisations")
def list_organisations(request):
    """Les organisations dont l'utilisateur est membre, puis celles qui lui ont ouvert un accès consultant."""
    member_of, consulted = organisations_of(request.user)
    return [
        _organisation_out(organisation_access(request.user, organisation.pk))
        for organisation in [*member_of, *consulted]
    ]


@router.get("/{organisation_id}", response={200: OrganisationOut, **MEMBER_ERRORS}, summary="Une organisation")
def get_organisation(request, organisation_id: OrganisationId):
    return _organisation_out(organisation_access(request.user, organisation_id))


@router.patch(
    "/{organisation_id}",
    response={200: OrganisationOut, **MANAGER_ERRORS, 409: InvalidInputOut},
    summary="Modifier une organisation (administrateur employeur)",
)
def patch_organisation(request, organisation_id: OrganisationId, payload: OrganisationPatch):
    access = _managing_access(request, organisation_id, "can_manage_organisation")
    values = payload.dict(exclude_unset=True)
    if "siret" in values:
        values["siret"] = values["siret"].replace(" ", "")
    if "naf_code" in values:
        values["naf_code"] = normalise_naf_code(values["naf_code"])
    try:
        services.update_organisation(organisation=access.organisation, actor=request.user, request=request, **values)
    except ValidationError as error:
        return service_refusal(error)
    return Status(200, _organisation_out(organisation_access(request.user, organisation_id)))


@router.get(
    "/{organisation_id}/sites", response={200: list[SiteOut], **MEMBER_ERRORS}, summary="Sites d'une organisation"
)
def list_sites(request, organisation_id: OrganisationId):
    access = organisation_access(request.user, organisation_id)
    return [
        SiteOut(
            id=s.pk,
            name=s.name,
            commune_code=s.commune_id,
            commune_name=s.commune.name,
            desks=s.desks,
            desks_by_day=s.desks_by_day,
        )
        for s in organisation_sites(access.organisation)
    ]


@router.get(
    "/{organisation_id}/teams", response={200: list[TeamOut], **MEMBER_ERRORS}, summary="Équipes d'une organisation"
)
def list_teams(request, organisation_id: OrganisationId):
    access = organisation_access(request.user, organisation_id)
    return [
        TeamOut(id=t.pk, name=t.name, site_id=t.site_id, member_count=t.member_count)
        for t in organisation_teams(access.organisation)
    ]


@router.post(
    "/{organisation_id}/teams",
    response={201: TeamOut, **MANAGER_ERRORS, 409: InvalidInputOut},
    summary="Créer une équipe (administrateur employeur)",
)
def create_team(request, organisation_id: OrganisationId, payload: TeamIn):
    access = _managing_access(request, organisation_id, "can_manage_organisation")
    # A site of another organisation is as unknown as a missing one.
    site = get_object_or_404(Site, pk=payload.site_id, organisation=access.organisation) if payload.site_id else None
    try:
        team = services.create_team(
            organisation=access.organisation, actor=request.user, name=payload.name, site=site, request=request
        )
    except ValidationError as error:
        return service_refusal(error)
    return Status(201, TeamOut(id=team.pk, name=team.name, site_id=team.site_id, member_count=0))


@router.get(
    "/{organisation_id}/members", response={200: list[MemberOut], **MANAGER_ERRORS}, summary="Membres visibles"
)
def list_members(request, organisation_id: OrganisationId):
    """Tous les membres pour un administrateur employeur, ceux des équipes encadrées pour un manager."""
    access = organisation_access(request.user, organisation_id, allow_consultant=False)
    if not access.can_see_member_list:
        raise HttpError(403, "Seuls les administrateurs employeur et les managers voient la liste des membres.")
    return [
        MemberOut(
            id=m.pk,
            email=m.user.email,
            full_name=m.user.full_name,
            role=m.role,
            team_id=m.team_id,
            managed_team_ids=sorted(team.pk for team in m.managed_teams.all()),
            home_commune_code=m.home_commune_id,
        )
        for m in visible_memberships(access)
    ]
