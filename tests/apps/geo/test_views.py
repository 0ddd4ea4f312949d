import re

import pytest
from django.urls import reverse

from teletravail.geo import road_distance_estimate
from tests.factories import make_commune


pytestmark = pytest.mark.django_db


def test_search_url():
    assert reverse("geo:search") == "/geo/communes/recherche/"
    assert reverse("geo:communes") == "/geo/communes/"


def test_search_endpoint_returns_widget_results(client, geography):
    response = client.get(reverse("geo:search"), {"q": "st etienne"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    results = response.json()["results"]
    assert results[0] == {
        "code": "42218",
        "name": "Saint-Étienne",
        "departement": "42",
        "postal_codes": ["42000", "42100", "42230"],
        "label": "Saint-Étienne (42)",
        "matched_by": "name",
        "detail": "codes postaux 42000, 42100, 42230",
    }
    assert [result["code"] for result in results] == ["42218", "42219"]
    assert "max-age=3600" in response["Cache-Control"]


def test_search_endpoint_finds_by_code_and_postal_code(client, geography):
    assert client.get(reverse("geo:search"), {"q": "2A004"}).json()["results"][0]["label"] == "Ajaccio (2A)"
    assert [r["code"] for r in client.get(reverse("geo:search"), {"q": "42000"}).json()["results"]] == ["42218"]


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "s"}])
def test_search_endpoint_short_query_gives_no_results(client, geography, params):
    response = client.get(reverse("geo:search"), params)
    assert response.status_code == 200
    assert response.json() == {"results": []}


def test_search_endpoint_is_get_only(client):
    assert client.post(reverse("geo:search"), {"q": "lyon"}).status_code == 405


def test_page_without_parameters_shows_the_empty_form(client):
    response = client.get(reverse("geo:communes"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>Communes et distances</h1>" in content
    assert content.count('role="combobox"') == 2
    assert "Commune de départ" in content and "Commune d&#x27;arrivée" in content
    assert 'src="/static/js/commune-autocomplete.js" defer' in content
    assert 'href="/static/css/commune-autocomplete.css"' in content
    assert "fr-error-text" not in content
    assert "la distance est de" not in content


def test_page_with_two_codes_shows_both_communes_and_the_distance(client, geography):
    response = client.get(reverse("geo:communes"), {"origin": "42218", "destination": "69123"})

    assert response.status_code == 200
    content = response.content.decode()
    estimate = road_distance_estimate(45.43025, 4.37861, 45.7549, 4.8364)
    crow, road = f"{estimate.great_circle_km:.1f}".replace(".", ","), f"{estimate.road_km:.1f}".replace(".", ",")
    assert crow == "50,7"
    assert f"la distance est de {crow} km" in content
    assert f"Par la route, la distance est estimée à {road} km" in content
    low, high = f"{estimate.road_km_low:.1f}".replace(".", ","), f"{estimate.road_km_high:.1f}".replace(".", ",")
    assert f"plutôt entre {low} et {high} km" in content
    assert "facteur de détour de 1,3" in content
    assert "de 1,2 à 1,4" in content
    assert "Ballou, Rahardja and Sakai" in content
    assert "Valeur à vérifier dans la publication d'origine." in content
    # Both communes described: département, région, EPCI, population (grouped with a narrow no-break space).
    assert "Saint-Étienne (code INSEE 42218) se trouve dans le département Loire (42)" in content
    assert "Lyon (code INSEE 69123) se trouve dans le département Rhône (69)" in content
    assert "Auvergne-Rhône-Alpes" in content
    assert "Saint-Étienne Métropole" in content and "Métropole de Lyon" in content
    assert "173\u202f136" in content and "519\u202f127" in content
    assert len(re.findall(r'class="fr-table[ "]', content)) == 2
    # The form is re-displayed with the chosen communes.
    assert 'value="Saint-Étienne (42)"' in content and 'value="42218"' in content
    assert 'value="Lyon (69)"' in content and 'value="69123"' in content


def test_page_works_without_javascript_from_typed_names(client, geography):
    response = client.get(reverse("geo:communes"), {"origin_text": "Saint-Étienne (42)", "destination_text": "lyon"})

    content = response.content.decode()
    assert "la distance est de 50,7 km" in content


def test_page_with_an_unknown_commune_shows_a_dsfr_error(client, geography):
    response = client.get(reverse("geo:communes"), {"origin": "99999", "destination": "69123"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "Commune inconnue : choisissez une commune dans la liste." in content
    assert "fr-input-group--error" in content
    assert "fr-input--error" in content
    assert 'aria-invalid="true"' in content
    assert 'id="id_origin_error"' in content
    assert "la distance est de" not in content


def test_page_with_a_missing_commune_says_it_is_required(client, geography):
    response = client.get(reverse("geo:communes"), {"origin": "42218", "destination": ""})

    content = response.content.decode()
    assert "Ce champ est obligatoire." in content
    assert "la distance est de" not in content


def test_page_with_a_commune_without_coordinates_explains_why_there_is_no_distance(client, db):
    make_commune("15031", "Celles", "celles", latitude=None, longitude=None)
    make_commune()

    response = client.get(reverse("geo:communes"), {"origin": "15031", "destination": "42218"})

    content = response.content.decode()
    assert "fr-alert--warning" in content
    assert "La commune Celles (15031) n&#x27;a pas de coordonnées" in content


def test_page_respects_the_strict_csp(client, geography):
    response = client.get(reverse("geo:communes"), {"origin": "42218", "destination": "69123"})

    content = response.content.decode()
    assert 'style="' not in content
    assert not re.search(r"\son[a-z]+=", content)
    assert re.findall("<script[^>]*>", content)  # a loop over nothing would assert nothing
    for script in re.findall(r"<script[^>]*>", content):
        assert "src=" in script
