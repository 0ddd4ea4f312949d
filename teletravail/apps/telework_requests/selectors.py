"""Reads of the telework requests: who decides, the requests a person sees, and what the equality indicators read
(who asked, who was granted or refused, over a period)."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Case, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from teletravail.apps.organisations.models import Membership, Role
from teletravail.apps.organisations.selectors import organisation_access
from teletravail.apps.telework_requests.models import DECIDED_STATUSES, Status, TeleworkRequest
from teletravail.charter.catalogue import load_catalogue


# The charter catalogue's clause on the reasoned refusal (C. trav. L1222-9 I and III; décret n° 2016-151, art. 5).
REASONED_REFUSAL_CLAUSE = "ELIG-05"


def requests_access(user, organisation_id):
    """The members of the organisation (404 for anyone else, consultants included: a request names a person)."""
    return organisation_access(user, organisation_id, allow_consultant=False)


def _decides_for(decider, membership):
    """An employer admin decides for anyone of the organisation, a manager for the members of the teams they manage;
    nobody for themselves."""
    if decider is None or decider.organisation_id != membership.organisation_id or decider.pk == membership.pk:
        return False
    if decider.role == Role.EMPLOYER_ADMIN:
        return True
    return (
        decider.role == Role.MANAGER
        and membership.team_id is not None
        and decider.managed_teams.filter(pk=membership.team_id).exists()
    )


def may_decide(user, telework_request):
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    decider = Membership.objects.filter(user=user, organisation_id=telework_request.organisation_id).first()
    return _decides_for(decider, telework_request.membership)


def can_decide_some(access):
    return access.is_employer_admin or access.is_manager


def deciders_of(membership):
    """Who is told of a new request: the managers of the member's team, or the admins when the team has none."""
    others = Membership.objects.filter(organisation_id=membership.organisation_id, user__is_active=True).exclude(
        pk=membership.pk
    )
    managers = list(others.filter(role=Role.MANAGER, managed_teams=membership.team_id)) if membership.team_id else []
    return managers or list(others.filter(role=Role.EMPLOYER_ADMIN))


def own_requests(membership):
    return TeleworkRequest.objects.filter(membership=membership).select_related("decided_by")


def open_request_of(membership):
    return TeleworkRequest.objects.filter(membership=membership, status=Status.OPEN).first()


def requests_for_decider(access):
    """The requests this admin (all of the organisation) or manager (their teams) decides on, open first, then by
    date; never their own."""
    requests = TeleworkRequest.objects.filter(organisation=access.organisation).select_related(
        "membership__user", "membership__team", "decided_by"
    )
    if not access.is_employer_admin:
        requests = requests.filter(membership__team__in=access.membership.managed_teams.all())
    open_first = Case(When(status=Status.OPEN, then=Value(0)), default=Value(1))
    return requests.exclude(membership=access.membership).order_by(open_first, "-created_at", "-id")


def request_to_decide(access, telework_request_id):
    """A request of the organisation (404 otherwise); whether this person decides on it is `may_decide`."""
    return get_object_or_404(
        TeleworkRequest.objects.select_related("membership__user", "membership__team", "decided_by"),
        pk=telework_request_id,
        organisation=access.organisation,
    )


def own_request(access, telework_request_id):
    return get_object_or_404(TeleworkRequest, pk=telework_request_id, membership=access.membership)


@dataclass(frozen=True)
class RequestFacts:
    """What a member's requests of the period say, for the equality indicators."""

    requested: bool
    granted: bool | None  # None: no decided request
    refused: bool | None
    days_granted: int | None = None  # with granted


def request_facts(organisation, months, now=None):
    """Membership pk → RequestFacts for the members with a request (not withdrawn) made in the last `months` months;
    the latest decided request of the period gives the outcome. Empty when the organisation has none (then nothing
    is known of anyone's requests)."""
    since = (now or timezone.now()) - timedelta(days=round(months * 365.25 / 12))
    requests = (
        TeleworkRequest.objects.filter(organisation=organisation, created_at__gte=since)
        .exclude(status=Status.WITHDRAWN)
        .order_by("created_at", "id")
    )
    facts = {}
    for found in requests:
        known = facts.get(found.membership_id, RequestFacts(True, None, None))
        if found.status in DECIDED_STATUSES:
            granted = found.status == Status.GRANTED
            known = RequestFacts(True, granted, not granted, found.days_granted)
        facts[found.membership_id] = known
    return facts


def refusal_legal_basis(organisation):
    """The text that asks the employer to give reasons for a refusal, for the organisation's sector, as the charter
    catalogue sources it (its clause « Refus motivé »)."""
    return load_catalogue().clause(REASONED_REFUSAL_CLAUSE).legal_basis_for(organisation.sector)
