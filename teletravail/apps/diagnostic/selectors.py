"""Reads about diagnostic campaigns: who may see what, the answers side by side, and the results computed by the
engine `teletravail.teleworkability` from the stored decisions.

Other apps use only the contract at the top (`CampaignProgress`, `campaign_progress`, `eligible_telework_days`,
`eligible_activities`): its names, signatures and meanings stay stable.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from teletravail.apps.diagnostic.models import Action, AuthorRole, Campaign, JobActivity, Participant
from teletravail.apps.organisations.selectors import managed_team_ids
from teletravail.teleworkability import (
    NOT_TELEWORKABLE,
    Activity,
    Job,
    ScoringRule,
    TeleworkabilityInputError,
    assess_activity,
    assess_job,
    load_criteria,
    profession,
    synthesise,
)
from teletravail.teleworkability.criteria import OBSTACLE, TIERS


# --- Contract used by the journey, the planner and the charter ----------------------------------------------------


@dataclass(frozen=True)
class CampaignProgress:
    """Progress of the organisation's latest campaign, for journey step 1."""

    campaign_id: int
    invited: int  # employees invited to the campaign
    answered: int  # of those, employees who submitted their own assessment
    decided: int  # of those, employees whose every activity has a shared decision


def latest_campaign(organisation):
    return Campaign.objects.filter(organisation=organisation).order_by("-created_at", "-id").first()


def campaign_progress(organisation):
    """Progress of the organisation's latest campaign; None when it has none."""
    campaign = latest_campaign(organisation)
    return campaign_progress_of(campaign) if campaign is not None else None


def campaign_progress_of(campaign):
    participants = campaign_participants(campaign)
    return CampaignProgress(
        campaign_id=campaign.pk,
        invited=len(participants),
        answered=sum(1 for participant in participants if participant.submitted_at),
        decided=sum(1 for participant in participants if is_fully_decided(participant)),
    )


def eligible_telework_days(membership):
    """Telework days a week the shared decisions allow this member's job; None while nothing is decided.

    The figure is the engine's suggested days for the member's decided assessment in the latest campaign where
    every one of their activities is decided (None when that assessment cannot be computed, e.g. time shares that
    do not sum to 100 %).
    """
    participations = (
        Participant.objects.filter(membership=membership)
        .select_related("campaign", "job")
        .prefetch_related("decisions", "job__activities")
        .order_by("-campaign__created_at", "-campaign_id")
    )
    for participant in participations:
        if is_fully_decided(participant):
            result = participant_result(participant)
            return result.assessment.suggested_days if result.assessment else None
    return None


def eligible_activities(organisation):
    """Names of the activities decided teleworkable (fully or under conditions) in the latest campaign, sorted.

    An activity counts when every decision taken on it says it can be done remotely.
    """
    campaign = latest_campaign(organisation)
    if campaign is None:
        return []
    statuses = {}
    for participant in campaign_participants(campaign):
        for decision in participant.decisions.all():
            name = decision.activity.name
            statuses.setdefault(name, set()).add(criteria_status(decision.criteria))
    return sorted(name for name, found in statuses.items() if NOT_TELEWORKABLE not in found)


# --- Access -------------------------------------------------------------------------------------------------------


def can_manage_campaigns(access):
    """Employer admins and managers run campaigns; a manager invites and follows the members of their teams."""
    return access.is_employer_admin or access.is_manager


def can_follow(access, participant, team_ids=None):
    """The employer admin, and the manager of the participant's team, see and decide on their answers.

    `team_ids` (the teams the user manages) saves a query per participant when checking many."""
    if access.is_employer_admin:
        return True
    if not access.is_manager:
        return False
    team_ids = managed_team_ids(access.membership) if team_ids is None else team_ids
    return participant.membership.team_id in team_ids


def is_own(access, participant):
    return access.membership is not None and participant.membership_id == access.membership.pk


def campaign_of(access, campaign_id, *, manage=False):
    """The organisation's campaign (404 otherwise); with `manage`, only for admins and managers (403)."""
    campaign = get_object_or_404(Campaign, pk=campaign_id, organisation=access.organisation)
    if manage and not can_manage_campaigns(access):
        raise PermissionDenied
    return campaign


