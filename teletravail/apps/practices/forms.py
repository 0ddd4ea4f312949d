from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from teletravail.apps.organisations.models import Team


# How long a campaign stays open by default: two weeks, the time people need to find a moment to answer.
DEFAULT_OPEN_DAYS = 14


def _date_field(label, initial):
    return forms.DateField(
        label=label, initial=initial, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


def _default_dates():
    today = timezone.localdate()
    return today, today + timedelta(days=DEFAULT_OPEN_DAYS)


class DatesForm(DsfrBaseForm):
    """The opening and closing dates (the review's form)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        opens_on, closes_on = _default_dates()
        self.fields["opens_on"] = _date_field(_("Ouverture"), opens_on)
        self.fields["closes_on"] = _date_field(_("Clôture"), closes_on)


class CampaignForm(DatesForm):
    title = forms.CharField(label=_("Intitulé de la campagne"), max_length=200)
    questionnaires = forms.MultipleChoiceField(
        label=_("Questionnaires"), choices=(), widget=forms.CheckboxSelectMultiple
    )
    teams = forms.ModelMultipleChoiceField(
        label=_("Équipes interrogées"),
        queryset=Team.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Aucune équipe cochée : toute l'organisation."),
    )

    field_order = ("title", "questionnaires", "teams", "opens_on", "closes_on")

    def __init__(self, *args, questionnaires, teams, language, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questionnaires"].choices = [(qid, q.title(language)) for qid, q in questionnaires.items()]
        self.fields["questionnaires"].initial = list(questionnaires)
        self.fields["teams"].queryset = teams
        self.order_fields(self.field_order)


def field_name(questionnaire, item):
    return f"{questionnaire.id}:{item.id}"


class AnswersForm(DsfrBaseForm):
    """One field per item of the respondent's parts of each questionnaire; no answer is required (a person skips a
    question they cannot answer)."""

    def __init__(self, *args, questionnaires, role, language, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language
        self.sections = []
        for questionnaire in questionnaires:
            names = []
            for item in questionnaire.items_for(role):
                name = field_name(questionnaire, item)
                self.fields[name] = self._field(item, language)
                names.append(name)
            if names:
                self.sections.append((questionnaire, names))

    @staticmethod
    def _field(item, language):
        label = item.text(language)
        choices = [(str(choice.value), choice.label(language)) for choice in item.choices]
        if item.kind == "multiple":
            return forms.MultipleChoiceField(
                label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple
            )
        if item.kind == "text":
            return forms.CharField(
                label=label, required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
            )
        return forms.ChoiceField(label=label, choices=choices, required=False, widget=forms.RadioSelect)

    def section_fields(self):
        return [
            (questionnaire.title(self.language), [self[name] for name in names])
            for questionnaire, names in self.sections
        ]

    def answers(self):
        """{questionnaire id: {item id: value}} of the answered items, values as the engine's choices."""
        found = {}
        for questionnaire, names in self.sections:
            for name in names:
                value = self.cleaned_data.get(name)
                if value in (None, "", []):
                    continue
                found.setdefault(questionnaire.id, {})[name.split(":", 1)[1]] = value
        return found
