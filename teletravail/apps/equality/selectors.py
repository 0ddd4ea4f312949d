"""The equality indicators of an organisation: what the diagnostic, the planner and (when it exists) the practices
questionnaire know of each member, by declared sex, through the pure engine `teletravail.equality`.

Who asked for telework, and who was granted or refused it, comes from the telework requests of the period of the
parameter `requests.period_months`; a granted request counts as telework granted, as a telework day in a published
plan does. Working while ill comes from the practices questionnaire through
`register_worked_while_ill_source`: its answers are anonymous, so a source gives (sex, worked while ill) pairs, never
who answered, or says that its own anonymity rule keeps them back (that rule, stricter, then wins).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from teletravail.apps.diagnostic import selectors as diagnostic_selectors
from teletravail.apps.equality.tables import indicators_table
from teletravail.apps.organisations.models import Membership
from teletravail.apps.organisations.selectors import organisation_access
from teletravail.apps.planner import selectors as planner_selectors
from teletravail.apps.planner.models import Place
from teletravail.apps.telework_requests import selectors as request_selectors
from teletravail.equality import Person, Rules, Withheld, indicators_from_record, indicators_record
from teletravail.equality import equality_indicators as compute_indicators
from teletravail.parameters import load_parameters


@dataclass(frozen=True)
class WorkedWhileIll:
    """What a source gives: the (sex, worked while ill) pairs of the answers it may show, or why it keeps them back
    (its own anonymity rule, then no pairs)."""

    answers: list
    withheld: Withheld | None = None


# (organisation, at) → WorkedWhileIll, or None when the source has no answers at all.
WorkedWhileIllSource = Callable[[object, date | None], WorkedWhileIll | None]
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


def requests_period_months(at=None):
    return int(load_parameters("equality")["requests.period_months"].at(at).central)


def _request_facts(organisation, at):
    """Membership pk → the telework requests' facts over the period ending on `at` (now by default)."""
    now = None
    if at is not None:
        now = timezone.make_aware(datetime.combine(at + timedelta(days=1), time.min))
    return request_selectors.request_facts(organisation, requests_period_months(at), now=now)


def people(organisation, at=None, ill=None):
    """One `Person` per member (sex as declared), and one per answer to the « worked while ill » item (`ill`: those
    answers when already read).

    Requests: once the organisation has a request in the period, each member either asked or did not; the latest
    decision of the period says granted or refused. Without any request, nothing is known of anyone's."""
    memberships = list(Membership.objects.filter(organisation=organisation, user__is_active=True))
    eligible_days = diagnostic_selectors.eligible_telework_days_by_membership(memberships)
    planner = _planner_facts(organisation)
    requests = _request_facts(organisation, at)
    result = []
    for membership in memberships:
        days = eligible_days.get(membership.pk)
        granted, days_granted, isolated = planner.get(membership.pk, (None, None, None))
        asked = requests.get(membership.pk)
        if asked is not None and asked.granted and not granted:
            granted, days_granted = True, asked.days_granted
        elif asked is not None and asked.refused and granted is None:
            granted = False  # refused, and no published plan says otherwise
        result.append(
            Person(
                membership.sex,
                eligible=None if days is None else days > 0,
                requested=(asked is not None) if requests else None,
                granted=granted,
                refused=asked.refused if asked is not None else None,
                days_granted=days_granted if granted else None,
                isolated=isolated,
            )
        )
    for sex, answer in (ill or worked_while_ill(organisation, at)).answers:
        result.append(Person(sex, worked_while_ill=bool(answer)))
    return result


def worked_while_ill(organisation, at=None):
    """The answers of the registered sources together; withheld as soon as one source keeps its answers back."""
    answers, withheld = [], None
    for source in _WORKED_WHILE_ILL_SOURCES:
        found = source(organisation, at)
        if found is not None:
            answers.extend(found.answers)
            withheld = withheld or found.withheld
    return WorkedWhileIll([] if withheld else answers, withheld)


def equality_indicators(organisation, at=None):
    """The indicators of the organisation (teletravail.equality.Indicator), with the rules and national figures in
    force at `at` (today by default); what pr-app's six-month review shows beside the other changes."""
    ill = worked_while_ill(organisation, at)
    return compute_indicators(
        people(organisation, at, ill),
        headcount=organisation.headcount,
        rules=rules(at),
        national=national_figures(at),
        withheld={"worked_while_ill": ill.withheld} if ill.withheld else None,
    )


@dataclass(frozen=True)
class Reading:
    """The indicators of an organisation at one moment, with the rules that judged them (for the reasons' words)."""

    taken_on: date
    rules: Rules
    indicators: list


def current_reading(organisation, at=None):
    at = at or timezone.localdate()
    return Reading(at, rules(at), equality_indicators(organisation, at))


def reading_record(reading):
    """A reading as plain data (JSON) to keep: its date, rules and the indicators' figures by sex, aggregates only."""
    return {
        "taken_on": reading.taken_on.isoformat(),
        "rules": {
            "minimum_per_sex": reading.rules.minimum_per_sex,
            "minimum_headcount": reading.rules.minimum_headcount,
        },
        "indicators": indicators_record(reading.indicators),
    }


def reading_from_record(record):
    return Reading(
        date.fromisoformat(record["taken_on"]), Rules(**record["rules"]), indicators_from_record(record["indicators"])
    )


def equality_table_context(organisation, at=None):
    """What `equality/_table.html` draws: the rules, and the table, or nothing under the headcount floor (the
    include then explains why instead of showing a column of « non calculable »)."""
    found = rules(at)
    below = organisation.headcount < found.minimum_headcount
    return {
        "organisation": organisation,
        "rules": found,
        "below_headcount": below,
        "indicators_table": None if below else indicators_table(equality_indicators(organisation, at), found),
        "period_months": requests_period_months(at),
    }


def equality_section_context(access):
    """The equality table inside another module's page: only for those who see the equality page."""
    if not can_see_equality(access):
        return {"shown": False}
    return {"shown": True, **equality_table_context(access.organisation)}
