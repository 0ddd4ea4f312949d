"""The commune and zone autocompletes: an ARIA 1.2 combobox over a JSON search endpoint, progressively enhanced.

Without JavaScript the visible text box is submitted as `<name>_text` and the field resolves it when unambiguous;
with JavaScript the chosen commune's INSEE code (a zone's code) travels in the hidden input named after the field.
"""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from teletravail.apps.geo.models import Commune
from teletravail.apps.geo.selectors import MIN_QUERY_LENGTH, area_from_input, commune_by_code, commune_from_input


TEXT_SUFFIX = "_text"


class ChosenCode(str):
    """The INSEE code of a commune (a zone's code) chosen in the list (the hidden input), as opposed to text
    typed in the box, where "69003" is first a postal code."""


class AutocompleteWidget(forms.Widget):
    """What the commune and zone widgets share; each says what its value is and how its list speaks."""

    template_name = "geo/widgets/commune_autocomplete.html"

    class Media:
        css = {"all": ["css/commune-autocomplete.css"]}
        js = [forms.Script("js/commune-autocomplete.js", defer=True)]

    def __init__(self, attrs=None, search_url=None):
        super().__init__(attrs)
        # Given as data, never written in the script, so the widget works wherever the app is mounted.
        self.search_url = search_url

    @staticmethod
    def text_name(name):
        return f"{name}{TEXT_SUFFIX}"

    def value_from_datadict(self, data, files, name):
        code = (data.get(name) or "").strip()
        return ChosenCode(code) if code else (data.get(self.text_name(name)) or "").strip()

    def value_omitted_from_data(self, data, files, name):
        return name not in data and self.text_name(name) not in data

    def chosen(self, value):
        """(code, label) of what `value` names, or None."""
        raise NotImplementedError

    def default_search_url(self):
        raise NotImplementedError

    def listbox_label(self):
        raise NotImplementedError

    def messages(self):
        raise NotImplementedError

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        chosen = self.chosen(value if value is not None else widget["value"])
        widget_attrs = widget["attrs"]
        # The visible text box carries the field's id, so that the field's <label for> names it.
        base_id = widget_attrs.get("id") or f"id_{name}"
        widget_attrs["id"] = base_id
        classes = ["fr-input", *widget_attrs.get("class", "").split()]
        if widget_attrs.get("aria-invalid") == "true":
            classes.append("fr-input--error")
        # Without duplicates: DSFR form classes may already have added "fr-input".
        widget_attrs["class"] = " ".join(dict.fromkeys(classes))
        widget.update(
            {
                "code": chosen[0] if chosen else "",
                # A choice shows as its label; text that names nothing is given back as typed.
                "text": chosen[1] if chosen else (widget["value"] or ""),
                "text_name": self.text_name(name),
                "code_id": f"{base_id}_code",
                "listbox_id": f"{base_id}_listbox",
                "listbox_label": self.listbox_label(),
                "status_id": f"{base_id}_status",
                "search_url": str(self.search_url or self.default_search_url()),
                "min_length": MIN_QUERY_LENGTH,
                "messages": self.messages(),
            }
        )
        return context


class CommuneAutocompleteWidget(AutocompleteWidget):
    def format_value(self, value):
        if isinstance(value, Commune):
            return value.code
        return super().format_value(value)

    def chosen(self, value):
        if isinstance(value, Commune):
            commune = value
        elif isinstance(value, ChosenCode):
            commune = commune_by_code(value)
        else:
            commune = commune_from_input(value or "")
        return (commune.code, commune.label) if commune else None

    def default_search_url(self):
        return reverse("geo:search")

    def listbox_label(self):
        return _("Communes proposées")

    def messages(self):
        return {
            "none": _("Aucune commune trouvée"),
            "one": ngettext("%(count)s commune trouvée", "%(count)s communes trouvées", 1) % {"count": 1},
            # The script puts the number in place of {count}.
            "many": ngettext("%(count)s commune trouvée", "%(count)s communes trouvées", 2) % {"count": "{count}"},
            "error": _("La recherche de communes est momentanément indisponible."),
        }


class AreaAutocompleteWidget(AutocompleteWidget):
    """A zone of the territory simulator: France, a région, a département or an EPCI chosen by its name; a zone
    written as the simulator reads it (« dep:01 », « communes:42218,69383 ») is kept as typed."""

    def chosen(self, value):
        areas = area_from_input(value or "")
        return (areas[0].code, areas[0].label) if len(areas) == 1 else None

    def default_search_url(self):
        return reverse("geo:area_search")

    def listbox_label(self):
        return _("Zones proposées")

    def messages(self):
        return {
            "none": _("Aucune zone trouvée"),
            "one": ngettext("%(count)s zone trouvée", "%(count)s zones trouvées", 1) % {"count": 1},
            "many": ngettext("%(count)s zone trouvée", "%(count)s zones trouvées", 2) % {"count": "{count}"},
            "error": _("La recherche de zones est momentanément indisponible."),
        }
