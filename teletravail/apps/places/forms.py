import math
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from teletravail import french
from teletravail.apps.core.uploads import upload_max_bytes, upload_max_size
from teletravail.apps.geo.forms import AreaField, CommuneField
from teletravail.apps.geo.selectors import POSTAL_CODE, resolve_commune
from teletravail.apps.geo.widgets import ChosenCode
from teletravail.apps.organisations.validators import validate_siret
from teletravail.apps.places.models import Decision
from teletravail.apps.places.selectors import PlaceSearch
from teletravail.apps.places.vocabulary import ACCESSIBILITY_CHOICES, KIND_CHOICES, LABEL_CHOICES, SERVICE_CHOICES
from teletravail.apps.simulator.forms import MODE_NAMES
from teletravail.impact.modes import INDIVIDUAL_MODES
from teletravail.places.coverage import threshold_bounds
from teletravail.places.hours import next_day_of_week
from teletravail.places.quality import EVIDENCE_MAX_LENGTH
from teletravail.places.record import PlaceRecord


class PostalCodeArea(tuple):
    """The communes of a postal code typed in the box (several communes share most postal codes)."""

    def __new__(cls, code, communes):
        area = super().__new__(cls, communes)
        area.code = code
        return area

    @property
    def label(self):
        return _("%(code)s (code postal)") % {"code": self.code}


class CommuneOrPostalCodeField(CommuneField):
    """A commune, or a postal code typed in the box that only names communes by their postal code: all of them. A
    code that is also an INSEE code (69003, Albigny-sur-Saône) still asks which one is meant."""

    def to_python(self, value):
        if value and not isinstance(value, ChosenCode):
            candidates = resolve_commune(str(value)).candidates
            by_postal_code = [commune for commune in candidates if commune.matched_by == POSTAL_CODE]
            if len(by_postal_code) > 1 and len(by_postal_code) == len(candidates):
                return PostalCodeArea(str(value).strip(), by_postal_code)
        return super().to_python(value)

    def prepare_value(self, value):
        return value.code if isinstance(value, PostalCodeArea) else super().prepare_value(value)


RADIUS_CHOICES = [("", _("Dans la commune")), *((str(km), _("À %(km)s km") % {"km": km}) for km in (5, 10, 20, 50))]
DAY_CHOICES = [
    ("", _("N'importe quel jour")),
    ("0", _("Lundi")),
    ("1", _("Mardi")),
    ("2", _("Mercredi")),
    ("3", _("Jeudi")),
    ("4", _("Vendredi")),
    ("5", _("Samedi")),
    ("6", _("Dimanche")),
]


