"""Writes of the diagnostic campaign. Each runs in one transaction and raises ValidationError with French messages
naming the job, activity or person at fault: when it fails, nothing is saved."""

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teletravail.apps.audit.models import AuditAction
from teletravail.apps.audit.services import record_event
from teletravail.apps.core.language import of_name
from teletravail.apps.diagnostic import notices
from teletravail.apps.diagnostic.models import (
    Action,
    Answer,
    AuthorRole,
    Campaign,
    CampaignJob,
    CampaignStatus,
    Decision,
    EmployeeResponse,
    JobActivity,
    Participant,
)
from teletravail.apps.diagnostic.selectors import (
    activity_rows,
    criterion_label,
    display_name,
    job_activities,
    participant_activities,
    share_total,
    shares_are_off,
)
from teletravail.teleworkability import TeleworkabilityInputError, load_criteria, profession
from teletravail.teleworkability.criteria import OBSTACLE


PERCENT = Decimal(100)
SHARE_PLACES = Decimal("0.01")


def _require_not_closed(campaign):
    if campaign.is_closed:
        raise ValidationError(
            _("La campagne « %(title)s » est close : elle ne peut plus être modifiée.") % {"title": campaign.title}
        )


def _clean_text(value, field, message):
    value = " ".join((value or "").split())
    if not value:
        raise ValidationError({field: message})
    return value


def _check_pcs(code):
    code = (code or "").strip().upper()
    if not code:
        return ""
    try:
        return profession(code).pcs2020
    except TeleworkabilityInputError as error:
        raise ValidationError({"pcs2020": error.lines()}) from error


def _check_criteria(codes, where):
    """The codes, checked against criteria.yaml, in the file's order."""
    known = load_criteria().criteria
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise ValidationError(
            _("%(where)s : critère inconnu « %(codes)s ».") % {"where": where, "codes": ", ".join(unknown)}
        )
    return [code for code in known if code in set(codes)]


# --- Campaign, jobs and activities --------------------------------------------------------------------------------


@transaction.atomic
def create_campaign(*, organisation, title, actor, request=None):
    title = _clean_text(title, "title", _("Donnez un intitulé à la campagne."))
    campaign = Campaign.objects.create(organisation=organisation, title=title, created_by=actor)
    record_event(
        AuditAction.DIAGNOSTIC_CAMPAIGN_CREATED,
        actor=actor,
        organisation=organisation,
        request=request,
        campaign=campaign.pk,
        title=title,
    )
    return campaign


@transaction.atomic
def save_job(*, campaign, title, pcs2020="", job=None):
    """Add a job to the campaign (or rename it / change its PCS code); an unknown PCS code is refused."""
    _require_not_closed(campaign)
    title = _clean_text(title, "title", _("L'intitulé du poste est obligatoire."))
    code = _check_pcs(pcs2020)
    duplicate = CampaignJob.objects.filter(campaign=campaign, title__iexact=title)
    if job is not None:
        duplicate = duplicate.exclude(pk=job.pk)
    if duplicate.exists():
        raise ValidationError(
            {"title": _("Le poste « %(title)s » existe déjà dans cette campagne.") % {"title": title}}
        )
    job = job or CampaignJob(campaign=campaign)
    job.title = title
    job.pcs2020 = code
    job.save()
    return job


def _check_share(time_share, where):
    if time_share is None or time_share < 0 or time_share > PERCENT:
        raise ValidationError(
            {"time_share": _("%(where)s : la part du temps doit être comprise entre 0 et 100 %%.") % {"where": where}}
        )
    return Decimal(time_share).quantize(SHARE_PLACES)


@transaction.atomic
def add_activity(*, job, name, time_share):
    """An activity the manager defines for the job, for every participant holding it."""
    _require_not_closed(job.campaign)
    name = _clean_text(name, "name", _("Le nom de l'activité est obligatoire."))
    share = _check_share(time_share, _("Activité « %(name)s »") % {"name": name})
    if any(activity.name.lower() == name.lower() for activity in job_activities(job)):
        raise ValidationError(
            {"name": _("Le poste « %(job)s » a déjà une activité « %(name)s ».") % {"job": job.title, "name": name}}
        )
    return JobActivity.objects.create(job=job, name=name, time_share=share)


