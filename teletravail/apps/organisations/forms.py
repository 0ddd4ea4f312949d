"""Forms of the organisation space. They validate input; services.py does the writing."""

import re

from django import forms
from django.contrib.auth import password_validation
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from teletravail.apps.accounts.models import User
from teletravail.apps.core.bounds import (
    DAYS_PER_WEEK,
    DESKS,
    HEADCOUNT,
    ORGANISATION_NAME_MAX_LENGTH,
    SITE_NAME_MAX_LENGTH,
    TEAM_NAME_MAX_LENGTH,
    clean_name,
)
from teletravail.apps.core.uploads import upload_max_bytes, upload_max_size
from teletravail.apps.geo.forms import CommuneField
from teletravail.apps.organisations.days import DAY_CHOICES
from teletravail.apps.organisations.models import Organisation, Role, Sector, Sex, Site, Team
from teletravail.apps.organisations.validators import normalise_naf_code, validate_naf_code, validate_siret


def commune_field(*, label, required=True, purpose=None):
    """The geo app's accessible autocomplete; `purpose` says why the commune is asked, before the usage hint."""
    help_text = CommuneField.default_help_text
    if purpose:
        help_text = format_lazy("{} {}", purpose, help_text)
    return CommuneField(label=label, required=required, help_text=help_text)


# --- Organisation -----------------------------------------------------------------------------------------------


