"""The tables of the practices pages, drawn by `core/_table.html`; the figures come from `reports`."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from teletravail.apps.core.tables import Badge, Cell, Column, moment, number, table
from teletravail.apps.practices import selectors


def _url(name, campaign):
    return reverse(name, kwargs={"organisation_id": campaign.organisation_id, "practices_campaign_id": campaign.pk})


def campaign_state(campaign):
    if campaign.is_closed():
        return Badge(pgettext("campagne", "Close"))
    if campaign.is_open():
        return Badge(_("Ouverte"), "success")
    return Badge(_("À venir"), "info")


def campaigns_table(campaigns, access):
    rows = []
    for campaign in campaigns:
        progress = selectors.progress(campaign)
        rows.append(
            (
                Cell(campaign.title, href=_url("practices:campaign", campaign)),
                Cell("", badges=(campaign_state(campaign),)),
                moment(campaign.opens_on),
                moment(campaign.closes_on),
                f"{number(progress.answered)} / {number(progress.asked)}",
                Cell(_("Résultats"), href=_url("practices:results", campaign), hidden_suffix=campaign.title),
            )
        )
    return table(
        _("Campagnes de l'organisation"),
        (_("Campagne"), _("État"), _("Ouverture"), _("Clôture"), Column(_("Réponses"), numeric=True), _("Résultats")),
        rows,
        empty=_("Aucune campagne pour le moment."),
    )


def score(value):
    return "—" if value is None else number(value, "decimal", places=0)


def own_scores_tables(scores, language):
    return [
        table(
            _("Vos scores — %(title)s") % {"title": questionnaire.title(language)},
            (_("Thème"), Column(_("Score sur 100"), numeric=True)),
            [(theme.title(language), score(found.get(theme.id))) for theme in questionnaire.themes],
        )
        for questionnaire, found in scores
    ]


def _answer_text(item, value, language):
    labels = {str(choice_value): label for choice_value, label in selectors.choice_labels(item, language)}
    values = value if isinstance(value, list) else [value]
    return ", ".join(labels.get(str(one), str(one)) for one in values)


def own_answers_tables(campaign, response, language):
    tables = []
    for questionnaire in selectors.questionnaires_of(campaign):
        given = response.answers.get(questionnaire.id)
        if not given:
            continue
        rows = [
            (item.text(language), _answer_text(item, given[item.id], language))
            for item in questionnaire.items
            if item.id in given
        ]
        tables.append(
            table(
                _("Vos réponses — %(title)s") % {"title": questionnaire.title(language)},
                (_("Question"), _("Votre réponse")),
                rows,
            )
        )
    return tables


def changes_table(changes):
    return table(
        _("Ce qui a changé entre la première vague et le bilan"),
        (_("Mesure"), _("À la première vague"), _("Au bilan")),
        [(change.label, change.before, change.after) for change in changes],
    )


def training_needs_table(needs, language):
    """The skills asked for over the whole campaign, with the kinds of training of the panorama that answer them."""
    return table(
        _("Besoins de formation exprimés, toute la campagne"),
        (_("Compétence"), Column(_("Personnes qui la demandent"), numeric=True), _("Formations possibles")),
        [
            (need.label, number(need.people), Cell("", items=tuple(kind.title(language) for kind in need.trainings)))
            for need in needs
        ],
        empty=_("Pas encore assez de réponses pour les montrer."),
    )
