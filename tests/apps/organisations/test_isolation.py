"""Cross-organisation isolation, over every organisation-scoped URL of the app (found automatically)."""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from teletravail.apps.organisations.urls import urlpatterns
from tests.apps.organisations.builders import snapshot


ORGANISATION_URLS = [p for p in urlpatterns if "organisation_id" in p.pattern.converters]
OBJECT_URLS = [p for p in ORGANISATION_URLS if set(p.pattern.converters) - {"organisation_id"}]
# Pages open to every member and to consultants with an active access.
OPEN_TO_ALL_MEMBERS = {"journey"}
OPEN_TO_MANAGERS = {"journey", "members"}

# Which object of the world fills each URL argument. A new URL argument fails the test until it is listed here.
KWARG_OBJECTS = {
    "site_id": "site",
    "team_id": "team",
    "membership_id": "employee",
    "invitation_id": "invitation",
    "access_id": "consultant_access",
    "closure_id": "closure",
}

# Plausible values for every form of the app, so that a POST that got through would really change something.
POST_DATA = {
    "name": "Nom piraté",
    "siret": "98765432100015",
    "sector": "public",
    "headcount": "999",
    "naf_code": "",
    "commune": "42218",
    "desks": "1",
    "site": "",
    "role": "employer_admin",
    "team": "",
    "home_commune": "",
    "email": "pirate@exemple.fr",
    "full_name": "Pirate",
    "label": "Fermeture pirate",
    "first_day": "2027-01-04",
    "last_day": "2027-01-08",
}


def url_for(pattern, organisation_id, world):
    kwargs = {"organisation_id": organisation_id}
    for name in pattern.pattern.converters:
        if name != "organisation_id":
            kwargs[name] = getattr(world, KWARG_OBJECTS[name]).pk
    return reverse(f"organisations:{pattern.name}", kwargs=kwargs)


def test_every_url_argument_is_covered():
    arguments = {name for p in ORGANISATION_URLS for name in p.pattern.converters} - {"organisation_id"}
    assert arguments <= set(KWARG_OBJECTS)
    assert len(ORGANISATION_URLS) >= 18


@pytest.mark.django_db
@pytest.mark.parametrize("pattern", ORGANISATION_URLS, ids=lambda p: p.name)
@pytest.mark.parametrize("role", ["admin", "manager", "employee"])
def test_member_of_a_gets_404_everywhere_in_b(client, world, other_world, pattern, role):
    client.force_login(getattr(world, role).user)
    url = url_for(pattern, other_world.organisation.pk, other_world)
    before = snapshot(other_world.organisation)

    assert client.get(url).status_code == 404
    assert client.post(url, POST_DATA).status_code == 404
    assert snapshot(other_world.organisation) == before


@pytest.mark.django_db
@pytest.mark.parametrize("pattern", OBJECT_URLS, ids=lambda p: p.name)
def test_b_objects_through_a_urls_are_404(client, world, other_world, pattern):
    """An admin of A guessing ids of B's sites, teams, memberships, invitations or accesses."""
    client.force_login(world.admin.user)
    url = url_for(pattern, world.organisation.pk, other_world)
    before_a, before_b = snapshot(world.organisation), snapshot(other_world.organisation)

    assert client.get(url).status_code == 404
    assert client.post(url, POST_DATA).status_code == 404
    assert snapshot(other_world.organisation) == before_b
    assert snapshot(world.organisation) == before_a


@pytest.mark.django_db
@pytest.mark.parametrize("pattern", ORGANISATION_URLS, ids=lambda p: p.name)
def test_revoked_consultant_gets_404(client, world, pattern):
    access = world.consultant_access
    access.revoked_at = access.granted_at
    access.save()
    client.force_login(world.consultant)
    url = url_for(pattern, world.organisation.pk, world)

    assert client.get(url).status_code == 404
    assert client.post(url, POST_DATA).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "pattern", [p for p in ORGANISATION_URLS if p.name not in OPEN_TO_ALL_MEMBERS], ids=lambda p: p.name
)
@pytest.mark.parametrize("who", ["employee", "consultant"])
def test_employee_and_consultant_get_403_on_management_pages(client, world, pattern, who):
    user = world.consultant if who == "consultant" else world.employee.user
    client.force_login(user)
    url = url_for(pattern, world.organisation.pk, world)
    before = snapshot(world.organisation)

    assert client.get(url).status_code == 403
    assert client.post(url, POST_DATA).status_code == 403
    assert snapshot(world.organisation) == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "pattern", [p for p in ORGANISATION_URLS if p.name not in OPEN_TO_MANAGERS], ids=lambda p: p.name
)
def test_manager_gets_403_on_admin_pages(client, world, pattern):
    client.force_login(world.manager.user)
    url = url_for(pattern, world.organisation.pk, world)
    before = snapshot(world.organisation)

    assert client.get(url).status_code == 403
    assert client.post(url, POST_DATA).status_code == 403
    assert snapshot(world.organisation) == before


@pytest.mark.django_db
def test_active_consultant_sees_the_journey(client, world):
    client.force_login(world.consultant)
    assert client.get(reverse("home:journey", args=[world.organisation.pk])).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("pattern", ORGANISATION_URLS, ids=lambda p: p.name)
def test_anonymous_is_sent_to_sign_in(client, world, pattern):
    url = url_for(pattern, world.organisation.pk, world)
    before = snapshot(world.organisation)
    login_url = resolve_url(settings.LOGIN_URL)

    for response in (client.get(url), client.post(url, POST_DATA)):
        assert response.status_code == 302
        assert response["Location"].startswith(login_url)
    assert snapshot(world.organisation) == before
