"""E-mails sent by a job, not in the request: an invitation's, a notification's; a mail server failure is tried
again once, then shown to the admins who sent the invitation, in French."""

import smtplib
from html import unescape

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse

from teletravail.apps.jobs.models import FailureCode, Job, JobStatus
from teletravail.apps.notifications.mail import MAIL_JOB
from teletravail.apps.organisations import services
from tests.world import build_world


pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def failing_mail_server(monkeypatch):
    """failing_mail_server(times): the mail server drops the connection for the first `times` e-mails."""
    send_messages = EmailBackend.send_messages
    failures = []

    def flaky(backend, messages):
        if len(failures) < flaky.times:
            failures.append(messages)
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return send_messages(backend, messages)

    def set_up(times):
        flaky.times = times
        monkeypatch.setattr(EmailBackend, "send_messages", flaky)
        return failures

    return set_up


def invite(world, client):
    client.force_login(world.admin.user)
    return client.post(
        reverse("organisations:member_invite", args=[world.organisation.pk]),
        {"email": "zoe@exemple.fr", "full_name": "Zoé Zola", "role": "employee"},
    )


def members_page(world, client):
    return unescape(client.get(reverse("organisations:members", args=[world.organisation.pk])).content.decode())


def test_an_invitation_is_sent_by_a_job_not_while_the_request_waits(
    world, client, run_jobs, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert invite(world, client).status_code == 302
    assert mail.outbox == []
    job = Job.objects.get(kind=MAIL_JOB)
    assert job.payload["to"] == ["zoe@exemple.fr"] and job.requested_by == world.admin.user
    assert "E-mail en cours d'envoi." in members_page(world, client)
    run_jobs()
    [message] = mail.outbox
    invitation = world.organisation.invitations.get(email="zoe@exemple.fr")
    assert message.to == ["zoe@exemple.fr"] and invitation.token in message.body
    assert Job.objects.get(kind=MAIL_JOB).status == JobStatus.SUCCEEDED
    assert "Envoyé" in members_page(world, client)


def test_a_mail_server_failure_is_tried_again_once(world, client, run_jobs, failing_mail_server):
    failures = failing_mail_server(1)
    invite(world, client)
    run_jobs()
    job = Job.objects.get(kind=MAIL_JOB)
    assert (job.status, job.attempts, len(failures)) == (JobStatus.SUCCEEDED, 2, 1)
    assert [message.to for message in mail.outbox] == [["zoe@exemple.fr"]]


def test_an_email_the_mail_server_refuses_twice_fails_and_its_sender_reads_why_in_french(
    world, client, run_jobs, failing_mail_server
):
    failing_mail_server(2)
    invite(world, client)
    run_jobs()
    job = Job.objects.get(kind=MAIL_JOB)
    assert (job.status, job.attempts, job.failure_code) == (JobStatus.FAILED, 2, FailureCode.UNAVAILABLE)
    assert mail.outbox == []
    page = members_page(world, client)
    assert (
        "Envoi de l'e-mail échoué : Le serveur de messagerie n'a pas accepté l'e-mail à zoe@exemple.fr "
        "(SMTPServerDisconnected)" in page
    )
    # Resent once the server is back: a new job, and the invitation shows as sent.
    failing_mail_server(0)
    invitation = world.organisation.invitations.get(email="zoe@exemple.fr")
    client.post(reverse("organisations:invitation_resend", args=[world.organisation.pk, invitation.pk]))
    run_jobs()
    assert [message.to for message in mail.outbox] == [["zoe@exemple.fr"]]
    assert "échoué" not in members_page(world, client)


def test_an_invitation_resent_while_its_email_waits_is_sent_once(world, run_jobs):
    for _click in range(2):
        services.resend_invitation(invitation=world.invitation, actor=world.admin.user)
    assert Job.objects.filter(kind=MAIL_JOB).count() == 1
    run_jobs()
    assert len(mail.outbox) == 1
