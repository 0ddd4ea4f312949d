"""Reminders sent once, on a frozen clock: an invitation left unanswered, a diagnostic assessment not filled in.
Each gets one e-mail through the e-mail job after its parameter's days, never a second one for the same period,
whether the daily run comes again or two runs overlap."""

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone
from typer.testing import CliRunner

from teletravail.apps.core.reminders import reminder_days, send_reminders
from teletravail.apps.diagnostic.models import CampaignStatus, Participant
from teletravail.apps.diagnostic.notices import participant_url
from teletravail.apps.notifications.models import Notification
from teletravail.apps.organisations import reminders as invitation_reminders
from teletravail.apps.organisations import services as organisation_services
from teletravail.apps.organisations.models import Invitation
from teletravail.parameters import load_parameters
from tests.apps.diagnostic.factories import diagnostic_world
from tests.factories import MembershipFactory


pytestmark = pytest.mark.django_db


class Clock:
    """timezone.now() answers this clock's time until the test moves it."""

    def __init__(self, monkeypatch, start):
        self.now = start
        monkeypatch.setattr(timezone, "now", lambda: self.now)

    def advance(self, **delta):
        self.now += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    from datetime import UTC

    return Clock(monkeypatch, datetime(2026, 3, 2, 9, 0, tzinfo=UTC))


DIAGNOSTIC = "Rappels d'évaluations de diagnostic non remplies"


def sent_counts():
    return {line.label: line.sent for line in send_reminders()}


def reminder_emails():
    return [message for message in mail.outbox if message.subject.startswith("Rappel")]


def test_an_unanswered_invitation_is_reminded_once_after_its_days_and_once_more_after_it_is_resent(clock, run_jobs):
    days = reminder_days("invitation_days_without_answer")
    admin = MembershipFactory(role="employer_admin")
    invitation = organisation_services.invite_member(
        organisation=admin.organisation, actor=admin.user, email="zoe@example.org", full_name="Zoé"
    )
    run_jobs()
    mail.outbox.clear()

    clock.advance(days=days, seconds=-60)
    assert send_reminders()[0].sent == 0  # not yet
    clock.advance(seconds=120)
    sent = sent_counts()
    assert sent == {
        "Rappels d'invitations sans réponse": 1,
        "Rappels d'évaluations de diagnostic non remplies": 0,
        "Lieux à réévaluer selon la charte qualité en vigueur": 0,
    }
    run_jobs()
    [message] = reminder_emails()
    assert message.to == ["zoe@example.org"]
    assert "Rappel :" in message.subject and admin.organisation.name in message.subject
    assert "Vous n'avez pas encore répondu à cette invitation" in message.body
    assert organisation_services.invitation_accept_url(invitation) in message.body

    for _again in range(2):  # the next days' runs: nothing more for this period
        clock.advance(days=1)
        assert sum(sent_counts().values()) == 0
    run_jobs()
    assert len(reminder_emails()) == 1

    organisation_services.resend_invitation(invitation=invitation, actor=admin.user)  # a new period
    clock.advance(days=days, seconds=60)
    assert sent_counts()["Rappels d'invitations sans réponse"] == 1
    run_jobs()
    assert len(reminder_emails()) == 2


def test_no_reminder_for_an_accepted_or_expired_invitation_nor_in_the_demo(clock):
    admin = MembershipFactory(role="employer_admin")
    demo_admin = MembershipFactory(role="employer_admin", organisation__is_demo=True)
    accepted, expired, demo = (
        organisation_services.invite_member(organisation=member.organisation, actor=member.user, email=email)
        for member, email in ((admin, "a@example.org"), (admin, "b@example.org"), (demo_admin, "c@example.org"))
    )
    Invitation.objects.filter(pk=accepted.pk).update(accepted_at=clock.now)
    clock.advance(days=30)  # past the 14 days of validity: expired, too late to remind
    Invitation.objects.filter(pk=demo.pk).update(expires_at=clock.now + timedelta(days=1))
    assert sum(sent_counts().values()) == 0
    assert not Invitation.objects.exclude(reminded_at=None).exists()
    assert expired.pk  # (kept: expired invitations go with retention, not here)


