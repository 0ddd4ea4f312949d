"""Anonymous calls to the simulation API are rate-limited per IP by the sign-in throttle (one mechanism)."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory


PERSON = {"distance_km": 20, "mode": "velo", "telework_days": 2, "office_days": 3}


@pytest.fixture(autouse=True)
def rules(settings):
    settings.THROTTLE_RULES = {
        **settings.THROTTLE_RULES,
        "api-anonymous-ip": {"free": 3, "window": 600, "first_delay": 30, "max_delay": 600},
    }


def simulate(client, ip="127.0.0.1", route="person", payload=PERSON):
    return client.post(f"/api/v1/simulations/{route}", payload, content_type="application/json", REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_anonymous_simulation_calls_beyond_the_limit_get_429_in_french_with_retry_after(client):
    """Issue: anonymous simulation calls were unlimited (CPU exhaustion)."""
    assert [simulate(client).status_code for _ in range(3)] == [200, 200, 200]
    response = simulate(client, route="employer", payload={"employees": [PERSON]})
    assert response.status_code == 429
    assert 25 <= int(response["Retry-After"]) <= 30
    assert response.json()["detail"].startswith("Trop de requêtes : réessayez dans ")
    assert simulate(client, ip="192.0.2.8").status_code == 200  # another client is not affected


@pytest.mark.django_db
def test_signed_in_people_are_not_held_by_the_anonymous_limit(client):
    client.force_login(UserFactory())
    assert {simulate(client).status_code for _ in range(5)} == {200}


@pytest.mark.django_db
def test_other_api_routes_are_not_limited(client):
    for _ in range(5):
        simulate(client)
    assert client.get(reverse("api-v1:openapi-json")).status_code == 200
