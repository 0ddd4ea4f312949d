"""Answers to signed-in people and downloads carry `Cache-Control: private, no-store`; public pages stay cacheable."""

import pytest
from django.urls import reverse
from django.utils.cache import get_max_age

from teletravail.apps.planner import services as planner_services
from tests.apps.planner.factories import solved_plan
from tests.document_jobs import downloaded
from tests.world import build_world


PERSON = {"mode": "voiture_thermique", "telework_days": "2", "office_days": "3", "method": "default"}


def directives(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def assert_private_no_store(response):
    assert response.status_code == 200
    assert {"private", "no-store"} <= directives(response)
    assert "public" not in directives(response)
    assert get_max_age(response) in (None, 0)


@pytest.fixture
def world(db):
    world = build_world()
    plan = solved_plan(team=world.team, actor=world.manager.user)
    planner_services.publish_plan(plan=plan, actor=world.manager.user)
    world.plan = plan
    return world


def test_authenticated_pages_and_exports_are_private_and_not_stored(client, world):
    """Issue: authenticated pages, PDFs, exports and the iCalendar feed carried no Cache-Control."""
    client.force_login(world.manager.user)
    organisation_id = world.organisation.pk
    for name, kwargs in [
        ("planner:index", {"organisation_id": organisation_id}),
        ("home:journey", {"organisation_id": organisation_id}),
        ("planner:plan_export_csv", {"organisation_id": organisation_id, "plan_id": world.plan.pk}),
        ("planner:plan_export_xlsx", {"organisation_id": organisation_id, "plan_id": world.plan.pk}),
    ]:
        assert_private_no_store(client.get(reverse(name, kwargs=kwargs)))
    assert_private_no_store(client.get(f"/api/v1/organisations/{organisation_id}"))


def test_the_token_calendar_feed_is_private_and_not_stored_without_a_session(client, world):
    profile = planner_services.regenerate_calendar_token(membership=world.members[0])
    assert_private_no_store(client.get(reverse("planner:ical_feed", kwargs={"token": profile.calendar_token})))


@pytest.mark.django_db
def test_anonymous_downloads_are_not_stored(client, run_jobs):
    report = client.get(reverse("simulator:person_report"), {**PERSON, "distance_km": "20"})
    assert_private_no_store(downloaded(client, report, run_jobs))
    assert_private_no_store(client.get(reverse("simulator:person"), {**PERSON, "distance_km": "20", "format": "csv"}))


@pytest.mark.django_db
def test_public_pages_seen_anonymously_are_left_alone(client):
    assert "no-store" not in directives(client.get(reverse("core:home")))