def test_two_runs_at_once_send_one_reminder(clock, run_jobs, monkeypatch):
    """The second run read the invitation as due before the first marked it: its claim finds it taken."""
    admin = MembershipFactory(role="employer_admin")
    organisation_services.invite_member(organisation=admin.organisation, actor=admin.user, email="d@example.org")
    run_jobs()
    mail.outbox.clear()
    clock.advance(days=reminder_days("invitation_days_without_answer") + 1)
    cutoff = clock.now - timedelta(days=reminder_days("invitation_days_without_answer"))
    due = list(
        Invitation.objects.filter(reminded_at__isnull=True).select_related("organisation", "invited_by")
    )  # as read by the other run

    assert invitation_reminders.send_invitation_reminders(cutoff, clock.now) == 1
    monkeypatch.setattr(Invitation.objects, "filter", _first_call_returns(Invitation.objects.filter, due))
    assert invitation_reminders.send_invitation_reminders(cutoff, clock.now) == 0
    run_jobs()
    assert len(reminder_emails()) == 1


def _first_call_returns(filter_, rows):
    """Invitation.objects.filter whose first call (the due list) gives `rows`; the later ones (the claim) are
    real."""
    calls = []

    def patched(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            return _Rows(rows)
        return filter_(*args, **kwargs)

    return patched


class _Rows(list):
    def select_related(self, *_fields):
        return self


def test_a_participant_who_has_not_answered_is_reminded_once_and_one_who_answered_is_not(clock, run_jobs):
    world = diagnostic_world()
    campaign = world.campaign
    assert campaign.status == CampaignStatus.OPEN
    waiting, answered = campaign.participants.order_by("membership__user__full_name")
    Participant.objects.filter(campaign=campaign).update(invited_at=clock.now)
    Participant.objects.filter(pk=answered.pk).update(submitted_at=clock.now + timedelta(days=1))
    run_jobs()
    mail.outbox.clear()

    clock.advance(days=reminder_days("diagnostic_days_without_answer") - 1)
    assert sent_counts()[DIAGNOSTIC] == 0
    clock.advance(days=1, seconds=1)
    assert sent_counts()[DIAGNOSTIC] == 1
    clock.advance(days=1)
    assert sent_counts()[DIAGNOSTIC] == 0
    run_jobs()

    [message] = [message for message in reminder_emails() if message.to != [world.world.invitation.email]]
    assert message.to == [waiting.membership.user.email]
    assert campaign.title in message.subject
    [notice] = Notification.objects.filter(recipient=waiting.membership.user, title__startswith="Rappel")
    assert notice.link == participant_url(waiting, "diagnostic:assess")
    assert not Notification.objects.filter(recipient=answered.membership.user, title__startswith="Rappel").exists()


def test_no_reminder_once_the_campaign_is_closed(clock):
    world = diagnostic_world()
    Participant.objects.filter(campaign=world.campaign).update(invited_at=clock.now)
    world.campaign.__class__.objects.filter(pk=world.campaign.pk).update(status=CampaignStatus.CLOSED)
    clock.advance(days=reminder_days("diagnostic_days_without_answer") + 1)
    assert sent_counts()[DIAGNOSTIC] == 0


def test_the_reminder_delays_are_dated_sourced_parameters():
    parameters = load_parameters("reminders")
    assert set(parameters) == {
        "invitation_days_without_answer",
        "diagnostic_days_without_answer",
        "places_charter_days_in_force",
    }
    assert all(parameter.at().central >= 1 for parameter in parameters.values())


def test_the_command_sends_the_due_reminders_and_says_how_many(clock, run_jobs):
    from teletravail.cli import app

    admin = MembershipFactory(role="employer_admin")
    organisation_services.invite_member(organisation=admin.organisation, actor=admin.user, email="e@example.org")
    clock.advance(days=reminder_days("invitation_days_without_answer") + 1)
    result = CliRunner().invoke(app, ["reminders", "send"])
    assert result.exit_code == 0, result.output
    assert "Rappels d'invitations sans réponse : 1 (sans réponse depuis 7 jours)" in result.output
    again = CliRunner().invoke(app, ["reminders", "send"])
    assert "Rappels d'invitations sans réponse : 0" in again.output
