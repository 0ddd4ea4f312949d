"""The steps of the charter form: which options each step asks, for which sector and document type, and how a form
value becomes an option value (and back).

The form only shapes the input: numbers, delays and hours travel as typed and the engine (`parse_options`) checks
them, so that its French messages, which name the option, become the errors of the matching field.
"""

import difflib
import re
from dataclasses import dataclass
from datetime import date

from django import forms
from django.utils.functional import lazy
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm
from dsfr.utils import dsfr_input_class_attr

from teletravail.apps.charters.labels import CHOICE_LABELS, DOCUMENT_TYPE_LABELS
from teletravail.apps.organisations.models import Sector
from teletravail.charter.catalogue import SECTORS, load_catalogue
from teletravail.french import de_name
from teletravail.parameters import load_parameters


RHYTHM_BASIS_CHOICES = [("semaine", _("Par semaine")), ("mois", _("Par mois"))]
ALLOWANCE_SET_BY_CHOICES = [
    ("entreprise", _("L'employeur : charte ou accord d'entreprise")),
    ("branche_ou_groupe", _("Un accord de branche, professionnel ou de groupe")),
]
_LIST_SEPARATOR = re.compile(r"[,;\n]")
PRIVATE, PUBLIC = SECTORS
# Kinds of answers the engine never takes empty (lists of activities, boxes to tick and dates may be).
REQUIRED_KINDS = ("choice", "select", "duration", "hours", "text", "scope", "integer", "number", "yesno")
# A question answered « oui » or « non », never pre-ticked: the engine has no default for it.
YES_NO_CHOICES = [("oui", pgettext_lazy("réponse", "Oui")), ("non", pgettext_lazy("réponse", "Non"))]


def _cse_help_text():
    threshold = load_parameters("charter")["procedure.cse_headcount_threshold"].at().central
    return gettext_now(
        "Réponse obligatoire, sans valeur par défaut. Un CSE doit être mis en place dans les entreprises d'au moins "
        "%(threshold)s salariés, effectif atteint pendant douze mois consécutifs (C. trav. L2311-2) ; la charte est "
        "alors élaborée après son avis (L1222-9). Sans CSE, le document le dit."
    ) % {"threshold": f"{threshold:g}"}


CSE_HELP_TEXT = lazy(_cse_help_text, str)()


def fill_organisation(text, organisation_name):
    """The engine's placeholders of the organisation filled in: {org} by its name, {of_org} by « de » and its name
    elided as French wants it (« d'Atelier Démo »)."""
    if not organisation_name:
        return text.replace("{of_org}", _("de l'organisation")).replace("{org}", _("l'organisation"))
    return text.replace("{of_org}", de_name(organisation_name)).replace("{org}", organisation_name)


def _engine_choices(group, organisation_name, sector):
    """The choices of an engine group for the sector, named by the catalogue (every choice has its label)."""
    labels = CHOICE_LABELS[group]
    rows = []
    for name, spec in load_catalogue().choices[group].items():
        if isinstance(spec, dict) and "sectors" in spec and sector not in spec["sectors"]:
            continue
        label = fill_organisation(str(labels[name]), organisation_name)
        if isinstance(spec, dict) and spec.get("prohibited"):
            label = _("%(practice)s (pratique jugée excessive par la CNIL)") % {"practice": label}
        rows.append((name, label))
    return rows


def document_type_choices():
    sectors = dict(Sector.choices)
    return [
        (name, f"{DOCUMENT_TYPE_LABELS[name]} ({str(sectors[spec['sector']]).lower()})")
        for name, spec in load_catalogue().choices["document_types"].items()
    ]


def optional_clause_choices(sector):
    """The clauses the employer may leave out: those the law only recommends, and the reminder on exceptional
    circumstances (whose absence the engine reports as a warning)."""
    rows = []
    for clause in load_catalogue().for_sector(sector):
        if clause.applies[sector].status == "recommande" or clause.id == "EXC-01":
            rows.append((clause.id, f"{clause.topic_in(sector, get_language())} ({clause.id})"))
    return rows


