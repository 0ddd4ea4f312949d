from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from dsfr.forms import DsfrBaseForm

from teletravail.apps.core.bounds import ALLOWANCE_EUR_PER_DAY, DAYS_PER_WEEK, DESK_SHARING_RATIO, DESKS, DISTANCE_KM
from teletravail.apps.core.forms import ShareInPercentField
from teletravail.apps.core.uploads import upload_max_bytes, upload_max_size
from teletravail.apps.geo.forms import AreaField, CommuneField
from teletravail.impact.modes import INDIVIDUAL_MODES


def days_per_week_field(label, *, initial):
    """A number of days a week, to the tenth (« 2,5 »), within what a week holds."""
    return forms.DecimalField(
        label=label,
        min_value=DAYS_PER_WEEK.minimum,
        max_value=DAYS_PER_WEEK.maximum,
        decimal_places=1,
        initial=initial,
    )


# The engine's transport modes (teletravail.impact.modes.MODE_LABELS, French only) in the page's language.
MODE_NAMES = {
    "voiture_thermique": pgettext_lazy("mode de transport", "Voiture thermique"),
    "voiture_electrique": pgettext_lazy("mode de transport", "Voiture électrique"),
    "covoiturage": pgettext_lazy("mode de transport", "Covoiturage"),
    "moto": pgettext_lazy("mode de transport", "Moto"),
    "bus": pgettext_lazy("mode de transport", "Bus"),
    "tramway": pgettext_lazy("mode de transport", "Tramway"),
    "metro": pgettext_lazy("mode de transport", "Métro"),
    "rer": pgettext_lazy("mode de transport", "RER ou Transilien"),
    "train": pgettext_lazy("mode de transport", "Train (TER)"),
    "velo": pgettext_lazy("mode de transport", "Vélo"),
    "velo_electrique": pgettext_lazy("mode de transport", "Vélo à assistance électrique"),
    "marche": pgettext_lazy("mode de transport", "Marche"),
    "voiture": pgettext_lazy("mode de transport", "Voiture (parc thermique et électrique)"),
    "transports_en_commun": pgettext_lazy("mode de transport", "Transports en commun"),
    "aucun": pgettext_lazy("mode de transport", "Pas de déplacement"),
}


class PersonSimulationForm(DsfrBaseForm):
    """One commuter: where (two communes, or a distance), how, and how many days at home and at the office."""

    home = CommuneField(label=_("Commune de résidence"), required=False)
    work = CommuneField(label=_("Commune de travail"), required=False)
    distance_km = forms.DecimalField(
        label=_("Ou distance domicile-travail, aller simple (km)"),
        help_text=_("À la place des deux communes, si vous la connaissez."),
        required=False,
        min_value=DISTANCE_KM.minimum,
        max_value=DISTANCE_KM.maximum,
        decimal_places=1,
    )
    mode = forms.ChoiceField(
        label=_("Mode de transport habituel"), choices=[(mode, MODE_NAMES[mode]) for mode in INDIVIDUAL_MODES]
    )
    telework_days = days_per_week_field(_("Jours de télétravail par semaine"), initial=2)
    office_days = days_per_week_field(_("Jours au bureau par semaine"), initial=3)
    method = forms.ChoiceField(
        label=_("Méthode de calcul"),
        choices=[
            ("default", _("Méthode de la plateforme (effets rebond, coûts, accidents)")),
            ("impactco2", _("Méthode d'Impact CO2 (ADEME), pour comparer")),
        ],
        initial="default",
        widget=forms.RadioSelect,
    )

    def clean(self):
        cleaned = super().clean()
        has_communes = cleaned.get("home") and cleaned.get("work")
        if cleaned.get("distance_km") is None and not has_communes and not self.has_error("home"):
            raise forms.ValidationError(
                _("Indiquez vos communes de résidence et de travail, ou la distance aller en kilomètres.")
            )
        return cleaned


