"""The action plan: one action per origin, its changes audit-logged, its progress, who reads and who writes it."""

import html
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from teletravail.apps.actionplan import selectors, services
from teletravail.apps.actionplan.journey import follow_the_action_plan
from teletravail.apps.actionplan.models import Action, OwnerRole, Status
from teletravail.apps.audit.models import AuditAction, AuditEvent
from teletravail.apps.organisations.models import ConsultantAccess
from teletravail.apps.organisations.selectors import organisation_access
from tests.factories import MembershipFactory, UserFactory
from tests.world import build_world


pytestmark = pytest.mark.django_db

TODAY = date(2027, 3, 15)


def url(name, world, **kwargs):
    return reverse(f"actionplan:{name}", kwargs={"organisation_id": world.organisation.pk, **kwargs})


def add(world, origin="planner:1:isolation", title="Réunir l'équipe sur site", **extra):
    return services.create_action(
        organisation=world.organisation, title=title, origin=origin, created_by=world.admin.user, **extra
    )


def change(action, actor, **fields):
    values = {
        "title": action.title,
        "owner_role": action.owner_role,
        "due_on": action.due_on,
        "status": action.status,
        "owner": action.owner,
        "detail": action.detail,
    }
    return services.update_action(action=action, actor=actor, **{**values, **fields})


# --- Service -----------------------------------------------------------------------------------------------------


def test_the_same_origin_gives_the_same_action_and_one_audit_event(world):
    first = add(world, origin="diagnostic:4:obstacle:outils", role=OwnerRole.MANAGERS)
    again = add(world, origin="diagnostic:4:obstacle:outils", title="Autre titre")
    assert again.pk == first.pk and again.title == "Réunir l'équipe sur site"
    assert Action.objects.filter(organisation=world.organisation).count() == 1
    events = AuditEvent.objects.filter(action=AuditAction.ACTION_PLAN_ITEM_CREATED, organisation=world.organisation)
    assert events.count() == 1
    assert events.get().details["after"]["owner_role"] == "managers"


def test_another_origin_or_another_organisation_gives_another_action(world):
    other = build_world("B")
    first = add(world, origin="planner:1:isolation")
    assert add(world, origin="planner:1:together").pk != first.pk
    assert add(other, origin="planner:1:isolation").pk != first.pk


def test_actions_written_by_hand_have_no_origin_and_are_never_merged(world):
    assert add(world, origin="").pk != add(world, origin="").pk


def test_the_database_refuses_two_actions_of_one_origin(world):
    add(world, origin="planner:1:isolation")
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.create(organisation=world.organisation, title="Doublon", origin="planner:1:isolation")


@pytest.mark.parametrize("title", ["", "   ", "x" * 301])
def test_an_action_says_what_to_do_in_a_few_words(world, title):
    with pytest.raises(ValidationError) as error:
        add(world, title=title)
    assert "title" in error.value.error_dict
    assert not Action.objects.exists()


def test_a_change_is_audit_logged_with_before_and_after(world):
    action = add(world)
    change(action, world.manager.user, status=Status.IN_PROGRESS, owner=world.employee, due_on=TODAY)
    event = AuditEvent.objects.get(action=AuditAction.ACTION_PLAN_ITEM_CHANGED)
    assert event.actor == world.manager.user
    assert event.details["before"]["status"] == "a_faire" and event.details["after"]["status"] == "en_cours"
    assert event.details["after"]["owner"] == world.employee.user.email
    assert event.details["after"]["due_on"] == "2027-03-15"


def test_an_action_is_entrusted_only_to_a_member_of_the_organisation(world):
    stranger = MembershipFactory()
    action = add(world)
    with pytest.raises(ValidationError) as error:
        change(action, world.admin.user, owner=stranger)
    assert "owner" in error.value.error_dict
    action.refresh_from_db()
    assert action.owner is None


def test_an_unknown_status_or_role_is_refused(world):
    action = add(world)
    with pytest.raises(ValidationError):
        change(action, world.admin.user, status="oublie")
    with pytest.raises(ValidationError):
        add(world, origin="x:1", role="president")


# --- Progress and journey ------------------------------------------------------------------------------------------


def _plan_of_four(world):
    """Four actions on TODAY: one done late, one late in progress, one abandoned late, one due tomorrow."""
    yesterday, tomorrow = TODAY - timedelta(days=1), TODAY + timedelta(days=1)
    for origin, due_on, status in (
        ("a:1", yesterday, Status.DONE),
        ("a:2", yesterday, Status.IN_PROGRESS),
        ("a:3", yesterday, Status.ABANDONED),
        ("a:4", tomorrow, Status.TODO),
    ):
        change(add(world, origin=origin), world.admin.user, due_on=due_on, status=status)


