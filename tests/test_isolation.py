"""Cross-organisation isolation over every organisation-scoped URL of every app, the API included.

The URLs are found by walking the URL resolver (`tests.world.organisation_urls`): every pattern with an
`organisation_id` argument. A new module is covered the day it adds a URL; an argument the walk cannot fill fails
it (add it to `tests.world.ARGUMENTS`), it is never skipped. Each request is sent with the methods the view answers
(GET and POST for pages, a 405 naming the methods taken is not an answer; the API's own methods).
"""

import json

import pytest
from django.conf import settings
from django.shortcuts import resolve_url

from tests.world import ARGUMENTS, OBJECT_ARGUMENTS, build_world, organisation_urls, snapshot, url_for


# Plausible values for the forms, so that a request that got through would really change something.
POST_DATA = {
    "name": "Nom piraté",
    "siret": "98765432100015",
    "sector": "public",
    "headcount": "999",
    "commune": "42218",
    "desks": "1",
    "role": "employer_admin",
    "email": "pirate@exemple.fr",
    "full_name": "Pirate",
    "label": "Fermeture pirate",
    "first_day": "2027-01-04",
    "last_day": "2027-01-08",
    "title": "Campagne pirate",
    "exceptional": "on",
    "reason": "Piratage",
}


def send(client, method, url):
    if method == "GET":
        return client.get(url)
    if method == "POST" and not url.startswith("/api/"):
        return client.post(url, POST_DATA)
    return client.generic(method, url, json.dumps({"name": "Nom piraté", "headcount": 999}), "application/json")


ORGANISATION_URLS = organisation_urls()


def not_offered(response):
    """A 405 names the methods the view takes (the same for every identifier): it tells nothing of the object."""
    return response.status_code == 405 and "Allow" in response


def answers(client, urls, organisation, objects_from):
    """{(method, URL): response} for every URL and every method its view takes; a URL whose view takes none of
    the methods tried fails here rather than being left out."""
    found = {}
    assert urls
    for name, arguments, methods in urls:
        url = url_for(name, arguments, organisation, objects_from)
        responses = {method: send(client, method, url) for method in methods}
        offered = {method: response for method, response in responses.items() if not not_offered(response)}
        assert offered, f"{name}: no method answered among {methods}"
        found.update({(method, url): response for method, response in offered.items()})
    return found


def not_404(client, urls, organisation, objects_from):
    responses = answers(client, urls, organisation, objects_from)
    assert responses
    return {request: response.status_code for request, response in responses.items() if response.status_code != 404}


def test_the_walk_finds_the_urls_of_every_module():
    apps = {name.split(":")[0] for name, _arguments, _methods in ORGANISATION_URLS}
    assert {
        "organisations",
        "home",
        "simulator",
        "planner",
        "diagnostic",
        "charters",
        "actionplan",
        "equality",
        "practices",
        "telework_requests",
        "api-v1",
    } <= apps
    assert len(ORGANISATION_URLS) >= 80


def test_every_url_argument_can_be_filled():
    """An argument with no way to fill it is a failure, not a URL left out of the walk."""
    arguments = {argument for _name, found, _methods in ORGANISATION_URLS for argument in found}
    assert arguments - {"organisation_id"} - set(ARGUMENTS) == set()


@pytest.fixture
def worlds(db):
    return build_world("A", modules=True), build_world("B", modules=True)


@pytest.mark.parametrize("role", ["admin", "manager", "employee", "consultant"])
def test_a_member_of_a_gets_404_on_every_url_of_b(client, worlds, role):
    world, other = worlds
    client.force_login(world.consultant if role == "consultant" else getattr(world, role).user)
    before = snapshot(other.organisation)

    assert not_404(client, ORGANISATION_URLS, other.organisation, other) == {}
    assert snapshot(other.organisation) == before


def test_b_objects_through_a_urls_are_404(client, worlds):
    """An admin of A guessing the identifiers of B's objects in A's own URLs."""
    world, other = worlds
    client.force_login(world.admin.user)
    with_objects = [url for url in ORGANISATION_URLS if OBJECT_ARGUMENTS & set(url[1])]
    before_a, before_b = snapshot(world.organisation), snapshot(other.organisation)

    assert len(with_objects) >= 50
    assert not_404(client, with_objects, world.organisation, other) == {}
    assert snapshot(other.organisation) == before_b
    assert snapshot(world.organisation) == before_a


def test_a_revoked_consultant_gets_404_everywhere(client, worlds):
    world, _other = worlds
    access = world.consultant_access
    access.revoked_at = access.granted_at
    access.save()
    client.force_login(world.consultant)
    before = snapshot(world.organisation)

    assert not_404(client, ORGANISATION_URLS, world.organisation, world) == {}
    assert snapshot(world.organisation) == before


def test_anonymous_is_sent_to_sign_in_and_the_api_answers_401(client, worlds):
    world, _other = worlds
    before = snapshot(world.organisation)
    login_url = resolve_url(settings.LOGIN_URL)
    wrong = {}
    for (method, url), response in answers(client, ORGANISATION_URLS, world.organisation, world).items():
        if url.startswith("/api/"):
            expected = response.status_code == 401
        else:
            expected = response.status_code == 302 and response["Location"].startswith(login_url)
        if not expected:
            wrong[method, url] = response.status_code
    assert wrong == {}
    assert snapshot(world.organisation) == before
