"""The territories lacking places (plan action 15): the page's ranked table, its map points and its CSV list the
same communes; each of them is truly farther than the distance from every published place."""

import csv
import io
import re

import pytest
from django.urls import reverse

from teletravail.apps.places.models import Place
from teletravail.apps.places.services import import_places
from teletravail.geo import great_circle_km
from teletravail.impact.flows.residents import potential_teleworkers
from teletravail.places.readers import read_schema_csv
from tests.apps.places.conftest import CORDEE, VILLAGE, schema_csv
from tests.apps.places.test_map_search import GLEIZE, LIMAS
from tests.places.test_coverage import car_minutes_by_hand


QUERY = {"area": "dep:69", "max_km": "10"}
BY_TIME = {"area": "dep:69", "threshold": "minutes", "max_minutes": "20"}
HEADER = [
    "code_insee",
    "commune",
    "teletravailleurs_potentiels",
    "lieu_le_plus_proche_km",
    "lieu_le_plus_proche_minutes_voiture",
    "seuil_km",
    "seuil_minutes_voiture",
]


@pytest.fixture
def places(lyon):
    import_places(read_schema_csv(schema_csv(CORDEE, VILLAGE, GLEIZE, LIMAS)))
    return list(Place.objects.all())


def csv_rows(response):
    text = b"".join(response.streaming_content if response.streaming else [response.content]).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_the_csv_lists_every_commune_farther_than_the_distance_from_every_place_most_teleworkers_first(client, places):
    rows = csv_rows(client.get(reverse("places:lacking"), {**QUERY, "format": "csv"}))

    assert rows[0] == HEADER
    assert {(row[5], row[6]) for row in rows[1:]} == {("10", "")}  # the threshold used, on every row
    zones = {code: (lat, lon, teleworkers) for code, _name, lat, lon, teleworkers in potential_teleworkers("dep:69")}
    lacking = {row[0] for row in rows[1:]}
    assert zones
    for code, (lat, lon, teleworkers) in zones.items():
        nearest = min(great_circle_km(lat, lon, place.latitude, place.longitude) for place in places)
        assert (code in lacking) == (nearest > 10 and teleworkers > 0), code
    assert rows[1:]
    for row in rows[1:]:
        lat, lon, _teleworkers = zones[row[0]]
        nearest = min(great_circle_km(lat, lon, place.latitude, place.longitude) for place in places)
        assert float(row[3].replace(",", ".")) == pytest.approx(nearest, abs=0.01)
    counts = [float(row[2].replace(",", ".")) for row in rows[1:]]
    assert counts == sorted(counts, reverse=True)
    assert "69381" not in lacking  # Lyon 1er: La Cordée and the Village are a few km away


def test_the_page_the_map_and_the_csv_hold_the_same_communes_and_the_table_is_paged(client, places):
    page = client.get(reverse("places:lacking"), QUERY)
    points = client.get(reverse("places:lacking_geojson"), QUERY).json()["features"]
    rows = csv_rows(client.get(reverse("places:lacking"), {**QUERY, "format": "csv"}))[1:]

    assert [feature["properties"]["id"] for feature in points] == [row[0] for row in rows]
    assert page.context["page"].paginator.count == len(rows) > 50
    shown = page.context["table"].rows
    assert [row.cells[0].code for row in shown] == [row[0] for row in rows[:50]]
    content = page.content.decode()
    assert 'id="places-map"' in content and "format=csv" in content and "Page 1 sur" in content
    first = points[0]["properties"]
    assert first["url"] == f"{reverse('places:index')}?commune={rows[0][0]}&radius_km=50"
    assert "télétravailleurs potentiels" in first["kind"] and "lieu le plus proche à" in first["commune"]


