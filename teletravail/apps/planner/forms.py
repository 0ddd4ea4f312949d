from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from teletravail.apps.core.bounds import PEOPLE_ON_SITE, PLAN_DAYS, out_of_plan_days_message
from teletravail.apps.planner.models import DAY_CHOICES, DAY_LABELS, WORKING_WEEK
from teletravail.planning.problem import EXCEPTIONAL, NORMAL


MAX_PLAN_WEEKS = 12  # a quarter: beyond, members and wishes change too much for one plan


def days_field(label, *, help_text="", initial=None, required=False):
    return forms.MultipleChoiceField(
        label=label,
        choices=DAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=required,
        help_text=help_text,
        initial=initial or [],
    )


def _in_order(days):
    codes = [code for code, _label in DAY_CHOICES]
    return sorted(days, key=codes.index)


def _overlaps(form, first, second, message):
    """Add `message` on `second` for each day chosen in both fields, naming the day."""
    cleaned = form.cleaned_data
    for day in _in_order(set(cleaned.get(first) or []) & set(cleaned.get(second) or [])):
        form.add_error(second, message % {"day": DAY_LABELS[day]})


class PlanForm(DsfrBaseForm):
    """The horizon and the rules of a new team plan."""

    start = forms.DateField(
        label=_("Premier lundi du planning"),
        help_text=_("Format : JJ/MM/AAAA."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    weeks = forms.IntegerField(label=_("Nombre de semaines"), min_value=1, max_value=MAX_PLAN_WEEKS, initial=4)
    days = days_field(_("Jours planifiés"), initial=WORKING_WEEK, required=True)
    min_on_site = forms.IntegerField(
        label=_("Présents minimum sur site chaque jour"),
        min_value=PEOPLE_ON_SITE.minimum,
        max_value=PEOPLE_ON_SITE.maximum,
        initial=0,
        required=False,
    )
    anchor_days = forms.IntegerField(
        label=_("Jours d'équipe au complet par semaine"),
        help_text=_("Jours où tous les membres qui travaillent ce jour-là sont sur site."),
        min_value=0,
        max_value=7,
        initial=1,
        required=False,
    )
    min_on_site_exceptionnel = forms.IntegerField(
        label=_("Présents minimum en mode exceptionnel"),
        help_text=_("Continuité du service lorsque l'organisation passe en mode exceptionnel."),
        min_value=PEOPLE_ON_SITE.minimum,
        max_value=PEOPLE_ON_SITE.maximum,
        initial=0,
        required=False,
    )
    max_telework_days_per_week = forms.IntegerField(
        label=_("Jours de télétravail maximum par semaine (règle commune)"),
        help_text=_("Laissez vide s'il n'y a pas de règle commune. Secteur public : 3 jours (décret n° 2016-151)."),
        min_value=0,
        max_value=7,
        required=False,
    )
    min_on_site_days_per_week = forms.IntegerField(
        label=_("Jours sur site minimum par semaine (règle commune)"),
        help_text=_("Laissez vide s'il n'y a pas de règle commune. Secteur public : 2 jours (décret n° 2016-151)."),
        min_value=0,
        max_value=7,
        required=False,
    )
    fixed_days = forms.BooleanField(label=_("Mêmes jours chaque semaine"), required=False)
    fair_rotation_days = days_field(
        _("Jours de télétravail à partager équitablement"),
        help_text=_("Par exemple le lundi et le vendredi, souvent demandés."),
    )
    isolation_weeks = forms.IntegerField(
        label=_("Seuil d'isolement (semaines)"),
        help_text=_("Un membre qui ne croise aucun collègue sur site pendant ce nombre de semaines est signalé."),
        min_value=1,
        max_value=MAX_PLAN_WEEKS,
        initial=2,
    )

    def clean_start(self):
        start = self.cleaned_data["start"]
        if start not in PLAN_DAYS:
            raise forms.ValidationError(out_of_plan_days_message())
        if start.weekday() != 0:
            raise forms.ValidationError(
                _("Le %(date)s n'est pas un lundi : choisissez le lundi de la première semaine.")
                % {"date": date_format(start, "SHORT_DATE_FORMAT")}
            )
        return start

    def clean(self):
        cleaned = super().clean()
        days = cleaned.get("days") or []
        outside = [day for day in cleaned.get("fair_rotation_days") or [] if day not in days]
        for day in _in_order(outside):
            self.add_error(
                "fair_rotation_days", _("Le %(day)s n'est pas un jour planifié.") % {"day": DAY_LABELS[day]}
            )
        anchor = cleaned.get("anchor_days")
        if anchor and days and anchor > len(days):
            self.add_error(
                "anchor_days",
                _("%(anchor)d jours d'équipe au complet demandés pour %(days)d jours planifiés par semaine.")
                % {"anchor": anchor, "days": len(days)},
            )
        return cleaned

    def plan_values(self):
        data = self.cleaned_data
        return {
            "start": data["start"],
            "weeks": data["weeks"],
            "days": _in_order(data["days"]),
            "min_on_site": data["min_on_site"] or 0,
            "anchor_days": data["anchor_days"] or 0,
            "min_on_site_exceptionnel": data["min_on_site_exceptionnel"] or 0,
            "max_telework_days_per_week": data["max_telework_days_per_week"],
            "min_on_site_days_per_week": data["min_on_site_days_per_week"],
            "fixed_days": data["fixed_days"],
            "fair_rotation_days": _in_order(data["fair_rotation_days"]),
            "isolation_weeks": data["isolation_weeks"],
        }


class MemberProfileForm(DsfrBaseForm):
    """What the manager sets for one member: eligibility, working days, fixed days."""

    telework_days_max = forms.IntegerField(
        label=_("Jours de télétravail éligibles par semaine"),
        min_value=0,
        max_value=7,
        required=False,
    )
    can_telework = forms.BooleanField(label=_("Peut télétravailler"), required=False, initial=True)
    on_site_days_min = forms.IntegerField(
        label=_("Jours sur site minimum par semaine (personnel)"), min_value=0, max_value=7, initial=0, required=False
    )
    days_off = days_field(_("Jours non travaillés (temps partiel)"))
    fixed_remote = days_field(_("Jours de télétravail fixes"))
    fixed_on_site = days_field(_("Jours sur site fixes"))

    def __init__(self, *args, default_eligibility=None, **kwargs):
        super().__init__(*args, **kwargs)
        if default_eligibility is None:
            help_text = _("Laissez vide : pas de limite propre à ce membre.")
        else:
            help_text = _("Laissez vide pour appliquer la valeur par défaut : %(days)d jours.") % {
                "days": default_eligibility
            }
        self.fields["telework_days_max"].help_text = help_text

    def clean(self):
        cleaned = super().clean()
        _overlaps(self, "fixed_remote", "fixed_on_site", _("Le %(day)s est aussi un jour de télétravail fixe."))
        _overlaps(self, "days_off", "fixed_remote", _("Le %(day)s est un jour non travaillé."))
        _overlaps(self, "days_off", "fixed_on_site", _("Le %(day)s est un jour non travaillé."))
        if cleaned.get("can_telework") is False and cleaned.get("fixed_remote"):
            self.add_error(
                "fixed_remote", _("Un membre qui ne peut pas télétravailler n'a pas de jour de télétravail.")
            )
        limit = cleaned.get("telework_days_max")
        fixed = cleaned.get("fixed_remote") or []
        if limit is not None and len(fixed) > limit:
            self.add_error(
                "fixed_remote",
                _("%(fixed)d jours de télétravail fixes pour %(limit)d jours éligibles par semaine.")
                % {"fixed": len(fixed), "limit": limit},
            )
        return cleaned

    def profile_values(self):
        data = self.cleaned_data
        return {
            "telework_days_max": data["telework_days_max"],
            "can_telework": data["can_telework"],
            "on_site_days_min": data["on_site_days_min"] or 0,
            "days_off": _in_order(data["days_off"]),
            "fixed_remote": _in_order(data["fixed_remote"]),
            "fixed_on_site": _in_order(data["fixed_on_site"]),
        }


class PreferencesForm(DsfrBaseForm):
    """The days a member would rather work remotely or on site; the manager's plan tries to respect them."""

    preferred_remote = days_field(_("Jours où je préfère télétravailler"))
    preferred_on_site = days_field(_("Jours où je préfère venir sur site"))

    def clean(self):
        cleaned = super().clean()
        _overlaps(
            self,
            "preferred_remote",
            "preferred_on_site",
            _("Le %(day)s est déjà parmi vos jours de télétravail préférés."),
        )
        return cleaned


class ModeSwitchForm(DsfrBaseForm):
    target = forms.ChoiceField(
        choices=[(EXCEPTIONAL, _("exceptionnel")), (NORMAL, _("normal"))], widget=forms.HiddenInput
    )
    reason = forms.CharField(
        label=_("Motif"),
        help_text=_("Par exemple : épisode de pollution, épidémie, intempéries, grève des transports."),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PlaceChoiceField(forms.ChoiceField):
    """One of the places offered, by its identifier; a place no longer offered (unpublished since the page was
    shown…) is refused by the service, which says why."""

    def valid_value(self, value):
        return True


class PlaceDaysForm(DsfrBaseForm):
    """The member's telework place near home and the days of the week they telework there."""

    place = PlaceChoiceField(label=_("Mon lieu de télétravail"), required=False, widget=forms.RadioSelect)
    days = days_field(
        _("Mes jours en tiers-lieu"),
        help_text=_("Ces jours-là, quand le planning vous place en télétravail, vous travaillez dans ce lieu."),
    )

    def __init__(self, *args, places=(), **kwargs):
        """`places`: the places offered (selectors.choosable_places); the page's table of the nearest places gives
        the distance of each and what a day there saves."""
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = [("", _("Aucun lieu"))] + [
            (str(place.pk), f"{place.name} — {place.commune.label}") for place in places
        ]

    def clean_place(self):
        value = self.cleaned_data["place"]
        if not value:
            return None
        try:
            return int(value)
        except ValueError as error:
            raise forms.ValidationError(_("Choisissez un lieu dans la liste.")) from error

    def clean(self):
        cleaned = super().clean()
        cleaned["days"] = _in_order(cleaned.get("days") or [])
        return cleaned
