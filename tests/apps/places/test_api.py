"""The open places API: filters, pages, bounding box, GeoJSON, nearest places, and an operator's writes."""

import json
from decimal import Decimal

import jsonschema
import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from teletravail.apps.apitokens.services import create_token
from teletravail.apps.geo.models import Commune
from teletravail.apps.places.models import Place, PlaceStatus
from teletravail.apps.places.services import import_places, register_place
from teletravail.geo import great_circle_km
from teletravail.places.readers import read_schema_csv
from teletravail.places.record import PlaceRecord
from tests.apps.places.conftest import CORDEE, VILLAGE, schema_csv
from tests.factories import MembershipFactory


URL = "/api/v1/places"
SIRET = "98765432100015"

VILLEURBANNE = {
    **VILLAGE,
    "id": "L3",
    "nom": "<img src=x onerror=alert(1)>",
    "presentation": "<script>alert('x')</script>",
    "code_insee": "69266",
    # More decimals than anyone knows a place's position to: the API gives 6.
    "latitude": "45.770812345678",
    "longitude": "4.889098765432",
    "type": "fablab",
    "accessibilite": "wheelchair",
    "labels": "fabrique_de_territoire",
    "horaires": "Mo-Fr 09:00-12:00",
    "date_maj": "2026-11-02",
}


@pytest.fixture
def places(lyon):
    import_places(read_schema_csv(schema_csv(CORDEE, VILLAGE, VILLEURBANNE)))
    return {place.name: place for place in Place.objects.all()}


@pytest.fixture
def pending(places):
    """A place its operator registered, that no moderator has approved: never in the open data."""
    record = PlaceRecord(
        source="",
        source_id="",
        licence="",
        name="Le Bureau Secret",
        kind="coworking",
        latitude=45.7580,
        longitude=4.8520,
        siret=SIRET,
    )
    return register_place(
        operator=MembershipFactory().user, record=record, commune=Commune.objects.get(code="69383")
    ).place


def names(response):
    assert response.status_code == 200, response.content
    return [place["name"] for place in response.json()["results"]]


LYON_PLACES = ["La Cordée Liberté", "Le Village by CA"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["<img src=x onerror=alert(1)>", *LYON_PLACES]),
        ({"type": "fablab"}, ["<img src=x onerror=alert(1)>"]),
        ({"services": ["wifi", "printing"]}, ["La Cordée Liberté"]),
        ({"services": ["wifi", "parking"]}, []),
        ({"accessibility": "wheelchair"}, ["<img src=x onerror=alert(1)>"]),
        ({"labels": "fabrique_de_territoire"}, ["<img src=x onerror=alert(1)>"]),
        # Lyon takes its arrondissements; an arrondissement only its own places.
        ({"commune": "69123"}, LYON_PLACES),
        ({"commune": "69383"}, ["La Cordée Liberté"]),
        ({"departement": "69"}, ["<img src=x onerror=alert(1)>", *LYON_PLACES]),
        ({"departement": "42"}, []),
        # Villeurbanne lies east of 4.86.
        ({"bbox": "4.80,45.70,4.86,45.80"}, LYON_PLACES),
        ({"bbox": " 4.86 , 45.70 , 4.95 , 45.80 "}, ["<img src=x onerror=alert(1)>"]),
        # Monday 2026-12-07: the Cordée opens 8:30-19:00, the fablab 9:00-12:00, the Village gives no hours.
        ({"open_at": "2026-12-07T10:00:00"}, ["<img src=x onerror=alert(1)>", "La Cordée Liberté"]),
        ({"open_at": "2026-12-07T15:00:00+01:00"}, ["La Cordée Liberté"]),
        ({"open_at": "2026-12-06T10:00:00"}, []),
    ],
)
def test_filters(client, places, pending, query, expected):
    assert names(client.get(URL, query)) == expected


def test_open_now_reads_the_hours_at_the_current_time(client, places, monkeypatch):
    from django.utils import timezone

    from teletravail.apps.places import api

    evening = timezone.make_aware(timezone.datetime(2026, 12, 7, 18, 0))
    monkeypatch.setattr(api.timezone, "now", lambda: evening)
    assert names(client.get(URL, {"open_now": "true"})) == ["La Cordée Liberté"]


def test_pages_give_their_total_and_links(client, places):
    first = client.get(URL, {"page_size": 2}).json()
    assert (first["total"], first["page"], first["pages"], first["previous"]) == (3, 1, 2, None)
    assert len(first["results"]) == 2
    assert first["next"] == "http://testserver/api/v1/places?page_size=2&page=2"
    second = client.get(first["next"]).json()
    assert [place["name"] for place in second["results"]] == ["Le Village by CA"]
    assert second["next"] is None
    assert second["previous"] == "http://testserver/api/v1/places?page_size=2&page=1"
    # Beyond the last page: no place, and the way back to the last one.
    beyond = client.get(URL, {"page_size": 2, "page": 5}).json()
    assert (beyond["results"], beyond["total"], beyond["next"]) == ([], 3, None)
    assert beyond["previous"].endswith("page=2")


