"""The equality indicators of an organisation: what the diagnostic, the planner and (when it exists) the practices
questionnaire know of each member, by declared sex, through the pure engine `teletravail.equality`.

The planner has no record of telework requests and refusals yet: those two indicators are « non calculable » for
lack of data until it does. Working while ill comes from the practices questionnaire through
`register_worked_while_ill_source`: its answers are anonymous, so a source gives (sex, worked while ill) pairs, never
who answered.
"""

from collections.abc import Callable
from datetime import date

from django.core.exceptions import PermissionDenied

from teletravail.apps.diagnostic import selectors as diagnostic_selectors
from teletravail.apps.organisations.models import Membership
from teletravail.apps.organisations.selectors import organisation_access
from teletravail.apps.planner import selectors as planner_selectors
from teletravail.apps.planner.models import Place
from teletravail.equality import Person, Rules
from teletravail.equality import equality_indicators as compute_indicators
from teletravail.parameters import load_parameters


# (organisation, at) → [(sex, worked while ill)] of the anonymous answers of the practices questionnaire.
WorkedWhileIllSource = Callable[[object, date | None], list]
_WORKED_WHILE_ILL_SOURCES: list[WorkedWhileIllSource] = []


def register_worked_while_ill_source(source):
    """The practices app registers here the answers to its « worked while ill » item (decorator)."""
    _WORKED_WHILE_ILL_SOURCES.append(source)
    return source


def equality_access(user, organisation_id):
    """Admins, managers and the consultants the organisation gave access to see the indicators (aggregates only);
    employees do not (403), outsiders get 404."""
    access = organisation_access(user, organisation_id)
    if not can_see_equality(access):
        raise PermissionDenied
    return access


def can_see_equality(access):
    return access.is_employer_admin or access.is_manager or access.via_consultant_access


def rules(at=None):
    parameters = load_parameters("equality")
    return Rules(
        minimum_per_sex=int(parameters["validity.minimum_per_sex"].at(at).central),
        minimum_headcount=int(parameters["validity.minimum_headcount"].at(at).central),
    )


def national_figures(at=None):
    """{indicator: (women, men)} of the national figures the parameter file gives."""
    parameters = load_parameters("equality")
    figures = {}
    for indicator, name in (("granted", "telework_share"), ("worked_while_ill", "worked_while_ill")):
        figures[indicator] = tuple(parameters[f"national.{name}.{sex}"].at(at).central for sex in ("women", "men"))
    return figures


def _latest_published_plans(organisation):
    latest = {}
    for plan in planner_selectors.published_plans(organisation).order_by("published_at", "pk"):
        latest[plan.team_id] = plan
    return list(latest.values())


def _planner_facts(organisation):
    """Membership pk → (telework granted, telework days a week, cut off from the team) in the latest published plan
    of each team."""
    facts = {}
    for plan in _latest_published_plans(organisation):
        places = planner_selectors.stored_places(plan)
        if not places:
            continue
        isolated = {member.key for member, _weeks in planner_selectors.plan_cohesion(plan, places).isolated}
        remote = {}
        for (membership_pk, _week, _day), where in places.items():
            remote[membership_pk] = remote.get(membership_pk, 0) + (where == Place.REMOTE)
        for membership_pk, days in remote.items():
            facts[membership_pk] = (days > 0, days / plan.weeks, membership_pk in isolated)
    return facts


def people(organisation, at=None):
    """One `Person` per member (sex as declared), and one per answer to the « worked while ill » item."""
    memberships = list(Membership.objects.filter(organisation=organisation, user__is_active=True))
    eligible_days = diagnostic_selectors.eligible_telework_days_by_membership(memberships)
    planner = _planner_facts(organisation)
    result = []
    for membership in memberships:
        days = eligible_days.get(membership.pk)
        granted, days_granted, isolated = planner.get(membership.pk, (None, None, None))
        result.append(
            Person(
                membership.sex,
                eligible=None if days is None else days > 0,
                granted=granted,
                days_granted=days_granted if granted else None,
                isolated=isolated,
            )
        )
    for source in _WORKED_WHILE_ILL_SOURCES:
        result.extend(Person(sex, worked_while_ill=bool(answer)) for sex, answer in source(organisation, at))
    return result


def equality_indicators(organisation, at=None):
    """The indicators of the organisation (teletravail.equality.Indicator), with the rules and national figures in
    force at `at` (today by default); what pr-app's six-month review shows beside the other changes."""
    return compute_indicators(
        people(organisation, at), headcount=organisation.headcount, rules=rules(at), national=national_figures(at)
    )
