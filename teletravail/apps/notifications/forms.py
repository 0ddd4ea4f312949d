from django import forms
from django.utils.translation import gettext_lazy as _

from teletravail.apps.notifications.kinds import registered_kinds


class EmailPreferencesForm(forms.Form):
    """One box per kind of notification: ticked, the person receives it by e-mail too."""

    def __init__(self, *args, muted=(), **kwargs):
        super().__init__(*args, **kwargs)
        for kind in registered_kinds():
            self.fields[kind.code] = forms.BooleanField(
                label=kind.label, required=False, initial=kind.code not in muted
            )

    def muted_kinds(self):
        return [code for code, wanted in self.cleaned_data.items() if not wanted]

    legend = _("Recevoir par courriel")
