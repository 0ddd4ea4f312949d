"""The directory's search (one selector for the map and the list), its GeoJSON for the map, the outlines base layer,
and the embeddable widget."""

import datetime as dt
import json
from datetime import date

import pytest
from django.test import override_settings
from django.urls import reverse

from teletravail.apps.places.models import Place
from teletravail.apps.places.selectors import PlaceSearch, search_places
from teletravail.apps.places.services import import_places
from teletravail.places.readers import read_schema_csv
from tests.apps.places.conftest import CORDEE, VILLAGE, schema_csv


GLEIZE = {
    **VILLAGE,
    "id": "G1",
    "nom": "Tiers-lieu de Gleizé",
    "type": "tiers_lieu",
    "code_insee": "69092",
    "code_postal": "69400",
    "latitude": "45.9911",
    "longitude": "4.6877",
    "labels": "fabrique_de_territoire",
    "horaires": "Tu-Sa 14:00-20:00",
    "prix_journee_ht": "12.50",
    "taux_tva": "20",
}
LIMAS = {
    **VILLAGE,
    "id": "G2",
    "nom": "Espace Limas",
    "code_insee": "69115",
    "code_postal": "69400",
    "latitude": "45.9722",
    "longitude": "4.7187",
    "prix_journee_ht": "25",
    "taux_tva": "20",
}


@pytest.fixture
def places(lyon):
    import_places(read_schema_csv(schema_csv(CORDEE, VILLAGE, GLEIZE, LIMAS)))
    return {place.name: place for place in Place.objects.all()}


def names(places):
    return [place.name for place in places]


def listed(client, **query):
    return [summary.place.name for summary in client.get(reverse("places:index"), query).context["places"]]


def mapped(client, **query):
    response = client.get(reverse("places:map_geojson"), query)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    return sorted(feature["properties"]["name"] for feature in json.loads(response.content)["features"])


def test_a_postal_code_shared_by_several_communes_lists_the_places_of_all_of_them(client, places):
    # 69400 is the postal code of Villefranche-sur-Saône, Gleizé, Limas, Arnas… and no commune's INSEE code.
    assert listed(client, commune_text="69400") == ["Espace Limas", "Tiers-lieu de Gleizé"]
    assert mapped(client, commune_text="69400") == ["Espace Limas", "Tiers-lieu de Gleizé"]
    content = client.get(reverse("places:index"), {"commune_text": "69400"}).content.decode()
    assert "2 lieux à 69400 (code postal)" in content
    assert 'value="69400"' in content  # the box keeps what was typed


def test_a_radius_around_a_commune_reaches_the_places_of_its_neighbours(client, places):
    # Limas is 3 km from Villefranche-sur-Saône's centre, Gleizé 3.5 km, Lyon 30 km.
    assert listed(client, commune="69264") == []
    assert listed(client, commune="69264", radius_km="5") == ["Espace Limas", "Tiers-lieu de Gleizé"]
    assert listed(client, commune="69264", radius_km="50") == [
        "Espace Limas",
        "La Cordée Liberté",
        "Le Village by CA",
        "Tiers-lieu de Gleizé",
    ]
    assert mapped(client, commune="69264", radius_km="5") == ["Espace Limas", "Tiers-lieu de Gleizé"]
    content = client.get(reverse("places:index"), {"commune": "69264", "radius_km": "5"}).content.decode()
    assert "2 lieux à moins de 5 km de Villefranche-sur-Saône (69)" in content


def test_a_radius_needs_a_commune(client, places):
    response = client.get(reverse("places:index"), {"radius_km": "10"})
    assert "Choisissez la commune autour de laquelle chercher" in response.content.decode()
    assert response.context["places"] == []


def test_label_and_day_price_filters(client, places):
    assert listed(client, labels="fabrique_de_territoire") == ["Tiers-lieu de Gleizé"]
    # 12.50 € + 20 % = 15 €; 20 € + 20 % = 24 €; 25 € + 20 % = 30 €; Le Village gives no price.
    assert listed(client, max_day_price="15") == ["Tiers-lieu de Gleizé"]
    assert listed(client, max_day_price="14.99") == []
    assert listed(client, max_day_price="24") == ["La Cordée Liberté", "Tiers-lieu de Gleizé"]
    assert mapped(client, max_day_price="30") == ["Espace Limas", "La Cordée Liberté", "Tiers-lieu de Gleizé"]