class EmployerSimulationForm(DsfrBaseForm):
    """The organisation's staff (members with a home commune, or a file) and the employer's own figures."""

    staff_file = forms.FileField(
        label=_("Fichier du personnel (CSV ou XLSX)"),
        help_text=_(
            "Sans fichier, le calcul part des membres de l'organisation qui ont indiqué leur commune de résidence. "
            "Colonnes : commune_domicile ou distance_km, mode, jours_teletravail, jours_bureau, "
            "salaire_brut_annuel et profession (code PCS 2020 ou intitulé du poste), facultatives."
        ),
        required=False,
    )
    mode = forms.ChoiceField(
        label=_("Mode de transport supposé des membres"),
        help_text=_("Utilisé seulement sans fichier : la plateforme ne demande pas leur mode aux membres."),
        choices=[(mode, MODE_NAMES[mode]) for mode in INDIVIDUAL_MODES],
        initial="voiture_thermique",
    )
    telework_days = days_per_week_field(_("Jours de télétravail par semaine"), initial=2)
    office_days = days_per_week_field(_("Jours au bureau par semaine"), initial=3)
    desks = forms.IntegerField(
        label=_("Postes de travail actuels"), min_value=DESKS.minimum, max_value=DESKS.maximum, required=False
    )
    desk_sharing_ratio = forms.DecimalField(
        label=_("Postes par salarié après réorganisation (ex. 0,7)"),
        min_value=DESK_SHARING_RATIO.minimum,
        max_value=DESK_SHARING_RATIO.maximum,
        decimal_places=2,
        required=False,
    )
    allowance = forms.DecimalField(
        label=_("Indemnité de télétravail par jour (€)"),
        min_value=ALLOWANCE_EUR_PER_DAY.minimum,
        max_value=ALLOWANCE_EUR_PER_DAY.maximum,
        decimal_places=2,
        required=False,
        initial=0,
    )

    def clean_staff_file(self):
        upload = self.cleaned_data.get("staff_file")
        if upload and upload.size > upload_max_bytes("staff_file"):
            raise forms.ValidationError(_("Le fichier dépasse %(size)s Mo.") % {"size": upload_max_size("staff_file")})
        return upload


def flows_file_too_large(kind="flows_file"):
    """The refusal of a flows file beyond the size in settings for `kind` (flows_file: read within a request, the
    API; flows_file_job: the page's, simulated by a job)."""
    return _("Le fichier dépasse %(size)s Mo : utilisez la commande teletravail simulate territory.") % {
        "size": upload_max_size(kind)
    }


FLOWS_FILE = "file"
NATIONAL_TABLE = "national"


class TerritorySimulationForm(DsfrBaseForm):
    """Flows (an INSEE or standard file, or the synthetic national table), a telework scenario and the area."""

    source = forms.ChoiceField(
        label=_("Flux domicile-travail"),
        choices=[
            (FLOWS_FILE, _("Mon fichier de flux")),
            (NATIONAL_TABLE, _("La table nationale synthétique (France entière)")),
        ],
        initial=FLOWS_FILE,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "La table nationale est SYNTHÉTIQUE : tirée d'un modèle calé sur les agrégats nationaux publiés, elle ne "
            "contient aucune donnée de flux observée."
        ),
    )
    flows_file = forms.FileField(label=_("Fichier des flux domicile-travail"), required=False)
    telework_days = days_per_week_field(_("Jours de télétravail par semaine"), initial=2)
    adoption = ShareInPercentField(
        label=_("Part des actifs télétravaillables qui télétravaillent (%)"),
        help_text=_("Un pourcentage : 30 pour 30 %."),
        initial=50,
    )
    area = AreaField(
        label=_("Zone"),
        help_text=_(
            "Une région, un département ou un EPCI : saisissez son nom puis choisissez dans la liste ; ou une liste "
            "de communes, écrite communes:42218,69383. Vide : la France entière."
        ),
        required=False,
        initial="france",
        max_length=2000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["flows_file"].help_text = _(
            "Fichier de l'INSEE « base flux » ou détail FD_MOBPRO, ou table standard (home, work, mode, workers, "
            "distance_km) ; CSV, XLSX ou Parquet, %(size)s Mo au plus."
        ) % {"size": upload_max_size("flows_file_job")}

    def clean_source(self):
        return self.cleaned_data["source"] or FLOWS_FILE

    def clean_flows_file(self):
        upload = self.cleaned_data["flows_file"]
        if upload and upload.size > upload_max_bytes("flows_file_job"):
            raise forms.ValidationError(flows_file_too_large("flows_file_job"))
        return upload

    def clean(self):
        data = super().clean()
        if data.get("source") == FLOWS_FILE and not data.get("flows_file") and "flows_file" not in self.errors:
            self.add_error("flows_file", _("Envoyez un fichier de flux, ou choisissez la table nationale."))
        return data