@transaction.atomic
def delete_activity(*, activity):
    """Remove an activity nobody has answered on yet; a job held by participants keeps at least one activity."""
    job = activity.job
    _require_not_closed(job.campaign)
    if activity.answers.exists() or activity.decisions.exists():
        raise ValidationError(
            _("L'activité « %(name)s » a déjà des réponses : elle ne peut plus être supprimée.")
            % {"name": activity.name}
        )
    if activity.added_by_id is None and job_activities(job) == [activity] and job.participants.exists():
        raise ValidationError(
            _(
                "« %(name)s » est la dernière activité du poste « %(job)s », que des salariés évaluent : ajoutez "
                "d'abord l'activité qui la remplace."
            )
            % {"name": activity.name, "job": job.title}
        )
    activity.delete()


@transaction.atomic
def normalise_shares(*, job):
    """Rescale the job's activity shares so that they sum to 100 %, on request; the rounding remainder goes to the
    largest activity so that the total is exactly 100."""
    _require_not_closed(job.campaign)
    activities = job_activities(job)
    total = share_total(activities)
    if not activities or total <= 0:
        raise ValidationError(_("Poste « %(job)s » : aucune part de temps à ramener à 100 %%.") % {"job": job.title})
    for activity in activities:
        activity.time_share = (activity.time_share * PERCENT / total).quantize(SHARE_PLACES)
    largest = max(activities, key=lambda activity: activity.time_share)
    largest.time_share += PERCENT - share_total(activities)
    JobActivity.objects.bulk_update(activities, ["time_share"])
    return activities


# --- Participants -------------------------------------------------------------------------------------------------


@transaction.atomic
def invite_participants(*, campaign, job, memberships, actor, request=None):
    """Invite members to assess `job`. A job without activity, or a member already invited, stops everything."""
    _require_not_closed(campaign)
    if job.campaign_id != campaign.pk:
        raise ValidationError({"job": _("Ce poste n'appartient pas à la campagne.")})
    memberships = list(dict.fromkeys(memberships))
    if not memberships:
        raise ValidationError({"members": _("Choisissez au moins un membre, ou une équipe qui a des membres.")})
    if not job_activities(job):
        raise ValidationError(
            {
                "job": _("Le poste « %(job)s » n'a aucune activité : décrivez ses activités avant d'inviter.")
                % {"job": job.title}
            }
        )
    already = set(
        Participant.objects.filter(campaign=campaign, membership__in=memberships).values_list("membership", flat=True)
    )
    problems = [
        _("%(name)s est déjà invité·e à cette campagne.") % {"name": display_name(membership)}
        for membership in memberships
        if membership.pk in already
    ]
    problems += [
        _("%(name)s n'est pas membre de l'organisation.") % {"name": display_name(membership)}
        for membership in memberships
        if membership.organisation_id != campaign.organisation_id
    ]
    if problems:
        raise ValidationError({"members": problems})
    try:
        participants = [
            Participant.objects.create(campaign=campaign, membership=membership, job=job, invited_by=actor)
            for membership in memberships
        ]
    except IntegrityError as error:  # invited at the same moment by someone else
        raise ValidationError(_("Un de ces membres vient d'être invité : rechargez la page.")) from error
    if campaign.status == CampaignStatus.DRAFT:
        campaign.status = CampaignStatus.OPEN
        campaign.opened_at = timezone.now()
        campaign.save(update_fields=["status", "opened_at"])
    record_event(
        AuditAction.DIAGNOSTIC_PARTICIPANTS_INVITED,
        actor=actor,
        organisation=campaign.organisation,
        request=request,
        campaign=campaign.pk,
        job=job.title,
        count=len(participants),
    )
    notices.participants_invited(participants, request)
    return participants


