"""Forms of the action plan. They validate input; services.py does the writing."""

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from teletravail.apps.actionplan.models import Action, OwnerRole, Status
from teletravail.apps.actionplan.origins import origin_kinds
from teletravail.apps.actionplan.selectors import owner_choices
from teletravail.apps.organisations.models import Membership


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, membership):
        return membership.user.full_name or membership.user.email


class ActionForm(DsfrBaseForm):
    title = forms.CharField(label=_("Action"), max_length=Action._meta.get_field("title").max_length)
    detail = forms.CharField(label=_("Précisions"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    owner_role = forms.ChoiceField(label=_("Qui la porte"), choices=OwnerRole.choices)
    owner = MemberChoiceField(
        label=_("Personne responsable"),
        queryset=Membership.objects.none(),
        required=False,
        empty_label=_("Personne en particulier"),
        help_text=_("Facultatif : le rôle ci-dessus suffit quand l'action n'est pas confiée à une personne."),
    )
    due_on = forms.DateField(
        label=_("Échéance"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    status = forms.ChoiceField(label=_("État"), choices=Status.choices)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owner_choices(organisation).order_by("user__email")


class FilterForm(forms.Form):
    """The filters of the plan, read from the address (GET): a value that is not offered is ignored."""

    status = forms.ChoiceField(label=_("État"), required=False)
    origin = forms.ChoiceField(label=_("Origine"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Tous les états")), *Status.choices]
        self.fields["origin"].choices = [("", _("Toutes les origines")), *origin_kinds()]

    def values(self):
        if not self.is_valid():
            return {"status": None, "origin_kind": None}
        return {"status": self.cleaned_data["status"] or None, "origin_kind": self.cleaned_data["origin"] or None}
