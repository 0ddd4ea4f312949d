"""The notification pages: the count in the header (read by screen readers), the list, marking read, the e-mail
preferences; and each person landing on their own tasks."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from teletravail.apps.diagnostic.notices import ASSESSMENT_AWAITED, DIAGNOSTIC_INVITED
from teletravail.apps.notifications import selectors, services
from teletravail.apps.notifications.models import Notification
from tests.apps.diagnostic.factories import diagnostic_world
from tests.factories import UserFactory


pytestmark = pytest.mark.django_db


def notify(user, title="Votre évaluation est attendue", link="/diagnostic/"):
    return services.notify(recipients=[user], kind=DIAGNOSTIC_INVITED.code, title=title, body="", link=link)[0]


def header_of(client):
    content = client.get(reverse("notifications:preferences")).content.decode()
    return re.search(r'<a [^>]*header-notifications".*?</a>', content, re.S).group(0)


def test_the_header_counts_unread_notifications_in_words_for_screen_readers(client):
    user = UserFactory()
    client.force_login(user)
    assert "(aucune non lue)" in header_of(client)
    notify(user)
    notify(user, "Autre")
    header = header_of(client)
    assert '<span class="fr-badge fr-badge--sm fr-badge--new fr-ml-1w" aria-hidden="true">2</span>' in header
    assert '<span class="fr-sr-only">(2 non lues)</span>' in header


def test_the_list_shows_only_ones_own_notifications_and_marks_them_read(client):
    user, other = UserFactory(), UserFactory()
    mine, theirs = notify(user, "La mienne"), notify(other, "La sienne")
    client.force_login(user)
    content = client.get(reverse("notifications:list")).content.decode()
    assert "La mienne" in content and "La sienne" not in content
    assert client.post(reverse("notifications:read", kwargs={"notification_id": theirs.pk})).status_code == 404
    assert client.get(reverse("notifications:read", kwargs={"notification_id": mine.pk})).status_code == 405
    client.post(reverse("notifications:read", kwargs={"notification_id": mine.pk}))
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.is_read and not theirs.is_read
    notify(user)
    notify(user)
    client.post(reverse("notifications:all_read"))
    assert selectors.unread_count(user) == 0 and selectors.unread_count(other) == 1


def test_opening_the_page_a_notification_is_about_reads_it(client):
    world = diagnostic_world(invite=1)
    alice = world.campaign.participants.get().membership.user
    notification = Notification.objects.get(recipient=alice)
    client.force_login(alice)
    assert "(1 non lue)" in header_of(client)
    response = client.get(notification.link)
    assert response.status_code == 200
    assert "(aucune non lue)" in response.content.decode()
    notification.refresh_from_db()
    assert notification.is_read


def test_the_preferences_page_turns_email_kinds_off_and_on(client):
    user = UserFactory()
    client.force_login(user)
    content = client.get(reverse("notifications:preferences")).content.decode()
    assert str(DIAGNOSTIC_INVITED.label) in content and str(ASSESSMENT_AWAITED.label) in content
    assert 'name="diagnostic_invited" id="id_diagnostic_invited" checked' in content
    data = {"diagnostic_invited": "on"}  # every other box left unticked
    response = client.post(reverse("notifications:preferences"), data)
    assert response.status_code == 302
    muted = selectors.muted_kinds(user)
    assert "diagnostic_invited" not in muted and ASSESSMENT_AWAITED.code in muted
    content = client.get(reverse("notifications:preferences")).content.decode()
    assert 'name="assessment_awaited" id="id_assessment_awaited">' in content


def test_a_refusal_of_the_preferences_service_is_shown_on_the_form_and_nothing_is_saved(client, monkeypatch):
    user = UserFactory()
    client.force_login(user)

    def refuse(**_kwargs):
        raise ValidationError("Type de notification inconnu : test.")

    monkeypatch.setattr(services, "save_email_preferences", refuse)
    response = client.post(reverse("notifications:preferences"), {"diagnostic_invited": "on"})
    assert response.status_code == 200
    assert "Type de notification inconnu : test." in response.content.decode()
    assert not [message for message in response.context["messages"] if message.level_tag == "success"]
    assert selectors.muted_kinds(user) == set()


def test_an_employee_lands_on_their_tasks_an_admin_on_the_journey(client):
    world = diagnostic_world(invite=1)
    alice = world.campaign.participants.get()
    client.force_login(alice.membership.user)
    content = client.get(reverse("home:dashboard")).content.decode()
    assessment = reverse(
        "diagnostic:assess",
        kwargs={
            "organisation_id": world.organisation.pk,
            "campaign_id": world.campaign.pk,
            "participant_id": alice.pk,
        },
    )
    assert "Mes tâches" in content and f'<a href="{assessment}">Remplir votre évaluation</a>' in content
    client.force_login(world.world.admin.user)
    response = client.get(reverse("home:dashboard"))
    assert response.url == reverse("home:journey", kwargs={"organisation_id": world.organisation.pk})


def test_a_notification_sent_before_messages_were_kept_still_shows_its_words(client):
    """Rows written before the message ids were stored hold only their rendered words, shown as they are."""
    user = UserFactory()
    Notification.objects.create(
        recipient=user, kind=DIAGNOSTIC_INVITED.code, title="Votre évaluation est attendue", body="Ancien", link="/x/"
    )
    client.force_login(user)
    for language in ("fr", "en"):
        page = client.get(reverse("notifications:list"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert "Votre évaluation est attendue" in page and "Ancien" in page