def test_the_price_filter_compares_the_price_rounded_as_the_page_shows_it(places):
    # 10.42 € excl. VAT + 20 % = 12.504 €, shown 12.50 €: a 12.50 € ceiling keeps it.
    offer = places["Espace Limas"].offers.get(kind="desk_day")
    offer.price_excl_vat_cents = 1042
    offer.save()
    assert names(search_places(PlaceSearch(max_day_price_cents=1250))) == ["Espace Limas"]
    assert names(search_places(PlaceSearch(max_day_price_cents=1249))) == []


def test_open_on_a_day_and_at_an_hour(places):
    tuesday = date(2026, 12, 8)
    # La Cordée: Mo-Fr 08:30-19:00; Gleizé: Tu-Sa 14:00-20:00; the others give no hours (never « open »).
    assert names(search_places(PlaceSearch(open_day=tuesday, open_time=dt.time(10)))) == ["La Cordée Liberté"]
    assert names(search_places(PlaceSearch(open_day=tuesday, open_time=dt.time(19, 30)))) == ["Tiers-lieu de Gleizé"]
    assert names(search_places(PlaceSearch(open_day=tuesday))) == ["La Cordée Liberté", "Tiers-lieu de Gleizé"]
    assert names(search_places(PlaceSearch(open_day=date(2026, 12, 13)))) == []  # a Sunday


def test_the_form_reads_a_weekday_as_the_next_such_day(places):
    from teletravail.apps.places.forms import DirectoryForm

    form = DirectoryForm({"open_day": "5", "open_time": "15:00"})
    assert form.is_valid(), form.errors
    search = form.search(today=date(2026, 12, 7))  # a Monday
    assert (search.open_day, search.open_time) == (date(2026, 12, 12), dt.time(15))
    assert DirectoryForm({"open_day": "0"}).is_valid()
    hour_alone = DirectoryForm({"open_time": "15:00"})
    assert not hour_alone.is_valid()
    assert "open_day" in hour_alone.errors


def test_the_map_geojson_is_rfc_7946_points_with_a_link_to_each_page(client, places):
    response = client.get(reverse("places:map_geojson"), {"kind": "tiers_lieu"})
    collection = json.loads(response.content)
    assert collection["type"] == "FeatureCollection"
    (feature,) = collection["features"]
    gleize = places["Tiers-lieu de Gleizé"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [4.6877, 45.9911]}
    assert feature["properties"] == {
        "id": str(gleize.pk),
        "name": "Tiers-lieu de Gleizé",
        "kind": "Tiers-lieu",
        "commune": "Gleizé",
        "url": reverse("places:detail", kwargs={"place_id": gleize.pk}),
    }


def test_the_directory_page_carries_no_marker_but_the_url_of_the_same_search(client, places):
    content = client.get(reverse("places:index"), {"kind": "tiers_lieu", "page": "1"}).content.decode()
    assert 'data-places-url="/lieux/carte.geojson?kind=tiers_lieu"' in content
    assert "45.9911" not in content  # the markers come from carte.geojson, never in the HTML
    assert "vendor/leaflet/leaflet.js" in content
    assert "<iframe src=" not in content  # the embed code is text to copy, escaped
    assert '&lt;iframe src="http://testserver/lieux/widget/" title="Lieux de télétravail"' in content


def test_the_embed_code_names_the_commune_searched(client, places):
    content = client.get(reverse("places:index"), {"commune": "69092"}).content.decode()
    assert '&lt;iframe src="http://testserver/lieux/widget/?commune=69092"' in content


