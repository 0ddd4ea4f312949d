"""The one organisation the tests play with, shaped like the demo: sites, teams, every role, an invitation, a
consultant, a closure; and, when asked, one object of every module (a plan, a decided diagnostic, a charter), so
that a test that walks every page finds something behind each identifier.

`build_world("A")` and `build_world("B")` give two organisations that share nothing but the communes.
"""

import inspect
from dataclasses import dataclass
from datetime import date, timedelta

from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from teletravail.apps.accounts.models import PlatformRole, User
from teletravail.apps.audit.models import AuditEvent
from teletravail.apps.charters import selectors as charter_selectors
from teletravail.apps.charters import services as charters
from teletravail.apps.charters.models import CharterDocument, CharterVersion
from teletravail.apps.diagnostic.models import (
    Action,
    Answer,
    Campaign,
    CampaignJob,
    Decision,
    JobActivity,
    Participant,
)
from teletravail.apps.diagnostic.services import create_demo_campaign
from teletravail.apps.jobs.models import Job
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
from teletravail.apps.planner.models import Assignment, MemberPlanningProfile, ModeSwitch, TeamPlan
from teletravail.apps.planner.services import submit_solve
from tests.apps.planner.factories import plan_settings
from tests.factories import MembershipFactory, OrganisationFactory, TeamFactory, UserFactory, make_commune


NAMES = ("Alice Martin", "Bruno Petit", "Chloé Durand", "David Roux")


@dataclass
class World:
    organisation: Organisation
    site: Site  # « Siège », where `team` works
    other_site: Site  # « Agence »
    team: Team  # « Compta », managed by `manager`; its members are `members`
    other_team: Team  # « Comptabilité », no site, not managed by `manager`
    admin: Membership
    manager: Membership
    members: list  # the team's members, named after NAMES; the first one has a home commune
    outsider_employee: Membership  # in other_team
    invitation: Invitation
    consultant: User
    consultant_access: ConsultantAccess
    closure: Closure
    # One object of each module, when built with modules=True.
    plan: TeamPlan | None = None
    campaign: Campaign | None = None
    job: CampaignJob | None = None
    activity: JobActivity | None = None
    participant: Participant | None = None
    action: Action | None = None
    document: CharterDocument | None = None

    @property
    def employee(self):
        return self.members[0]


def communes():
    return {
        "42218": make_commune("42218", "Saint-Étienne", "saint etienne"),
        "69383": make_commune("69383", "Lyon 3e Arrondissement", "lyon 3e arrondissement", kind="ARM"),
    }


def build_world(label="A", *, sector="prive", size=3, desks=10, modules=False):
    """An organisation « Organisation {label} » of 42 people (a CSE is presumed); `size` members in the team."""
    places = communes()
    organisation = OrganisationFactory(name=f"Organisation {label}", sector=sector)
    site = Site.objects.create(organisation=organisation, name="Siège", commune=places["42218"], desks=desks)
    other_site = Site.objects.create(organisation=organisation, name="Agence", commune=places["69383"], desks=5)
    team = TeamFactory(organisation=organisation, site=site, name="Compta")
    other_team = TeamFactory(organisation=organisation, name="Comptabilité", site=None)
    admin = MembershipFactory(organisation=organisation, role=Role.EMPLOYER_ADMIN, user__full_name="Adèle Admin")
    manager = MembershipFactory(organisation=organisation, role=Role.MANAGER, user__full_name="Marc Manager")
    manager.managed_teams.set([team])
    members = [
        MembershipFactory(organisation=organisation, role=Role.EMPLOYEE, team=team, user__full_name=name)
        for name in NAMES[:size]
    ]
    if members:
        members[0].home_commune = places["42218"]
        members[0].save(update_fields=["home_commune"])
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
    # A bridge far enough ahead that no plan of a test reaches it.
    bridge = date.today() + timedelta(days=730)
    closure = Closure.objects.create(organisation=organisation, label="Pont", first_day=bridge, last_day=bridge)
    world = World(
        organisation=organisation,
        site=site,
        other_site=other_site,
        team=team,
        other_team=other_team,
        admin=admin,
        manager=manager,
        members=members,
        outsider_employee=outsider_employee,
        invitation=invitation,
        consultant=consultant,
        consultant_access=consultant_access,
        closure=closure,
    )
    if modules:
        add_modules(world)
    return world