@transaction.atomic
def add_own_activity(*, participant, name, time_share):
    """An activity the employee adds to their own assessment. Neither side has answered on it yet: both
    assessments are to submit again (and the decision waits for them)."""
    _require_not_closed(participant.campaign)
    name = _clean_text(name, "name", _("Le nom de l'activité est obligatoire."))
    share = _check_share(time_share, _("Activité « %(name)s »") % {"name": name})
    if any(activity.name.lower() == name.lower() for activity in participant_activities(participant)):
        raise ValidationError({"name": _("Votre poste a déjà une activité « %(name)s ».") % {"name": name}})
    activity = JobActivity.objects.create(job=participant.job, name=name, time_share=share, added_by=participant)
    participant.submitted_at = None
    participant.manager_submitted_at = None
    participant.save(update_fields=["submitted_at", "manager_submitted_at"])
    return activity


@transaction.atomic
def normalise_participant_shares(*, participant):
    """On request, rescale the participant's time shares to 100 % in their results, keeping their proportions.

    Only the imbalance their own activities bring is theirs to settle: the job's shares are shared by everyone
    holding it and are corrected on the job's page (`normalise_shares`). Stored shares stay as entered."""
    _require_not_closed(participant.campaign)
    activities = participant_activities(participant)
    total = share_total(activities)
    name = display_name(participant.membership)
    if total <= 0:
        raise ValidationError(
            _("Poste « %(job)s » : aucune part de temps à ramener à 100 %%.") % {"job": participant.job.title}
        )
    if not shares_are_off(total):
        raise ValidationError(
            _("Les parts de temps %(of_name)s totalisent déjà 100 %% : rien à ramener.") % {"of_name": of_name(name)}
        )
    if not any(activity.added_by_id == participant.pk for activity in activities):
        raise ValidationError(
            _("Les parts de temps de ce poste se corrigent sur la page du poste « %(job)s ».")
            % {"job": participant.job.title}
        )
    participant.normalised_total = total
    participant.save(update_fields=["normalised_total"])
    return participant


@transaction.atomic
def submit_answers(*, participant, role, answers, actor):
    """Store one side's answers: `answers` maps each activity id of the participant to (criteria codes, comment).

    Every activity must be answered; an unknown activity or criterion stops everything.
    """
    _require_not_closed(participant.campaign)
    if role not in AuthorRole.values:
        raise ValidationError(_("Rôle de réponse inconnu « %(role)s ».") % {"role": role})
    activities = {activity.pk: activity for activity in participant_activities(participant)}
    unknown = [str(pk) for pk in answers if pk not in activities]
    if unknown:
        raise ValidationError(_("Activité inconnue pour ce poste : n° %(ids)s.") % {"ids": ", ".join(unknown)})
    missing = [activity.name for pk, activity in activities.items() if pk not in answers]
    if missing:
        raise ValidationError(
            _("Répondez pour chaque activité ; manquant : %(names)s.") % {"names": ", ".join(missing)}
        )
    now = timezone.now()
    for pk, (codes, comment) in answers.items():
        where = _("Activité « %(name)s »") % {"name": activities[pk].name}
        Answer.objects.update_or_create(
            participant=participant,
            activity=activities[pk],
            role=role,
            defaults={
                "criteria": _check_criteria(list(codes), where),
                "comment": (comment or "").strip(),
                "author": actor,
                "answered_at": now,
            },
        )
    if role == AuthorRole.EMPLOYEE:
        participant.submitted_at = now
    else:
        participant.manager_submitted_at = now
    participant.save(update_fields=["submitted_at", "manager_submitted_at"])
    notices.answers_submitted(participant, role)
    return participant


def _record_decision(participant, activity, criteria, note, actor, request):
    where = _("Activité « %(name)s »") % {"name": activity.name}
    criteria = _check_criteria(list(criteria), where)
    decision = Decision.objects.select_for_update().filter(participant=participant, activity=activity).first()
    if decision is None:
        decision = Decision(participant=participant, activity=activity)
    elif decision.criteria != criteria:  # another decision: the employee's answer was to the previous one
        decision.employee_response, decision.employee_comment, decision.responded_at = "", "", None
    decision.criteria = criteria
    decision.note = (note or "").strip()
    decision.decided_by = actor
    decision.decided_at = timezone.now()
    decision.save()
    _decision_event(AuditAction.DIAGNOSTIC_DECISION_RECORDED, decision, actor, request)
    return decision


