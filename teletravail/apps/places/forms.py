from django import forms
from django.utils.translation import gettext_lazy as _

from teletravail.apps.geo.forms import CommuneField
from teletravail.apps.organisations.validators import validate_siret
from teletravail.apps.places.models import Decision
from teletravail.apps.places.vocabulary import ACCESSIBILITY_CHOICES, KIND_CHOICES, SERVICE_CHOICES
from teletravail.places.record import PlaceRecord


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


class PlaceForm(forms.Form):
    """A place as its operator registers or edits it; checked by the services as an import row is."""

    name = forms.CharField(label=_("Nom du lieu"), max_length=200)
    kind = forms.ChoiceField(label=_("Type de lieu"), choices=KIND_CHOICES)
    siret = forms.CharField(label=_("SIRET de l'exploitant"), max_length=17, validators=[validate_siret])
    address = forms.CharField(label=_("Adresse"), max_length=300, required=False)
    postal_code = forms.CharField(label=_("Code postal"), max_length=5, required=False)
    commune = CommuneField(label=_("Commune"))
    latitude = forms.FloatField(label=_("Latitude (degrés décimaux, WGS84)"), min_value=-90, max_value=90)
    longitude = forms.FloatField(label=_("Longitude (degrés décimaux, WGS84)"), min_value=-180, max_value=180)
    opening_hours = forms.CharField(
        label=_("Horaires"),
        max_length=255,
        required=False,
        help_text=_("Syntaxe OpenStreetMap, par exemple « Mo-Fr 09:00-18:00; Sa 09:00-12:00 »."),
    )
    website = forms.URLField(label=_("Site web"), required=False, assume_scheme="https")
    booking_url = forms.URLField(label=_("Lien de réservation"), required=False, assume_scheme="https")
    phone = forms.CharField(label=_("Téléphone"), max_length=30, required=False)
    email = forms.EmailField(label=_("Courriel de contact"), required=False)
    services = forms.MultipleChoiceField(
        label=_("Services"), choices=SERVICE_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    accessibility = forms.MultipleChoiceField(
        label=_("Accessibilité"), choices=ACCESSIBILITY_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    description = forms.CharField(label=_("Présentation"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def clean_siret(self):
        return self.cleaned_data["siret"].replace(" ", "")

    def record(self):
        data = self.cleaned_data
        return PlaceRecord(
            source="",
            source_id="",
            licence="",
            name=data["name"].strip(),
            kind=data["kind"],
            address=data["address"].strip(),
            postal_code=data["postal_code"].strip(),
            latitude=data["latitude"],
            longitude=data["longitude"],
            siret=data["siret"],
            website=data["website"],
            phone=data["phone"].strip(),
            email=data["email"],
            opening_hours=data["opening_hours"],
            services=tuple(data["services"]),
            accessibility=tuple(data["accessibility"]),
            description=data["description"].strip(),
            booking_url=data["booking_url"],
        )

    @classmethod
    def initial_of(cls, place):
        names = [name for name in cls.base_fields if name != "commune"]
        return {**{name: getattr(place, name) for name in names}, "commune": place.commune}


class ModerationForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Décision"),
        choices=[
            (Decision.APPROVED, _("Approuver et publier")),
            (Decision.CHANGES_REQUESTED, _("Demander des modifications")),
            (Decision.REJECTED, _("Refuser")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Raison (lue par l'exploitant)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