@dataclass(frozen=True)
class Question:
    """One option asked in a step. `kind` says how its form value maps to the option value."""

    path: str
    label: str
    kind: str
    help_text: str = ""
    choices: str = ""  # name of an engine choice group, or of a local list (see _choices)
    sectors: tuple = SECTORS
    document_types: tuple = ()  # empty: every document type of the sector
    optional: bool = False  # an empty answer means « none » (null) rather than a missing value
    required: bool | None = None  # None: required unless optional, for the kinds that cannot be empty

    @property
    def is_required(self):
        if self.required is not None:
            return self.required
        return not self.optional and self.kind in REQUIRED_KINDS

    @property
    def name(self):
        return self.path.replace(".", "__")

    def applies(self, sector, document_type):
        return sector in self.sectors and (not self.document_types or document_type in self.document_types)

    def _choices(self, sector, organisation_name):
        if self.choices == "document_types":
            return document_type_choices()
        if self.choices == "sectors":
            return [(name, Sector(name).label) for name in SECTORS]
        if self.choices == "rhythm_basis":
            return RHYTHM_BASIS_CHOICES
        if self.choices == "allowance_set_by":
            return ALLOWANCE_SET_BY_CHOICES
        if self.choices == "optional_clauses":
            return optional_clause_choices(sector)
        return _engine_choices(self.choices, organisation_name, sector)

    def field(self, sector, organisation_name):
        common = {"label": self.label, "help_text": self.help_text, "required": self.is_required}
        if self.kind == "bool":
            return forms.BooleanField(**common)
        if self.kind == "yesno":
            return forms.ChoiceField(choices=YES_NO_CHOICES, widget=forms.RadioSelect, **common)
        if self.kind == "choice":
            return forms.ChoiceField(
                choices=self._choices(sector, organisation_name), widget=forms.RadioSelect, **common
            )
        if self.kind == "select":
            return forms.ChoiceField(choices=self._choices(sector, organisation_name), **common)
        if self.kind == "choices":
            return forms.MultipleChoiceField(
                choices=self._choices(sector, organisation_name), widget=forms.CheckboxSelectMultiple, **common
            )
        if self.kind == "date":
            return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **common)
        if self.kind in ("lines", "longtext", "scope"):
            return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), strip=False, **common)
        attrs = {"inputmode": "decimal" if self.kind == "number" else "numeric"} if self.kind != "text" else {}
        if self.kind in ("duration", "hours"):
            attrs = {}
        return forms.CharField(widget=forms.TextInput(attrs=attrs), **common)

    def initial(self, value, organisation_name):
        """The form value showing an option value."""
        if self.kind == "lines":
            return "\n".join(value or [])
        if self.kind == "yesno":
            return None if value is None else ("oui" if value else "non")
        if self.kind == "hours":
            return ", ".join(value or [])
        if self.kind == "date":
            return date.fromisoformat(value) if value else None
        if self.kind == "scope":
            return fill_organisation(value or "", organisation_name).replace("{{", "{").replace("}}", "}")
        if self.kind in ("integer", "number"):
            if value is None:
                return ""
            return f"{value:g}".replace(".", ",") if isinstance(value, float) else str(value)
        return value

    def option(self, value):
        """The option value of a cleaned form value, as the engine takes it."""
        if self.kind == "lines":
            return [line.strip() for line in (value or "").splitlines() if line.strip()]
        if self.kind == "yesno":
            return {"oui": True, "non": False}.get(value)
        if self.kind == "hours":
            return [part.strip() for part in _LIST_SEPARATOR.split(value or "") if part.strip()]
        if self.kind == "date":
            return value.isoformat() if value else None
        if self.kind == "scope":
            # The engine fills {org} into this text: braces typed by the user are escaped.
            return " ".join((value or "").split()).replace("{", "{{").replace("}", "}}")
        if self.kind in ("integer", "number"):
            text = (value or "").strip()
            if not text:
                return None if self.optional else ""
            try:
                number = float(text.replace(",", ".").replace("\u00a0", "").replace(" ", ""))
            except ValueError:
                return text  # the engine names the option and the value
            return int(number) if number.is_integer() else number
        if self.kind in ("text", "longtext"):
            return " ".join((value or "").split())
        if self.kind == "choices":
            return list(value or [])
        return value


