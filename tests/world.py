"""The tests' world: the demo-like organisation of the product's one builder (`teletravail.apps.home.world`), built
under other names so that several live side by side: sites, teams, every role, an invitation, a consultant, a
closure; and, when asked, what every module adds to the demo (a plan, a decided diagnostic, a charter, a practices
campaign), so that a test that walks every page finds something behind each identifier.

`build_world("A")` and `build_world("B")` give two organisations that share nothing but the communes.
"""

import inspect
import itertools
from datetime import date, timedelta

from django.urls import URLResolver, get_resolver, reverse

from teletravail.apps.accounts.models import PlatformRole
from teletravail.apps.actionplan.models import Action as PlanAction
from teletravail.apps.audit.models import AuditEvent
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
from teletravail.apps.home import world as worlds
from teletravail.apps.home.world import Person, SiteContent, World, WorldContent
from teletravail.apps.jobs.models import Job
from teletravail.apps.organisations.demo_objects import add_demo_objects as add_modules
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
from teletravail.apps.practices import models as practices
from teletravail.apps.telework_requests.models import TeleworkRequest
from tests.conftest import TEST_PASSWORD
from tests.factories import make_commune, valid_siret


__all__ = ["World", "add_modules", "build_world", "communes"]

# Test names, not the demo's (« Siège », « Comptabilité »…): a test that finds a name finds the tests' world. A first
# name starting with a vowel (« d'Alice ») and one with an accent are kept on purpose.
NAMES = ("Alice Essai", "Bruno Essai", "Chloé Essai", "David Essai")
_numbers = itertools.count(1)


def communes():
    return {
        "42218": make_commune("42218", "Saint-Étienne", "saint etienne"),
        "69383": make_commune("69383", "Lyon 3e Arrondissement", "lyon 3e arrondissement", kind="ARM"),
    }


def content(label="A", *, sector="prive", size=3, desks=10):
    """« Organisation {label} » of 42 people (a CSE is presumed): site « Site Nord », where the team « Alpha » works,
    managed by « Marc Manager »; `size` members in it named after NAMES; « Bravo », no site, one employee."""
    number = next(_numbers)
    domain = f"{label.lower()}{number}.exemple.fr"

    def person(key, full_name, **extra):
        return Person(key, full_name, f"{key}@{domain}", **extra)

    members = [
        person(f"member{index}", name, role=Role.EMPLOYEE, team="Alpha", home_commune="42218" if index == 0 else None)
        for index, name in enumerate(NAMES[:size])
    ]
    return WorldContent(
        name=f"Organisation {label}",
        siret=valid_siret(900_000 + number),
        sector=sector,
        sites=(SiteContent("Site Nord", "42218", desks), SiteContent("Site Sud", "69383", 5)),
        teams=(("Alpha", "Site Nord"), ("Bravo", None)),
        people=(
            person("admin", "Adèle Admin", role=Role.EMPLOYER_ADMIN),
            person("manager", "Marc Manager", role=Role.MANAGER),
            *members,
            person("outsider", f"Personne {number}", role=Role.EMPLOYEE, team="Bravo"),
            person("consultant", f"Consultant·e {number}", platform_role=PlatformRole.CONSULTANT),
        ),
        invitation_email=f"invitee-{label.lower()}@exemple.fr",
        # A bridge far enough ahead that no plan of a test reaches it.
        closure_day=date.today() + timedelta(days=730),
    )


def build_world(label="A", *, sector="prive", size=3, desks=10, modules=False):
    """The world of `content(label, …)`, its people signing in with TEST_PASSWORD."""
    communes()
    return worlds.build_world(
        content(label, sector=sector, size=size, desks=desks), modules=modules, password=TEST_PASSWORD
    )


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
            organisation.place_days_allowed,
            organisation.place_days_per_week_max,
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
        "plan_actions": rows(PlanAction, organisation=organisation),
        "practice_families": rows(practices.CampaignFamily, organisation=organisation),
        "linkage_keys": rows(practices.LinkageKey, family__organisation=organisation),
        "practice_campaigns": rows(practices.Campaign, organisation=organisation),
        "practice_participations": rows(practices.Participation, campaign__organisation=organisation),
        "practice_responses": rows(practices.Response, campaign__organisation=organisation),
        "telework_requests": rows(TeleworkRequest, organisation=organisation),
        "audit_events": AuditEvent.objects.filter(organisation=organisation).count(),
    }


def finished_member_import(world):
    """A member import applied by a job (one that created nothing), for the walk over the import's page."""
    from teletravail.apps.jobs.models import Job, JobStatus
    from teletravail.apps.organisations.import_jobs import IMPORT_JOB

    return Job.objects.create(
        kind=IMPORT_JOB,
        key=f"{IMPORT_JOB}:{world.organisation.pk}",
        status=JobStatus.SUCCEEDED,
        payload={"organisation": world.organisation.pk, "rows": []},
        result={"invitations": [], "teams_created": []},
    )


def finished_staff_run(world):
    """A staff file simulated by a job for the world's admin (its files removed), for the walk over its pages."""
    from teletravail.apps.jobs.models import Job, JobStatus
    from teletravail.apps.simulator.forms import EmployerSimulationForm
    from teletravail.apps.simulator.services import STAFF_JOB

    # The form's own defaults, as a run keeps the hypotheses it was asked with.
    hypotheses = {
        name: "" if field.initial is None else str(field.initial)
        for name, field in EmployerSimulationForm.base_fields.items()
        if name != "staff_file"
    }
    return Job.objects.create(
        kind=STAFF_JOB,
        key=f"{STAFF_JOB}:{world.organisation.pk}:{world.admin.user.pk}",
        status=JobStatus.SUCCEEDED,
        requested_by=world.admin.user,
        payload={
            "organisation": world.organisation.pk,
            "token": "walk",
            "name": "personnel.csv",
            "rows": 0,
            "hypotheses": hypotheses,
        },
    )


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
    "import_id": lambda world: finished_member_import(world).pk,
    "run_id": lambda world: finished_staff_run(world).pk,
    "activity_id": lambda world: world.activity.pk,
    "participant_id": lambda world: world.participant.pk,
    "action_id": lambda world: world.action.pk,
    "plan_action_id": lambda world: world.plan_action.pk,
    "document_id": lambda world: world.document.pk,
    "practices_campaign_id": lambda world: world.practices_campaign.pk,
    "telework_request_id": lambda world: world.telework_request.pk,
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