def participant_of(access, campaign, participant_id):
    """A participant of the campaign (404 otherwise) whose answers the user may see: their own, or those they
    follow (403 otherwise; a consultant never sees individual answers)."""
    participant = get_object_or_404(
        Participant.objects.select_related("membership__user", "membership__team", "job", "campaign"),
        pk=participant_id,
        campaign=campaign,
    )
    if access.via_consultant_access or not (is_own(access, participant) or can_follow(access, participant)):
        raise PermissionDenied
    return participant


def campaigns(organisation):
    return Campaign.objects.filter(organisation=organisation).order_by("-created_at", "-id")


def campaign_participants(campaign):
    return list(
        Participant.objects.filter(campaign=campaign)
        .select_related("membership__user", "membership__team", "job")
        .prefetch_related("decisions__activity", "job__activities")
        .order_by("membership__user__full_name", "membership__user__email", "pk")
    )


def visible_participants(access, campaign):
    """The participants whose individual answers the user may see (none for a consultant)."""
    if access.via_consultant_access:
        return []
    team_ids = managed_team_ids(access.membership)
    return [
        participant
        for participant in campaign_participants(campaign)
        if is_own(access, participant) or can_follow(access, participant, team_ids)
    ]


def own_participations(membership):
    if membership is None:
        return Participant.objects.none()
    return Participant.objects.filter(membership=membership).select_related("campaign", "job")


def campaign_actions(campaign):
    return Action.objects.filter(campaign=campaign).select_related("job").order_by("done", "due_date", "id")


def profession_of(job):
    """The PCS profession of the job, with its national reference scores; None when the job has no code."""
    return profession(job.pcs2020) if job.pcs2020 else None


def display_name(membership):
    return membership.user.full_name or membership.user.email


# --- Activities, answers and decisions ----------------------------------------------------------------------------


def job_activities(job):
    """The activities the manager defined for the job (not those an employee added for themself)."""
    return [activity for activity in job.activities.all() if activity.added_by_id is None]


def participant_activities(participant):
    """The job's activities, then those the participant added to their own assessment."""
    activities = list(participant.job.activities.all())
    return [activity for activity in activities if activity.added_by_id in (None, participant.pk)]


def is_fully_decided(participant):
    decided = {decision.activity_id for decision in participant.decisions.all()}
    activities = participant_activities(participant)
    return bool(activities) and all(activity.pk in decided for activity in activities)


def criteria_status(codes):
    """The engine's status of an activity with these criteria (its time share plays no part)."""
    return assess_activity(Activity("—", 100, tuple(codes))).status


def criteria_by_tier():
    """[(tier, [criteria])] in the order of criteria.yaml."""
    criteria = load_criteria()
    return [(criteria.tiers[tier], criteria.of_tier(tier)) for tier in TIERS]


def obstacle_choices():
    return [(criterion.code, criterion.label) for criterion in load_criteria().of_tier(OBSTACLE)]


def criterion_label(code):
    criterion = load_criteria().criteria.get(code)
    return criterion.label if criterion else code


@dataclass(frozen=True)
class View:
    """One side's answer (or the decision) on an activity: its criteria and the status they give."""

    criteria: tuple[str, ...]
    comment: str = ""
    author: object = None
    at: object = None

    @property
    def status(self):
        return criteria_status(self.criteria)

    @property
    def status_label(self):
        return assess_activity(Activity("—", 100, self.criteria)).status_label

    @property
    def labels(self):
        return [criterion_label(code) for code in self.criteria]


@dataclass(frozen=True)
class ActivityRow:
    activity: JobActivity
    employee: View | None
    manager: View | None
    decision: View | None
    note: str = ""

    @property
    def agree(self):
        """Both sides answered and ticked the same criteria: the decision can take their common view in one click."""
        return (
            self.employee is not None
            and self.manager is not None
            and (set(self.employee.criteria) == set(self.manager.criteria))
        )

    @property
    def differs(self):
        return self.employee is not None and self.manager is not None and not self.agree


def _view(answer):
    if answer is None:
        return None
    return View(tuple(answer.criteria), answer.comment, answer.author, answer.answered_at)


def activity_rows(participant):
    """Each activity of the participant with the employee's view, the manager's and the shared decision."""
    answers = {(answer.activity_id, answer.role): answer for answer in participant.answers.select_related("author")}
    decisions = {decision.activity_id: decision for decision in participant.decisions.select_related("decided_by")}
    rows = []
    for activity in participant_activities(participant):
        decision = decisions.get(activity.pk)
        rows.append(
            ActivityRow(
                activity=activity,
                employee=_view(answers.get((activity.pk, AuthorRole.EMPLOYEE))),
                manager=_view(answers.get((activity.pk, AuthorRole.MANAGER))),
                decision=View(tuple(decision.criteria), decision.note, decision.decided_by, decision.decided_at)
                if decision
                else None,
            )
        )
    return rows


