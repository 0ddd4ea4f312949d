"""Organisation endpoints of the API. Every call resolves access through `organisation_access` (404 otherwise)."""

from ninja import Router, Schema
from ninja.errors import HttpError

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
    desks: int | None


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


@router.get("/{organisation_id}/sites", response=list[SiteOut], summary="Sites d'une organisation")
def list_sites(request, organisation_id: int):
    access = organisation_access(request.user, organisation_id)
    return [
        SiteOut(id=s.pk, name=s.name, commune_code=s.commune_id, commune_name=s.commune.name, desks=s.desks)
        for s in organisation_sites(access.organisation)
    ]


@router.get("/{organisation_id}/teams", response=list[TeamOut], summary="Équipes d'une organisation")
def list_teams(request, organisation_id: int):
    access = organisation_access(request.user, organisation_id)
    return [
        TeamOut(id=t.pk, name=t.name, site_id=t.site_id, member_count=t.member_count)
        for t in organisation_teams(access.organisation)
    ]


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
