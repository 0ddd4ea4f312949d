from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from teletravail.apps.apitokens.services import NAME_MAX_LENGTH


class TokenForm(DsfrBaseForm):
    """A new token: its name, its validity, the organisations it opens (among the person's own)."""

    name = forms.CharField(
        label=_("Nom du jeton"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("Pour le reconnaître dans la liste, par exemple « Export mensuel RH »."),
    )
    days = forms.IntegerField(
        label=_("Validité (jours)"),
        min_value=1,
        max_value=settings.API_TOKEN_MAX_DAYS,
        initial=settings.API_TOKEN_DEFAULT_DAYS,
    )
    organisations = forms.TypedMultipleChoiceField(
        label=_("Organisations ouvertes"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Le jeton agit avec le rôle que vous avez dans chaque organisation au moment de la requête, jamais plus."
        ),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].choices = [(organisation.pk, organisation.name) for organisation in organisations]
        if len(organisations) == 1:
            self.fields["organisations"].initial = [organisations[0].pk]