@dataclass(frozen=True)
class Step:
    number: int
    slug: str
    title: str
    intro: str
    questions: tuple = ()

    def questions_for(self, sector, document_type):
        return [question for question in self.questions if question.applies(sector, document_type)]


DURATION_HELP = _("Par exemple : 15 jours, 2 semaines, 1 mois.")

STEPS = (
    Step(
        1,
        "type",
        _("Type de document"),
        _(
            "Le secteur détermine le cadre juridique : charte ou accord (code du travail) ou acte réglementaire "
            "(décret n° 2016-151)."
        ),
        (
            Question("sector", _("Secteur"), "choice", choices="sectors"),
            Question("document_type", _("Type de document"), "select", choices="document_types"),
        ),
    ),
    Step(
        2,
        "cadre",
        _("Cadre et adoption"),
        _("Qui adopte le document, pour qui, et selon quelle procédure."),
        (
            Question("organisation.name", _("Nom de l'employeur"), "text"),
            Question(
                "scope",
                _("Personnel concerné"),
                "scope",
                _("Complète la phrase « Le présent document s'applique à … ». Pré-rempli avec vos sites."),
            ),
            Question("objectives", _("Objectifs"), "choices", choices="objectives"),
            Question("effective_date", _("Date d'entrée en vigueur"), "date", _("Facultative."), optional=True),
            Question(
                "duration_years",
                _("Durée (en années)"),
                "integer",
                _("Laissez vide pour une durée indéterminée."),
                optional=True,
            ),
            Question(
                "organisation.has_cse",
                _("L'entreprise a-t-elle un comité social et économique (CSE) ?"),
                "yesno",
                CSE_HELP_TEXT,
                sectors=(PRIVATE,),
            ),
            Question(
                "organisation.cse_opinion_date",
                _("Date de l'avis du CSE"),
                "date",
                _("Si le CSE a déjà rendu son avis ; sinon, vous l'indiquerez dans la procédure d'adoption."),
                sectors=(PRIVATE,),
                document_types=("charte",),
                optional=True,
            ),
            Question(
                "organisation.has_union_delegate",
                _("L'entreprise a des délégués syndicaux"),
                "bool",
                sectors=(PRIVATE,),
            ),
            Question(
                "organisation.failed_negotiation",
                _("Une négociation sur le télétravail a échoué"),
                "bool",
                _("Avec des délégués syndicaux, la charte n'est possible qu'à défaut d'accord."),
                sectors=(PRIVATE,),
                document_types=("charte",),
            ),
            Question(
                "organisation.pre_2017_contract_clauses",
                _("Des contrats antérieurs au 24 septembre 2017 contiennent des clauses de télétravail"),
                "bool",
                sectors=(PRIVATE,),
            ),
            Question("organisation.committee", _("Comité social compétent"), "text", sectors=(PUBLIC,)),
            Question(
                "organisation.committee_opinion_date",
                _("Date de l'avis du comité social"),
                "date",
                _("Si le comité a déjà rendu son avis ; sinon, vous l'indiquerez dans la procédure d'adoption."),
                sectors=(PUBLIC,),
                optional=True,
            ),
        ),
    ),
    Step(
        3,
        "eligibilite",
        _("Éligibilité et mise en place"),
        _("Les activités éligibles permettent de dire si un poste l'est, et donc de motiver un refus."),
        (
            Question(
                "eligibility.activities",
                _("Activités éligibles au télétravail"),
                "lines",
                _("Une activité par ligne. Pré-rempli avec les activités retenues par le diagnostic partagé."),
            ),
            Question(
                "eligibility.excluded_activities", _("Activités exclues du télétravail"), "lines", _("Une par ligne.")
            ),
            Question("eligibility.conditions", _("Conditions d'accès"), "lines", _("Une par ligne.")),
            Question(
                "onboarding_weeks",
                _("Semaines de présence sur site après l'arrivée"),
                "integer",
                _("Délai avant de pouvoir télétravailler, pour un nouvel arrivant."),
            ),
            Question(
                "acceptance",
                _("Acceptation des conditions par le salarié"),
                "choice",
                choices="acceptance",
                sectors=(PRIVATE,),
            ),
            Question("reply_delay", _("Délai de réponse à une demande"), "duration", DURATION_HELP),
            Question("adaptation_period", _("Période d'adaptation"), "duration", DURATION_HELP),
            Question(
                "adaptation_notice",
                _("Préavis pour mettre fin à la période d'adaptation"),
                "duration",
                DURATION_HELP,
                sectors=(PRIVATE,),
            ),
            Question("end_notice", _("Délai de prévenance pour mettre fin au télétravail"), "duration", DURATION_HELP),
            Question(
                "end_notice_adaptation",
                _("Délai de prévenance pendant la période d'adaptation"),
                "duration",
                DURATION_HELP,
                sectors=(PUBLIC,),
            ),
            Question(
                "suspension_notice",
                _("Préavis de suspension temporaire pour nécessité de service"),
                "duration",
                DURATION_HELP,
                sectors=(PRIVATE,),
            ),
            Question(
                "pollution_telework",
                _("Épisode de pollution (C. env. L223-1)"),
                "choice",
                choices="pollution_telework",
                sectors=(PRIVATE,),
            ),
        ),
    ),
    Step(
        4,
        "rythme",
        _("Rythme et lieux"),
        _("Pré-rempli avec les règles des plannings publiés de l'organisation."),
        (
            Question("rhythm.basis", _("Quota de jours exprimé"), "choice", choices="rhythm_basis"),
            Question(
                "rhythm.telework_days", _("Jours de télétravail au plus"), "number", _("Par semaine ou par mois.")
            ),
            Question(
                "rhythm.team_day",
                _("Jour de présence commun à l'équipe (jour d'ancrage)"),
                "bool",
            ),
            Question("rhythm.half_days", _("Télétravail possible par demi-journée"), "bool"),
            Question(
                "rhythm.floating_days_per_year",
                _("Jours flottants par an, en plus du rythme"),
                "integer",
                _("0 si les jours de télétravail sont fixes d'une semaine à l'autre."),
            ),
            Question("occasional_days_per_year", _("Jours de télétravail occasionnel par an"), "integer"),
            Question("occasional_notice", _("Délai de demande du télétravail occasionnel"), "duration", DURATION_HELP),
            Question("places", _("Lieux de télétravail autorisés"), "choices", choices="places", required=True),
            Question(
                "premises",
                _("Locaux professionnels ouverts au télétravail"),
                "longtext",
                _("Liste ou renvoi à une annexe (décret n° 2016-151, art. 7)."),
                sectors=(PUBLIC,),
            ),
        ),
    ),
    Step(
        5,
        "temps",
        _("Temps de travail et déconnexion"),
        _("Contrôle du temps de travail, plages de contact et droit à la déconnexion."),
        (
            Question(
                "working_time_control",
                _("Contrôle du temps de travail"),
                "choice",
                choices="working_time_control",
            ),
            Question(
                "contact_hours",
                _("Plages horaires de contact"),
                "hours",
                _("Séparées par des virgules, par exemple : 09:30-12:00, 14:00-16:30."),
            ),
            Question(
                "organisation.forfait_jours_staff",
                _("Des salariés au forfait annuel en jours télétravaillent"),
                "bool",
                sectors=(PRIVATE,),
            ),
            Question(
                "organisation.disconnect_agreement",
                _("Un accord ou une charte sur le droit à la déconnexion existe déjà"),
                "bool",
                sectors=(PRIVATE,),
            ),
            Question(
                "follow_up_body",
                _("Bilan annuel présenté"),
                "text",
                _("Complète la phrase « Un bilan annuel est présenté … », par exemple : au CSE."),
                sectors=(PRIVATE,),
            ),
        ),
    ),
    Step(
        6,
        "frais",
        _("Équipement et frais"),
        _(
            "Les frais professionnels sont à la charge de l'employeur ; une allocation forfaitaire est exonérée "
            "dans la limite des plafonds ci-dessous."
        ),
        (
            Question("equipment", _("Équipements fournis"), "choices", choices="equipment"),
            Question("allowance.mode", _("Prise en charge des frais"), "choice", choices="allowance_modes"),
            Question(
                "allowance.amount_eur",
                _("Montant de l'allocation (€)"),
                "number",
                _("Pour une allocation forfaitaire ; laissez vide pour le forfait public réglementaire."),
                optional=True,
            ),
            Question(
                "allowance.set_by",
                _("Allocation fixée par"),
                "choice",
                choices="allowance_set_by",
                sectors=(PRIVATE,),
            ),
        ),
    ),
    Step(
        7,
        "sante",
        _("Contrôle et circonstances exceptionnelles"),
        _("Santé et sécurité, accident du travail et protection des données figurent d'office dans le document."),
        (
            Question(
                "monitoring.tools", _("Suivi de l'activité en télétravail"), "choices", choices="monitoring_tools"
            ),
            Question(
                "monitoring.cse_consulted",
                _("Les représentants du personnel ont été consultés sur ces dispositifs"),
                "bool",
            ),
            Question(
                "omit",
                _("Clauses à retirer du document"),
                "choices",
                _("Clauses recommandées, et le rappel des circonstances exceptionnelles (C. trav. L1222-11)."),
                choices="optional_clauses",
            ),
        ),
    ),
    Step(8, "recapitulatif", _("Récapitulatif"), _("Vérifiez les constats du moteur, puis enregistrez la version.")),
)
LAST_STEP = len(STEPS)