def test_progress_counts_done_and_late_actions(world):
    _plan_of_four(world)
    progress = selectors.action_progress(world.organisation, TODAY)
    assert (progress.total, progress.done, progress.in_progress, progress.late, progress.abandoned) == (4, 1, 1, 1, 1)
    # Due today is not late yet.
    assert selectors.action_progress(world.organisation, TODAY - timedelta(days=1)).late == 0


def test_the_journey_task_is_done_with_actions_and_none_late(world, monkeypatch):
    access = organisation_access(world.admin.user, world.organisation.pk)
    (task,) = follow_the_action_plan(access)
    assert task.done is False and task.detail.endswith(", 0 en retard")
    _plan_of_four(world)
    monkeypatch.setattr("teletravail.apps.actionplan.selectors.timezone.localdate", lambda: TODAY)
    (task,) = follow_the_action_plan(access)
    assert task.done is False and task.detail == "4 actions, 1 faite, 1 en retard"
    late = Action.objects.get(origin="a:2")
    change(late, world.admin.user, status=Status.DONE)
    (task,) = follow_the_action_plan(access)
    assert task.done is True and task.detail == "4 actions, 2 faites, 0 en retard"
    assert task.url == url("index", world)


# --- Pages -------------------------------------------------------------------------------------------------------


def _text(response):
    return " ".join(html.unescape(response.content.decode()).split())


def test_outsiders_and_consultants_without_access_get_404(client, world):
    action = add(world)
    ConsultantAccess.objects.filter(organisation=world.organisation).update(revoked_at="2027-01-01T00:00Z")
    for user in (MembershipFactory(role="employer_admin").user, world.consultant, UserFactory()):
        client.force_login(user)
        assert client.get(url("index", world)).status_code == 404
        assert client.get(url("edit", world, plan_action_id=action.pk)).status_code == 404


def test_employees_and_consultants_read_the_plan_but_cannot_write_it(client, world):
    action = add(world)
    for user in (world.employee.user, world.consultant):
        client.force_login(user)
        page = client.get(url("index", world))
        assert page.status_code == 200 and action.title in _text(page)
        assert url("edit", world, plan_action_id=action.pk) not in page.content.decode()
        assert client.get(url("edit", world, plan_action_id=action.pk)).status_code == 403
        posted = client.post(
            url("edit", world, plan_action_id=action.pk),
            {"title": "Piraté", "owner_role": "employer", "status": "fait"},
        )
        assert posted.status_code == 403
        assert client.post(url("create", world), {"title": "Pirate", "owner_role": "employer"}).status_code == 403
    action.refresh_from_db()
    assert action.title == "Réunir l'équipe sur site" and Action.objects.count() == 1


def test_a_manager_edits_an_action_and_an_action_of_another_organisation_is_404(client, world):
    action = add(world)
    other = add(build_world("B"))
    client.force_login(world.manager.user)
    response = client.post(
        url("edit", world, plan_action_id=action.pk),
        {
            "title": "Réunir l'équipe chaque mardi",
            "owner_role": "managers",
            "owner": world.manager.pk,
            "due_on": "2027-04-01",
            "status": "en_cours",
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.title, action.owner, action.status) == ("Réunir l'équipe chaque mardi", world.manager, "en_cours")
    assert client.get(url("edit", world, plan_action_id=other.pk)).status_code == 404


def test_the_admin_adds_an_action_by_hand(client, world):
    client.force_login(world.admin.user)
    response = client.post(
        url("create", world),
        {"title": "Former les managers au management à distance", "owner_role": "employer", "status": "a_faire"},
    )
    assert response.status_code == 302
    action = Action.objects.get(organisation=world.organisation)
    assert action.origin == "" and action.created_by == world.admin.user
    empty = client.post(url("create", world), {"title": "", "owner_role": "employer", "status": "a_faire"})
    assert empty.status_code == 400 and Action.objects.count() == 1


def test_the_plan_flags_late_actions_and_filters_by_status_and_origin(client, world):
    past = date.today() - timedelta(days=3)
    late = change(add(world, origin="planner:1:isolation", title="Action en retard"), world.admin.user, due_on=past)
    change(add(world, origin="diagnostic:2:obstacle:outils", title="Action faite"), world.admin.user, status="fait")
    client.force_login(world.employee.user)
    page = _text(client.get(url("index", world)))
    assert "En retard" in page and "2 actions, 1 faite, 1 en retard" in page
    only_done = _text(client.get(url("index", world), {"status": "fait"}))
    assert "Action faite" in only_done and late.title not in only_done
    only_planner = _text(client.get(url("index", world), {"origin": "planner"}))
    assert late.title in only_planner and "Action faite" not in only_planner
    # A filter value that is not offered shows everything rather than failing.
    assert client.get(url("index", world), {"status": "nimporte"}).status_code == 200
