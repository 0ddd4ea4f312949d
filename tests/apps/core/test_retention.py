"""Retention periods applied at a given moment (time is passed in, frozen): what is older than its period goes,
what is younger stays, the dry run removes nothing and counts what the run removes, and the figures computed from
what stays do not move."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from typer.testing import CliRunner

from teletravail.apps.audit.models import AuditAction, AuditEvent
from teletravail.apps.core.cli import retention_app
from teletravail.apps.core.retention import apply_retention, retention_days, retention_report, retention_rules
from teletravail.apps.diagnostic.models import Answer, CampaignStatus, Decision
from teletravail.apps.diagnostic.selectors import campaign_results
from teletravail.apps.jobs.models import Job, JobStatus
from teletravail.apps.notifications.models import Notification
from teletravail.apps.organisations.models import ConsultantInvitation, Invitation
from teletravail.parameters import load_parameters
from tests.world import add_modules, build_world


pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)


def _ago(parameter, margin_days):
    """A moment `margin_days` beyond the period (positive: older than it, so to remove; negative: younger)."""
    return NOW - timedelta(days=retention_days(parameter) + margin_days)


@pytest.fixture
def world():
    world = add_modules(build_world("A"))
    organisation, user = world.organisation, world.employee.user
    world.old = {}
    world.young = {}

    def invitation(model, email, margin, **extra):
        expires = _ago("expired_invitation_days", margin)
        return model.objects.create(
            organisation=organisation,
            email=email,
            created_at=expires - timedelta(days=14),
            expires_at=expires,
            **extra,
        )

    world.old["invitation"] = invitation(Invitation, "ancienne@example.org", 1)
    world.young["invitation"] = invitation(Invitation, "recente@example.org", -1)
    world.young["accepted"] = invitation(
        Invitation, "acceptee@example.org", 400, accepted_at=_ago("audit_event_days", 1)
    )
    world.old["consultant_invitation"] = invitation(ConsultantInvitation, "conseil@example.org", 1)

    def event(margin):
        return AuditEvent.objects.create(
            action=AuditAction.LOGIN, actor=user, actor_email=user.email, created_at=_ago("audit_event_days", margin)
        )

    world.old["event"], world.young["event"] = event(1), event(-1)

    def notification(read_at):
        return Notification.objects.create(recipient=user, kind="x", title="Titre", link="/", read_at=read_at)

    world.old["notification"] = notification(_ago("read_notification_days", 1))
    world.young["notification"] = notification(_ago("read_notification_days", -1))
    world.young["unread"] = notification(None)
    Notification.objects.filter(pk=world.young["unread"].pk).update(created_at=_ago("read_notification_days", 400))

    def job(status, margin):
        finished = _ago("finished_job_days", margin)
        return Job.objects.create(kind="x", key=f"cle-{status}-{margin}", status=status, finished_at=finished)

    world.old["job"] = job(JobStatus.SUCCEEDED, 1)
    world.old["cancelled_job"] = job(JobStatus.CANCELLED, 1)
    world.young["job"] = job(JobStatus.FAILED, -1)
    world.young["running_job"] = Job.objects.create(kind="x", key="en-cours", status=JobStatus.RUNNING)

    campaign = world.campaign
    campaign.status, campaign.closed_at = CampaignStatus.CLOSED, _ago("closed_campaign_answers_days", 1)
    campaign.save()
    return world


def _exists(row):
    return type(row).objects.filter(pk=row.pk).exists()


def test_what_is_older_than_its_period_goes_and_what_is_younger_stays(world):
    answers = Answer.objects.filter(participant__campaign=world.campaign)
    decisions = list(Decision.objects.filter(participant__campaign=world.campaign).values())
    results = campaign_results(world.campaign)
    assert answers.exists() and decisions and results.jobs

    apply_retention(NOW)

    assert [name for name, row in world.old.items() if _exists(row)] == []
    assert [name for name, row in world.young.items() if not _exists(row)] == []
    assert not answers.exists()
    # The results come from the shared decisions, which stay: the figures that remain are those shown before.
    assert list(Decision.objects.filter(participant__campaign=world.campaign).values()) == decisions
    assert campaign_results(world.campaign) == results
    assert world.plan.__class__.objects.filter(pk=world.plan.pk).exists()


def test_the_answers_of_an_open_or_recently_closed_campaign_stay(world):
    campaign = world.campaign
    campaign.closed_at = _ago("closed_campaign_answers_days", -1)
    campaign.save()
    count = Answer.objects.filter(participant__campaign=campaign).count()
    apply_retention(NOW)
    assert Answer.objects.filter(participant__campaign=campaign).count() == count > 0


def test_the_dry_run_removes_nothing_and_counts_what_the_run_removes(world):
    total = sum(model.objects.count() for model in (Invitation, AuditEvent, Notification, Job, Answer, DBTaskResult))
    report = retention_report(NOW)
    assert (
        sum(model.objects.count() for model in (Invitation, AuditEvent, Notification, Job, Answer, DBTaskResult))
        == total
    )
    applied = apply_retention(NOW)
    assert [(line.label, line.count) for line in report] == [(line.label, line.count) for line in applied]
    counts = {line.label: line.count for line in applied}
    assert counts["Invitations de membres expirées sans réponse"] == 1
    assert counts["Événements du journal d'audit"] == 1
    assert len(report) == len(retention_rules())


def test_a_period_changed_in_its_parameter_file_moves_the_cut_off(world, monkeypatch):
    """The periods are read from the parameter file: a longer one keeps what the shorter one removed."""
    parameters = load_parameters("retention")
    longer = parameters["expired_invitation_days"]
    value = longer.values[-1]
    from dataclasses import replace

    patched = {
        **parameters,
        "expired_invitation_days": replace(longer, values=(replace(value, central=value.central + 2),)),
    }
    monkeypatch.setattr("teletravail.apps.core.retention.load_parameters", lambda group: patched)
    apply_retention(NOW)
    assert _exists(world.old["invitation"])


def test_the_command_reports_then_applies(world):
    runner = CliRunner()
    dry = runner.invoke(retention_app, ["apply", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "rien n'est supprimé" in dry.stdout and "Événements du journal d'audit : 1" in dry.stdout
    assert _exists(world.old["event"])
    done = runner.invoke(retention_app, ["apply"])
    assert done.exit_code == 0, done.output
    assert "Supprimés" in done.stdout and not _exists(world.old["event"])


def test_the_command_shows_each_period_from_the_parameter_file():
    shown = CliRunner().invoke(retention_app, ["show"])
    assert shown.exit_code == 0, shown.output
    days = int(retention_days("audit_event_days"))
    assert f"Événements du journal d'audit : {days} jours (retention.audit_event_days)" in shown.stdout