class DirectoryForm(DsfrBaseForm):
    """The directory's search: a commune (name, postal code or INSEE code), a radius around it, and filters, all
    optional; the map and the list read the same search (`search()`)."""

    commune = CommuneOrPostalCodeField(label=_("Commune ou code postal"), required=False)
    radius_km = forms.TypedChoiceField(
        label=_("Distance"), choices=RADIUS_CHOICES, coerce=int, empty_value=None, required=False
    )
    kind = forms.ChoiceField(
        label=_("Type de lieu"), choices=[("", _("Tous les types"))] + KIND_CHOICES, required=False
    )
    services = forms.MultipleChoiceField(
        label=_("Services"), choices=SERVICE_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    accessibility = forms.MultipleChoiceField(
        label=_("Accessibilité"), choices=ACCESSIBILITY_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    labels = forms.MultipleChoiceField(
        label=_("Labels"), choices=LABEL_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    max_day_price = forms.DecimalField(
        label=_("Prix maximal d'un poste à la journée, TTC (€)"),
        min_value=Decimal(0),
        max_digits=7,
        decimal_places=2,
        required=False,
        help_text=_("Seuls les lieux qui indiquent ce prix sont retenus."),
    )
    open_day = forms.TypedChoiceField(
        label=_("Ouvert le"), choices=DAY_CHOICES, coerce=int, empty_value=None, required=False
    )
    open_time = forms.TimeField(
        label=_("À l'heure"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Par exemple 14:30."),
    )

    def clean(self):
        data = super().clean()
        if data.get("open_time") is not None and data.get("open_day") is None:
            self.add_error("open_day", _("Choisissez le jour où le lieu doit être ouvert à cette heure."))
        if data.get("radius_km") and not data.get("commune"):
            self.add_error("commune", _("Choisissez la commune autour de laquelle chercher."))
        return data

    def search(self, today=None):
        """The PlaceSearch of a valid form; « open on Tuesday » is the next Tuesday, today included."""
        data = self.cleaned_data
        commune = data.get("commune")
        day = data.get("open_day")
        price = data.get("max_day_price")
        return PlaceSearch(
            communes=tuple(commune) if isinstance(commune, PostalCodeArea) else ((commune,) if commune else ()),
            radius_km=data.get("radius_km"),
            kind=data.get("kind") or "",
            services=tuple(data.get("services") or ()),
            accessibility=tuple(data.get("accessibility") or ()),
            labels=tuple(data.get("labels") or ()),
            max_day_price_cents=None if price is None else int(price * 100),
            open_day=None if day is None else next_day_of_week(today or timezone.localdate(), day),
            open_time=data.get("open_time"),
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


class CommuteModeForm(DsfrBaseForm):
    """The mode a person goes to the office by, for the places near their home (the platform does not store it)."""

    mode = forms.ChoiceField(
        label=_("Mode de transport habituel"), choices=[(mode, MODE_NAMES[mode]) for mode in INDIVIDUAL_MODES]
    )

    def chosen_mode(self):
        """The mode asked for, else the first one, as the person simulator's form starts."""
        return self.cleaned_data["mode"] if self.is_bound and self.is_valid() else INDIVIDUAL_MODES[0]


DISTANCE, TIME = "km", "minutes"  # the two thresholds of the territories lacking places


class LackingPlacesForm(DsfrBaseForm):
    """A territory and the distance (or the time by car) beyond which its residents lack a telework place (plan
    action 15)."""

    area = AreaField(
        label=_("Territoire"),
        help_text=_("Une région ou un département (ou un EPCI) : saisissez son nom puis choisissez dans la liste."),
        max_length=2000,
    )
    threshold = forms.ChoiceField(
        label=_("Seuil"),
        choices=[(DISTANCE, _("Une distance à vol d'oiseau")), (TIME, _("Un temps en voiture"))],
        widget=forms.RadioSelect,
        initial=DISTANCE,
        required=False,  # a search written before the time threshold existed gives a distance
    )
    max_km = forms.DecimalField(
        label=_("Distance au lieu le plus proche (km, à vol d'oiseau)"),
        help_text=_("Les communes dont aucun lieu ouvert n'est à moins de cette distance."),
        min_value=1,
        decimal_places=1,
        initial=15,
        error_messages={"required": _("Indiquez la distance, en km.")},
    )
    max_minutes = forms.IntegerField(
        label=_("Temps en voiture jusqu'au lieu le plus proche (minutes)"),
        help_text=_(
            "Porte à porte, comme le compte le simulateur : rejoindre la voiture et se garer, puis la route estimée "
            "depuis la distance à vol d'oiseau."
        ),
        initial=20,
        error_messages={"required": _("Indiquez le temps en voiture, en minutes.")},
    )
    min_teleworkers = forms.IntegerField(
        label=_("Télétravailleurs potentiels au moins"),
        help_text=_("Pour ne garder que les communes où le manque touche assez de monde."),
        min_value=0,
        initial=0,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the threshold chosen is asked for (the other one is marked optional).
        by_time = self.data.get("threshold") == TIME
        self.fields["max_km"].required = not by_time
        self.fields["max_minutes"].required = by_time

    def clean_area(self):
        area = self.cleaned_data["area"]
        if area.startswith("communes:"):
            raise forms.ValidationError(
                _("Choisissez une région, un département ou un EPCI, pas une liste de communes.")
            )
        return area

    def clean(self):
        data = super().clean()
        max_km, least_minutes, most_minutes = threshold_bounds()
        language = get_language()
        if (data.get("threshold") or DISTANCE) == DISTANCE:
            distance = data.get("max_km")
            if distance is not None and distance > max_km:
                self.add_error("max_km", _("%(km)s km au plus.") % {"km": french.integer(max_km, language=language)})
            return data
        minutes = data.get("max_minutes")
        if minutes is not None and minutes <= 0:
            self.add_error("max_minutes", _("Le temps doit être positif."))
        elif minutes is not None and minutes <= least_minutes:
            self.add_error(
                "max_minutes",
                _(
                    "Plus de %(least)s min : un trajet en voiture compte déjà autant pour rejoindre la voiture et se "
                    "garer, même vers un lieu voisin."
                )
                % {"least": french.decimal(least_minutes, language=language)},
            )
        elif minutes is not None and minutes > most_minutes:
            self.add_error(
                "max_minutes",
                _("%(most)s min au plus : le temps en voiture de %(km)s km à vol d'oiseau, la plus grande distance.")
                % {
                    "most": french.integer(math.floor(most_minutes), language=language),
                    "km": french.integer(max_km, language=language),
                },
            )
        return data

    def thresholds(self):
        """The threshold of a valid form as `communes_lacking_places` takes it: {"max_km": …} or {"max_minutes": …}."""
        if (self.cleaned_data.get("threshold") or DISTANCE) == DISTANCE:
            return {"max_km": float(self.cleaned_data["max_km"])}
        return {"max_minutes": float(self.cleaned_data["max_minutes"])}


class CharterDecisionForm(ModerationForm):
    """A moderator's decision on a quality-charter assessment."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = [
            (Decision.APPROVED, _("Accorder le label")),
            (Decision.CHANGES_REQUESTED, _("Demander des compléments")),
            (Decision.REJECTED, _("Refuser")),
        ]


class CharterAssessmentForm(forms.Form):
    """The operator's evidence for each criterion of a version of the quality charter (one field per criterion)."""

    def __init__(self, *args, version, language, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in version.criteria:
            self.fields[criterion.code] = forms.CharField(
                label=criterion.title_in(language),
                help_text=criterion.requirement_in(language),
                max_length=EVIDENCE_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def evidence(self):
        return dict(self.cleaned_data)


PLACES_FILE = "places_file"  # the kind of upload in settings.UPLOAD_MAX_MEGABYTES


def places_file_too_large():
    return _(
        "Le fichier dépasse %(size)s Mo : découpez-le (par département par exemple) et importez chaque partie."
    ) % {"size": upload_max_size(PLACES_FILE)}


class PlacesFileForm(DsfrBaseForm):
    """A moderator's file of places: a CSV in the published schema or an OpenStreetMap (Overpass JSON) extract."""

    file = forms.FileField(label=_("Fichier de lieux"))
    file_format = forms.ChoiceField(
        label=_("Format"),
        choices=[("csv", _("CSV du schéma publié")), ("osm", _("JSON Overpass (OpenStreetMap)"))],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("%(size)s Mo au plus.") % {"size": upload_max_size(PLACES_FILE)}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > upload_max_bytes(PLACES_FILE):
            raise forms.ValidationError(places_file_too_large())
        return upload