def _decision_event(action, decision, actor, request):
    participant = decision.participant
    record_event(
        action,
        actor=actor,
        organisation=participant.campaign.organisation,
        request=request,
        campaign=participant.campaign_id,
        participant=participant.pk,
        activity=decision.activity.name,
    )


def _check_answered(participant):
    if participant.submitted_at is None or participant.manager_submitted_at is None:
        raise ValidationError(
            _("La décision attend les deux regards : celui %(of_name)s et celui de son manager.")
            % {"of_name": of_name(display_name(participant.membership))}
        )


@transaction.atomic
def decide(*, participant, activity, criteria, note, actor, request=None):
    """The shared decision on one activity, whatever the two views said; records who decided and when."""
    _require_not_closed(participant.campaign)
    if activity not in participant_activities(participant):
        raise ValidationError(_("L'activité « %(name)s » n'est pas celle de ce poste.") % {"name": activity.name})
    _check_answered(participant)
    return _record_decision(participant, activity, criteria, note, actor, request)


@transaction.atomic
def respond_to_decision(*, participant, activity, accept, comment, actor, request=None):
    """The employee accepts the shared decision on one of their activities, or contests it and says why; nobody
    else may answer for them. The decision stands either way: a contest shows to the manager and the employer."""
    _require_not_closed(participant.campaign)
    if actor is None or participant.membership.user_id != actor.pk:
        raise ValidationError(
            _("Seul·e %(name)s peut accepter ou contester ses décisions partagées.")
            % {"name": display_name(participant.membership)}
        )
    decision = Decision.objects.select_for_update().filter(participant=participant, activity=activity).first()
    if decision is None:
        raise ValidationError(
            _("L'activité « %(name)s » n'a pas encore de décision partagée.") % {"name": activity.name}
        )
    comment = (comment or "").strip()
    if not accept and not comment:
        raise ValidationError({"comment": _("Dites ce que vous contestez : votre manager le lira.")})
    decision.employee_response = EmployeeResponse.ACCEPTED if accept else EmployeeResponse.CONTESTED
    decision.employee_comment = comment
    decision.responded_at = timezone.now()
    decision.save(update_fields=["employee_response", "employee_comment", "responded_at"])
    _decision_event(
        AuditAction.DIAGNOSTIC_DECISION_ACCEPTED if accept else AuditAction.DIAGNOSTIC_DECISION_CONTESTED,
        decision,
        actor,
        request,
    )
    return decision


@transaction.atomic
def validate_agreements(*, participant, actor, activity=None, request=None):
    """Where the employee and the manager ticked the same criteria, record that common view as the decision
    (for one activity, or for every agreement not yet decided). Returns the decisions recorded."""
    _require_not_closed(participant.campaign)
    _check_answered(participant)
    rows = [row for row in activity_rows(participant) if activity is None or row.activity.pk == activity.pk]
    if activity is not None and not (rows and rows[0].agree):
        raise ValidationError(
            _("Sur l'activité « %(name)s », les deux regards diffèrent : prenez une décision partagée.")
            % {"name": activity.name}
        )
    return [
        _record_decision(participant, row.activity, row.employee.criteria, "", actor, request)
        for row in rows
        if row.agree and (activity is not None or row.decision is None)
    ]


# --- Action plan and closing --------------------------------------------------------------------------------------


@transaction.atomic
def add_action(*, campaign, criterion, what, who, due_date, actor, job=None):
    _require_not_closed(campaign)
    obstacles = {item.code for item in load_criteria().of_tier(OBSTACLE)}
    if criterion not in obstacles:
        raise ValidationError(
            {"criterion": _("« %(label)s » n'est pas un obstacle levable.") % {"label": criterion_label(criterion)}}
        )
    if job is not None and job.campaign_id != campaign.pk:
        raise ValidationError({"job": _("Ce poste n'appartient pas à la campagne.")})
    what = _clean_text(what, "what", _("Décrivez l'action à mener."))
    who = _clean_text(who, "who", _("Indiquez qui mène l'action."))
    if due_date is None:
        raise ValidationError({"due_date": _("Indiquez l'échéance de l'action.")})
    return Action.objects.create(
        campaign=campaign, job=job, criterion=criterion, what=what, who=who, due_date=due_date, created_by=actor
    )