def test_the_map_geojson_is_compressed_for_a_browser_that_accepts_it(client, places):
    import gzip

    response = client.get(reverse("places:map_geojson"), HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert len(json.loads(gzip.decompress(response.content))["features"]) == 4


def test_an_unpublished_place_is_neither_listed_nor_mapped(client, places):
    Place.objects.filter(name="Espace Limas").update(status="pending")
    assert "Espace Limas" not in mapped(client)
    assert "Espace Limas" not in listed(client)


def test_the_outlines_are_the_departements_in_wgs84(client, db):
    response = client.get(reverse("places:outlines"))
    assert response.status_code == 200
    assert "max-age=86400" in response["Cache-Control"]
    outlines = json.loads(response.content)
    by_code = {feature["properties"]["code"]: feature for feature in outlines["features"]}
    assert len(by_code) == 101
    assert by_code["69"]["properties"]["name"] == "Rhône"
    rhone = [point for polygon in by_code["69"]["geometry"]["coordinates"] for point in polygon[0]]
    assert 4.2 < min(lon for lon, _lat in rhone) < 4.4 and 5.1 < max(lon for lon, _lat in rhone) < 5.2
    assert 45.4 < min(lat for _lon, lat in rhone) < 45.5 and 46.2 < max(lat for _lon, lat in rhone) < 46.35
    reunion = [point for polygon in by_code["974"]["geometry"]["coordinates"] for point in polygon[0]]
    assert all(55.2 < lon < 55.9 and -21.4 < lat < -20.8 for lon, lat in reunion)
    assert by_code["69"]["geometry"]["coordinates"]
    for polygon in by_code["69"]["geometry"]["coordinates"]:
        assert polygon[0][0] == polygon[0][-1]  # closed rings (RFC 7946)


def test_a_tile_server_is_used_only_when_configured_and_allowed_on_that_page_only(client, db):
    content = client.get(reverse("places:index")).content.decode()
    assert 'data-tile-url=""' in content
    with override_settings(PLACES_MAP_TILE_URL="https://{s}.tiles.example.org/{z}/{x}/{y}.png"):
        response = client.get(reverse("places:index"))
        assert 'data-tile-url="https://{s}.tiles.example.org/{z}/{x}/{y}.png"' in response.content.decode()
        assert "img-src 'self' data: https://*.tiles.example.org" in response["Content-Security-Policy"]
        assert "tiles.example.org" not in client.get(reverse("places:outlines"))["Content-Security-Policy"]


def test_the_widget_can_be_framed_and_no_other_page_can(client, places):
    widget = client.get(reverse("places:widget"), {"commune": "69092"})
    assert widget.status_code == 200
    assert "X-Frame-Options" not in widget
    assert "frame-ancestors *" in widget["Content-Security-Policy"]
    assert "<script" not in widget.content.decode()
    for url in (reverse("places:index"), reverse("places:detail", kwargs={"place_id": places["Espace Limas"].pk})):
        response = client.get(url)
        assert response["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"commune": "69092"}, ["Tiers-lieu de Gleizé"]),
        ({"commune": "69123"}, ["La Cordée Liberté", "Le Village by CA"]),  # Lyon and its arrondissements
        ({"departement": "69"}, ["Espace Limas", "La Cordée Liberté", "Le Village by CA", "Tiers-lieu de Gleizé"]),
        ({"region": "84"}, ["Espace Limas", "La Cordée Liberté", "Le Village by CA", "Tiers-lieu de Gleizé"]),
    ],
)
def test_the_widget_shows_the_places_of_a_territory(client, places, query, expected):
    response = client.get(reverse("places:widget"), query)
    assert [summary.place.name for summary in response.context["places"]] == expected
    assert response.context["count"] == len(expected)


def test_the_widget_of_an_epci(client, places):
    epci = places["Tiers-lieu de Gleizé"].commune.epci_id
    response = client.get(reverse("places:widget"), {"epci": epci})
    assert "Tiers-lieu de Gleizé" in [summary.place.name for summary in response.context["places"]]
    assert "La Cordée Liberté" not in [summary.place.name for summary in response.context["places"]]


def test_the_widget_of_an_unknown_territory_is_not_found(client, places):
    assert client.get(reverse("places:widget"), {"departement": "999"}).status_code == 404
    assert client.get(reverse("places:widget"), {"commune": "<script>"}).status_code == 404


def test_the_home_page_module_of_places_is_live(client, db):
    content = client.get("/").content.decode()
    card = content[content.index("Lieux de télétravail") - 600 : content.index("Lieux de télétravail") + 900]
    assert f'<a href="{reverse("places:index")}">Lieux de télétravail</a>' in card
    assert "Disponible" in card and "À venir" not in card
    assert "Annuaire et carte des tiers-lieux" in card
