"""Writes of the hybrid planner. The engine runs here, with a time limit and a fixed seed, never in a view: a page
submits the solve as a job (`submit_solve`), that a worker runs with the command line's quality."""

import os
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from teletravail.apps.audit.models import AuditAction
from teletravail.apps.audit.services import record_event
from teletravail.apps.core.conflicts import Conflict
from teletravail.apps.jobs.services import lease_for, submit_job
from teletravail.apps.organisations.models import Organisation, Team
from teletravail.apps.organisations.signals import organisation_changed
from teletravail.apps.planner import notices
from teletravail.apps.planner.models import (
    ORGANISATION_SOLVE_JOB,
    SOLVE_JOB,
    Assignment,
    MemberPlanningProfile,
    ModeSwitch,
    Place,
    PlanStatus,
    TeamPlan,
    new_calendar_token,
)
from teletravail.apps.planner.selectors import (
    active_place_days,
    check_places,
    choosable_places,
    current_mode,
    planned_teams_of,
    planning_input,
    plans_input,
    profile_of,
    published_place,
    stored_places,
    team_members,
    team_share,
)
from teletravail.planning.errors import PlanningInputError
from teletravail.planning.problem import DAYS, EXCEPTIONAL
from teletravail.planning.solver import solve


# A fixed seed: with one solver thread (PLANNER_SOLVER_WORKERS=1), the same team and settings give the same plan.
SOLVER_SEED = 0

PLAN_PUBLISHED = AuditAction.PLANNING_PUBLISHED
PLANNING_MODE_CHANGED = AuditAction.PLANNING_MODE_CHANGED


def profile_for_update(membership):
    profile, _created = MemberPlanningProfile.objects.get_or_create(membership=membership)
    return profile


def save_member_profile(*, membership, **values):
    """The manager's settings for one member: eligibility, days off, fixed days, minimum on site."""
    profile = profile_for_update(membership)
    for field, value in values.items():
        setattr(profile, field, value)
    profile.save()
    return profile


def save_preferences(*, membership, preferred_remote, preferred_on_site):
    """The member's own wishes; the next generation of their team's plan takes them into account."""
    profile = profile_for_update(membership)
    profile.preferred_remote = list(preferred_remote)
    profile.preferred_on_site = list(preferred_on_site)
    profile.preferences_updated_at = timezone.now()
    profile.save()
    return profile


# --- Days at a telework place near home (« tiers-lieu » days) ---------------------------------------------------
# The solver does not know this day kind: for the on-site rules (people on site, desks, days on site a week) a day at
# a place is a telework day like any other. So the engine plans `remote` days, and sync_place_days then labels those
# that fall on the member's place days with their place: after each solve and each hand edit of a grid, and when the
# member, the organisation or the place changes. A label is never on another day than a `remote` one, so a place
# day never counts as on site.


def sync_place_days(assignments):
    """Label each telework day of `assignments` (a queryset) that falls on one of its member's active place days
    (selectors.active_place_days) with their place, and take the label off every other day. Returns the days whose
    label went, as [(membership, date)]."""
    rows = assignments.select_related(
        "membership__organisation", "membership__planning_profile__telework_place", "membership__user"
    )
    active, changed, dropped = {}, [], []
    for assignment in rows:
        membership = assignment.membership
        if membership.pk not in active:
            active[membership.pk] = active_place_days(profile_of(membership), membership.organisation)
        place, days = active[membership.pk]
        at_place = place is not None and assignment.where == Place.REMOTE and assignment.day in days
        place_id = place.pk if at_place else None
        if assignment.telework_place_id != place_id:
            if place_id is None:
                dropped.append((membership, assignment.date))
            assignment.telework_place_id = place_id
            changed.append(assignment)
    Assignment.objects.bulk_update(changed, ["telework_place"])
    return dropped


def _place_days_refusal(membership, profile, place_id, days):
    """Why the member may not spend these days at this place (a French sentence), or None."""
    organisation = Organisation.objects.get(pk=membership.organisation_id)  # its rule as it stands now
    if not organisation.place_days_allowed:
        return _("Votre organisation n'autorise pas les jours en tiers-lieu.")
    if not profile.can_telework:
        return _("Votre poste n'est pas ouvert au télétravail : vous ne pouvez pas choisir de jour en tiers-lieu.")
    limit = organisation.place_days_per_week_max
    if len(days) > limit:
        return ngettext(
            "Votre organisation autorise au plus %(limit)d jour en tiers-lieu par semaine : vous en avez choisi "
            "%(count)d.",
            "Votre organisation autorise au plus %(limit)d jours en tiers-lieu par semaine : vous en avez choisi "
            "%(count)d.",
            limit,
        ) % {"limit": limit, "count": len(days)}
    if place_id is None:
        return _("Choisissez le lieu où passer vos jours en tiers-lieu.")
    place = published_place(place_id)
    if place is None:
        return _("Ce lieu n'est pas ou plus publié dans l'annuaire des lieux de télétravail : choisissez-en un autre.")
    if place.pk not in {choice.pk for choice in choosable_places(membership, profile)}:
        return _("Choisissez un lieu parmi les lieux de télétravail les plus proches de chez vous.")
    return None


