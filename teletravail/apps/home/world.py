"""The one builder of a demo-like organisation: the demo of `teletravail demo create` and the tests' world.

A world is described as data (`WorldContent`: the organisation, its sites, teams and people) and built by
`build_world`, which creates its organisation, sites, teams, people and memberships, and, asked for its modules,
what each module registered for the demo (`organisations.demo_objects`): a decided diagnostic, a plan, a charter.
`DEMO` is the content of « Atelier Démo »; the tests build the same shape under other names, several side by side.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from teletravail.apps.accounts.models import PlatformRole, User
from teletravail.apps.geo.models import Commune
from teletravail.apps.organisations.demo_objects import add_demo_objects
from teletravail.apps.organisations.models import (
    Closure,
    ConsultantAccess,
    Invitation,
    Membership,
    Organisation,
    Role,
    Sector,
    Site,
    Team,
)


@dataclass(frozen=True)
class SiteContent:
    name: str
    commune: str  # INSEE code
    desks: int
    desks_by_day: dict = field(default_factory=dict)  # the days with fewer desks


@dataclass(frozen=True)
class Person:
    key: str  # « admin », « manager », « consultant »… or a member's own key
    full_name: str
    email: str
    role: str | None = None  # role in the organisation, if a member
    platform_role: str = PlatformRole.NONE
    team: str | None = None
    home_commune: str | None = None


@dataclass(frozen=True)
class WorldContent:
    name: str
    siret: str
    sites: tuple  # SiteContent, the first one is `site`, the second `other_site`
    teams: tuple  # (name, site name or None); the first is `team`, the second `other_team`
    people: tuple  # Person; « admin », « manager » (who manages `team`) and « consultant » are required
    sector: str = Sector.PRIVATE
    headcount: int = 42
    naf_code: str = "62.01Z"
    is_demo: bool = False
    invitation_email: str | None = None
    closure_day: date | None = None  # a bridge day the organisation closes

    @property
    def communes(self):
        codes = {site.commune for site in self.sites} | {p.home_commune for p in self.people if p.home_commune}
        return tuple(sorted(codes))


@dataclass
class World:
    organisation: Organisation
    site: Site
    other_site: Site
    team: Team  # managed by `manager`; its employees are `members`
    other_team: Team  # not managed by `manager`
    admin: Membership
    manager: Membership
    members: list  # the employees of `team`, the first one has a home commune
    consultant: User
    consultant_access: ConsultantAccess
    users: dict  # every person's account, by key
    outsider_employee: Membership | None = None  # an employee of other_team
    invitation: Invitation | None = None
    closure: Closure | None = None
    # One object of each module (organisations.demo_objects), when built with its modules.
    plan: object = None
    calculation: object = None
    campaign: object = None
    job: object = None
    activity: object = None
    participant: object = None
    action: object = None
    document: object = None
    plan_action: object = None
    telework_request: object = None

    @property
    def employee(self):
        return self.members[0]


class CommunesMissing(Exception):
    """The communes of the world's sites are not loaded (`teletravail geo load`)."""


DEMO_DOMAIN = "demo.teletravail.localhost"


def _demo_person(key, full_name, **extra):
    return Person(key, full_name, f"{key}@{DEMO_DOMAIN}", **extra)


DEMO = WorldContent(
    name="Atelier Démo",
    siret="98765432100015",  # Passes the check digit; belongs to no real establishment.
    sector=Sector.PRIVATE,
    headcount=48,
    naf_code="62.01Z",
    is_demo=True,
    # Lyon 3e arrondissement, Saint-Étienne; the Siège's second floor is closed on Fridays.
    sites=(SiteContent("Siège", "69383", 30, {"ven": 18}), SiteContent("Agence", "42218", 12)),
    teams=(("Développement", "Siège"), ("Comptabilité", "Siège"), ("Relation clients", "Agence")),
    people=(
        _demo_person("admin", "Camille Arnaud", role=Role.EMPLOYER_ADMIN),
        _demo_person("manager", "Mathis Lefèvre", role=Role.MANAGER, team="Développement"),
        _demo_person("salarie", "Sarah Benali", role=Role.EMPLOYEE, team="Développement", home_commune="42218"),
        _demo_person("consultant", "Claire Dumas", platform_role=PlatformRole.CONSULTANT),
        _demo_person("lieu", "Lucas Perrin", platform_role=PlatformRole.PLACE_OPERATOR),
        _demo_person("analyste", "Aïcha Morel", platform_role=PlatformRole.PUBLIC_ANALYST),
        _demo_person("plateforme", "Paul Girard", platform_role=PlatformRole.PLATFORM_ADMIN),
    ),
)


def upsert_user(person, password):
    """The person's account, created or brought back to the content (a demo created again keeps its accounts)."""
    user, _created = User.objects.get_or_create(email=person.email)
    user.full_name = person.full_name
    user.platform_role = person.platform_role
    user.is_active = True
    user.is_staff = user.is_superuser = person.platform_role == PlatformRole.PLATFORM_ADMIN
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return user


@transaction.atomic
def build_world(content=DEMO, *, modules=True, password=None):
    """The organisation of `content`, its people (accounts with `password`, else none usable) and, with `modules`,
    each module's demo objects. CommunesMissing when a commune it needs is not loaded."""
    communes = Commune.objects.in_bulk(content.communes)
    if len(communes) != len(content.communes):
        raise CommunesMissing()
    organisation = Organisation.objects.create(
        name=content.name,
        siret=content.siret,
        sector=content.sector,
        headcount=content.headcount,
        naf_code=content.naf_code,
        is_demo=content.is_demo,
    )
    sites = {
        site.name: Site.objects.create(
            organisation=organisation,
            name=site.name,
            commune=communes[site.commune],
            desks=site.desks,
            desks_by_day=dict(site.desks_by_day),
        )
        for site in content.sites
    }
    teams = {
        name: Team.objects.create(organisation=organisation, name=name, site=sites.get(site))
        for name, site in content.teams
    }
    team, other_team = (teams[name] for name, _site in content.teams[:2])
    users = {person.key: upsert_user(person, password) for person in content.people}
    memberships = {
        person.key: Membership.objects.create(
            user=users[person.key],
            organisation=organisation,
            role=person.role,
            team=teams.get(person.team),
            home_commune=communes.get(person.home_commune),
        )
        for person in content.people
        if person.role
    }
    admin, manager = memberships["admin"], memberships["manager"]
    manager.managed_teams.set([team])
    employees = [m for m in memberships.values() if m.role == Role.EMPLOYEE]
    consultant = users["consultant"]
    world = World(
        organisation=organisation,
        site=sites[content.sites[0].name],
        other_site=sites[content.sites[1].name],
        team=team,
        other_team=other_team,
        admin=admin,
        manager=manager,
        members=[m for m in employees if m.team_id == team.pk],
        consultant=consultant,
        consultant_access=ConsultantAccess.objects.create(
            organisation=organisation, consultant=consultant, granted_by=admin.user
        ),
        users=users,
        outsider_employee=next((m for m in employees if m.team_id == other_team.pk), None),
    )
    if content.invitation_email:
        world.invitation = Invitation.objects.create(
            organisation=organisation,
            email=content.invitation_email,
            role=Role.EMPLOYEE,
            invited_by=admin.user,
            expires_at=timezone.now() + timedelta(days=14),
        )
    if content.closure_day:
        day = content.closure_day
        world.closure = Closure.objects.create(organisation=organisation, label="Pont", first_day=day, last_day=day)
    if modules:
        add_demo_objects(world)
    return world
