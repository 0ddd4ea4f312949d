import re

import pytest
from django import forms
from django.core.exceptions import ValidationError

from teletravail.apps.geo.forms import CommuneDistanceForm, CommuneField
from teletravail.apps.geo.models import Commune
from teletravail.apps.geo.widgets import CommuneAutocompleteWidget


pytestmark = pytest.mark.django_db


class OneCommuneForm(forms.Form):
    home = CommuneField(label="Commune de résidence", required=False)


def attribute(html, element_id, name):
    """Value of attribute `name` on the element with id `element_id`."""
    tag = re.search(rf"<[^>]*\bid=\"{element_id}\"[^>]*>", html)
    assert tag, f"no element with id {element_id}"
    value = re.search(rf"\s{name}=\"([^\"]*)\"", tag.group(0))
    return value.group(1) if value else None


def test_widget_renders_an_aria_combobox():
    html = str(CommuneDistanceForm()["origin"].as_field_group())

    assert attribute(html, "id_origin", "role") == "combobox"
    assert attribute(html, "id_origin", "aria-autocomplete") == "list"
    assert attribute(html, "id_origin", "aria-expanded") == "false"
    assert attribute(html, "id_origin", "aria-controls") == "id_origin_listbox"
    assert attribute(html, "id_origin", "aria-describedby") == "id_origin_helptext"
    assert attribute(html, "id_origin", "autocomplete") == "off"
    assert attribute(html, "id_origin", "class") == "fr-input"
    assert attribute(html, "id_origin", "name") == "origin_text"
    assert attribute(html, "id_origin_listbox", "role") == "listbox"
    assert attribute(html, "id_origin_listbox", "aria-label") == "Communes proposées"
    assert re.search(r'<ul[^>]*id="id_origin_listbox"[^>]*\shidden', html)
    assert attribute(html, "id_origin_code", "type") == "hidden"
    assert attribute(html, "id_origin_code", "name") == "origin"
    assert attribute(html, "id_origin_status", "role") == "status"
    assert attribute(html, "id_origin_status", "aria-live") == "polite"
    assert '<label class="fr-label" for="id_origin">' in html
    assert '<span class="fr-hint-text" id="id_origin_helptext">' in html
    assert 'class="fr-input-group"' in html


def test_widget_passes_url_and_french_messages_as_data():
    html = str(CommuneDistanceForm()["origin"])

    assert 'data-search-url="/geo/communes/recherche/"' in html
    assert 'data-min-length="2"' in html
    assert 'data-message-none="Aucune commune trouvée"' in html
    assert 'data-message-one="1 commune trouvée"' in html
    assert 'data-message-many="{count} communes trouvées"' in html


def test_widget_search_url_can_be_given():
    widget = CommuneAutocompleteWidget(search_url="/ailleurs/recherche/")
    assert 'data-search-url="/ailleurs/recherche/"' in widget.render("home", None, {"id": "id_home"})


def test_media_loads_the_static_script_deferred_and_the_stylesheet():
    media = str(CommuneDistanceForm().media)

    assert '<script src="/static/js/commune-autocomplete.js" defer></script>' in media
    assert '<link href="/static/css/commune-autocomplete.css" media="all" rel="stylesheet">' in media
    # Two fields, one script.
    assert media.count("commune-autocomplete.js") == 1


def test_bound_form_shows_the_commune_label_and_keeps_the_code(geography):
    form = CommuneDistanceForm({"origin": "42218", "destination": ""})
    html = str(form["origin"])

    assert attribute(html, "id_origin", "value") == "Saint-Étienne (42)"
    assert attribute(html, "id_origin_code", "value") == "42218"


def test_initial_commune_is_shown_with_its_label(geography):
    form = OneCommuneForm(initial={"home": Commune.objects.get(code="2A004")})
    html = str(form["home"])

    assert attribute(html, "id_home", "value") == "Ajaccio (2A)"
    assert attribute(html, "id_home_code", "value") == "2A004"


def test_text_that_names_no_commune_is_given_back_as_typed(geography):
    form = CommuneDistanceForm({"origin_text": "Saint", "destination": "69123"})

    assert not form.is_valid()
    html = str(form["origin"].as_field_group())
    assert attribute(html, "id_origin", "value") == "Saint"
    assert attribute(html, "id_origin_code", "value") == ""


def test_invalid_field_is_marked_for_assistive_technologies(geography):
    form = CommuneDistanceForm({"origin": "99999", "destination": "69123"})

    assert form.errors == {"origin": ["Commune inconnue : choisissez une commune dans la liste."]}
    html = str(form["origin"].as_field_group())
    assert "fr-input-group fr-input-group--error" in html
    assert attribute(html, "id_origin", "class") == "fr-input fr-input--error"
    assert attribute(html, "id_origin", "aria-invalid") == "true"
    assert attribute(html, "id_origin", "aria-describedby") == "id_origin_helptext id_origin_error"
    assert '<div id="id_origin_error">' in html
    assert '<p class="fr-error-text">Commune inconnue : choisissez une commune dans la liste.</p>' in html


def test_field_cleans_a_code_into_a_commune(geography):
    form = CommuneDistanceForm({"origin": "42218", "destination": "2a004"})

    assert form.is_valid()
    assert form.cleaned_data["origin"] == Commune.objects.get(code="42218")
    assert form.cleaned_data["destination"].code == "2A004"


def test_the_code_wins_over_the_typed_text(geography):
    form = CommuneDistanceForm({"origin": "42218", "origin_text": "Lyon (69)", "destination": "69123"})

    assert form.is_valid()
    assert form.cleaned_data["origin"].code == "42218"


def test_field_errors(geography):
    field = CommuneField()
    with pytest.raises(ValidationError) as caught:
        field.clean("99999")
    assert caught.value.messages == ["Commune inconnue : choisissez une commune dans la liste."]
    with pytest.raises(ValidationError) as caught:
        field.clean("")
    assert caught.value.messages == ["Ce champ est obligatoire."]
    assert CommuneField(required=False).clean("") is None


def test_has_changed_compares_codes(geography):
    field = CommuneField()
    saint_etienne = Commune.objects.get(code="42218")
    assert not field.has_changed(saint_etienne, "42218")
    assert not field.has_changed("42218", "Saint-Étienne (42)")
    assert field.has_changed(saint_etienne, "69123")
    assert field.has_changed(None, "nulle part")


def test_value_omitted_only_when_neither_input_was_sent():
    widget = CommuneAutocompleteWidget()
    assert widget.value_omitted_from_data({}, {}, "home")
    assert not widget.value_omitted_from_data({"home_text": "Lyon"}, {}, "home")
    assert not widget.value_omitted_from_data({"home": ""}, {}, "home")


def test_classes_given_to_the_widget_are_kept_without_duplicates():
    widget = CommuneAutocompleteWidget(attrs={"class": "fr-input mon-champ"})
    html = widget.render("home", None, {"id": "id_home"})
    assert attribute(html, "id_home", "class") == "fr-input mon-champ"
