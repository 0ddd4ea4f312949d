from django import forms
from django.utils.translation import gettext_lazy as _

from teletravail.apps.geo.forms import CommuneField
from teletravail.apps.places.vocabulary import ACCESSIBILITY_CHOICES, KIND_CHOICES, SERVICE_CHOICES


class DirectoryForm(forms.Form):
    """The directory's search: a commune (name, postal code or INSEE code) and filters, all optional."""

    commune = CommuneField(label=_("Commune ou code postal"), required=False)
    kind = forms.ChoiceField(
        label=_("Type de lieu"), choices=[("", _("Tous les types"))] + KIND_CHOICES, required=False
    )
    services = forms.MultipleChoiceField(
        label=_("Services"), choices=SERVICE_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    accessibility = forms.MultipleChoiceField(
        label=_("Accessibilité"), choices=ACCESSIBILITY_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