def step(number):
    return STEPS[number - 1]


def all_questions():
    return [question for step_ in STEPS for question in step_.questions]


def option_value(options, path):
    value = options
    for key in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def set_option(options, path, value):
    keys = path.split(".")
    target = options
    for key in keys[:-1]:
        target = target.setdefault(key, {})
    target[keys[-1]] = value


class StepForm(DsfrBaseForm):
    """The questions of one step that apply to the sector and document type of the draft."""

    def __init__(self, questions, options, organisation_name, *args, **kwargs):
        sector = options.get("sector", PRIVATE)
        kwargs.setdefault(
            "initial",
            {
                question.name: question.initial(option_value(options, question.path), organisation_name)
                for question in questions
            },
        )
        super().__init__(*args, **kwargs)
        self.questions = {question.name: question for question in questions}
        for question in questions:
            self.fields[question.name] = question.field(sector, organisation_name)
        for visible in self.visible_fields():
            dsfr_input_class_attr(visible)

    def option_values(self):
        """{dotted path: option value} of the cleaned answers."""
        return {
            question.path: question.option(self.cleaned_data.get(name)) for name, question in self.questions.items()
        }

    def field_of(self, path):
        name = path.replace(".", "__")
        return name if name in self.fields else None


def answer_text(question, value, sector, organisation_name):
    """An answer as the person reads it in the form: choice labels rather than codes, « oui » / « non »."""
    shown = question.initial(value, organisation_name)
    if question.kind == "bool":
        return str(_("oui") if shown else _("non"))
    choices = getattr(question.field(sector, organisation_name), "choices", None)
    if choices:
        labels = {str(code): str(label) for code, label in choices}
        codes = shown if isinstance(shown, list) else [shown]
        return ", ".join(labels.get(str(code), str(code)) for code in codes if code not in (None, ""))
    return "" if shown is None else str(shown)


def word_diff(theirs, yours):
    """[(kind, text)] from one text to the other, word by word: kind is "same", "theirs" (only in theirs) or
    "yours" (only in yours)."""
    before, after = theirs.split(), yours.split()
    parts = []
    for operation, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if operation == "equal":
            parts.append(("same", " ".join(before[i1:i2])))
            continue
        if i2 > i1:
            parts.append(("theirs", " ".join(before[i1:i2])))
        if j2 > j1:
            parts.append(("yours", " ".join(after[j1:j2])))
    return parts


def answer_differences(questions, theirs, yours, organisation_name):
    """The answers to `questions` that differ between the draft saved by someone else and the one sent:
    [{"label", "theirs", "yours", "diff"}], as the form shows them."""
    sector = yours.get("sector", PRIVATE)
    rows = []
    for question in questions:
        their_text = answer_text(question, option_value(theirs, question.path), sector, organisation_name)
        your_text = answer_text(question, option_value(yours, question.path), sector, organisation_name)
        if their_text != your_text:
            rows.append(
                {
                    "label": question.label,
                    "theirs": their_text,
                    "yours": your_text,
                    "diff": word_diff(their_text, your_text),
                }
            )
    return rows
