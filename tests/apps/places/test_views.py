import io
import re
import zipfile
from datetime import date

import pytest
from django.urls import reverse

from teletravail.apps.places.models import Place
from teletravail.apps.places.services import import_places
from teletravail.places.readers import read_schema_csv
from tests.apps.places.conftest import CORDEE, VILLAGE, schema_csv


@pytest.fixture
def places(lyon):
    html = {
        **VILLAGE,
        "id": "L3",
        "nom": "<img src=x onerror=alert(1)>",
        "presentation": "<script>alert('x')</script>",
        "code_insee": "69266",
        "latitude": "45.7708",
        "longitude": "4.8890",
        "type": "fablab",
        "accessibilite": "wheelchair",
        "date_maj": date.today().isoformat(),
    }
    import_places(read_schema_csv(schema_csv(CORDEE, VILLAGE, html)))
    return {place.name: place for place in Place.objects.all()}


def names(response):
    return [summary.place.name for summary in response.context["places"]]


def test_the_directory_lists_every_place_by_name(client, places):
    response = client.get(reverse("places:index"))
    assert response.status_code == 200
    assert names(response) == ["<img src=x onerror=alert(1)>", "La Cordée Liberté", "Le Village by CA"]


def test_search_by_postal_code_finds_the_arrondissement_and_by_name_the_commune(client, places):
    # 69003 is the postal code of Lyon 3e (and the INSEE code of Albigny-sur-Saône: the person must choose).
    response = client.get(reverse("places:index"), {"commune": "69383"})
    assert names(response) == ["La Cordée Liberté"]
    # Lyon takes its arrondissements.
    assert names(client.get(reverse("places:index"), {"commune": "69123"})) == [
        "La Cordée Liberté",
        "Le Village by CA",
    ]
    # Typed without JavaScript: an exact name.
    assert names(client.get(reverse("places:index"), {"commune_text": "Villeurbanne"})) == [
        "<img src=x onerror=alert(1)>"
    ]


def test_an_ambiguous_postal_code_asks_to_choose(client, places):
    response = client.get(reverse("places:index"), {"commune_text": "69003"})
    content = response.content.decode()
    assert "peut désigner plusieurs communes" in content
    assert "Albigny-sur-Saône" in content


def test_filters_by_kind_service_and_accessibility(client, places):
    url = reverse("places:index")
    assert names(client.get(url, {"kind": "fablab"})) == ["<img src=x onerror=alert(1)>"]
    assert names(client.get(url, {"services": ["wifi", "printing"]})) == ["La Cordée Liberté"]
    assert names(client.get(url, {"services": ["wifi", "showers"]})) == []
    assert names(client.get(url, {"accessibility": "wheelchair"})) == ["<img src=x onerror=alert(1)>"]


def test_a_place_page_shows_hours_in_words_offers_source_and_freshness(client, places):
    place = places["La Cordée Liberté"]
    content = client.get(reverse("places:detail", kwargs={"place_id": place.pk})).content.decode()
    assert "Du lundi au vendredi : 8 h 30 – 19 h" in content
    assert "Impression" in content
    assert "Poste à la journée" in content
    assert "20,00" in content and "24,00" in content  # excluding and including VAT at 20 %
    assert "Fichier importé au format de la plateforme, licence Licence Ouverte 2.0." in content
    # Verified on 2026-10-01: fresh until October 2027 (places.yaml: 12 months).
    stale = date.today() > date(2027, 10, 1)
    assert ("Fiche non vérifiée récemment" in content) is stale


def test_a_never_verified_place_says_so(client, places):
    content = client.get(reverse("places:detail", kwargs={"place_id": places["Le Village by CA"].pk})).content.decode()
    assert "Cette fiche n'a jamais été vérifiée" in content


def test_html_in_a_record_is_escaped(client, places):
    place = places["<img src=x onerror=alert(1)>"]
    for url in (reverse("places:index"), reverse("places:detail", kwargs={"place_id": place.pk})):
        content = client.get(url).content.decode()
        assert "<img src=x" not in content
        assert "<script>alert" not in content
    assert "&lt;script&gt;alert" in content


def test_the_place_page_in_english(client, places):
    place = places["La Cordée Liberté"]
    content = client.get(
        reverse("places:detail", kwargs={"place_id": place.pk}), headers={"accept-language": "en"}
    ).content.decode()
    assert "Monday to Friday: 08:30 – 19:00" in content
    assert "Day desk" in content


def test_an_unknown_place_is_404(client, lyon):
    assert client.get(reverse("places:detail", kwargs={"place_id": 999})).status_code == 404


def test_the_home_page_links_to_the_directory(client, db):
    content = client.get(reverse("core:home")).content.decode()
    assert reverse("places:index") in content


def test_the_directory_links_to_the_open_data_package_and_the_api_documentation(client, places):
    response = client.get(reverse("places:index"))
    links = re.findall(r'href="([^"]+)"', response.content.decode())
    assert reverse("places:open_data") in links
    assert reverse("api-v1:openapi-view") in links
    # The link leads to the package itself.
    package = client.get(reverse("places:open_data"))
    assert package.status_code == 200
    assert zipfile.ZipFile(io.BytesIO(package.content)).namelist()
