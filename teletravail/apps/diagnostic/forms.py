from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from teletravail.apps.diagnostic.models import EmployeeResponse
from teletravail.apps.diagnostic.selectors import criteria_by_tier, obstacle_choices
from teletravail.apps.organisations.models import Team


class CampaignForm(DsfrBaseForm):
    title = forms.CharField(
        label=_("Intitulé de la campagne"),
        max_length=150,
        help_text=_("Par exemple : « Diagnostic 2026 — siège »."),
    )


class JobForm(DsfrBaseForm):
    title = forms.CharField(label=_("Intitulé du poste"), max_length=150)
    pcs2020 = forms.CharField(
        label=_("Code PCS 2020"),
        max_length=4,
        required=False,
        help_text=_(
            "Relie le poste à la référence nationale et propose des activités typiques. Trouvez-le avec la "
            "recherche de métier de la page du poste (ex. 46A1 pour une assistante de direction)."
        ),
    )


class ActivityForm(DsfrBaseForm):
    name = forms.CharField(label=_("Activité"), max_length=200)
    time_share = forms.DecimalField(
        label=_("Part du temps de travail (%)"), min_value=0, max_value=100, decimal_places=2
    )


class InviteForm(DsfrBaseForm):
    """Choose the job, then members one by one and/or a whole team (among the members the user may invite)."""

    job = forms.ModelChoiceField(label=_("Poste évalué"), queryset=None, empty_label=_("Choisissez un poste"))
    team = forms.ModelChoiceField(
        label=_("Toute une équipe"),
        queryset=Team.objects.none(),
        required=False,
        empty_label=_("Aucune"),
    )
    members = forms.ModelMultipleChoiceField(
        label=_("Membres invités"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, jobs, memberships, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["job"].queryset = jobs
        self.fields["team"].queryset = teams
        self.fields["members"].queryset = memberships
        self.fields["members"].label_from_instance = lambda membership: (
            f"{membership.user.full_name or membership.user.email}"
            + (f" ({membership.team.name})" if membership.team_id else "")
        )
        self.invitable = memberships

    def chosen_memberships(self):
        chosen = list(self.cleaned_data.get("members") or [])
        team = self.cleaned_data.get("team")
        if team is not None:
            chosen += [membership for membership in self.invitable.filter(team=team) if membership not in chosen]
        return chosen


def _criteria_fields(prefix, label):
    """One checkbox group per tier of criteria (présence indispensable, obstacle levable, interaction sociale)."""
    fields = {}
    for tier, criteria in criteria_by_tier():
        fields[f"{prefix}{tier.code}"] = forms.MultipleChoiceField(
            label=f"{label} — {tier.label}",
            help_text=tier.help,
            choices=[(criterion.code, criterion.label) for criterion in criteria],
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )
    return fields


class AnswersForm(DsfrBaseForm):
    """The criteria that apply to each activity of the participant, and a comment: one side's assessment.

    One checkbox group per activity and tier, shown as one table per tier (a row per criterion, a column per
    activity) rather than a fieldset per group: five activities made 85 checkboxes over some 6,900 px."""

    def __init__(self, *args, activities, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.activities = activities
        self.comments = []
        for activity in activities:
            label = _("« %(name)s » (%(share)s %%)") % {"name": activity.name, "share": f"{activity.time_share:g}"}
            prefix = f"a{activity.pk}-"
            answer = answers.get(activity.pk)
            for name, field in _criteria_fields(prefix, label).items():
                if answer is not None:
                    field.initial = [code for code in answer.criteria if code in dict(field.choices)]
                self.fields[name] = field
            self.fields[f"{prefix}comment"] = forms.CharField(
                label=_("Commentaire sur « %(name)s »") % {"name": activity.name},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                initial=answer.comment if answer else "",
            )
            self.comments.append(self[f"{prefix}comment"])

    def tiers(self):
        """[(tier, [(criterion, [cell per activity])])] for the template's tables; a cell is a dict of the checkbox's
        name, value, id, checked state and accessible label (criterion — activity)."""
        tables = []
        for tier, criteria in criteria_by_tier():
            rows = []
            for criterion in criteria:
                cells = []
                for activity in self.activities:
                    name = f"a{activity.pk}-{tier.code}"
                    cells.append(
                        {
                            "name": self.add_prefix(name),
                            "value": criterion.code,
                            "id": f"id_{self.add_prefix(name)}_{criterion.code}",
                            "checked": criterion.code in (self[name].value() or []),
                            "label": f"{criterion.label} — {activity.name}",
                        }
                    )
                rows.append((criterion, cells))
            tables.append((tier, rows))
        return tables

    def answers(self):
        """{activity id: (criteria codes, comment)} for the service."""
        result = {}
        for activity in self.activities:
            prefix = f"a{activity.pk}-"
            codes = [
                code
                for name, value in self.cleaned_data.items()
                if name.startswith(prefix) and name != f"{prefix}comment"
                for code in value
            ]
            result[activity.pk] = (codes, self.cleaned_data.get(f"{prefix}comment", ""))
        return result


class DecisionForm(DsfrBaseForm):
    note = forms.CharField(
        label=_("Note"),
        help_text=_("Ce qui a été convenu, par exemple le moyen qui lèvera un obstacle."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, activity, initial_criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in _criteria_fields("", _("Décision")).items():
            field.initial = [code for code in initial_criteria if code in dict(field.choices)]
            self.fields[name] = field
        self.order_fields([name for name in self.fields if name != "note"] + ["note"])
        self.activity = activity

    def criteria(self):
        return [code for name, value in self.cleaned_data.items() if name != "note" for code in value]


class DecisionResponseForm(DsfrBaseForm):
    """The employee's answer to a shared decision: the button pressed, and why when they contest it."""

    response = forms.ChoiceField(choices=EmployeeResponse.choices, widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("Votre commentaire (obligatoire pour contester)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class ActionForm(DsfrBaseForm):
    criterion = forms.ChoiceField(label=_("Obstacle à lever"), choices=())
    job = forms.ModelChoiceField(
        label=_("Poste concerné"), queryset=None, required=False, empty_label=_("Tous les postes")
    )
    what = forms.CharField(label=_("Action"), max_length=300, help_text=_("Ce qui sera fait (quoi)."))
    who = forms.CharField(label=_("Responsable"), max_length=150, help_text=_("Qui mène l'action."))
    due_date = forms.DateField(
        label=_("Échéance"),
        help_text=_("Format : JJ/MM/AAAA."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, jobs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].choices = obstacle_choices()
        self.fields["job"].queryset = jobs


class ProfessionSearchForm(DsfrBaseForm):
    metier = forms.CharField(label=_("Rechercher un métier"), max_length=100, help_text=_("Ex. « comptable »."))
