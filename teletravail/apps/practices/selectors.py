"""Reads of the practices campaigns: who may do what, who is asked, the results through the engine's anonymity rules,
and the six-month review with the changes the other modules measured.

Who sees what: every member answers the campaigns that ask them and sees their own answers and scores; the employer
admin and managers open campaigns and see the results; a consultant the organisation gave access to sees the results
too (aggregates only: never a response, never a name). The results never show a group under the engine's threshold
nor one that the rule of difference hides (`teletravail.practices.group_results`).
"""

from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from teletravail.apps.core.language import active_language
from teletravail.apps.organisations.models import Membership, Role
from teletravail.apps.practices.models import Campaign, LinkageKey, Participation, RespondentRole, Response
from teletravail.practices import (
    advice_for,
    before_after,
    group_results,
    item_counts,
    load_questionnaires,
    pseudonym,
    strengths,
    theme_scores,
    weak_points,
)


RESPONDENT_ROLES = {
    Role.EMPLOYER_ADMIN: RespondentRole.EMPLOYER,
    Role.MANAGER: RespondentRole.MANAGER,
    Role.EMPLOYEE: RespondentRole.EMPLOYEE,
}


def questionnaires():
    return load_questionnaires()


def questionnaires_of(campaign):
    """The campaign's questionnaires, in its order (a questionnaire no longer bundled is left out)."""
    found = questionnaires()
    return [found[qid] for qid in campaign.questionnaires if qid in found]


def respondent_role(membership):
    return RESPONDENT_ROLES[membership.role]


def choice_values(item):
    return [choice.value for choice in item.choices]


def choice_labels(item, language):
    return [(choice.value, choice.label(language)) for choice in item.choices]


# --- Who may do what ----------------------------------------------------------------------------------------------


def can_open_campaigns(access):
    return access.is_employer_admin or access.is_manager


def can_manage(access, campaign):
    """Close it, open its review, destroy its key: the employer admin, or the manager who opened it."""
    return access.is_employer_admin or (access.is_manager and campaign.created_by_id == access.membership.user_id)


def can_see_results(access):
    """The employer admin, the managers and a consultant with access; an employee sees their own scores only."""
    return access.is_employer_admin or access.is_manager or access.via_consultant_access


def campaigns(organisation):
    return Campaign.objects.filter(organisation=organisation).prefetch_related("teams")


def campaign_of(access, campaign_id, *, manage=False):
    """The organisation's campaign (404 for another organisation's); 403-worthy checks are the views'."""
    campaign = get_object_or_404(
        Campaign.objects.select_related("family", "review_of"), pk=campaign_id, organisation=access.organisation
    )
    if manage and not can_manage(access, campaign):
        raise Http404
    return campaign


def review_of_campaign(campaign):
    return Campaign.objects.filter(review_of=campaign).first()


# --- Who is asked -------------------------------------------------------------------------------------------------


def asked_memberships(campaign):
    """The members the campaign asks: everyone, or the members of its teams, their managers and the employer."""
    memberships = Membership.objects.filter(organisation=campaign.organisation).select_related("user", "team")
    team_ids = list(campaign.teams.values_list("pk", flat=True))
    if not team_ids:
        return memberships
    return memberships.filter(
        Q(team_id__in=team_ids) | Q(managed_teams__in=team_ids) | Q(role=Role.EMPLOYER_ADMIN)
    ).distinct()


def is_asked(campaign, membership):
    return membership is not None and asked_memberships(campaign).filter(pk=membership.pk).exists()


def has_answered(campaign, membership):
    return Participation.objects.filter(campaign=campaign, membership=membership).exists()


@dataclass(frozen=True)
class Progress:
    asked: int
    answered: int

    @property
    def rate(self):
        return self.answered / self.asked if self.asked else 0.0


def progress(campaign):
    return Progress(asked_memberships(campaign).count(), campaign.participations.count())


def open_campaigns_to_answer(membership):
    """Open campaigns that ask this member and that they have not answered yet."""
    today = timezone.localdate()
    found = []
    for campaign in Campaign.objects.filter(
        organisation_id=membership.organisation_id, opens_on__lte=today, closes_on__gte=today, closed_at__isnull=True
    ).exclude(participations__membership=membership):
        if is_asked(campaign, membership):
            found.append(campaign)
    return found


# --- Linkage ------------------------------------------------------------------------------------------------------


def linkage_key(campaign):
    """The family's key, or None once destroyed."""
    key = LinkageKey.objects.filter(family_id=campaign.family_id).values_list("key", flat=True).first()
    return bytes(key) if key is not None else None


def person_pseudonym(key, membership):
    return pseudonym(key, str(membership.pk))


def own_response(campaign, membership):
    """The member's own response, found again through the key; None when they did not answer or once the key is
    destroyed (nobody can then tie the answers to them, not even themselves)."""
    key = linkage_key(campaign)
    if key is None or membership is None:
        return None
    return Response.objects.filter(campaign=campaign, pseudonym=person_pseudonym(key, membership)).first()


def own_scores(campaign, response):
    """[(questionnaire, {theme id: score})] of one response."""
    return [
        (questionnaire, theme_scores(questionnaire, response.answers.get(questionnaire.id, {})))
        for questionnaire in questionnaires_of(campaign)
        if questionnaire.id in response.answers
    ]


