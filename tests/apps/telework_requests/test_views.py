"""The pages of the telework requests: the employee asks, sees the decision and its reason; the manager decides;
who gets 403 and 404."""

import html
import re

import pytest
from django.urls import reverse

from teletravail.apps.telework_requests import selectors, services
from teletravail.apps.telework_requests.models import Status, TeleworkRequest
from tests.world import build_world


pytestmark = pytest.mark.django_db


def text_of(response):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def mine(world):
    return reverse("telework_requests:mine", args=[world.organisation.pk])


def decide_url(telework_request):
    return reverse("telework_requests:decide", args=[telework_request.organisation_id, telework_request.pk])


def test_the_employee_asks_the_manager_refuses_with_a_reason_the_employee_reads_it(client, world):
    client.force_login(world.employee.user)
    response = client.post(
        reverse("telework_requests:create", args=[world.organisation.pk]), {"days": "2", "message": "Mardi, jeudi"}
    )
    assert response.status_code == 302 and response.url == mine(world)
    telework_request = TeleworkRequest.objects.get(membership=world.employee)

    client.force_login(world.manager.user)
    page = text_of(client.get(mine(world)))
    assert "Demandes à examiner" in page and "Alice Essai Alpha" in page
    decision = client.get(decide_url(telework_request))
    assert "C. trav. L1222-9 I et III" in text_of(decision)  # the charter catalogue's reference, private sector
    refused = client.post(decide_url(telework_request), {"decision": "refuser", "reason": ""})
    assert refused.status_code == 400
    assert "Motivez le refus par écrit" in text_of(refused)
    telework_request.refresh_from_db()
    assert telework_request.is_open
    done = client.post(
        decide_url(telework_request), {"decision": "refuser", "reason": "Accueil du public tous les jours."}
    )
    assert done.status_code == 302

    client.force_login(world.employee.user)
    page = text_of(client.get(mine(world)))
    assert "Refusée" in page and "Accueil du public tous les jours." in page and "Décision de Marc Manager" in page
    assert "Demander à télétravailler" in page  # decided: a new request may be made


def test_the_manager_grants_fewer_days_than_asked(client, world):
    telework_request = services.submit_request(membership=world.employee, actor=world.employee.user, days=3)
    client.force_login(world.manager.user)
    response = client.post(decide_url(telework_request), {"decision": "accorder", "days_granted": "2", "reason": ""})
    assert response.status_code == 302
    telework_request.refresh_from_db()
    assert (telework_request.status, telework_request.days_granted) == (Status.GRANTED, 2)
    assert world.employee.planning_profile.telework_days_max == 2


def test_a_decision_posted_after_another_or_racing_it_answers_409_and_writes_nothing(client, world, monkeypatch):
    telework_request = services.submit_request(membership=world.employee, actor=world.employee.user, days=3)
    client.force_login(world.manager.user)
    seen = TeleworkRequest.objects.get(pk=telework_request.pk)
    services.decide_request(telework_request=telework_request, actor=world.admin.user, grant=False, reason="Non.")

    # Posted once the other decision is written (not at the same instant): 409 and the same words as below, and the
    # decision shown instead of the form.
    response = client.post(decide_url(telework_request), {"decision": "accorder", "days_granted": "2"})
    assert response.status_code == 409
    late = text_of(response)
    assert "n'est plus en attente : elle a été refusée entre-temps" in late
    assert "Refusée" in late and "Enregistrer la décision" not in late

    # The same post read the request just before the other decision was written: the locked read refuses it.
    monkeypatch.setattr(selectors, "request_to_decide", lambda access, pk: seen)
    raced = client.post(decide_url(telework_request), {"decision": "accorder", "days_granted": "2"})
    assert raced.status_code == 409 and "n'est plus en attente" in text_of(raced)
    telework_request.refresh_from_db()
    assert telework_request.status == Status.REFUSED and telework_request.days_granted is None


def test_the_employee_withdraws_their_request(client, world):
    telework_request = services.submit_request(membership=world.employee, actor=world.employee.user, days=3)
    client.force_login(world.employee.user)
    page = client.get(mine(world)).content.decode()
    withdraw = reverse("telework_requests:withdraw", args=[world.organisation.pk, telework_request.pk])
    assert withdraw in page
    assert client.post(withdraw).status_code == 302
    telework_request.refresh_from_db()
    assert telework_request.status == Status.WITHDRAWN
    # Someone else's request cannot be withdrawn through one's own page.
    other = services.submit_request(membership=world.members[1], actor=world.members[1].user, days=1)
    url = reverse("telework_requests:withdraw", args=[world.organisation.pk, other.pk])
    assert client.post(url).status_code == 404


def test_who_may_open_the_decision_page(client, world):
    telework_request = services.submit_request(membership=world.employee, actor=world.employee.user, days=3)
    url = decide_url(telework_request)
    expected = {
        world.employee.user: 403,  # their own request
        world.members[1].user: 403,
        world.outsider_employee.user: 403,
        world.manager.user: 200,
        world.admin.user: 200,
        world.consultant: 404,  # a request names a person: consultants see aggregates only
        build_world("B").admin.user: 404,
    }
    found = {}
    for user in expected:
        client.force_login(user)
        found[user] = client.get(url).status_code
    assert found == expected
    telework_request.refresh_from_db()
    assert telework_request.is_open
