from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from teletravail.apps.geo.models import Commune
from teletravail.apps.geo.selectors import commune_from_input
from teletravail.apps.geo.widgets import CommuneAutocompleteWidget


class CommuneField(forms.Field):
    """A commune chosen in the autocomplete list; cleans an INSEE code (or an unambiguous name) into a `Commune`."""

    widget = CommuneAutocompleteWidget
    # The DSFR input group (label, hint, errors) around the widget, for `{{ field.as_field_group }}` and `{{ form }}`.
    default_template_name = "geo/widgets/commune_field.html"
    default_error_messages = {"unknown": _("Commune inconnue : choisissez une commune dans la liste.")}

    default_help_text = _("Saisissez le nom, le code postal ou le code INSEE, puis choisissez dans la liste.")

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", self.default_help_text)
        # Field.__init__ sets template_name from its argument (None by default), hiding any class attribute.
        kwargs.setdefault("template_name", self.default_template_name)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return value.code if isinstance(value, Commune) else value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Commune):
            return value
        commune = commune_from_input(str(value))
        if commune is None:
            raise ValidationError(self.error_messages["unknown"], code="unknown")
        return commune

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        initial_code = self.prepare_value(initial) or ""
        try:
            data_code = self.prepare_value(self.to_python(data)) or ""
        except ValidationError:
            return True
        return str(initial_code) != str(data_code)


class CommuneDistanceForm(forms.Form):
    origin = CommuneField(label=_("Commune de départ"))
    destination = CommuneField(label=_("Commune d'arrivée"))