def answers_of(participant, role):
    return {answer.activity_id: answer for answer in participant.answers.filter(role=role)}


# --- Results (every figure comes from the engine) -----------------------------------------------------------------


def lifted_obstacles(campaign):
    """The obstacles lifted by a completed action: {job id or None (every job): {criterion codes}}."""
    lifted = {}
    for action in Action.objects.filter(campaign=campaign, done=True):
        lifted.setdefault(action.job_id, set()).add(action.criterion)
    return lifted


def engine_job(participant, lifted=None):
    """The participant's decided assessment as the engine's `Job` (one person: headcount 1)."""
    lifted = lifted if lifted is not None else lifted_obstacles(participant.campaign)
    job_lifted = tuple(sorted(lifted.get(None, set()) | lifted.get(participant.job_id, set())))
    decisions = {decision.activity_id: decision for decision in participant.decisions.all()}
    return Job(
        name=participant.job.title,
        activities=tuple(
            Activity(activity.name, float(activity.time_share), tuple(decisions[activity.pk].criteria), job_lifted)
            for activity in participant_activities(participant)
        ),
        pcs2020=participant.job.pcs2020 or None,
    )


@dataclass(frozen=True)
class ParticipantResult:
    participant: Participant
    decided: bool
    assessment: object = None  # the engine's JobAssessment, once every activity is decided
    problems: tuple[str, ...] = ()

    @property
    def name(self):
        return display_name(self.participant.membership)


def participant_result(participant, lifted=None, rule=None):
    """The participant's result from the shared decisions. Time shares are rescaled to 100 % only when the
    participant added activities of their own (the engine's warning says so); otherwise they must sum to 100 %."""
    if not is_fully_decided(participant):
        return ParticipantResult(participant, decided=False)
    normalise = any(activity.added_by_id for activity in participant_activities(participant))
    try:
        assessment = assess_job(engine_job(participant, lifted), normalise=normalise, rule=rule)
    except TeleworkabilityInputError as error:
        return ParticipantResult(participant, decided=True, problems=tuple(error.lines()))
    return ParticipantResult(participant, decided=True, assessment=assessment)


@dataclass(frozen=True)
class JobResult:
    job: object
    invited: int
    decided: int
    synthesis: object = None  # the engine's OrganisationSynthesis over the job's decided participants
    profession: object = None  # the engine's Profession of the job's PCS code (national reference)


@dataclass(frozen=True)
class CampaignResults:
    participants: tuple[ParticipantResult, ...]
    jobs: tuple[JobResult, ...]
    synthesis: object = None  # over every decided participant; None until one is decided
    problems: tuple[str, ...] = ()

    @property
    def decided(self):
        return [result for result in self.participants if result.assessment is not None]


def campaign_results(campaign):
    """Every participant's result, then per job and for the organisation (the engine's `synthesise`, each person
    weighing one). Participants whose decided assessment the engine rejects are reported in `problems` and left out
    of the syntheses."""
    rule = ScoringRule.load()
    lifted = lifted_obstacles(campaign)
    participants = campaign_participants(campaign)
    results = tuple(participant_result(participant, lifted, rule) for participant in participants)
    # Shares were checked by `participant_result`: only those rescaled there (own activities) change here.
    decided_jobs = {}
    for result in results:
        if result.assessment is not None:
            decided_jobs.setdefault(result.participant.job_id, []).append(engine_job(result.participant, lifted))

    def synthesis(jobs):
        return synthesise(jobs, normalise=True, rule=rule) if jobs else None

    jobs = tuple(
        JobResult(
            job=job,
            invited=sum(1 for participant in participants if participant.job_id == job.pk),
            decided=len(decided_jobs.get(job.pk, [])),
            synthesis=synthesis(decided_jobs.get(job.pk, [])),
            profession=profession_of(job),
        )
        for job in campaign.jobs.all()
    )
    every_decided = [job for jobs_of_one in decided_jobs.values() for job in jobs_of_one]
    problems = tuple(f"{result.name} : {problem}" for result in results for problem in result.problems)
    return CampaignResults(results, jobs, synthesis(every_decided), problems)