class DeleteOrganisationForm(DsfrBaseForm):
    """The organisation's name, typed: the deletion cannot be undone (the service compares it)."""

    confirmation = forms.CharField(
        label=_("Nom de l'organisation, pour confirmer"),
        max_length=ORGANISATION_NAME_MAX_LENGTH + 50,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class OrganisationForm(DsfrBaseForm):
    name = forms.CharField(label=_("Raison sociale"), max_length=ORGANISATION_NAME_MAX_LENGTH)
    siret = forms.CharField(
        label=_("SIRET"),
        max_length=30,
        help_text=_("14 chiffres, espaces acceptés. Vous le trouvez sur annuaire-entreprises.data.gouv.fr."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    sector = forms.ChoiceField(
        label=_("Secteur"), choices=Sector.choices, initial=Sector.PRIVATE, widget=forms.RadioSelect
    )
    headcount = forms.IntegerField(
        label=_("Effectif"),
        min_value=HEADCOUNT.minimum,
        max_value=HEADCOUNT.maximum,
        help_text=_("Nombre de salarié·es ou d'agent·es."),
    )
    naf_code = forms.CharField(
        label=_("Code NAF (APE)"), max_length=6, required=False, help_text=_("Par exemple 62.01Z.")
    )

    def __init__(self, *args, organisation=None, **kwargs):
        self.organisation = organisation
        super().__init__(*args, **kwargs)

    # Signed-in people are told at once when a SIRET is taken; sign-up says nothing (services.sign_up_with_organisation
    # explains it by e-mail), so that the form tells no visitor which organisations have an account.
    tells_taken_siret = True

    def clean_siret(self):
        siret = re.sub(r"\s", "", self.cleaned_data["siret"])
        validate_siret(siret)
        if not self.tells_taken_siret:
            return siret
        others = Organisation.objects.filter(siret=siret)
        if self.organisation is not None:
            others = others.exclude(pk=self.organisation.pk)
        if others.exists():
            raise forms.ValidationError(
                _(
                    "Une organisation avec le SIRET %(siret)s existe déjà sur la plateforme : demandez à son "
                    "administrateur·rice de vous inviter."
                ),
                params={"siret": siret},
            )
        return siret

    def clean_name(self):
        return clean_name(self.cleaned_data["name"])

    def clean_naf_code(self):
        value = normalise_naf_code(self.cleaned_data["naf_code"])
        validate_naf_code(value)
        return value


class PlaceDaysForm(DsfrBaseForm):
    """Whether members may spend some telework days at a telework place near home, and at most how many a week."""

    place_days_allowed = forms.BooleanField(
        label=_("Autoriser les jours en tiers-lieu"),
        required=False,
        help_text=_(
            "Chaque membre peut alors choisir un lieu de télétravail proche de chez lui (coworking, tiers-lieu…) "
            "et y passer certains de ses jours de télétravail. Ces jours restent des jours de télétravail : ils "
            "ne comptent jamais comme des jours sur site."
        ),
    )
    place_days_per_week_max = forms.IntegerField(
        label=_("Jours en tiers-lieu par semaine, au plus"),
        min_value=DAYS_PER_WEEK.minimum,
        max_value=DAYS_PER_WEEK.maximum,
        help_text=_("De 0 à 5."),
    )


class OrganisationCreateForm(OrganisationForm):
    site_name = forms.CharField(
        label=_("Nom du premier site"), max_length=150, help_text=_("Par exemple « Siège » ou « Agence de Lyon ».")
    )
    site_commune = commune_field(label=_("Commune du premier site"))

    account_fields = ()

    @property
    def organisation_bound_fields(self):
        return [self[name] for name in self.fields if name not in self.account_fields]

    def organisation_values(self):
        data = self.cleaned_data
        return {
            "name": data["name"],
            "siret": data["siret"],
            "sector": data["sector"],
            "headcount": data["headcount"],
            "naf_code": data["naf_code"],
            "site_name": data["site_name"],
            "site_commune": data["site_commune"],
        }


class NewPasswordMixin:
    """Two password fields checked with the platform's password validators."""

    def _password_user(self):
        return User(email=self.cleaned_data.get("email", ""), full_name=self.cleaned_data.get("full_name", ""))

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2:
            if password1 != password2:
                self.add_error("password2", _("Les deux mots de passe ne sont pas identiques."))
            else:
                try:
                    password_validation.validate_password(password1, self._password_user())
                except forms.ValidationError as error:
                    self.add_error("password1", error)
        return cleaned

    def full_clean(self):
        """After an error elsewhere in the form, the accepted passwords stay typed: only a refused one is emptied."""
        super().full_clean()
        if self.is_bound and self.errors and not ({"password1", "password2"} & set(self.errors)):
            for name in ("password1", "password2"):
                self.fields[name].widget.render_value = True


def password_fields():
    return (
        forms.CharField(
            label=_("Mot de passe"),
            strip=False,
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
            help_text=_("Au moins 12 caractères, ni trop courant ni uniquement des chiffres."),
        ),
        forms.CharField(
            label=_("Confirmation du mot de passe"),
            strip=False,
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        ),
    )


class SignupForm(NewPasswordMixin, OrganisationCreateForm):
    full_name = forms.CharField(
        label=_("Nom complet"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("Adresse électronique professionnelle"),
        help_text=_("Format attendu : nom@domaine.fr"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password1, password2 = password_fields()

    account_fields = ("full_name", "email", "password1", "password2")
    tells_taken_siret = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields([*self.account_fields])

    def clean_email(self):
        # Whether the address has an account is said by e-mail only (services.sign_up_with_organisation).
        return self.cleaned_data["email"].strip().lower()

    @property
    def account_bound_fields(self):
        return [self[name] for name in self.account_fields]


# --- Sites and teams --------------------------------------------------------------------------------------------


DAY_FIELD_PREFIX = "desks_"


def _day_field(day):
    return f"{DAY_FIELD_PREFIX}{day}"


class SiteForm(DsfrBaseForm):
    name = forms.CharField(label=_("Nom du site"), max_length=SITE_NAME_MAX_LENGTH)
    commune = commune_field(label=_("Commune"))
    desks = forms.IntegerField(
        label=_("Postes de travail"),
        min_value=DESKS.minimum,
        max_value=DESKS.maximum,
        required=False,
        help_text=_("Nombre de postes disponibles sur le site, pour préparer le planning hybride."),
    )

    def __init__(self, *args, site=None, **kwargs):
        if site is not None:
            initial = {"name": site.name, "commune": site.commune, "desks": site.desks}
            initial.update({_day_field(day): count for day, count in site.desks_by_day.items()})
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        # One optional figure per day of the week (the planner plans weekends too), shown in their own fieldset.
        for day, label in DAY_CHOICES:
            self.fields[_day_field(day)] = forms.IntegerField(
                label=capfirst(label), min_value=DESKS.minimum, max_value=DESKS.maximum, required=False
            )

    def main_fields(self):
        return [field for field in self if not field.name.startswith(DAY_FIELD_PREFIX)]

    def day_fields(self):
        return [field for field in self if field.name.startswith(DAY_FIELD_PREFIX)]

    def clean_name(self):
        return clean_name(self.cleaned_data["name"])

    def site_values(self):
        """The service's arguments: name, commune, usual desks and each day's count (None: the usual one)."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "commune": data["commune"],
            "desks": data["desks"],
            "desks_by_day": {day: data[_day_field(day)] for day, _label in DAY_CHOICES},
        }


class TeamForm(DsfrBaseForm):
    name = forms.CharField(label=_("Nom de l'équipe"), max_length=TEAM_NAME_MAX_LENGTH)
    site = forms.ModelChoiceField(
        label=_("Site de rattachement"), queryset=Site.objects.none(), required=False, empty_label=_("Aucun site")
    )

    def __init__(self, *args, organisation, team=None, **kwargs):
        if team is not None:
            kwargs.setdefault("initial", {"name": team.name, "site": team.site_id})
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.filter(organisation=organisation).order_by("name")

    def clean_name(self):
        return clean_name(self.cleaned_data["name"])


class ClosureForm(DsfrBaseForm):
    label = forms.CharField(
        label=_("Motif"), max_length=150, help_text=_("Par exemple : pont de l'Ascension, fermeture annuelle.")
    )
    first_day = forms.DateField(label=_("Premier jour"), widget=forms.DateInput(attrs={"type": "date"}))
    last_day = forms.DateField(label=_("Dernier jour"), widget=forms.DateInput(attrs={"type": "date"}))
    site = forms.ModelChoiceField(
        label=_("Site fermé"), queryset=Site.objects.none(), required=False, empty_label=_("Tous les sites")
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.filter(organisation=organisation).order_by("name")


# --- Members ----------------------------------------------------------------------------------------------------


class MembershipFieldsForm(DsfrBaseForm):
    """Role, team, managed teams and home commune, limited to the organisation's own teams."""

    role = forms.ChoiceField(label=_("Rôle"), choices=Role.choices, initial=Role.EMPLOYEE)
    team = forms.ModelChoiceField(
        label=_("Équipe"), queryset=Team.objects.none(), required=False, empty_label=_("Aucune équipe")
    )
    managed_teams = forms.ModelMultipleChoiceField(
        label=_("Équipes encadrées"),
        queryset=Team.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Uniquement pour le rôle Manager : la personne verra les membres de ces équipes."),
    )
    home_commune = commune_field(
        label=_("Commune de résidence"),
        required=False,
        purpose=_("Sert uniquement aux estimations de trajets de l'organisation ; jamais communiquée ailleurs."),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        teams = Team.objects.filter(organisation=organisation).order_by("name")
        self.fields["team"].queryset = teams
        self.fields["managed_teams"].queryset = teams
        if not teams.exists():
            del self.fields["managed_teams"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("managed_teams") and cleaned.get("role") != Role.MANAGER:
            self.add_error(
                "managed_teams",
                _("Seuls les managers encadrent des équipes : choisissez le rôle Manager ou décochez les équipes."),
            )
        return cleaned

    def membership_values(self):
        data = self.cleaned_data
        return {
            "role": data["role"],
            "team": data.get("team"),
            "managed_teams": list(data.get("managed_teams") or []),
            "home_commune": data.get("home_commune"),
        }


class InvitationForm(MembershipFieldsForm):
    email = forms.EmailField(
        label=_("Adresse électronique"),
        help_text=_("Format attendu : nom@domaine.fr"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    full_name = forms.CharField(label=_("Nom complet"), max_length=150, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["email", "full_name", "role", "team", "managed_teams", "home_commune"])

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def invitation_values(self):
        """What the invitation services take from the form: the address, the name and the membership to come."""
        return {
            "email": self.cleaned_data["email"],
            "full_name": self.cleaned_data["full_name"],
            **self.membership_values(),
        }


class InvitationEditForm(InvitationForm):
    """The fields of a pending invitation, to correct an address, a role, a team or a commune before it is accepted."""

    def __init__(self, *args, invitation, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "email": invitation.email,
                "full_name": invitation.full_name,
                "role": invitation.role,
                "team": invitation.team_id,
                "managed_teams": list(invitation.managed_teams.values_list("pk", flat=True)),
                "home_commune": invitation.home_commune,
            },
        )
        super().__init__(*args, organisation=invitation.organisation, **kwargs)
        self.fields["email"].help_text = _(
            "Une nouvelle adresse reçoit un nouveau lien ; celui envoyé à l'ancienne ne fonctionnera plus."
        )


SEX_PURPOSE = _(
    "Facultatif. Sert uniquement à calculer, sans nommer personne, les indicateurs d'égalité entre les femmes et "
    "les hommes face au télétravail (accès, jours accordés, isolement), comme dans l'expérimentation ANACT – "
    "Droits des femmes ; aucun chiffre n'est montré pour un groupe de moins de 3 femmes ou de 3 hommes."
)


class MembershipForm(MembershipFieldsForm):
    sex = forms.ChoiceField(label=_("Sexe"), choices=Sex.choices, required=False, help_text=SEX_PURPOSE)

    def __init__(self, *args, membership, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "role": membership.role,
                "team": membership.team_id,
                "managed_teams": list(membership.managed_teams.values_list("pk", flat=True)),
                "home_commune": membership.home_commune,
                "sex": membership.sex,
            },
        )
        super().__init__(*args, organisation=membership.organisation, **kwargs)

    def membership_values(self):
        return {**super().membership_values(), "sex": self.cleaned_data.get("sex") or Sex.UNDECLARED}


class AcceptInvitationForm(NewPasswordMixin, DsfrBaseForm):
    """A new account for the invited address: the address itself comes from the invitation."""

    full_name = forms.CharField(
        label=_("Nom complet"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    password1, password2 = password_fields()

    def __init__(self, *args, invitation, **kwargs):
        self.invitation = invitation
        kwargs.setdefault("initial", {"full_name": invitation.full_name})
        super().__init__(*args, **kwargs)

    def _password_user(self):
        return User(email=self.invitation.email, full_name=self.cleaned_data.get("full_name", ""))


class MembersImportForm(DsfrBaseForm):
    file = forms.FileField(
        label=_("Fichier des membres (CSV ou XLSX)"),
        help_text=_(
            "Colonnes : email, nom, equipe, role, commune_residence. CSV en UTF-8 ou Windows-1252, séparé par "
            "des virgules, des points-virgules ou des tabulations, ou classeur XLSX ; 5 000 lignes au plus."
        ),
        widget=forms.FileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "class": "fr-upload",
            }
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > upload_max_bytes("member_import"):
            raise forms.ValidationError(
                _("Le fichier pèse plus de %(size)s Mo : découpez-le en plusieurs fichiers."),
                params={"size": upload_max_size("member_import")},
            )
        return upload


class ConsultantGrantForm(DsfrBaseForm):
    email = forms.EmailField(
        label=_("Adresse électronique du ou de la consultant·e"),
        help_text=_(
            "Si la personne n'a pas encore de compte, elle reçoit une invitation : son compte de consultant·e et "
            "son accès sont créés quand elle s'inscrit."
        ),
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
