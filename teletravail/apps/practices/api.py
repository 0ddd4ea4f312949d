"""Read-only API of the practices campaigns: an organisation's campaigns, and one campaign's results by theme and by
group, through the very selector of the results page (`selectors.campaign_results`): the same anonymity rules (the
thresholds, the rule of difference), a hidden group with no figure at all, only its reason. Who may read: as the
results page, the employer admin, the managers and a consultant the organisation gave access to (403 otherwise);
the token must open the organisation (403)."""

from datetime import date
from typing import Annotated

from ninja import Field, Path, Router, Schema
from ninja.errors import HttpError

from teletravail.apps.core.api import MANAGER_ERRORS
from teletravail.apps.core.bounds import ID
from teletravail.apps.organisations.api import OrganisationId
from teletravail.apps.organisations.selectors import organisation_access
from teletravail.apps.practices import reports, selectors


router = Router()

CampaignId = Annotated[int, Path(ge=ID.minimum, le=ID.maximum, description="Identifiant de la campagne")]

# The page rounds scores to the unit; the API gives one decimal, never the engine's full precision.
SCORE_DECIMALS = 1


class PracticeCampaignOut(Schema):
    id: int
    title: str
    questionnaires: list[str] = Field(description="Identifiants des questionnaires posés")
    team_ids: list[int] = Field(description="Équipes interrogées (vide : toute l'organisation)")
    opens_on: date
    closes_on: date
    closed: bool
    review_of_id: int | None = Field(description="La campagne dont celle-ci est le bilan à six mois (sinon null)")
    asked: int = Field(description="Personnes interrogées")
    answered: int = Field(description="Personnes qui ont répondu")


class GroupResultOut(Schema):
    theme: str
    theme_title: str
    group: str = Field(description="Toute l'organisation (ou toutes les équipes de la campagne), ou une équipe")
    shown: bool
    n: int | None = Field(description="Réponses du groupe ; null quand le groupe est masqué")
    score: float | None = Field(description="Score moyen sur 100 ; null quand le groupe est masqué")
    distribution: dict[str, int] | None = Field(
        description="Réponses par niveau (weak, middle, strong) ; null quand le groupe est masqué"
    )
    hidden_reason: str | None = Field(description="threshold (moins de réponses que le seuil) ou difference")
    hidden_text: str | None = Field(description="Pourquoi le groupe est masqué, en toutes lettres")


class ThemePointOut(Schema):
    theme: str
    group: str
    score: float


class QuestionnaireResultsOut(Schema):
    id: str
    title: str
    results: list[GroupResultOut]
    weak_points: list[ThemePointOut]
    strengths: list[ThemePointOut]


class PracticeResultsOut(Schema):
    campaign_id: int
    questionnaires: list[QuestionnaireResultsOut]


def _results_access(request, organisation_id):
    access = organisation_access(request.user, organisation_id)
    if not selectors.can_see_results(access):
        raise HttpError(
            403, "Seuls l'employeur, les managers et les consultants accompagnant l'organisation voient les résultats."
        )
    return access


def _campaign_out(campaign):
    progress = selectors.progress(campaign)
    return PracticeCampaignOut(
        id=campaign.pk,
        title=campaign.title,
        questionnaires=list(campaign.questionnaires),
        team_ids=sorted(team.pk for team in campaign.teams.all()),
        opens_on=campaign.opens_on,
        closes_on=campaign.closes_on,
        closed=campaign.is_closed(),
        review_of_id=campaign.review_of_id,
        asked=progress.asked,
        answered=progress.answered,
    )


def _score(value):
    return round(value, SCORE_DECIMALS)


def _group_result_out(result, theme, language):
    if not result.shown:
        return GroupResultOut(
            theme=result.theme,
            theme_title=theme.title(language),
            group=result.group,
            shown=False,
            n=None,
            score=None,
            distribution=None,
            hidden_reason=result.hidden_reason,
            hidden_text=reports.hidden_text(result, theme),
        )
    return GroupResultOut(
        theme=result.theme,
        theme_title=theme.title(language),
        group=result.group,
        shown=True,
        n=result.n,
        score=None if result.score is None else _score(result.score),
        distribution=dict(result.distribution),
        hidden_reason=None,
        hidden_text=None,
    )


def _points(points):
    return [ThemePointOut(theme=point.theme, group=point.group, score=_score(point.score)) for point in points]


@router.get(
    "/{organisation_id}/practice-campaigns",
    response={200: list[PracticeCampaignOut], **MANAGER_ERRORS},
    summary="Campagnes sur les pratiques d'une organisation",
)
def list_campaigns(request, organisation_id: OrganisationId):
    """Les campagnes et leurs bilans à six mois, les plus récentes d'abord, avec le nombre de réponses."""
    access = _results_access(request, organisation_id)
    return [_campaign_out(campaign) for campaign in selectors.campaigns(access.organisation)]


@router.get(
    "/{organisation_id}/practice-campaigns/{practices_campaign_id}/results",
    response={200: PracticeResultsOut, **MANAGER_ERRORS},
    summary="Résultats d'une campagne sur les pratiques, par thème et par équipe",
)
def campaign_results(request, organisation_id: OrganisationId, practices_campaign_id: CampaignId):
    """Les scores par thème pour toute la campagne et pour chaque équipe, avec les mêmes règles d'anonymat que la
    page des résultats : aucun groupe de moins de cinq réponses (vingt pour la santé et le harcèlement), ni un groupe
    que la règle de différence masque ; un groupe masqué ne donne aucun chiffre, seulement la raison."""
    access = _results_access(request, organisation_id)
    campaign = selectors.campaign_of(access, practices_campaign_id)
    language = selectors.language()
    questionnaires = []
    for found in selectors.campaign_results(campaign):
        questionnaire = found.questionnaire
        themes = {theme.id: theme for theme in questionnaire.themes}
        questionnaires.append(
            QuestionnaireResultsOut(
                id=questionnaire.id,
                title=questionnaire.title(language),
                results=[_group_result_out(result, themes[result.theme], language) for result in found.results],
                weak_points=_points(found.weak),
                strengths=_points(found.strong),
            )
        )
    return PracticeResultsOut(campaign_id=campaign.pk, questionnaires=questionnaires)
