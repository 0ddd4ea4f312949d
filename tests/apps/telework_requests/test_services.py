"""Telework requests: who asks, who decides, what a decision changes (the planner's days bound, the person told,
the audit trail), and every refusal."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from teletravail.apps.audit.models import AuditAction, AuditEvent
from teletravail.apps.core.conflicts import Conflict
from teletravail.apps.core.personal_data import erase_account, personal_tables
from teletravail.apps.core.retention import apply_retention
from teletravail.apps.notifications.models import Notification
from teletravail.apps.planner.eligibility import eligible_telework_days
from teletravail.apps.planner.models import MemberPlanningProfile
from teletravail.apps.telework_requests import services
from teletravail.apps.telework_requests.models import Status, TeleworkRequest
from tests.world import build_world


pytestmark = pytest.mark.django_db


def ask(membership, days=2, message="Le mardi et le jeudi"):
    return services.submit_request(membership=membership, actor=membership.user, days=days, message=message)


def events(action):
    return list(AuditEvent.objects.filter(action=action))


def test_a_request_goes_to_the_team_s_manager_and_into_the_audit_trail(world):
    telework_request = ask(world.employee)

    assert telework_request.status == Status.OPEN and telework_request.days_requested == 2
    told = Notification.objects.get(kind="telework_request_submitted")
    assert told.recipient == world.manager.user
    assert "Alice Essai" in told.title
    [event] = events(AuditAction.TELEWORK_REQUEST_SUBMITTED)
    assert event.actor == world.employee.user and event.details["after"]["days_requested"] == 2


def test_without_a_manager_the_admins_are_told(world):
    ask(world.outsider_employee)  # « Bravo » has no manager
    assert [n.recipient for n in Notification.objects.filter(kind="telework_request_submitted")] == [world.admin.user]


def test_nobody_asks_for_someone_else(world):
    with pytest.raises(PermissionDenied):
        services.submit_request(membership=world.employee, actor=world.manager.user, days=2)
    assert not TeleworkRequest.objects.exists()


@pytest.mark.parametrize("days", [0, 6, None])
def test_the_days_asked_are_between_one_and_five(world, days):
    with pytest.raises(ValidationError) as error:
        ask(world.employee, days=days)
    assert error.value.message_dict == {"days": ["Indiquez un nombre de jours par semaine entre 1 et 5."]}


def test_one_open_request_at_a_time_then_another_after_withdrawing(world):
    first = ask(world.employee)
    with pytest.raises(Conflict, match="déjà une demande de télétravail en attente"):
        ask(world.employee, days=3)

    withdrawn = services.withdraw_request(telework_request=first, actor=world.employee.user)
    second = ask(world.employee, days=3)

    assert withdrawn.status == Status.WITHDRAWN and withdrawn.closed_at is not None
    assert list(TeleworkRequest.objects.filter(membership=world.employee)) == [second, first]  # history kept
    assert len(events(AuditAction.TELEWORK_REQUEST_WITHDRAWN)) == 1


def test_two_open_requests_written_at_once_are_stopped_by_the_database(world):
    """The check before the write can be passed by two submissions together; the constraint keeps one."""
    ask(world.employee)
    with pytest.raises(IntegrityError), transaction.atomic():
        TeleworkRequest.objects.create(organisation=world.organisation, membership=world.employee, days_requested=1)


def test_only_the_requester_withdraws(world):
    telework_request = ask(world.employee)
    with pytest.raises(PermissionDenied):
        services.withdraw_request(telework_request=telework_request, actor=world.manager.user)
    telework_request.refresh_from_db()
    assert telework_request.is_open


def test_granting_sets_the_days_the_planner_allows_and_tells_the_person(world):
    telework_request = ask(world.employee, days=3)
    decided = services.decide_request(
        telework_request=telework_request, actor=world.manager.user, grant=True, days_granted=2
    )

    assert decided.status == Status.GRANTED and decided.days_granted == 2 and decided.decided_by == world.manager.user
    profile = MemberPlanningProfile.objects.get(membership=world.employee)
    assert profile.telework_days_max == 2 and profile.can_telework
    assert eligible_telework_days(world.employee, profile) == 2
    told = Notification.objects.get(kind="telework_request_decided")
    assert told.recipient == world.employee.user and "accordée" in told.title
    [event] = events(AuditAction.TELEWORK_REQUEST_GRANTED)
    assert event.details["before"]["status"] == "en_attente" and event.details["after"]["days_granted"] == 2


def test_no_more_days_granted_than_asked(world):
    telework_request = ask(world.employee, days=2)
    with pytest.raises(ValidationError) as error:
        services.decide_request(telework_request=telework_request, actor=world.admin.user, grant=True, days_granted=3)
    assert "days_granted" in error.value.message_dict
    assert not MemberPlanningProfile.objects.filter(membership=world.employee, telework_days_max=3).exists()


def test_a_refusal_without_a_reason_is_refused_then_with_one_the_person_reads_it(world):
    telework_request = ask(world.employee)
    with pytest.raises(ValidationError) as error:
        services.decide_request(telework_request=telework_request, actor=world.manager.user, grant=False, reason=" ")
    assert error.value.message_dict == {
        "reason": ["Motivez le refus par écrit : le Code du travail le demande (art. L1222-9)."]
    }
    telework_request.refresh_from_db()
    assert telework_request.is_open

    reason = "L'équipe assure l'accueil du public tous les jours jusqu'en mars."
    decided = services.decide_request(
        telework_request=telework_request, actor=world.manager.user, grant=False, reason=reason
    )

    assert decided.status == Status.REFUSED and decided.reason == reason and decided.days_granted is None
    told = Notification.objects.get(kind="telework_request_decided")
    assert told.recipient == world.employee.user and told.body == f"Motif donné : {reason}"
    assert events(AuditAction.TELEWORK_REQUEST_REFUSED)[0].details["after"]["reason"] == reason
    assert not MemberPlanningProfile.objects.filter(membership=world.employee).exists()  # nothing else changes


def test_the_database_keeps_no_refusal_without_a_reason(world):
    telework_request = ask(world.employee)
    with pytest.raises(IntegrityError), transaction.atomic():
        TeleworkRequest.objects.filter(pk=telework_request.pk).update(status=Status.REFUSED, reason="")


@pytest.mark.parametrize("who", ["employee", "colleague", "outsider_employee", "other_team_manager", "stranger"])
def test_only_the_team_s_manager_or_an_admin_decides(world, who):
    from tests.factories import MembershipFactory

    telework_request = ask(world.employee)
    deciders = {
        "employee": world.employee,  # on their own request
        "colleague": world.members[1],
        "outsider_employee": world.outsider_employee,
        "other_team_manager": MembershipFactory(organisation=world.organisation, role="manager"),
        "stranger": build_world("B").admin,  # an admin of another organisation
    }
    actor = deciders[who].user
    for grant in (True, False):
        with pytest.raises(PermissionDenied):
            services.decide_request(
                telework_request=telework_request, actor=actor, grant=grant, days_granted=1, reason="Non."
            )
    telework_request.refresh_from_db()
    assert telework_request.is_open and not events(AuditAction.TELEWORK_REQUEST_REFUSED)


def test_an_admin_never_decides_on_their_own_request_but_another_admin_does(world):
    from tests.factories import MembershipFactory

    telework_request = ask(world.admin)
    with pytest.raises(PermissionDenied):
        services.decide_request(telework_request=telework_request, actor=world.admin.user, grant=True, days_granted=2)
    other_admin = MembershipFactory(organisation=world.organisation, role="employer_admin")
    decided = services.decide_request(
        telework_request=telework_request, actor=other_admin.user, grant=True, days_granted=2
    )
    assert decided.status == Status.GRANTED


def test_a_decision_is_taken_once(world):
    """Two managers with the same request open on their screens: the second finds it decided (the row is locked and
    read again), whatever they decide."""
    telework_request = ask(world.employee)
    seen_by_admin = TeleworkRequest.objects.get(pk=telework_request.pk)
    services.decide_request(telework_request=telework_request, actor=world.manager.user, grant=True, days_granted=2)

    with pytest.raises(Conflict, match="n'est plus en attente : elle a été accordée entre-temps"):
        services.decide_request(telework_request=seen_by_admin, actor=world.admin.user, grant=False, reason="Non.")
    with pytest.raises(Conflict):
        services.withdraw_request(telework_request=seen_by_admin, actor=world.employee.user)
    seen_by_admin.refresh_from_db()
    assert seen_by_admin.status == Status.GRANTED and seen_by_admin.reason == ""
    assert len(events(AuditAction.TELEWORK_REQUEST_GRANTED)) == 1 and not events(AuditAction.TELEWORK_REQUEST_REFUSED)
    assert Notification.objects.filter(kind="telework_request_decided").count() == 1


def test_the_person_s_archive_holds_their_requests_and_erasure_removes_them(world):
    telework_request = ask(world.employee)
    services.decide_request(telework_request=telework_request, actor=world.manager.user, grant=False, reason="Non.")
    ask(world.members[1])

    [table] = [table for table in personal_tables(world.employee.user) if table.name == "demandes_teletravail"]
    rows = [(row[2], row[4], row[6], row[7]) for row in table.rows]
    assert rows == [(2, "refusee", "Non.", world.manager.user.email)]

    erase_account(world.employee.user)
    assert list(TeleworkRequest.objects.values_list("membership", flat=True)) == [world.members[1].pk]


def test_decided_requests_go_after_the_retention_period_open_ones_stay(world):
    decided = ask(world.employee)
    services.decide_request(telework_request=decided, actor=world.manager.user, grant=False, reason="Non.")
    still_open = ask(world.members[1])
    now = timezone.now()

    apply_retention(now + timedelta(days=729))
    assert TeleworkRequest.objects.count() == 2
    apply_retention(now + timedelta(days=731))
    assert list(TeleworkRequest.objects.all()) == [still_open]
