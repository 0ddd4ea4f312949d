"""A consultant is given access by e-mail: told at once when they have an account, invited to sign up when they have
none (signing up creates their consultant account and the access)."""

from datetime import timedelta
from html import unescape

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from teletravail.apps.accounts.models import PlatformRole, User
from teletravail.apps.audit.models import AuditAction, AuditEvent
from teletravail.apps.notifications.models import Notification
from teletravail.apps.organisations import services
from teletravail.apps.organisations.models import ConsultantAccess, ConsultantInvitation
from tests.apps.organisations.test_views import STRONG_PASSWORD
from tests.factories import UserFactory


pytestmark = pytest.mark.django_db

EMAIL = "claire.dumas@aract.example"


def test_a_consultant_with_an_account_is_told_of_the_access(world, run_jobs):
    consultant = UserFactory(platform_role=PlatformRole.CONSULTANT)
    services.grant_consultant_access(organisation=world.organisation, actor=world.admin.user, email=consultant.email)
    run_jobs()  # the e-mails are sent by jobs
    notification = Notification.objects.get(recipient=consultant)
    journey = reverse("home:journey", kwargs={"organisation_id": world.organisation.pk})
    assert notification.kind == "consultant_access" and notification.link == journey
    [message] = mail.outbox
    assert message.to == [consultant.email] and f"http://127.0.0.1:8000{journey}" in message.body
    assert message.alternatives[0][1] == "text/html"


def test_an_address_without_an_account_receives_an_invitation(world, client, run_jobs):
    client.force_login(world.admin.user)
    url = reverse("organisations:consultants", kwargs={"organisation_id": world.organisation.pk})
    response = client.post(url, {"email": EMAIL.upper()}, follow=True)
    run_jobs()  # the e-mails are sent by jobs
    content = unescape(response.content.decode())
    assert f"{EMAIL} n'a pas encore de compte : une invitation lui est envoyée" in content
    assert f"{EMAIL} — invitation valable jusqu'au" in " ".join(content.split())  # listed as pending
    invitation = ConsultantInvitation.objects.get()
    assert (invitation.email, invitation.invited_by) == (EMAIL, world.admin.user)
    assert not ConsultantAccess.objects.filter(consultant__email=EMAIL).exists()
    event = AuditEvent.objects.filter(action=AuditAction.CONSENT_GRANTED, organisation=world.organisation).last()
    assert event.details == {"consultant": EMAIL, "invitation": True}
    [message] = mail.outbox
    link = "http://testserver" + reverse(
        "organisations:consultant_invitation_accept", kwargs={"token": invitation.token}
    )
    assert message.to == [EMAIL] and link in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and f'href="{link}"' in html
    assert "Télétravail est la plateforme" in message.body and "Télétravail est la plateforme" in html

    response = client.post(url, {"email": EMAIL})
    assert "déjà une invitation de consultant·e en attente" in unescape(response.content.decode())


def test_signing_up_from_the_invitation_opens_the_access(world, client):
    invitation = services.grant_consultant_access(organisation=world.organisation, actor=world.admin.user, email=EMAIL)
    url = reverse("organisations:consultant_invitation_accept", kwargs={"token": invitation.token})
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"full_name": "Claire Dumas", "password1": STRONG_PASSWORD, "password2": STRONG_PASSWORD}
    )
    assert response.url == reverse("home:journey", kwargs={"organisation_id": world.organisation.pk})
    consultant = User.objects.get(email=EMAIL)
    assert consultant.has_platform_role(PlatformRole.CONSULTANT) and consultant.full_name == "Claire Dumas"
    access = ConsultantAccess.objects.get(consultant=consultant)
    assert access.is_active and access.granted_by == world.admin.user
    assert client.get(response.url).status_code == 200  # signed in, the journey opens
    assert client.get(url).status_code == 410  # used


def test_an_expired_invitation_is_refused_and_can_be_sent_again(world, client):
    invitation = services.grant_consultant_access(organisation=world.organisation, actor=world.admin.user, email=EMAIL)
    invitation.expires_at = timezone.now() - timedelta(minutes=1)
    invitation.save()
    url = reverse("organisations:consultant_invitation_accept", kwargs={"token": invitation.token})
    assert client.get(url).status_code == 410
    again = services.grant_consultant_access(organisation=world.organisation, actor=world.admin.user, email=EMAIL)
    assert list(ConsultantInvitation.objects.all()) == [again]
    assert (
        client.get(reverse("organisations:consultant_invitation_accept", kwargs={"token": "nope"})).status_code == 404
    )
