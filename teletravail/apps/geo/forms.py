from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from teletravail.apps.geo.models import Commune
from teletravail.apps.geo.selectors import (
    INSEE_CODE,
    POSTAL_CODE,
    area_from_input,
    commune_by_code,
    resolve_commune,
)
from teletravail.apps.geo.widgets import AreaAutocompleteWidget, ChosenCode, CommuneAutocompleteWidget


def candidate_text(commune):
    """« Villeurbanne (69), code postal » / « Irigny (69), code INSEE »: a candidate and how it matched."""
    how = {POSTAL_CODE: _("code postal"), INSEE_CODE: _("code INSEE")}.get(getattr(commune, "matched_by", None))
    return f"{commune.label}, {how}" if how else commune.label


def candidates_text(candidates):
    return " ; ".join(candidate_text(commune) for commune in candidates)


class CommuneField(forms.Field):
    """A commune chosen in the autocomplete list; cleans an INSEE code (or an unambiguous name) into a `Commune`."""

    widget = CommuneAutocompleteWidget
    # The DSFR input group (label, hint, errors) around the widget, for `{{ field.as_field_group }}` and `{{ form }}`.
    default_template_name = "geo/widgets/commune_field.html"
    default_error_messages = {
        "unknown": _("Commune inconnue : choisissez une commune dans la liste."),
        "ambiguous": _(
            "« %(text)s » peut désigner plusieurs communes : %(candidates)s. Choisissez-en une dans la liste."
        ),
    }

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
        if isinstance(value, ChosenCode):
            commune = commune_by_code(value)
            if commune is None:
                raise ValidationError(self.error_messages["unknown"], code="unknown")
            return commune
        resolution = resolve_commune(str(value))
        if resolution.ambiguous:
            raise ValidationError(
                self.error_messages["ambiguous"],
                code="ambiguous",
                params={"text": resolution.text, "candidates": candidates_text(resolution.candidates)},
            )
        if resolution.unknown:
            raise ValidationError(self.error_messages["unknown"], code="unknown")
        return resolution.commune

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        initial_code = self.prepare_value(initial) or ""
        try:
            data_code = self.prepare_value(self.to_python(data)) or ""
        except ValidationError:
            return True
        return str(initial_code) != str(data_code)


class AreaField(forms.CharField):
    """A zone of the territory simulator, chosen by its name in the autocomplete list or written as the simulator
    reads it; cleans to that form (« dep:01 »), empty for France."""

    widget = AreaAutocompleteWidget
    default_error_messages = {
        "unknown": _(
            "Zone inconnue : choisissez une région, un département ou un EPCI dans la liste, ou écrivez dep:01, "
            "reg:84, epci:SIREN ou communes:CODE,CODE."
        ),
        "ambiguous": _("Plusieurs zones portent ce nom : choisissez dans la liste (%(labels)s)."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("template_name", "geo/widgets/commune_field.html")
        super().__init__(**kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return text
        areas = area_from_input(text)
        if not areas:
            raise ValidationError(self.error_messages["unknown"], code="unknown")
        if len(areas) > 1:
            labels = ", ".join(area.label for area in areas)
            raise ValidationError(self.error_messages["ambiguous"], code="ambiguous", params={"labels": labels})
        return areas[0].code


class CommuneDistanceForm(forms.Form):
    origin = CommuneField(label=_("Commune de départ"))
    destination = CommuneField(label=_("Commune d'arrivée"))
