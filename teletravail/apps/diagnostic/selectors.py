"""Reads about diagnostic campaigns: who may see what, the answers side by side, and the results computed by the
engine `teletravail.teleworkability` from the stored decisions.

Other apps use only the contract at the top (`CampaignProgress`, `campaign_progress`, `eligible_telework_days`,
`eligible_telework_days_by_membership`, `eligible_activities`): its names, signatures and meanings stay stable.
"""

from dataclasses import dataclass, replace
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from teletravail.apps.diagnostic.models import Action, AuthorRole, Campaign, EmployeeResponse, JobActivity, Participant
from teletravail.apps.organisations.selectors import managed_team_ids, organisation_access
from teletravail.parameters import load_parameters
from teletravail.teleworkability import (
    CONDITIONAL,
    NOT_TELEWORKABLE,
    TELEWORKABLE,
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
    contested: int = 0  # employees who contest at least one of their shared decisions


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
        contested=sum(1 for participant in participants if contests_a_decision(participant)),
    )


def eligible_telework_days(membership):
    """Telework days a week the shared decisions allow this member's job; None while nothing is decided.

    The figure is the engine's suggested days for the member's decided assessment in the latest campaign where
    every one of their activities is decided (None when that assessment cannot be computed, e.g. time shares that
    do not sum to 100 %).
    """
    return eligible_telework_days_by_membership([membership])[membership.pk]


def eligible_telework_days_by_membership(memberships):
    """Membership pk → `eligible_telework_days` of each of these memberships, read in a fixed number of queries
    however many they are (a team's planning reads every member's)."""
    days = {membership.pk: None for membership in memberships}
    participations = (
        Participant.objects.filter(membership__in=list(days))
        .select_related("campaign", "job")
        .prefetch_related("decisions", "job__activities")
        .order_by("-campaign__created_at", "-campaign_id")
    )
    decided = {}  # membership pk → the participation of their latest fully decided campaign
    for participant in participations:
        if participant.membership_id not in decided and is_fully_decided(participant):
            decided[participant.membership_id] = participant
    lifted = lifted_obstacles_by_campaign({participant.campaign_id for participant in decided.values()})
    rule = ScoringRule.load()
    for membership_pk, participant in decided.items():
        result = participant_result(participant, lifted[participant.campaign_id], rule)
        days[membership_pk] = result.assessment.suggested_days if result.assessment else None
    return days


def eligible_activities(organisation):
    """Names of the activities decided teleworkable (fully or under conditions), sorted, from the latest campaign
    where at least one participant is fully decided (a new campaign changes nothing until then).

    Only fully decided participants count, as for `eligible_telework_days`; an activity counts when every decision
    they took on it says it can be done remotely.
    """
    for campaign in campaigns(organisation):
        decided = [participant for participant in campaign_participants(campaign) if is_fully_decided(participant)]
        if not decided:
            continue
        statuses = {}
        for participant in decided:
            for decision in participant.decisions.all():
                name = decision.activity.name
                statuses.setdefault(name, set()).add(criteria_status(decision.criteria))
        return sorted(name for name, found in statuses.items() if NOT_TELEWORKABLE not in found)
    return []


# --- Access -------------------------------------------------------------------------------------------------------


def can_manage_campaigns(access):
    """Employer admins and managers create campaigns and see them; a manager invites and follows the members of
    their teams. Changing a campaign itself is for `can_edit_campaign`."""
    return access.is_employer_admin or access.is_manager


def can_edit_campaign(access, campaign):
    """The campaign's jobs, activities, PCS codes, action plan and closing are for the employer admin and for the
    manager who created it: the other managers take part in it without reshaping it for everyone."""
    if access.is_employer_admin:
        return True
    return (
        access.is_manager
        and campaign.created_by_id is not None
        and campaign.created_by_id == access.membership.user_id
    )


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


def campaign_of(access, campaign_id, *, manage=False, edit=False):
    """The organisation's campaign (404 otherwise); with `manage`, only for admins and managers, with `edit` only
    for those who may change it (`can_edit_campaign`) (403)."""
    campaign = get_object_or_404(Campaign, pk=campaign_id, organisation=access.organisation)
    if manage and not can_manage_campaigns(access):
        raise PermissionDenied
    if edit and not can_edit_campaign(access, campaign):
        raise PermissionDenied
    return campaign


RESULTS_PAGE = "diagnostic.results"


def results_access(user, organisation_id, campaign_id):
    """(access, campaign) of a campaign's results page and report: admins, managers and consultants with access see
    the aggregated results (employees see their own page); Http404 or PermissionDenied otherwise."""
    access = organisation_access(user, organisation_id)
    campaign = campaign_of(access, campaign_id)
    if not (can_manage_campaigns(access) or access.via_consultant_access):
        raise PermissionDenied
    return access, campaign


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