@transaction.atomic
def set_action_done(*, action, done=True):
    """Mark the action done (the obstacle then counts as lifted in the results), or not done again."""
    _require_not_closed(action.campaign)
    action.done = done
    action.done_at = timezone.now() if done else None
    action.save(update_fields=["done", "done_at"])
    return action


def _set_campaign_status(campaign, status, closed_at, audit_action, actor, request):
    campaign.status = status
    campaign.closed_at = closed_at
    campaign.save(update_fields=["status", "closed_at"])
    record_event(
        audit_action,
        actor=actor,
        organisation=campaign.organisation,
        request=request,
        campaign=campaign.pk,
        title=campaign.title,
    )
    return campaign


@transaction.atomic
def close_campaign(*, campaign, actor, request=None):
    _require_not_closed(campaign)
    return _set_campaign_status(
        campaign, CampaignStatus.CLOSED, timezone.now(), AuditAction.DIAGNOSTIC_CAMPAIGN_CLOSED, actor, request
    )


@transaction.atomic
def reopen_campaign(*, campaign, actor, request=None):
    """Undo a closing (the employer admin's decision, checked by the caller): answers and decisions go on."""
    if not campaign.is_closed:
        raise ValidationError(_("La campagne « %(title)s » n'est pas close.") % {"title": campaign.title})
    return _set_campaign_status(
        campaign, CampaignStatus.OPEN, None, AuditAction.DIAGNOSTIC_CAMPAIGN_REOPENED, actor, request
    )


# --- Demonstration ------------------------------------------------------------------------------------------------

DEMO_CAMPAIGN_TITLE = "Diagnostic de démonstration"
DEMO_ACTION_DELAY_DAYS = 60  # the demo's action falls due two months after its creation
DEMO_JOB = ("Développeur·se", "38G2")
# (activity, time share %, criteria decided): mostly teleworkable, one obstacle to lift, one activity on site.
DEMO_ACTIVITIES = (
    ("Développement et tests", 55, []),
    ("Revue de code et entraide", 20, ["travail_collectif"]),
    ("Ateliers avec les clients", 15, ["coordination", "relation_intense"]),
    ("Maintenance de la salle serveurs", 10, ["intervention_sur_site"]),
)


@transaction.atomic
def create_demo_campaign(organisation):
    """A decided campaign for the demo organisation: one job, its employees invited, both views given and agreed,
    an action planned. Does nothing when the campaign already exists; returns it either way."""
    existing = Campaign.objects.filter(organisation=organisation, title=DEMO_CAMPAIGN_TITLE).first()
    if existing is not None:
        return existing
    memberships = organisation.memberships.select_related("user")
    admin = memberships.filter(role="employer_admin").first()
    manager = memberships.filter(role="manager").first() or admin
    employees = list(memberships.filter(role="employee"))
    actor = admin.user if admin else None
    campaign = create_campaign(organisation=organisation, title=DEMO_CAMPAIGN_TITLE, actor=actor)
    job = save_job(campaign=campaign, title=DEMO_JOB[0], pcs2020=DEMO_JOB[1])
    criteria = {add_activity(job=job, name=name, time_share=share).pk: codes for name, share, codes in DEMO_ACTIVITIES}
    if employees:
        invite_participants(campaign=campaign, job=job, memberships=employees, actor=actor)
    for participant in campaign.participants.select_related("membership__user"):
        answers = {pk: (codes, "") for pk, codes in criteria.items()}
        submit_answers(
            participant=participant, role=AuthorRole.EMPLOYEE, answers=answers, actor=participant.membership.user
        )
        submit_answers(
            participant=participant, role=AuthorRole.MANAGER, answers=answers, actor=manager.user if manager else None
        )
        validate_agreements(participant=participant, actor=manager.user if manager else None)
    add_action(
        campaign=campaign,
        job=job,
        criterion="coordination",
        what="Convenir de plages de disponibilité communes et d'un outil de visioconférence partagé avec les clients",
        who="Manager de l'équipe",
        due_date=timezone.localdate() + timedelta(days=DEMO_ACTION_DELAY_DAYS),
        actor=actor,
    )
    return campaign