# --- Results ------------------------------------------------------------------------------------------------------


def whole_label(campaign):
    return _("Toute l'organisation") if not campaign.teams.exists() else _("Toutes les équipes de la campagne")


def questionnaire_answers(campaign, questionnaire):
    return [
        (response.pseudonym, response.answers[questionnaire.id])
        for response in campaign.responses.all()
        if questionnaire.id in response.answers
    ]


def results_groups(campaign):
    """{group label: respondent pseudonyms}: the whole campaign, then each team of the respondents."""
    groups = {whole_label(campaign): set()}
    for response in campaign.responses.select_related("team"):
        groups[whole_label(campaign)].add(response.pseudonym)
        if response.team is not None:
            groups.setdefault(response.team.name, set()).add(response.pseudonym)
    return groups


@dataclass(frozen=True)
class QuestionnaireResults:
    questionnaire: object
    results: list  # the engine's GroupResult, hidden ones included (they say why)
    weak: list
    strong: list


def campaign_results(campaign):
    groups = results_groups(campaign)
    found = []
    for questionnaire in questionnaires_of(campaign):
        results = group_results(questionnaire, questionnaire_answers(campaign, questionnaire), groups)
        found.append(QuestionnaireResults(questionnaire, results, weak_points(results), strengths(results)))
    return found


def theme_of(questionnaire, theme_id):
    return next((theme for theme in questionnaire.themes if theme.id == theme_id), None)


def advice_role(access):
    """The advice sheets the viewer reads: the employer's for the admin (and a consultant), the manager's, else the
    employee's."""
    if access.is_manager:
        return RespondentRole.MANAGER.value
    if access.is_employer_admin or access.via_consultant_access:
        return RespondentRole.EMPLOYER.value
    return RespondentRole.EMPLOYEE.value


def advice(questionnaire, theme_id, access):
    return advice_for(questionnaire, theme_id, advice_role(access))


def language():
    return active_language()


# --- Six-month review ---------------------------------------------------------------------------------------------


def review_changes(review):
    """[(questionnaire, [ThemeChange])]: before/after per theme, paired where the pseudonyms link the two waves."""
    first = review.review_of
    return [
        (
            questionnaire,
            before_after(
                questionnaire,
                questionnaire_answers(first, questionnaire),
                questionnaire_answers(review, questionnaire),
            ),
        )
        for questionnaire in questionnaires_of(review)
    ]


# --- Journey ------------------------------------------------------------------------------------------------------


def latest_campaign(organisation, questionnaire_id=None):
    """The organisation's latest first-wave campaign (with that questionnaire); None when it has none."""
    found = Campaign.objects.filter(organisation=organisation, review_of__isnull=True).order_by("-created_at", "-pk")
    if questionnaire_id is None:
        return found.first()
    return next((campaign for campaign in found if questionnaire_id in campaign.questionnaires), None)


def latest_review(organisation):
    return (
        Campaign.objects.filter(organisation=organisation, review_of__isnull=False)
        .select_related("family")
        .order_by("-created_at", "-pk")
        .first()
    )


def answered_campaigns(membership):
    return Campaign.objects.filter(participations__membership=membership).order_by("-opens_on", "-pk")


# --- Training needs -----------------------------------------------------------------------------------------------

TRAINING = "training"
SKILLS_THEME = "skills"


@dataclass(frozen=True)
class TrainingNeed:
    value: str
    label: str
    people: int  # people who chose it in at least one of their skill questions
    trainings: tuple  # the panorama's kinds of training that answer it (TrainingKind)


def training_needs(campaign, language=None):
    """The skills the respondents asked for, most asked first, over the whole campaign; [] while fewer people
    answered than the theme's minimum group, None when the campaign has no training questionnaire. Free-text
    answers are never aggregated (they could name someone)."""
    questionnaire = next((q for q in questionnaires_of(campaign) if q.id == TRAINING), None)
    if questionnaire is None:
        return None
    language = language or active_language()
    skill_items = [item for item in questionnaire.items_of(SKILLS_THEME) if item.kind == "multiple"]
    # The skill questions (for oneself, one's team, the staff, the managers, the leaders) share one list of choices:
    # a person's choices over all of them, under the first one, count that person once per skill, and the engine's
    # item_counts applies the theme's threshold to the people who chose something.
    merged = [
        (key, {skill_items[0].id: sorted({str(value) for item in skill_items for value in answers.get(item.id, [])})})
        for key, answers in questionnaire_answers(campaign, questionnaire)
    ]
    (whole,) = item_counts(questionnaire, skill_items[0].id, merged, {"": [key for key, _answers in merged]})
    if not whole.shown:
        return []
    labels = {str(choice.value): choice.label(language) for item in skill_items for choice in item.choices}
    return sorted(
        (
            TrainingNeed(
                value,
                labels[value],
                count,
                tuple(kind for kind in questionnaire.panorama if value in kind.skills),
            )
            for value, count in whole.counts.items()
            if count
        ),
        key=lambda need: (-need.people, need.label),
    )