def add_modules(world):
    """One object of every module: a draft plan (not solved: its identifier is what matters) and its solve queued,
    the demo's decided diagnostic (a job, its activities, the employees invited, an action) and a charter with a
    first version."""
    world.plan = TeamPlan.objects.create(team=world.team, created_by=world.manager.user, **plan_settings())
    world.calculation, _queued = submit_solve(team=world.team, actor=world.manager.user, plan=world.plan)
    world.campaign = create_demo_campaign(world.organisation)
    world.job = world.campaign.jobs.first()
    world.activity = world.job.activities.first()
    world.participant = world.campaign.participants.first()
    world.action = Action.objects.filter(campaign=world.campaign).first()
    world.document = charters.create_document(
        organisation=world.organisation,
        sector=world.organisation.sector,
        document_type="charte",
        actor=world.admin.user,
    )
    options = charter_selectors.plain(world.document.draft)
    if world.organisation.sector == "prive":
        options["organisation"]["has_cse"] = True  # 42 people: the admin answers that there is a CSE
    charters.save_version(document=world.document, options=options, actor=world.admin.user, force=True)
    return world


def snapshot(organisation):
    """Everything a request could change in the organisation, as comparable values."""
    organisation = Organisation.objects.get(pk=organisation.pk)

    def rows(model, **lookup):
        return list(model.objects.filter(**lookup).order_by("pk").values())

    return {
        "organisation": (
            organisation.name,
            organisation.siret,
            organisation.sector,
            organisation.headcount,
            organisation.naf_code,
        ),
        "sites": rows(Site, organisation=organisation),
        "teams": rows(Team, organisation=organisation),
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
        "invitations": rows(Invitation, organisation=organisation),
        "consultant_accesses": rows(ConsultantAccess, organisation=organisation),
        "closures": rows(Closure, organisation=organisation),
        "planning_profiles": rows(MemberPlanningProfile, membership__organisation=organisation),
        "plans": rows(TeamPlan, team__organisation=organisation),
        "assignments": rows(Assignment, plan__team__organisation=organisation),
        "mode_switches": rows(ModeSwitch, organisation=organisation),
        "calculations": rows(Job, payload__team__in=list(organisation.teams.values_list("pk", flat=True))),
        "campaigns": rows(Campaign, organisation=organisation),
        "jobs": rows(CampaignJob, campaign__organisation=organisation),
        "activities": rows(JobActivity, job__campaign__organisation=organisation),
        "participants": rows(Participant, campaign__organisation=organisation),
        "answers": rows(Answer, participant__campaign__organisation=organisation),
        "decisions": rows(Decision, participant__campaign__organisation=organisation),
        "actions": rows(Action, campaign__organisation=organisation),
        "documents": rows(CharterDocument, organisation=organisation),
        "versions": rows(CharterVersion, document__organisation=organisation),
        "audit_events": AuditEvent.objects.filter(organisation=organisation).count(),
    }


# The walk over every organisation-scoped URL (tests/test_isolation.py and the role tests of each app).

# How each URL argument is filled from a world: an object of that world, or a value that names no object.
ARGUMENTS = {
    "site_id": lambda world: world.site.pk,
    "team_id": lambda world: world.team.pk,
    "membership_id": lambda world: world.employee.pk,
    "invitation_id": lambda world: world.invitation.pk,
    "access_id": lambda world: world.consultant_access.pk,
    "closure_id": lambda world: world.closure.pk,
    "plan_id": lambda world: world.plan.pk,
    "calculation_id": lambda world: world.calculation.pk,
    "campaign_id": lambda world: world.campaign.pk,
    "job_id": lambda world: world.job.pk,
    "activity_id": lambda world: world.activity.pk,
    "participant_id": lambda world: world.participant.pk,
    "action_id": lambda world: world.action.pk,
    "document_id": lambda world: world.document.pk,
    "number": lambda world: 1,  # a charter's first step, its first version
    "kind": lambda world: "demande",  # an annex of a private-sector charter
}
OBJECT_ARGUMENTS = set(ARGUMENTS) - {"number", "kind"}


def _walk(patterns, namespace=None, converters=None):
    for pattern in patterns:
        found = {**(converters or {}), **pattern.pattern.converters}
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, inner, found)
        else:
            yield namespace, pattern, found


def organisation_urls(app=None):
    """(view name, URL arguments, HTTP methods) of every URL with an organisation argument (of the app named)."""
    urls = []
    for namespace, pattern, converters in _walk(get_resolver().url_patterns):
        if "organisation_id" not in converters or app not in (None, namespace):
            continue
        # The API's views are closures over a path view that knows its operations and their methods.
        path_view = inspect.getclosurevars(pattern.callback).nonlocals.get("self")
        operations = getattr(path_view, "operations", None)
        methods = sorted({m for operation in operations for m in operation.methods}) if operations else ["GET", "POST"]
        urls.append((f"{namespace}:{pattern.name}", sorted(converters), methods))
    return urls


def url_for(name, arguments, organisation, objects_from):
    """The URL in `organisation` with the other arguments taken from the world `objects_from`."""
    kwargs = {"organisation_id": organisation.pk}
    kwargs.update(
        {argument: ARGUMENTS[argument](objects_from) for argument in arguments if argument != "organisation_id"}
    )
    return reverse(name, kwargs=kwargs)
