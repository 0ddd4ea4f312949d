"""Forms of the telework requests. They validate input; services.py does the writing and its own checks."""

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from teletravail.apps.organisations.days import WORKING_WEEK


GRANT = "accorder"
REFUSE = "refuser"


class RequestForm(DsfrBaseForm):
    days = forms.IntegerField(
        label=_("Jours de télétravail souhaités par semaine"), min_value=1, max_value=len(WORKING_WEEK)
    )
    message = forms.CharField(
        label=_("Message (facultatif)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Par exemple : les jours que vous préféreriez, le lieu, ce qui motive votre demande."),
    )


class DecisionForm(DsfrBaseForm):
    decision = forms.ChoiceField(
        label=_("Décision"),
        choices=((GRANT, _("Accorder le télétravail")), (REFUSE, _("Refuser"))),
        widget=forms.RadioSelect,
    )
    days_granted = forms.IntegerField(
        label=_("Jours de télétravail accordés par semaine"),
        min_value=1,
        max_value=len(WORKING_WEEK),
        required=False,
        help_text=_("Si vous accordez : au plus ce qui est demandé. Les prochains plannings de l'équipe le suivront."),
    )
    reason = forms.CharField(
        label=_("Motif"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Obligatoire pour un refus : l'employeur motive sa réponse (Code du travail, art. L1222-9). La personne "
            "le lira."
        ),
    )

    def decision_values(self):
        data = self.cleaned_data
        grant = data["decision"] == GRANT
        return {"grant": grant, "days_granted": data["days_granted"] if grant else None, "reason": data["reason"]}