def followed_ids(access, participants):
    """Ids of the participants among `participants` whose answers the user follows (none for a consultant)."""
    if access.via_consultant_access:
        return set()
    team_ids = managed_team_ids(access.membership)
    return {participant.pk for participant in participants if can_follow(access, participant, team_ids)}


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


def share_total(activities):
    return sum((activity.time_share for activity in activities), Decimal(0))


def shares_are_off(total):
    """Whether time shares totalling `total` % are refused by the engine, which tolerates a rounding gap."""
    return abs(Decimal(str(total)) - 100) > Decimal(str(ScoringRule.load().time_share_tolerance))


def shares_to_normalise(participant):
    """The total of the participant's time shares when the engine would refuse it and they have not asked to
    rescale it (`Participant.normalised_total`); None when their results can be computed."""
    total = share_total(participant_activities(participant))
    if not shares_are_off(total) or participant.normalised_total == total:
        return None
    return total


def is_fully_decided(participant):
    decided = {decision.activity_id for decision in participant.decisions.all()}
    activities = participant_activities(participant)
    return bool(activities) and all(activity.pk in decided for activity in activities)


def contests_a_decision(participant):
    """The employee contests at least one of their shared decisions."""
    return any(decision.is_contested for decision in participant.decisions.all())


def status_label(status):
    """The engine's status of an activity in the active language."""
    return {
        TELEWORKABLE: _("télétravaillable"),
        CONDITIONAL: _("télétravaillable sous conditions"),
        NOT_TELEWORKABLE: _("non télétravaillable"),
    }[status]


def criteria_status(codes):
    """The engine's status of an activity with these criteria (its time share plays no part)."""
    return assess_activity(Activity("—", 100, tuple(codes))).status


def criteria_by_tier():
    """[(tier, [criteria])] in the order of criteria.yaml, their labels and help in the active language."""
    criteria, language = load_criteria(), get_language()
    return [
        (criteria.tiers[tier].in_language(language), [item.in_language(language) for item in criteria.of_tier(tier)])
        for tier in TIERS
    ]


def obstacle_choices():
    return [(criterion.code, criterion_label(criterion.code)) for criterion in load_criteria().of_tier(OBSTACLE)]


def criterion_label(code):
    """The criterion's label in the active language (its code when the criterion is no longer known)."""
    criterion = load_criteria().criteria.get(code)
    return criterion.label_in(get_language()) if criterion else code


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
        return status_label(self.status)

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
    response: str = ""  # the employee's answer to the decision: "", accepted or contested (EmployeeResponse)
    response_comment: str = ""
    responded_at: object = None

    @property
    def contested(self):
        return self.response == EmployeeResponse.CONTESTED

    @property
    def accepted(self):
        return self.response == EmployeeResponse.ACCEPTED

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


def criteria_compared(row):
    """[(criterion label, ticked by the employee, ticked by the manager)] for the criteria either side ticked on the
    activity of `row`, in the order of criteria.yaml: the two views side by side, criterion by criterion."""
    employee = set(row.employee.criteria) if row.employee else set()
    manager = set(row.manager.criteria) if row.manager else set()
    return [
        (criterion_label(code), code in employee, code in manager)
        for code in load_criteria().criteria
        if code in employee | manager
    ]


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
                response=decision.employee_response if decision else "",
                response_comment=decision.employee_comment if decision else "",
                responded_at=decision.responded_at if decision else None,
            )
        )
    return rows


def answers_of(participant, role):
    return {answer.activity_id: answer for answer in participant.answers.filter(role=role)}


# --- Results (every figure comes from the engine) -----------------------------------------------------------------


def lifted_obstacles(campaign):
    """The obstacles lifted by a completed action: {job id or None (every job): {criterion codes}}."""
    return lifted_obstacles_by_campaign([campaign.pk])[campaign.pk]


def lifted_obstacles_by_campaign(campaign_ids):
    """Campaign id → `lifted_obstacles` of each of these campaigns, in one query."""
    lifted = {campaign_id: {} for campaign_id in campaign_ids}
    if not lifted:
        return lifted
    for action in Action.objects.filter(campaign_id__in=list(lifted), done=True):
        lifted[action.campaign_id].setdefault(action.job_id, set()).add(action.criterion)
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
    """The participant's result from the shared decisions. Time shares must sum to 100 % (the engine says so
    otherwise), unless the participant or their manager asked to rescale this very total (the engine's warning then
    says it was rescaled)."""
    if not is_fully_decided(participant):
        return ParticipantResult(participant, decided=False)
    total = share_total(participant_activities(participant))
    normalise = participant.normalised_total is not None and participant.normalised_total == total
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
    problems: tuple[str, ...] = ()  # per job, the decided assessments left out, counted: no names
    hidden_jobs: tuple[JobResult, ...] = ()  # withheld from the viewer by `results_shown_to`
    synthesis_hidden: bool = False

    @property
    def decided(self):
        return [result for result in self.participants if result.assessment is not None]

    def problems_of(self, participant_ids):
        """The engine's problems with the results of these participants, each line naming the person."""
        return [
            f"{result.name} : {problem}"
            for result in self.participants
            if result.participant.pk in participant_ids
            for problem in result.problems
        ]


