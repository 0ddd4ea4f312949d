"""The team is told when its plan is published, and again when it changes; reading it is a task until then."""

import pytest
from django.core import mail
from django.urls import reverse

from teletravail.apps.notifications.models import Notification
from teletravail.apps.notifications.services import mark_seen
from teletravail.apps.organisations.selectors import organisation_access
from teletravail.apps.planner import selectors, services
from teletravail.apps.planner.my_tasks import plan_to_read
from tests.apps.planner.factories import plan_settings
from tests.world import build_world


pytestmark = pytest.mark.django_db


def test_members_are_told_of_a_published_plan_and_of_its_change(run_jobs):
    world = build_world()
    alice = world.members[0]
    plan = services.create_plan(team=world.team, actor=world.manager.user, **plan_settings())
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
