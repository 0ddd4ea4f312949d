"""Organisation endpoints of the API. Every call resolves access through `organisation_access` (404 otherwise)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from teletravail.apps.organisations import services
from teletravail.apps.organisations.models import Sector, Site
from teletravail.apps.organisations.selectors import (
    organisation_access,
    organisation_sites,
    organisation_teams,
    organisations_of,
    visible_memberships,
)


router = Router()


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


class OrganisationPatch(Schema):
    name: str | None = Field(None, max_length=200, description="Raison sociale")
    siret: str | None = Field(None, description="SIRET à 14 chiffres, clé de contrôle vérifiée")
    sector: Sector | None = Field(None, description="prive ou public")
    headcount: int | None = Field(None, ge=0, description="Effectif")
    naf_code: str | None = Field(None, description="Code NAF, par exemple 62.01Z")


class TeamIn(Schema):
    name: str = Field(..., min_length=1, max_length=150, description="Nom de l'équipe")
    site_id: int | None = Field(None, description="Site de l'équipe (de la même organisation)")


def _managing_access(request, organisation_id, permission):
    """Access for a write: 404 outside the organisation, 403 inside it without the permission."""
    access = organisation_access(request.user, organisation_id, allow_consultant=False)
    try:
        access.require(permission)
    except PermissionDenied as exc:
        raise HttpError(403, "Action réservée aux administrateurs employeur de l'organisation.") from exc
    return access


def _validation_detail(error):
    messages = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
    return {field: [str(m) for m in field_messages] for field, field_messages in messages.items()}


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


@router.get("", response=list[OrganisationOut], summary="Mes organisations")
def list_organisations(request):
    """Les organisations dont l'utilisateur est membre, puis celles qui lui ont ouvert un accès consultant."""
    member_of, consulted = organisations_of(request.user)
    return [
        _organisation_out(organisation_access(request.user, organisation.pk))
        for organisation in [*member_of, *consulted]
    ]


@router.get("/{organisation_id}", response=OrganisationOut, summary="Une organisation")
def get_organisation(request, organisation_id: int):
    return _organisation_out(organisation_access(request.user, organisation_id))


@router.patch(
    "/{organisation_id}",
    response={200: OrganisationOut, 422: dict},
    summary="Modifier une organisation (administrateur employeur)",
)
def patch_organisation(request, organisation_id: int, payload: OrganisationPatch):
    access = _managing_access(request, organisation_id, "can_manage_organisation")
    values = payload.dict(exclude_unset=True)
    if "siret" in values and values["siret"]:
        values["siret"] = values["siret"].replace(" ", "")
    try:
        services.update_organisation(organisation=access.organisation, actor=request.user, request=request, **values)
    except ValidationError as error:
        return Status(422, {"detail": "Données invalides.", "erreurs": _validation_detail(error)})
    return Status(200, _organisation_out(organisation_access(request.user, organisation_id)))


@router.get("/{organisation_id}/sites", response=list[SiteOut], summary="Sites d'une organisation")
def list_sites(request, organisation_id: int):
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


@router.get("/{organisation_id}/teams", response=list[TeamOut], summary="Équipes d'une organisation")
def list_teams(request, organisation_id: int):
    access = organisation_access(request.user, organisation_id)
    return [
        TeamOut(id=t.pk, name=t.name, site_id=t.site_id, member_count=t.member_count)
        for t in organisation_teams(access.organisation)
    ]


@router.post(
    "/{organisation_id}/teams",
    response={201: TeamOut, 422: dict},
    summary="Créer une équipe (administrateur employeur)",
)
def create_team(request, organisation_id: int, payload: TeamIn):
    access = _managing_access(request, organisation_id, "can_manage_organisation")
    # A site of another organisation is as unknown as a missing one.
    site = get_object_or_404(Site, pk=payload.site_id, organisation=access.organisation) if payload.site_id else None
    try:
        team = services.create_team(
            organisation=access.organisation, actor=request.user, name=payload.name, site=site, request=request
        )
    except ValidationError as error:
        return Status(422, {"detail": "Données invalides.", "erreurs": _validation_detail(error)})
    return Status(201, TeamOut(id=team.pk, name=team.name, site_id=team.site_id, member_count=0))


@router.get("/{organisation_id}/members", response=list[MemberOut], summary="Membres visibles")
def list_members(request, organisation_id: int):
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
