"""The team is told when its plan is published, and again when it changes; reading it is a task until then."""

import html

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from teletravail.apps.notifications.models import Notification
from teletravail.apps.notifications.services import mark_seen
from teletravail.apps.organisations.selectors import organisation_access
from teletravail.apps.planner import selectors, services
from teletravail.apps.planner.my_tasks import plan_to_read
from tests.apps.planner.factories import solved_plan
from tests.world import build_world


pytestmark = pytest.mark.django_db


def test_members_are_told_of_a_published_plan_and_of_its_change(run_jobs):
    world = build_world()
    alice = world.members[0]
    plan = solved_plan(team=world.team, actor=world.manager.user)
    services.publish_plan(plan=plan, actor=world.manager.user)
    run_jobs()  # the e-mails are sent by jobs
    schedule = reverse("planner:my_schedule", kwargs={"organisation_id": world.organisation.pk})
    notifications = Notification.objects.filter(kind="plan_published")
    assert sorted(notifications.values_list("recipient", flat=True)) == sorted(m.user_id for m in world.members)
    assert {notification.link for notification in notifications} == {schedule}
    assert sorted(message.to[0] for message in mail.outbox) == sorted(m.user.email for m in world.members)
    access = organisation_access(alice.user, world.organisation.pk)
    [task] = plan_to_read(access)
    assert task.url == schedule and "est publié" in task.title

    mark_seen(user=alice.user, path=schedule)
    assert plan_to_read(access) == []
    services.save_grid(plan=plan, places=selectors.stored_places(plan))
    services.publish_plan(plan=plan, actor=world.manager.user)
    [task] = plan_to_read(access)
    assert "a changé" in task.title


def test_each_member_reads_the_plan_notice_in_their_own_language_whoever_published_it(client, run_jobs):
    """Notifications were written once, in the language of whoever published: French members read English."""
    world = build_world()
    french_reader, english_reader = world.members[0].user, world.members[1].user
    client.force_login(english_reader)  # the language a person reads the platform in is kept for their e-mails
    client.get(reverse("notifications:list"), HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(french_reader)
    client.get(reverse("notifications:list"), HTTP_ACCEPT_LANGUAGE="fr")
    plan = solved_plan(team=world.team, actor=world.manager.user)
    with translation.override("en"):
        services.publish_plan(plan=plan, actor=world.manager.user)
    run_jobs()  # the e-mails are sent by jobs

    with translation.override("fr"):
        french = (
            f"Le planning de l'équipe {world.team.name} est publié (à partir du {date_format(plan.start, 'j F Y')})"
        )
    with translation.override("en"):
        english = f"The plan of team {world.team.name} is published (from {date_format(plan.start, 'j F Y')})"
    assert french != english and "décembre" not in english
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects[french_reader.email].startswith(french)
    assert subjects[english_reader.email].startswith(english)
    assert "Vos jours sur site" in next(m.body for m in mail.outbox if m.to == [french_reader.email])
    assert "Vos jours sur site" not in next(m.body for m in mail.outbox if m.to == [english_reader.email])

    page = html.unescape(client.get(reverse("notifications:list"), HTTP_ACCEPT_LANGUAGE="fr").content.decode())
    assert french in page and english not in page
    client.force_login(english_reader)
    page = html.unescape(client.get(reverse("notifications:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert english in page and french not in page
    with translation.override("en"):
        [task] = plan_to_read(organisation_access(english_reader, world.organisation.pk))
    assert task.title == english