def test_a_threshold_keeps_the_communes_with_enough_teleworkers(client, places):
    rows = csv_rows(client.get(reverse("places:lacking"), {**QUERY, "min_teleworkers": "1000", "format": "csv"}))[1:]
    assert rows and all(float(row[2].replace(",", ".")) >= 1000 for row in rows)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"area": "dep:99", "max_km": "10"}, "aucune commune"),
        ({"area": "communes:69123", "max_km": "10"}, "pas une liste de communes"),
        ({"area": "dep:69", "max_km": "0"}, "supérieure ou égale à 1"),
        ({"max_km": "10"}, "obligatoire"),
        ({"area": "dep:69", "max_km": "500"}, "200 km au plus"),
        ({"area": "dep:69", "threshold": "km"}, "Indiquez la distance"),
        ({**BY_TIME, "max_minutes": "-5"}, "Le temps doit être positif"),
        ({**BY_TIME, "max_minutes": "0"}, "Le temps doit être positif"),
        ({**BY_TIME, "max_minutes": "4"}, "Plus de 5 min : un trajet en voiture compte déjà autant"),
        ({**BY_TIME, "max_minutes": "5"}, "Plus de 5 min"),
        ({**BY_TIME, "max_minutes": "600"}, "235 min au plus : le temps en voiture de 200 km à vol d&#x27;oiseau"),
        ({**BY_TIME, "max_minutes": ""}, "Indiquez le temps en voiture"),
        ({**BY_TIME, "max_minutes": "vingt"}, "Saisissez un nombre entier"),
        ({**BY_TIME, "threshold": "heures"}, "Sélectionnez un choix valide"),
    ],
)
def test_a_bad_territory_or_distance_is_explained_in_french_and_finds_nothing(client, places, query, message):
    response = client.get(reverse("places:lacking"), query)
    assert response.status_code == 200 and response.context["gaps"] is None
    assert message in response.content.decode()


def test_the_page_speaks_english_on_an_english_page(client, places):
    page = client.get(reverse("places:lacking"), QUERY, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Territories without a telework place" in page
    assert "Municipalities without a telework place within 10 km" in page
    assert re.search(
        r"\d+ municipalities without a place at this distance, home to [\d,]+ potential teleworkers", page
    )
    points = client.get(reverse("places:lacking_geojson"), QUERY, HTTP_ACCEPT_LANGUAGE="en").json()["features"]
    assert points[0]["properties"]["kind"].endswith("potential teleworkers")


def test_the_map_of_the_lacking_places_may_load_the_configured_tiles_too(client, places, settings):
    settings.PLACES_MAP_TILE_URL = "https://{s}.tiles.example.org/{z}/{x}/{y}.png"
    response = client.get(reverse("places:lacking"), QUERY)
    assert 'data-tile-url="https://{s}.tiles.example.org/{z}/{x}/{y}.png"' in response.content.decode()
    assert "img-src 'self' data: https://*.tiles.example.org" in response["Content-Security-Policy"]


def test_a_time_threshold_lists_every_commune_farther_by_car_than_the_time_and_says_so_everywhere(client, places):
    response = client.get(reverse("places:lacking"), {**BY_TIME, "format": "csv"})
    rows = csv_rows(response)

    assert "communes-sans-lieu-dep-69-20min.csv" in response["Content-Disposition"]
    assert rows[0] == HEADER
    assert {(row[5], row[6]) for row in rows[1:]} == {("", "20")}
    zones = {code: (lat, lon, teleworkers) for code, _name, lat, lon, teleworkers in potential_teleworkers("dep:69")}
    lacking = {row[0]: row for row in rows[1:]}
    by_distance = {row[0] for row in csv_rows(client.get(reverse("places:lacking"), {**QUERY, "format": "csv"}))[1:]}
    assert zones and places
    for code, (lat, lon, teleworkers) in zones.items():
        nearest = min(great_circle_km(lat, lon, place.latitude, place.longitude) for place in places)
        minutes = car_minutes_by_hand(nearest)
        assert (code in lacking) == (minutes > 20 and teleworkers > 0), code
        if code in lacking:
            assert float(lacking[code][4].replace(",", ".")) == pytest.approx(minutes, abs=0.05)
    # 20 minutes by car are 9.5 road km, 7.3 km as the crow flies: more communes than beyond 10 km.
    assert by_distance < set(lacking)

    page = client.get(reverse("places:lacking"), BY_TIME).content.decode()
    assert "Communes sans lieu de télétravail à moins de 20 min en voiture" in page
    assert "Seuil : aucun lieu à moins de 20 min en voiture, porte à porte." in page
    assert "communes sans lieu à ce temps de trajet" in page
    assert 'data-map-label="Carte des communes sans lieu de télétravail à moins de 20 min en voiture"' in page
    points = client.get(reverse("places:lacking_geojson"), BY_TIME).json()
    assert points["seuil"] == {"seuil_km": None, "seuil_minutes_voiture": 20.0}
    assert points["seuil_texte"] == "20 min en voiture"
    assert [feature["properties"]["id"] for feature in points["features"]] == [row[0] for row in rows[1:]]
    assert re.fullmatch(
        r"lieu le plus proche à [\d,]+ km, \d+ min en voiture", points["features"][0]["properties"]["commune"]
    )