def _problem_counts(results):
    left_out = {}
    for result in results:
        if result.problems:
            left_out.setdefault(result.participant.job.title, []).append(result)
    return tuple(
        ngettext(
            "Poste « %(job)s » : %(count)d évaluation décidée ne peut pas être calculée (par exemple, des parts de "
            "temps qui ne totalisent pas 100 %%) : elle est laissée hors des résultats.",
            "Poste « %(job)s » : %(count)d évaluations décidées ne peuvent pas être calculées (par exemple, des "
            "parts de temps qui ne totalisent pas 100 %%) : elles sont laissées hors des résultats.",
            len(found),
        )
        % {"job": title, "count": len(found)}
        for title, found in sorted(left_out.items())
    )


def campaign_results(campaign):
    """Every participant's result, then per job and for the organisation (the engine's `synthesise`, each person
    weighing one). Participants whose decided assessment the engine rejects are counted in `problems` (their own
    lines, named, come from `problems_of`) and left out of the syntheses."""
    rule = ScoringRule.load()
    lifted = lifted_obstacles(campaign)
    participants = campaign_participants(campaign)
    results = tuple(participant_result(participant, lifted, rule) for participant in participants)
    # Shares were checked by `participant_result`: only those rescaled there (on request) change here.
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
    return CampaignResults(results, jobs, synthesis(every_decided), _problem_counts(results))


def min_decided_shown():
    """Under this many decided participants the user does not follow, a group's figures stay hidden from them."""
    return int(load_parameters("teleworkability")["diagnostic.min_decided_shown"].at().central)


def _too_few(unfollowed):
    return 0 < unfollowed < min_decided_shown()


def results_shown_to(access, results):
    """The results as the user may see them, on the results page and in the PDF report.

    A job's figures are hidden when the decided participants of the job the user does not follow are fewer than
    `min_decided_shown()` (but one or more); the organisation's too, and also when the jobs hidden would be given away
    by subtracting the jobs shown from it. The organisation's figures then name no hidden job.
    """
    decided = [result.participant for result in results.decided]
    followed = followed_ids(access, decided)
    unfollowed_by_job = {}
    for participant in decided:
        if participant.pk not in followed:
            unfollowed_by_job[participant.job_id] = unfollowed_by_job.get(participant.job_id, 0) + 1
    hidden = tuple(job for job in results.jobs if _too_few(unfollowed_by_job.get(job.job.pk, 0)))
    if not hidden and not _too_few(sum(unfollowed_by_job.values())):
        return results
    hidden_ids = {job.job.pk for job in hidden}
    hidden_unfollowed = sum(count for job_id, count in unfollowed_by_job.items() if job_id in hidden_ids)
    synthesis_hidden = _too_few(sum(unfollowed_by_job.values())) or _too_few(hidden_unfollowed)
    synthesis = None if synthesis_hidden else _without_jobs(results.synthesis, {job.job.title for job in hidden})
    return replace(
        results,
        jobs=tuple(job for job in results.jobs if job.job.pk not in hidden_ids),
        hidden_jobs=hidden,
        synthesis=synthesis,
        synthesis_hidden=synthesis_hidden and results.synthesis is not None,
    )


def _without_jobs(synthesis, titles):
    """The organisation's synthesis without naming the jobs `titles` in its obstacles, blockers and warnings."""
    if synthesis is None or not titles:
        return synthesis

    def impacts(found):
        return tuple(replace(impact, jobs=tuple(job for job in impact.jobs if job not in titles)) for impact in found)

    return replace(
        synthesis,
        obstacles=impacts(synthesis.obstacles),
        blockers=impacts(synthesis.blockers),
        warnings=tuple(warning for job in synthesis.jobs if job.name not in titles for warning in job.warnings),
    )


def hidden_figures_notice(results):
    """French sentences saying which figures `results_shown_to` withheld, and why; empty when none."""
    lines = []
    if results.synthesis_hidden:
        lines.append(
            _(
                "Les chiffres de l'organisation ne sont pas affichés : ils porteraient sur moins de %(minimum)d "
                "évaluations décidées de salariés dont vous ne suivez pas l'évaluation (ou laisseraient déduire ceux "
                "d'un poste masqué), si peu qu'ils révéleraient des résultats individuels."
            )
            % {"minimum": min_decided_shown()}
        )
    if results.hidden_jobs:
        lines.append(
            _(
                "Les chiffres de ces postes ne sont pas affichés : ils portent sur moins de %(minimum)d évaluations "
                "décidées de salariés dont vous ne suivez pas l'évaluation, si peu qu'ils révéleraient des résultats "
                "individuels : %(jobs)s."
            )
            % {"minimum": min_decided_shown(), "jobs": ", ".join(job.job.title for job in results.hidden_jobs)}
        )
    return lines