@transaction.atomic
def save_place_days(*, membership, place_id, days):
    """The member's telework place near home and the days of the week they spend there; their telework days from
    today on those days are labelled with it at once (the solve does not change: see sync_place_days). No place and
    no day clears the choice, whatever the organisation's rule. Refused with ValidationError, nothing saved: place
    days not allowed by the organisation, more days than its weekly limit, a place that is not published or not
    among the member's nearest."""
    profile = profile_for_update(membership)
    days = [day for day in DAYS if day in set(days)]
    if days or place_id is not None:
        refusal = _place_days_refusal(membership, profile, place_id, days)
        if refusal:
            raise ValidationError(refusal)
    profile.telework_place_id = place_id if days else None
    profile.place_days = days
    profile.save(update_fields=["telework_place", "place_days"])
    sync_place_days(Assignment.objects.filter(membership=membership, date__gte=timezone.localdate()))
    return profile


@receiver(organisation_changed)
def _place_days_rule_changed(sender, *, organisation, changes, request=None, **kwargs):
    """The organisation allows place days again, no more, or fewer a week: its members' days from today follow, and
    those whose place days became plain telework days are told so."""
    if not {"place_days_allowed", "place_days_per_week_max"} & set(changes):
        return
    dropped = sync_place_days(
        Assignment.objects.filter(plan__team__organisation=organisation, date__gte=timezone.localdate())
    )
    members = {membership.pk: membership for membership, _date in dropped}
    notices.place_days_withdrawn(organisation, list(members.values()), request=request)


def regenerate_calendar_token(*, membership):
    """A new private calendar address; the former one stops working at once."""
    profile = profile_for_update(membership)
    profile.calendar_token = new_calendar_token()
    profile.save(update_fields=["calendar_token"])
    return profile


def _check_team(team):
    if team.site_id is None:
        raise ValidationError(
            _("L'équipe « %(team)s » n'a pas de site : rattachez-la à un site dans les paramètres de l'organisation.")
            % {"team": team.name}
        )
    if not team_members(team):
        raise ValidationError(
            _("L'équipe « %(team)s » n'a aucun membre : rattachez des membres à l'équipe avant de planifier.")
            % {"team": team.name}
        )


def _lock(plan):
    """Lock the plan's row until the end of the transaction and read it again: its grid, status and revision only
    change under this lock, so that a check and the write it allows see the same plan."""
    plan.refresh_from_db(from_queryset=TeamPlan.objects.select_for_update(of=("self",)))


def solver_options():
    """The command line's quality: its time limit, on the worker's cores (settings)."""
    return {
        "time_limit": settings.PLANNER_SOLVER_TIME_LIMIT_SECONDS,
        "seed": SOLVER_SEED,
        "workers": settings.PLANNER_SOLVER_WORKERS or os.cpu_count() or 1,
    }


def _solve(plan):
    """The engine's input from the team's current data, and its answer; bad input raises ValidationError with the
    engine's French messages (each names the member or item at fault). Long: never inside a transaction."""
    return _solve_input(*planning_input(plan))


def _solve_input(data, members):
    try:
        result = solve(data, **solver_options())
    except PlanningInputError as error:
        raise ValidationError(error.lines()) from error
    return data, members, result


def _store(plan, data, members, result):
    """Store the engine's answer as the plan's draft grid."""
    plan.problem = data
    plan.members = members
    plan.mode = data["mode"]
    plan.result = {key: value for key, value in result.items() if key != "assignments"}
    plan.status = PlanStatus.DRAFT
    plan.revision += 1
    plan.updated_at = timezone.now()
    plan.save()
    plan.assignments.all().delete()
    Assignment.objects.bulk_create(
        Assignment(
            plan=plan,
            membership_id=members[item["employee"]],
            week=item["week"],
            day=item["day"],
            date=plan.date_of(item["week"], item["day"]),
            where=item["where"],
        )
        for item in result["assignments"]
    )
    sync_place_days(plan.assignments.all())
    return plan


