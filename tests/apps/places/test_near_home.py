"""The places nearest a person's home and what a day at each saves against a day at the office: the selector, the
public person simulator (the employee's planning page: tests/apps/planner/test_places_near_home.py)."""

import pytest
from django.urls import reverse

from teletravail.apps.geo.models import Commune
from teletravail.apps.places.models import Place
from teletravail.apps.places.selectors import places_near_home
from teletravail.apps.places.services import import_places
from teletravail.geo import road_distance_estimate
from teletravail.impact.communes import commute_distance
from teletravail.impact.place_day import place_days
from teletravail.places.readers import read_schema_csv
from tests.apps.places.conftest import CORDEE, VILLAGE, schema_csv
from tests.apps.places.test_map_search import GLEIZE, LIMAS


@pytest.fixture
def places(lyon):
    import_places(read_schema_csv(schema_csv(CORDEE, VILLAGE, GLEIZE, LIMAS)))
    return {place.name: place for place in Place.objects.all()}


def test_each_place_near_home_gets_the_engine_s_figures_for_its_own_road_distance(places, settings):
    settings.PLACES_NEAR_HOME_RESULTS = 3
    home, work = Commune.objects.get(code="69092"), Commune.objects.get(code="69123")  # Gleizé, Lyon

    near = places_near_home(home, work, "voiture_thermique")

    assert [entry.place.name for entry in near.places] == ["Tiers-lieu de Gleizé", "Espace Limas", "La Cordée Liberté"]
    office_km = commute_distance("69092", "69123").road_km
    assert near.office_km == pytest.approx(office_km)
    place_kms = [
        road_distance_estimate(home.latitude, home.longitude, entry.place.latitude, entry.place.longitude).road_km
        for entry in near.places
    ]
    assert [entry.day for entry in near.places] == place_days(office_km, place_kms, "voiture_thermique")
    assert near.places[0].day.km_saved > near.places[2].day.km_saved > 0


def test_the_person_simulator_shows_the_places_near_home_after_the_result(client, places):
    query = {"mode": "velo_electrique", "telework_days": "2", "office_days": "3", "method": "default"}
    page = client.get(reverse("simulator:person"), {**query, "home": "69092", "work": "69123"}).content.decode()

    section = page[page.index('id="lieux-proches-titre"') :]
    assert page.index("Télécharger le rapport PDF") < page.index('id="lieux-proches-titre"')
    assert section.index("Tiers-lieu de Gleizé") < section.index("Espace Limas")
    assert "en Vélo à assistance électrique" in section
    assert reverse("places:detail", args=[places["Tiers-lieu de Gleizé"].pk]) in section


def test_the_person_simulator_shows_no_places_for_a_distance_typed_in_km(client, places):
    query = {"mode": "velo", "telework_days": "2", "office_days": "3", "method": "default", "distance_km": "12"}
    page = client.get(reverse("simulator:person"), query).content.decode()
    assert "Ce que vous évitez chaque année" in page and 'id="lieux-proches-titre"' not in page


def test_the_places_near_home_speak_english_on_an_english_page(client, places):
    query = {"mode": "velo", "telework_days": "2", "office_days": "3", "method": "default"}
    page = client.get(
        reverse("simulator:person"), {**query, "home": "69092", "work": "69123"}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Teleworking from a place near home" in page and "Minutes saved per day" in page
    assert "the round trip to the office avoided, less the trip to the place" in page
