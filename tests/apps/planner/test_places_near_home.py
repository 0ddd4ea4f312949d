"""The employee's planning page shows the telework places nearest their home and what a day at each saves."""

import pytest
from django.urls import reverse

from teletravail.apps.places.services import import_places
from teletravail.places.readers import read_schema_csv
from tests.apps.places.conftest import VILLAGE, schema_csv


SAINT_ETIENNE = {
    **VILLAGE,
    "id": "S1",
    "nom": "Coworking du Crêt de Roc",
    "code_insee": "42218",
    "code_postal": "42000",
    "latitude": "45.4420",
    "longitude": "4.3950",
}


@pytest.mark.django_db
def test_an_employee_sees_the_places_near_their_home_on_their_planning_page(client, world):
    import_places(read_schema_csv(schema_csv(SAINT_ETIENNE)))
    member = world.members[0]  # lives in Saint-Étienne
    world.site.commune_id = "69383"  # the team's site, in Lyon 3e
    world.site.save()
    assert member.home_commune_id == "42218" and member.team.site == world.site
    client.force_login(member.user)
    page_url = reverse("planner:my_schedule", kwargs={"organisation_id": world.organisation.pk})

    response = client.get(page_url, {"mode": "train"})

    section = response.content.decode()
    assert "Coworking du Crêt de Roc" in section and "en Train (TER)" in section
    [entry] = response.context["near_home"]["table"].rows
    assert entry.cells[0].text == "Coworking du Crêt de Roc"


@pytest.mark.django_db
def test_an_employee_without_a_home_commune_is_told_when_the_places_will_show(client, world):
    client.force_login(world.members[1].user)
    page = client.get(reverse("planner:my_schedule", kwargs={"organisation_id": world.organisation.pk}))
    assert page.context["near_home"] is None
    assert "quand votre commune de résidence et le site de votre équipe seront connus" in page.content.decode()
