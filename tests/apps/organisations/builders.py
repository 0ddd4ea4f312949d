"""An organisation with one of everything, and a snapshot of its state to prove that nothing changed."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from teletravail.apps.accounts.models import PlatformRole, User
from teletravail.apps.audit.models import AuditEvent
from teletravail.apps.organisations.models import (
    Closure,
    ConsultantAccess,
    Invitation,
    Membership,
    Organisation,
    Role,
    Site,
    Team,
)
from tests.factories import MembershipFactory, OrganisationFactory, TeamFactory, UserFactory, make_commune


@dataclass
class World:
    organisation: Organisation
    site: Site
    other_site: Site
    team: Team
    other_team: Team
    admin: Membership
    manager: Membership
    employee: Membership
    outsider_employee: Membership  # In other_team: not managed by `manager`.
    invitation: Invitation
    consultant: User
    consultant_access: ConsultantAccess
    closure: Closure


def communes():
    return {
        "42218": make_commune("42218", "Saint-Étienne", "saint etienne"),
        "69383": make_commune("69383", "Lyon 3e Arrondissement", "lyon 3e arrondissement", kind="ARM"),
    }


def build_world(label):
    places = communes()
    organisation = OrganisationFactory(name=f"Organisation {label}")
    site = Site.objects.create(organisation=organisation, name="Siège", commune=places["69383"], desks=20)
    other_site = Site.objects.create(organisation=organisation, name="Agence", commune=places["42218"], desks=5)
    team = TeamFactory(organisation=organisation, name="Développement", site=site)
    other_team = TeamFactory(organisation=organisation, name="Comptabilité", site=None)
    admin = MembershipFactory(organisation=organisation, role=Role.EMPLOYER_ADMIN)
    manager = MembershipFactory(organisation=organisation, role=Role.MANAGER, team=team)
    manager.managed_teams.set([team])
    employee = MembershipFactory(
        organisation=organisation, role=Role.EMPLOYEE, team=team, home_commune=places["42218"]
    )
    outsider_employee = MembershipFactory(organisation=organisation, role=Role.EMPLOYEE, team=other_team)
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=f"invitee-{label.lower()}@exemple.fr",
        role=Role.EMPLOYEE,
        invited_by=admin.user,
        expires_at=timezone.now() + timedelta(days=14),
    )
    consultant = UserFactory(platform_role=PlatformRole.CONSULTANT)
    consultant_access = ConsultantAccess.objects.create(
        organisation=organisation, consultant=consultant, granted_by=admin.user
    )
    closure = Closure.objects.create(
        organisation=organisation, label="Pont", first_day=date(2027, 5, 7), last_day=date(2027, 5, 7)
    )
    return World(
        organisation=organisation,
        site=site,
        other_site=other_site,
        team=team,
        other_team=other_team,
        admin=admin,
        manager=manager,
        employee=employee,
        outsider_employee=outsider_employee,
        invitation=invitation,
        consultant=consultant,
        consultant_access=consultant_access,
        closure=closure,
    )


def snapshot(organisation):
    """Everything a request could change in the organisation, as comparable values."""
    organisation = Organisation.objects.get(pk=organisation.pk)
    return {
        "organisation": (
            organisation.name,
            organisation.siret,
            organisation.sector,
            organisation.headcount,
            organisation.naf_code,
        ),
        "sites": list(Site.objects.filter(organisation=organisation).order_by("pk").values()),
        "teams": list(Team.objects.filter(organisation=organisation).order_by("pk").values()),
        "memberships": [
            (
                m.pk,
                m.user_id,
                m.role,
                m.team_id,
                m.home_commune_id,
                sorted(m.managed_teams.values_list("pk", flat=True)),
            )
            for m in Membership.objects.filter(organisation=organisation).order_by("pk")
        ],
        "invitations": list(Invitation.objects.filter(organisation=organisation).order_by("pk").values()),
        "consultant_accesses": list(
            ConsultantAccess.objects.filter(organisation=organisation).order_by("pk").values()
        ),
        "closures": list(Closure.objects.filter(organisation=organisation).order_by("pk").values()),
        "audit_events": AuditEvent.objects.filter(organisation=organisation).count(),
    }