def submit_solve(*, team, actor, plan=None, plan_settings=None):
    """Queue the solve of a new plan of the team (`plan_settings`) or of an existing `plan` again, as a job.

    One solve per team at a time: while one is queued or running, submitting again returns it. Returns (job, True
    when queued now). What can be refused at once (no site, no member) is refused here.
    """
    _check_team(team)
    payload = {"team": team.pk, "actor": actor.pk}
    if plan is not None:
        payload["plan"] = plan.pk
    else:
        payload["settings"] = {**plan_settings, "start": plan_settings["start"].isoformat()}
    return submit_job(
        kind=SOLVE_JOB, key=f"{SOLVE_JOB}:team:{team.pk}", payload=payload, requested_by=actor, **_solve_job_options()
    )


def _job_plan(payload):
    """The plan a solve job works on: the existing one, or a new one (unsaved) from the settings submitted."""
    try:
        if "plan" in payload:
            return TeamPlan.objects.select_related("team__site", "team__organisation").get(pk=payload["plan"])
        team = Team.objects.select_related("site", "organisation").get(pk=payload["team"])
    except (TeamPlan.DoesNotExist, Team.DoesNotExist) as error:
        raise ValidationError(_("Ce planning ou cette équipe a été supprimé pendant le calcul.")) from error
    values = payload["settings"]
    return TeamPlan(
        team=team, created_by_id=payload["actor"], **{**values, "start": date.fromisoformat(values["start"])}
    )


def compute_solve_job(payload):
    """The job's long part: the solve, outside any transaction."""
    plan = _job_plan(payload)
    _check_team(plan.team)
    return _solve(plan)


def store_solve_job(job, outcome):
    """The job's answer stored (in the transaction that marks it done, never for a cancelled job): a new plan, or
    the plan solved again (hand edits are replaced, as « Recalculer » says). An infeasible plan is kept too: its
    page shows the explanation."""
    plan = _job_plan(job.payload)
    if plan.pk is None:
        plan.save()
    else:
        _lock(plan)
    _store(plan, *outcome)
    return {"plan": plan.pk}


def _solve_job_options():
    """The time a solve job is expected to take and its lease: an infeasible plan's explanation may take as long
    again as the solve."""
    time_limit = settings.PLANNER_SOLVER_TIME_LIMIT_SECONDS
    return {"expected_seconds": time_limit, "lease_seconds": lease_for(2 * time_limit)}


def submit_organisation_solve(*, organisation, actor, plan_settings):
    """Queue one solve of every team of the organisation that has a site and members, together (the teams of a
    site share its desks), with the same settings: a new draft plan per team. One at a time per organisation, as
    `submit_solve` per team. Returns (job, True when queued now)."""
    if not planned_teams_of(organisation):
        raise ValidationError(
            _(
                "Aucune équipe à planifier : rattachez chaque équipe à un site et des membres à chaque équipe dans "
                "les paramètres de l'organisation."
            )
        )
    return submit_job(
        kind=ORGANISATION_SOLVE_JOB,
        key=f"{ORGANISATION_SOLVE_JOB}:{organisation.pk}",
        payload={
            "organisation": organisation.pk,
            "actor": actor.pk,
            "settings": {**plan_settings, "start": plan_settings["start"].isoformat()},
        },
        requested_by=actor,
        **_solve_job_options(),
    )


def _organisation_plans(payload):
    """New team plans (unsaved), one per team planned, from the settings submitted."""
    try:
        organisation = Organisation.objects.get(pk=payload["organisation"])
    except Organisation.DoesNotExist as error:
        raise ValidationError(_("Cette organisation a été supprimée pendant le calcul.")) from error
    values = {**payload["settings"], "start": date.fromisoformat(payload["settings"]["start"])}
    teams = planned_teams_of(organisation)
    if not teams:
        raise ValidationError(_("Aucune équipe à planifier : les équipes ont perdu leur site ou leurs membres."))
    return organisation, [TeamPlan(team=team, created_by_id=payload["actor"], **values) for team in teams]


def organisation_solve_input(payload):
    """The engine's input of a whole-organisation solve job, as the command line reads it, and the map of its
    employee ids to memberships."""
    organisation, plans = _organisation_plans(payload)
    return plans_input(plans, name=organisation.name)


def compute_organisation_solve_job(payload):
    """The job's long part: one solve of all the teams together, outside any transaction."""
    return _solve_input(*organisation_solve_input(payload))


