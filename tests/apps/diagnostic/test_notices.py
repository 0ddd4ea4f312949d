"""What the diagnostic tells people, and the tasks it gives each of them: the invited employee's assessment, the
manager's view once the employee answered, the shared decision once both views differ, the employee's answer to it."""

import pytest
from django.core import mail

from teletravail.apps.diagnostic import services
from teletravail.apps.diagnostic.models import AuthorRole
from teletravail.apps.diagnostic.my_tasks import diagnostic_tasks
from teletravail.apps.diagnostic.notices import participant_url
from teletravail.apps.notifications.models import Notification
from teletravail.apps.organisations.selectors import organisation_access
from tests.apps.diagnostic.factories import answers_for, diagnostic_world


pytestmark = pytest.mark.django_db


def kinds_of(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def tasks_of(membership):
    return [
        (task.title, task.url)
        for task in diagnostic_tasks(organisation_access(membership.user, membership.organisation_id))
    ]


def test_invited_employees_are_told_by_email_and_find_their_assessment_to_fill(run_jobs):
    world = diagnostic_world(invite=2)
    run_jobs()  # the e-mails are sent by jobs
    alice, bruno = world.campaign.participants.order_by("membership__user__full_name")
    notification = Notification.objects.get(recipient=alice.membership.user)
    assert notification.kind == "diagnostic_invited"
    assert notification.link == participant_url(alice, "diagnostic:assess")
    assert notification.title == "Votre évaluation est attendue : « Diagnostic 2026 », poste Comptable"
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [alice.membership.user.email, bruno.membership.user.email]
    )
    assert tasks_of(alice.membership) == [("Remplir votre évaluation", participant_url(alice, "diagnostic:assess"))]
    assert tasks_of(world.world.members[2]) == []  # not invited


def answer(participant, role, criteria, actor):
    services.submit_answers(
        participant=participant, role=role, answers=answers_for(participant, criteria), actor=actor
    )


def test_the_manager_is_asked_for_their_view_then_for_a_decision_where_the_views_differ():
    world = diagnostic_world(invite=1)
    manager = world.world.manager
    alice = world.campaign.participants.get()
    assert tasks_of(manager) == []  # the employee speaks first

    answer(alice, AuthorRole.EMPLOYEE, {"Courrier papier": ["originaux_physiques"]}, alice.membership.user)
    assert kinds_of(manager.user) == ["assessment_awaited"]
    assert kinds_of(world.world.admin.user) == []  # the team has a manager: the admin is not disturbed
    assert tasks_of(alice.membership) == []
    assert tasks_of(manager) == [
        ("Donner votre regard sur l'évaluation d'Alice Essai", participant_url(alice, "diagnostic:participant"))
    ]

    answer(alice, AuthorRole.MANAGER, {}, manager.user)
    assert kinds_of(manager.user) == ["assessment_awaited", "decision_needed"]
    assert tasks_of(manager) == [
        ("Prendre les décisions partagées avec Alice Essai", participant_url(alice, "diagnostic:participant"))
    ]

    for activity in alice.job.activities.all():
        services.decide(participant=alice, activity=activity, criteria=[], note="", actor=manager.user)
    assert tasks_of(manager) == []
    assert tasks_of(alice.membership) == [
        ("Accepter ou contester vos décisions partagées", participant_url(alice, "diagnostic:participant"))
    ]


def test_views_that_agree_need_no_decision_request():
    world = diagnostic_world(invite=1)
    manager = world.world.manager
    alice = world.campaign.participants.get()
    answer(alice, AuthorRole.MANAGER, {}, manager.user)
    assert kinds_of(manager.user) == []  # the manager answered first: nothing awaits them
    answer(alice, AuthorRole.EMPLOYEE, {}, alice.membership.user)
    assert kinds_of(manager.user) == []


def test_without_a_manager_the_employer_admin_follows():
    world = diagnostic_world(invite=1)
    world.world.manager.managed_teams.clear()
    alice = world.campaign.participants.get()
    answer(alice, AuthorRole.EMPLOYEE, {}, alice.membership.user)
    assert kinds_of(world.world.admin.user) == ["assessment_awaited"]
