import pytest

from tests.factories import make_commune


pytestmark = pytest.mark.django_db


def test_search(client, geography):
    response = client.get("/api/v1/communes", {"q": "saint etienne"})

    assert response.status_code == 200
    results = response.json()["results"]
    assert results[0] == {
        "code": "42218",
        "name": "Saint-Étienne",
        "kind": "COM",
        "departement": "42",
        "postal_codes": ["42000", "42100", "42230"],
        "population": 173136,
        "label": "Saint-Étienne (42)",
        "matched_by": "name",
    }
    assert [result["code"] for result in results] == ["42218", "42219"]


def test_search_limit(client, geography):
    assert len(client.get("/api/v1/communes", {"q": "sain", "limit": 2}).json()["results"]) == 2


@pytest.mark.parametrize("params", [{"q": ""}, {"q": "s"}, {"q": " s "}])
def test_search_needs_two_characters(client, params):
    response = client.get("/api/v1/communes", params)

    assert response.status_code == 400
    assert response.json() == {"detail": "La recherche doit comporter au moins 2 caractères (paramètre q)."}


def test_search_without_q_names_the_missing_parameter(client):
    response = client.get("/api/v1/communes")

    assert response.status_code == 400
    assert response.json() == {
        "detail": "Données invalides.",
        "erreurs": [{"champ": "q", "message": "Champ obligatoire."}],
    }


@pytest.mark.parametrize("limit", [0, 51])
def test_search_limit_out_of_range(client, limit):
    response = client.get("/api/v1/communes", {"q": "lyon", "limit": limit})

    assert response.status_code == 400
    assert response.json() == {"detail": "Le nombre de résultats (paramètre limit) doit être compris entre 1 et 50."}


def test_detail(client, geography):
    response = client.get("/api/v1/communes/69381")

    assert response.status_code == 200
    assert response.json() == {
        "code": "69381",
        "name": "Lyon 1er Arrondissement",
        "kind": "ARM",
        "departement": "69",
        "postal_codes": ["69001"],
        "population": 28717,
        "label": "Lyon 1er Arrondissement (69)",
        "departement_name": "Rhône",
        "region": "84",
        "region_name": "Auvergne-Rhône-Alpes",
        "epci_siren": "200046977",
        "epci_name": "Métropole de Lyon",
        "parent": "69123",
        "area_km2": 1.575,
        "latitude": 45.7701,
        "longitude": 4.82845,
    }


def test_detail_of_a_commune_without_epci_and_a_lower_case_corsican_code(client, geography):
    assert client.get("/api/v1/communes/22016").json()["epci_name"] is None
    assert client.get("/api/v1/communes/2a004").json()["code"] == "2A004"


def test_detail_unknown(client, geography):
    response = client.get("/api/v1/communes/99999")

    assert response.status_code == 404
    assert response.json() == {"detail": "Commune inconnue : 99999."}


def test_distance(client, geography):
    response = client.get("/api/v1/communes/distance", {"from_code": "75056", "to_code": "69123"})

    assert response.status_code == 200
    body = response.json()
    assert body["origin"]["code"] == "75056"
    assert body["destination"]["label"] == "Lyon (69)"
    assert body["great_circle_km"] == pytest.approx(392.7, abs=0.1)
    assert body["detour_factor"] == 1.3
    assert (body["detour_factor_low"], body["detour_factor_high"]) == (1.2, 1.4)
    assert body["road_km"] == pytest.approx(body["great_circle_km"] * 1.3)
    assert body["road_km_low"] == pytest.approx(body["great_circle_km"] * 1.2)
    assert body["road_km_high"] == pytest.approx(body["great_circle_km"] * 1.4)
    assert [source["parameter"] for source in body["sources"]] == ["earth_radius_km", "road_detour_factor"]
    assert body["sources"][1]["title"].startswith("Ballou, Rahardja and Sakai")
    assert body["sources"][1]["to_verify"] is True


def test_distance_unknown_commune(client, geography):
    response = client.get("/api/v1/communes/distance", {"from_code": "75056", "to_code": "99999"})

    assert response.status_code == 404
    assert response.json() == {"detail": "Commune inconnue : 99999."}


def test_distance_needs_both_codes(client):
    response = client.get("/api/v1/communes/distance", {"from_code": "75056"})

    assert response.status_code == 400
    assert response.json()["erreurs"] == [{"champ": "to_code", "message": "Champ obligatoire."}]
    blank = client.get("/api/v1/communes/distance", {"from_code": "75056", "to_code": " "})
    assert blank.json() == {"detail": "Indiquez les codes INSEE des deux communes (paramètres from_code et to_code)."}


def test_distance_without_coordinates(client, db):
    make_commune("15031", "Celles", "celles", latitude=None, longitude=None)
    make_commune()

    response = client.get("/api/v1/communes/distance", {"from_code": "42218", "to_code": "15031"})

    assert response.status_code == 400
    assert response.json()["detail"].startswith("La commune Celles (15031) n'a pas de coordonnées")


def test_the_api_is_public_and_documented_in_french(client):
    schema = client.get("/api/v1/openapi.json").json()

    paths = schema["paths"]
    assert {"/api/v1/communes", "/api/v1/communes/distance", "/api/v1/communes/{code}"} <= set(paths)
    for path in ("/api/v1/communes", "/api/v1/communes/distance", "/api/v1/communes/{code}"):
        assert "security" not in paths[path]["get"]
    commune = schema["components"]["schemas"]["CommuneOut"]["properties"]
    assert commune["code"]["description"] == "Code INSEE de la commune (5 caractères ; 2A/2B pour la Corse)."