def place_queries(client, query):
    """The answer to `query` and the SQL statements it read the places with (the rate limit's are not counted)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, query)
    return response.json(), [item["sql"] for item in captured.captured_queries if "places_place" in item["sql"]]


def test_a_page_that_is_not_full_gives_its_total_without_a_count_query(client, places):
    """Issue 20's latency: most boxes of a map fit in one page, whose places are the total; only a full page (more
    may follow) or a page beyond the last counts them."""
    box = {"bbox": "4.7,45.6,5.0,45.9"}
    answer, queries = place_queries(client, box)
    assert (answer["total"], answer["pages"], len(answer["results"])) == (3, 1, 3)
    assert len(queries) == 1 and "COUNT(" not in queries[0]
    last, queries = place_queries(client, {**box, "page_size": 2, "page": 2})
    assert (last["total"], last["pages"], len(last["results"])) == (3, 2, 1) and len(queries) == 1
    full, queries = place_queries(client, {**box, "page_size": 3})
    assert (full["total"], full["pages"]) == (3, 1) and len(queries) == 2
    beyond, queries = place_queries(client, {**box, "page_size": 2, "page": 5})
    assert (beyond["total"], beyond["results"], beyond["previous"].endswith("page=2")) == (3, [], True)
    empty, queries = place_queries(client, {"bbox": "1.0,44.0,1.1,44.1"})
    assert (empty["total"], empty["pages"], empty["results"]) == (0, 1, []) and len(queries) == 1


def test_page_size_and_page_are_bounded(client, places, settings):
    response = client.get(URL, {"page_size": settings.PLACES_API_MAX_PAGE_SIZE + 1})
    assert response.status_code == 400
    assert response.json()["erreurs"][0]["champ"] == "page_size"
    assert len(client.get(URL, {"page_size": settings.PLACES_API_MAX_PAGE_SIZE}).json()["results"]) == 3
    assert client.get(URL, {"page": 0}).status_code == 400
    assert client.get(URL, {"page_size": 0}).status_code == 400


@pytest.mark.parametrize(
    ("bbox", "message"),
    [
        ("4.8,45.7,4.9", "4 nombres séparés par des virgules"),
        ("4.8,45.7,4.9,45.8,1", "4 nombres séparés par des virgules"),
        ("4.8,nord,4.9,45.8", "« nord » n'est pas un nombre"),
        ("4.8,45.7,inf,45.8", "n'est pas un nombre fini"),
        ("4.8,nan,4.9,45.8", "n'est pas un nombre fini"),
        ("-181,45.7,4.9,45.8", "la longitude -181.0 sort de l'intervalle"),
        ("4.8,45.7,4.9,91", "la latitude 91.0 sort de l'intervalle"),
        ("4.9,45.7,4.8,45.8", "la longitude minimale doit être inférieure"),
        ("4.8,45.8,4.9,45.8", "la latitude minimale doit être inférieure"),
        # Latitude first, as people often write it: min_lat 4.8 > max_lat 4.9 is fine, but 45.7 > 4.9 is not.
        ("45.7,4.8,45.8,4.9", None),
    ],
)
def test_a_bad_bbox_is_refused_in_french(client, places, bbox, message):
    response = client.get(URL, {"bbox": bbox})
    if message is None:
        assert names(response) == []
        return
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_an_unknown_commune_or_type_is_refused_in_french(client, places):
    response = client.get(URL, {"commune": "99999"})
    assert response.status_code == 400
    assert response.json()["detail"] == "Commune inconnue : 99999 (paramètre commune)."
    response = client.get(URL, {"type": "château"})
    assert response.status_code == 400
    assert response.json()["erreurs"][0]["message"].startswith("Valeur inconnue")


# RFC 7946 as far as this API uses it: a FeatureCollection of Features with a Point geometry, coordinates
# [longitude, latitude] in range, an id that is a string or a number, properties an object; foreign members allowed.
POSITION = {
    "type": "array",
    "minItems": 2,
    "maxItems": 3,
    "prefixItems": [
        {"type": "number", "minimum": -180, "maximum": 180},
        {"type": "number", "minimum": -90, "maximum": 90},
    ],
    "items": {"type": "number"},
}
RFC_7946_FEATURE_COLLECTION = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["type", "features"],
    "properties": {
        "type": {"const": "FeatureCollection"},
        "bbox": {"type": "array", "minItems": 4, "items": {"type": "number"}},
        "features": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "geometry", "properties"],
                "properties": {
                    "type": {"const": "Feature"},
                    "id": {"type": ["string", "number"]},
                    "geometry": {
                        "type": "object",
                        "required": ["type", "coordinates"],
                        "properties": {"type": {"const": "Point"}, "coordinates": POSITION},
                    },
                    "properties": {"type": ["object", "null"]},
                },
            },
        },
    },
}


def decimals(number):
    return max(0, -Decimal(repr(number)).as_tuple().exponent)


def test_geojson_is_an_rfc_7946_feature_collection_with_six_decimals_and_codes_as_strings(client, places):
    response = client.get(URL, {"format": "geojson", "page_size": 2, "page": 1})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    document = json.loads(response.content)
    jsonschema.validate(document, RFC_7946_FEATURE_COLLECTION)
    # The pages ride along as foreign members (RFC 7946 §6.1).
    assert (document["total"], document["pages"]) == (3, 2)
    features = {feature["properties"]["name"]: feature for feature in document["features"]}
    assert list(features) == ["<img src=x onerror=alert(1)>", "La Cordée Liberté"]
    fablab = features["<img src=x onerror=alert(1)>"]
    # Longitude first, rounded to 6 decimals.
    assert fablab["geometry"]["coordinates"] == [4.889099, 45.770812]
    assert document["features"]
    for feature in document["features"]:
        assert all(decimals(value) <= 6 for value in feature["geometry"]["coordinates"])
        assert isinstance(feature["properties"]["commune_code"], str)
        assert isinstance(feature["properties"]["postal_code"], str)
    assert features["La Cordée Liberté"]["properties"]["postal_code"] == "69003"
    assert features["La Cordée Liberté"]["properties"]["commune_code"] == "69383"


def test_the_json_list_rounds_coordinates_too(client, places):
    fablab = next(place for place in client.get(URL).json()["results"] if place["kind"] == "fablab")
    assert (fablab["latitude"], fablab["longitude"]) == (45.770812, 4.889099)
    assert fablab["source"] == "csv" and fablab["licence"] == "Licence Ouverte 2.0"
    assert fablab["verified_on"] == "2026-11-02"


def test_html_in_a_record_is_plain_text_in_json_never_a_page(client, places):
    response = client.get(URL, {"type": "fablab"})
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.json()["results"][0]["description"] == "<script>alert('x')</script>"


def test_nothing_unpublished_leaks(client, places, pending):
    for status in (PlaceStatus.PENDING, PlaceStatus.CHANGES_REQUESTED, PlaceStatus.REJECTED):
        Place.objects.filter(pk=pending.pk).update(status=status)
        assert "Le Bureau Secret" not in client.get(URL, {"page_size": 500}).content.decode()
        assert "Le Bureau Secret" not in client.get(URL, {"format": "geojson"}).content.decode()
        assert "Le Bureau Secret" not in client.get(f"{URL}/nearest", {"commune": "69383"}).content.decode()


def test_nearest_places_with_their_distance_from_the_commune(client, places, pending):
    response = client.get(f"{URL}/nearest", {"commune": "69266", "limit": 2})
    assert response.status_code == 200
    body = response.json()
    assert (body["commune_code"], body["commune_name"]) == ("69266", "Villeurbanne")
    villeurbanne = Commune.objects.get(code="69266")
    results = body["results"]
    assert [place["name"] for place in results] == ["<img src=x onerror=alert(1)>", "La Cordée Liberté"]
    assert results
    for place in results:
        stored = Place.objects.get(pk=place["id"])
        expected = great_circle_km(villeurbanne.latitude, villeurbanne.longitude, stored.latitude, stored.longitude)
        assert place["distance_km"] == pytest.approx(expected, abs=0.001)
    assert results[0]["distance_km"] <= results[1]["distance_km"]


def test_nearest_looks_farther_until_it_has_enough_places(client, places):
    # The southernmost commune of the Rhône lies farther than the first box from every place: the search widens
    # until it finds all three.
    far = Commune.objects.filter(latitude__lt=45.6).order_by("latitude").first()
    body = client.get(f"{URL}/nearest", {"commune": far.code, "limit": 50}).json()
    assert len(body["results"]) == 3
    assert all(place["distance_km"] > 0 for place in body["results"])


def test_nearest_refuses_an_unknown_commune_and_a_limit_out_of_bounds(client, places):
    response = client.get(f"{URL}/nearest", {"commune": "99999"})
    assert response.status_code == 404
    assert response.json()["detail"] == "Commune inconnue : 99999."
    assert client.get(f"{URL}/nearest", {"commune": "69266", "limit": 51}).status_code == 400
    assert client.get(f"{URL}/nearest", {"commune": "69266", "limit": 0}).status_code == 400
    assert client.get(f"{URL}/nearest").status_code == 400


@override_settings(THROTTLE_RULES={"api-anonymous-ip": {"free": 2, "window": 60, "first_delay": 1, "max_delay": 60}})
def test_anonymous_reads_are_rate_limited_per_ip(client, places):
    assert client.get(URL).status_code == 200
    assert client.get(URL).status_code == 200
    response = client.get(URL)
    assert response.status_code == 429
    assert response.json()["detail"].startswith("Trop de requêtes")


# An operator's writes with an API token.

NEW_PLACE = {
    "name": "Le Bureau Partagé",
    "kind": "coworking",
    "siret": "987 654 321 00015",
    "commune": "69383",
    "latitude": 45.758,
    "longitude": 4.852,
    "opening_hours": "Mo-Fr 08:00-19:00",
    "services": ["wifi"],
    "description": "<b>Bienvenue</b>",
}


def bearer(user):
    membership = user.memberships.first()
    _token, value = create_token(user=user, name="script", organisation_ids=[membership.organisation_id], days=30)
    return {"HTTP_AUTHORIZATION": f"Bearer {value}"}


@pytest.fixture
def operator(lyon):
    return MembershipFactory().user


def test_a_token_registers_a_place_that_waits_for_a_moderator(client, operator):
    response = client.post(URL, NEW_PLACE, content_type="application/json", **bearer(operator))
    assert response.status_code == 201, response.content
    body = response.json()
    place = Place.objects.get(pk=body["id"])
    assert (body["status"], place.operator, place.siret, place.status) == (
        "pending",
        operator,
        SIRET,
        PlaceStatus.PENDING,
    )
    assert place.revisions.get().pk == body["revision_id"]
    assert names(client.get(URL)) == []
    # The same place again: a duplicate.
    again = client.post(URL, NEW_PLACE, content_type="application/json", **bearer(operator))
    assert again.status_code == 409
    assert "déjà inscrit" in again.json()["erreurs"][0]["message"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"opening_hours": "lundi 9h-18h"}, "Horaires illisibles"),
        ({"siret": "12345678901234"}, "SIRET invalide"),
        ({"latitude": 4.852, "longitude": 45.758}, "Latitude et longitude inversées"),
        ({"website": "javascript:alert(1)"}, "doit commencer par http:// ou https://"),
    ],
)
def test_a_token_write_is_checked_like_the_web_form(client, operator, change, message):
    response = client.post(URL, {**NEW_PLACE, **change}, content_type="application/json", **bearer(operator))
    assert response.status_code == 400
    assert any(message in error["message"] for error in response.json()["erreurs"])
    assert not Place.objects.exists()


def test_an_unknown_commune_in_a_write_is_404(client, operator):
    response = client.post(URL, {**NEW_PLACE, "commune": "99999"}, content_type="application/json", **bearer(operator))
    assert response.status_code == 404
    assert response.json()["detail"] == "Commune inconnue : 99999."


def test_writing_needs_credentials(client, lyon):
    response = client.post(URL, NEW_PLACE, content_type="application/json")
    assert response.status_code == 401
    assert not Place.objects.exists()


def test_only_the_operators_token_updates_its_place(client, operator):
    place_id = client.post(URL, NEW_PLACE, content_type="application/json", **bearer(operator)).json()["id"]
    Place.objects.filter(pk=place_id).update(status=PlaceStatus.PUBLISHED)
    stranger = MembershipFactory().user
    url = f"{URL}/{place_id}"
    refused = client.put(url, {**NEW_PLACE, "name": "Volé"}, content_type="application/json", **bearer(stranger))
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Seul l'exploitant du lieu peut modifier sa fiche."
    assert Place.objects.get(pk=place_id).name == "Le Bureau Partagé"

    changed = client.put(
        url, {**NEW_PLACE, "name": "Le Bureau Partagé Garibaldi"}, content_type="application/json", **bearer(operator)
    )
    assert changed.status_code == 200, changed.content
    place = Place.objects.get(pk=place_id)
    # Moderated again: the published version stays until a moderator approves the new one.
    assert place.name == "Le Bureau Partagé"
    assert place.revisions.filter(decision="pending").get().data["name"] == "Le Bureau Partagé Garibaldi"


def test_an_unpublished_place_of_another_operator_is_not_found(client, operator):
    place_id = client.post(URL, NEW_PLACE, content_type="application/json", **bearer(operator)).json()["id"]
    stranger = MembershipFactory().user
    response = client.put(f"{URL}/{place_id}", NEW_PLACE, content_type="application/json", **bearer(stranger))
    assert response.status_code == 404


def test_a_body_too_large_is_refused_early_in_french(client, operator, settings):
    body = json.dumps({**NEW_PLACE, "description": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})
    response = client.post(URL, body, content_type="application/json", **bearer(operator))
    assert response.status_code == 413
    assert response.json()["detail"] == "Requête trop volumineuse : 2,5 Mo au plus."
    assert not Place.objects.exists()
