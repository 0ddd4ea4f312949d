"""Roles inside one organisation, over every URL of the organisations app (found by the walk of tests.world).

Isolation between organisations, for every app, is tests/test_isolation.py.
"""

import pytest
from django.urls import reverse

from tests.world import organisation_urls, snapshot, url_for


ORGANISATION_URLS = organisation_urls("organisations")
# The member list is the one page of the app a manager opens (for the teams they manage).
OPEN_TO_MANAGERS = {"organisations:members"}

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
    "tiers-lieux-place_days_allowed": "on",
    "tiers-lieux-place_days_per_week_max": "5",
}


def test_the_walk_finds_every_url_of_the_app():
    assert len(ORGANISATION_URLS) >= 20


@pytest.mark.django_db
@pytest.mark.parametrize("url", ORGANISATION_URLS, ids=lambda url: url[0])
@pytest.mark.parametrize("who", ["employee", "consultant"])
def test_employee_and_consultant_get_403_on_management_pages(client, world, url, who):
    name, arguments, _methods = url
    client.force_login(world.consultant if who == "consultant" else world.employee.user)
    address = url_for(name, arguments, world.organisation, world)
    before = snapshot(world.organisation)

    assert client.get(address).status_code == 403
    assert client.post(address, POST_DATA).status_code == 403
    assert snapshot(world.organisation) == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", [url for url in ORGANISATION_URLS if url[0] not in OPEN_TO_MANAGERS], ids=lambda url: url[0]
)
def test_manager_gets_403_on_admin_pages(client, world, url):
    name, arguments, _methods = url
    client.force_login(world.manager.user)
    address = url_for(name, arguments, world.organisation, world)
    before = snapshot(world.organisation)

    assert client.get(address).status_code == 403
    assert client.post(address, POST_DATA).status_code == 403
    assert snapshot(world.organisation) == before


@pytest.mark.django_db
def test_active_consultant_sees_the_journey(client, world):
    client.force_login(world.consultant)
    assert client.get(reverse("home:journey", args=[world.organisation.pk])).status_code == 200