def store_organisation_solve_job(job, outcome):
    """Each team's share of the answer stored as its new draft plan (never for a cancelled job)."""
    data, members, result = outcome
    _organisation, plans = _organisation_plans(job.payload)
    solved = {row["id"] for row in data["teams"]}
    stored = []
    for plan in plans:
        if f"equipe-{plan.team.pk}" not in solved:
            continue  # a team given a site or its first members during the solve is left for the next one
        team_data, team_result = team_share(data, result, f"equipe-{plan.team.pk}")
        team_members_map = {row["id"]: members[row["id"]] for row in team_data["employees"]}
        plan.save()
        _store(plan, team_data, team_members_map, team_result)
        stored.append(plan.pk)
    figures = result["solver"]
    return {
        "plans": stored,
        "status": result["status"],
        "objective": figures["objective"],
        "best_bound": figures["best_bound"],
        "gap_percent": figures["gap_percent"],
    }


@transaction.atomic
def save_grid(*, plan, places, revision=None):
    """Save a hand-edited grid, violations included (they are shown, and block publication). A published plan
    goes back to draft: it must be published again.

    `revision` is the plan's revision the grid was edited from: if the grid was saved or recalculated since,
    Conflict and nothing saved (None: no such check, for callers that hold no page).
    """
    _lock(plan)
    if revision is not None and revision != plan.revision:
        raise Conflict(
            _(
                "Ce planning a été modifié par une autre personne depuis que vous l'avez ouvert : votre grille "
                "n'est pas enregistrée. Elle est affichée ci-dessous, sur la version actuelle : enregistrez-la "
                "de nouveau pour remplacer les modifications de l'autre personne, ou rechargez la page pour les voir."
            )
        )
    plan.assignments.all().delete()
    Assignment.objects.bulk_create(
        Assignment(plan=plan, membership_id=pk, week=week, day=day, date=plan.date_of(week, day), where=where)
        for (pk, week, day), where in places.items()
    )
    sync_place_days(plan.assignments.all())
    plan.status = PlanStatus.DRAFT
    plan.revision += 1
    plan.updated_at = timezone.now()
    plan.save(update_fields=["status", "revision", "updated_at"])
    return check_places(plan, places)


@transaction.atomic
def publish_plan(*, plan, actor, request=None):
    """Publish a plan that respects every rule: its members see it, in their calendar feed too. The rules are
    checked under the plan's lock, on the grid that gets published. True when published now, False when it was
    published already (by someone else at the same moment: no second publication, no second audit event)."""
    _lock(plan)
    if plan.is_published:
        return False
    places = stored_places(plan)
    if not places:
        raise ValidationError(_("Ce planning n'a aucune affectation : il ne peut pas être publié."))
    violations = check_places(plan, places)
    if violations:
        raise ValidationError(
            ngettext(
                "Ce planning enfreint %(count)d règle : corrigez-la avant de le publier.",
                "Ce planning enfreint %(count)d règles : corrigez-les avant de le publier.",
                len(violations),
            )
            % {"count": len(violations)}
        )
    changed = plan.published_at is not None  # published before, edited since
    plan.status = PlanStatus.PUBLISHED
    plan.published_at = timezone.now()
    plan.published_by = actor
    plan.save(update_fields=["status", "published_at", "published_by"])
    record_event(
        PLAN_PUBLISHED,
        actor=actor,
        organisation=plan.team.organisation,
        request=request,
        plan=plan.pk,
        team=plan.team.name,
        start=plan.start.isoformat(),
        weeks=plan.weeks,
    )
    notices.plan_published(plan, changed=changed, request=request)
    return True


@transaction.atomic
def switch_mode(*, organisation, exceptional, reason, actor, request=None):
    """Put the organisation in the exceptional mode (or back in the normal one), recording who did it and why.

    `exceptional` is the mode asked for, not a toggle: asking for the mode in force (another administrator switched
    at the same moment) changes nothing and records nothing, and returns None.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Indiquez le motif du changement de mode.")})
    # The organisation's row serialises the switches: the mode read here is the one the switch changes.
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    mode, _reason = current_mode(organisation)
    if (mode == EXCEPTIONAL) == exceptional:
        return None
    switch = ModeSwitch.objects.create(
        organisation=organisation,
        exceptional=exceptional,
        reason=reason,
        actor=actor,
        actor_email=getattr(actor, "email", ""),
    )
    record_event(
        PLANNING_MODE_CHANGED,
        actor=actor,
        organisation=organisation,
        request=request,
        mode=EXCEPTIONAL if exceptional else "normal",
        reason=reason,
    )
    return switch
