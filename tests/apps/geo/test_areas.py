"""Zones of the territory simulator chosen by name: régions, départements and EPCI, with an autocomplete."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from teletravail.apps.geo.forms import AreaField
from teletravail.apps.geo.models import Departement, Region
from teletravail.apps.geo.selectors import area_from_input, search_areas


pytestmark = pytest.mark.django_db


def codes(areas):
    return [area.code for area in areas]


def test_zones_are_found_by_their_name_without_accents_best_first(geography):
    assert codes(search_areas("ile de fr")) == ["reg:11"]
    assert codes(search_areas("Auvergne-Rhône"))[0] == "reg:84"
    assert codes(search_areas("corse")) == ["reg:94", "dep:2A", "dep:2B"]  # the exact name, then name starts
    assert codes(search_areas("lyon")) == ["epci:200046977"]  # a word of « Métropole de Lyon »
    assert codes(search_areas("2a")) == ["dep:2A"]  # a code
    assert [area.label for area in search_areas("saint etienne")] == ["Saint-Étienne Métropole (EPCI)"]
    assert search_areas("c") == [] and search_areas("introuvable") == []


def test_a_name_a_label_or_a_written_zone_is_understood(geography):
    assert codes(area_from_input("Corse-du-Sud")) == ["dep:2A"]
    assert codes(area_from_input("corse du sud (2A)")) == ["dep:2A"]
    assert codes(area_from_input("Auvergne-Rhône-Alpes")) == ["reg:84"]
    assert codes(area_from_input("Métropole de Lyon")) == ["epci:200046977"]
    assert codes(area_from_input("dep:2a")) == ["dep:2A"]
    assert codes(area_from_input("communes:42218,69383")) == ["communes:42218,69383"]  # the simulator checks it
    assert area_from_input("Nulle part") == [] and area_from_input("  ") == []


def test_a_name_that_two_zones_share_asks_to_choose(geography):
    """La Réunion is a région and a département: the name alone does not say which."""
    reunion = Region.objects.create(code="04", name="La Réunion", zone="reunion")
    Departement.objects.create(code="974", name="La Réunion", region=reunion)
    field = AreaField(required=False)
    assert codes(area_from_input("La Réunion")) == ["reg:04", "dep:974"]
    assert codes(area_from_input("La Réunion (974)")) == ["dep:974"]
    with pytest.raises(ValidationError, match="Plusieurs zones portent ce nom") as error:
        field.clean("La Réunion")
    assert "La Réunion (région), La Réunion (974)" in str(error.value)
    assert field.clean("La Réunion (région)") == "reg:04"
    with pytest.raises(ValidationError, match="Zone inconnue"):
        field.clean("Atlantide")
    assert field.clean("") == ""


def test_the_search_endpoint_answers_codes_and_labels(client, geography):
    response = client.get(reverse("geo:area_search"), {"q": "bretagne"})
    assert response.status_code == 200
    assert json.loads(response.content) == {"results": [{"code": "reg:53", "label": "Bretagne (région)"}]}
