"""Issue 19: while the database does not answer (restarting, unreachable), pages and the API answer a clean 503 with
a French message and a Retry-After, not a server error; other errors stay 500s."""

import pytest
from django.db import InterfaceError, OperationalError
from django.urls import reverse


pytestmark = pytest.mark.django_db


def database_down(*args, **kwargs):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")


@pytest.fixture
def failing_client(client):
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_page_whose_database_does_not_answer_is_a_503_in_french(failing_client, monkeypatch, settings, error):
    def down():
        raise error("connection already closed")

    monkeypatch.setattr("teletravail.apps.core.views.personal_data_table", down)
    response = failing_client.get(reverse("core:personal_data"))
    assert response.status_code == 503
    assert response["Retry-After"] == str(settings.UNAVAILABLE_RETRY_AFTER_SECONDS)
    content = response.content.decode()
    assert '<html lang="fr">' in content and "Service momentanément indisponible" in content
    assert "réessayez dans quelques instants" in content and "127.0.0.1" not in content


def test_the_unavailable_page_follows_the_language_of_the_request(failing_client, monkeypatch):
    monkeypatch.setattr("teletravail.apps.core.views.personal_data_table", database_down)
    response = failing_client.get(reverse("core:personal_data"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 503 and "Service temporarily unavailable" in response.content.decode()


def test_the_api_answers_a_json_503_while_the_database_does_not_answer(failing_client, monkeypatch):
    monkeypatch.setattr("teletravail.apps.simulator.api.run_person_simulation", database_down)
    response = failing_client.post(
        "/api/v1/simulations/person",
        {"distance_km": 20, "mode": "voiture_thermique", "telework_days": 2, "office_days": 3},
        content_type="application/json",
    )
    assert response.status_code == 503 and response["Retry-After"]
    assert response.json() == {"detail": "Service momentanément indisponible : réessayez dans quelques instants."}


def test_any_other_error_stays_a_server_error(failing_client, monkeypatch):
    def broken():
        raise ValueError("a bug")

    monkeypatch.setattr("teletravail.apps.core.views.personal_data_table", broken)
    response = failing_client.get(reverse("core:personal_data"))
    assert response.status_code == 500 and "Retry-After" not in response
