"""Moderators are told what waits for them; an operator is told each decision on their place, in their language."""

import pytest
from django.core import mail
from django.urls import reverse

from teletravail.apps.accounts.models import PlatformRole
from teletravail.apps.notifications.models import Notification
from teletravail.apps.notifications.services import remember_language
from teletravail.apps.places.models import Decision, PlaceRevision
from tests.apps.places.test_moderation import FORM, decide, register
from tests.factories import UserFactory


pytestmark = pytest.mark.django_db


def test_every_moderator_is_told_of_a_registration_and_of_an_edit_and_nobody_else(
    client, operator, moderator, run_jobs
):
    admin = UserFactory(platform_role=PlatformRole.PLATFORM_ADMIN)
    UserFactory()  # neither a moderator nor the operator
    register(client, operator)
    revision = PlaceRevision.objects.get()
    link = reverse("places:moderate", kwargs={"revision_id": revision.pk})
    told = Notification.objects.filter(kind="place_to_moderate")
    assert sorted(told.values_list("recipient", flat=True)) == sorted([moderator.pk, admin.pk])
    assert {notification.link for notification in told} == {link}
    assert "Le Bureau Partagé" in told.first().title

    decide(client, moderator, revision, Decision.APPROVED)
    client.force_login(operator)
    edit = reverse("places:edit", kwargs={"place_id": revision.place_id})
    assert client.post(edit, {**FORM, "name": "Le Bureau"}).status_code == 302
    assert told.all().count() == 4
    run_jobs()
    assert sorted(message.to[0] for message in mail.outbox if "modérer" in message.subject) == sorted(
        [moderator.email, admin.email, moderator.email, admin.email]
    )


@pytest.mark.parametrize(
    ("decision", "reason", "title"),
    [
        (Decision.APPROVED, "", "« Le Bureau Partagé » : votre fiche est approuvée et publiée"),
        (
            Decision.CHANGES_REQUESTED,
            "Horaires du samedi ?",
            "« Le Bureau Partagé » : le modérateur vous demande des modifications",
        ),
        (
            Decision.REJECTED,
            "Ce n'est pas un lieu ouvert au public.",
            "« Le Bureau Partagé » : votre fiche est refusée",
        ),
    ],
)
def test_the_operator_is_told_each_decision_with_its_reason(client, operator, moderator, decision, reason, title):
    register(client, operator)
    decide(client, moderator, PlaceRevision.objects.get(), decision, reason)
    [notice] = Notification.objects.filter(kind="place_moderated")
    assert (notice.recipient, notice.title, notice.link) == (operator, title, reverse("places:mine"))
    assert (reason in notice.body) if reason else notice.body == ""


def test_the_operator_s_email_is_in_their_language_whoever_moderated(client, operator, moderator, run_jobs):
    remember_language(user=operator, language="en")
    register(client, operator)
    decide(client, moderator, PlaceRevision.objects.get(), Decision.REJECTED, "Pas un lieu de travail.")
    mail.outbox.clear()
    run_jobs()
    [email] = [message for message in mail.outbox if message.to == [operator.email]]
    assert "“Le Bureau Partagé”: your record is refused" in email.subject
    assert "Reason given by the moderator: Pas un lieu de travail." in email.body
