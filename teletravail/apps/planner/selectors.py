"""Reads of the hybrid planner: who may see or edit what, the engine's input, grids, checks and schedules."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404

from teletravail.apps.jobs.models import Job
from teletravail.apps.organisations.models import Membership, Team
from teletravail.apps.organisations.selectors import (
    closed_days,
    managed_team_ids,
    organisation_access,
    pending_invitations,
)
from teletravail.apps.places.models import Place as TeleworkPlace
from teletravail.apps.places.models import PlaceStatus
from teletravail.apps.places.selectors import nearest_places
from teletravail.apps.planner.cohesion import Member, team_cohesion
from teletravail.apps.planner.eligibility import eligible_telework_days_by_membership, sector_rules
from teletravail.apps.planner.models import (
    DAY_LABELS,
    ORGANISATION_SOLVE_JOB,
    SOLVE_JOB,
    Assignment,
    MemberPlanningProfile,
    ModeSwitch,
    Place,
    PlanStatus,
    TeamPlan,
)
from teletravail.planning.check import check_schedule
from teletravail.planning.metrics import schedule_metrics
from teletravail.planning.problem import DAYS, EXCEPTIONAL, NORMAL, parse_problem


PROFILE_DAY_FIELDS = ("days_off", "fixed_remote", "fixed_on_site", "preferred_remote", "preferred_on_site")


# --- Access ------------------------------------------------------------------------------------------------------


def planner_access(user, organisation_id):
    """The member's access to the organisation's planner: 404 for outsiders (consultants see no schedules)."""
    return organisation_access(user, organisation_id, allow_consultant=False)


def can_plan_team(access, team):
    if access.is_employer_admin:
        return True
    return access.is_manager and team.pk in managed_team_ids(access.membership)


def can_view_team(access, team):
    return can_plan_team(access, team) or access.membership.team_id == team.pk


def team_of(access, team_id, *, edit=False):
    """The organisation's team (404 otherwise), if the member may see it, or plan it with `edit` (403 otherwise)."""
    team = get_object_or_404(Team.objects.select_related("site"), pk=team_id, organisation=access.organisation)
    if not (can_plan_team(access, team) if edit else can_view_team(access, team)):
        raise PermissionDenied
    return team


def plan_of(access, plan_id, *, edit=False):
    plan = get_object_or_404(
        TeamPlan.objects.select_related("team", "team__site"), pk=plan_id, team__organisation=access.organisation
    )
    if edit and not can_plan_team(access, plan.team):
        raise PermissionDenied
    if not edit and not (can_plan_team(access, plan.team) or (plan.is_published and can_view_team(access, plan.team))):
        raise PermissionDenied
    return plan


def solve_job_of(access, job_id):
    """A solve job and its team, for who plans the team: 404 for another organisation's, 403 for a team one does
    not plan. A whole organisation's solve has no team (None) and is its administrators' only."""
    job = get_object_or_404(Job, pk=job_id, kind__in=(SOLVE_JOB, ORGANISATION_SOLVE_JOB))
    if job.kind == SOLVE_JOB:
        return job, team_of(access, job.payload.get("team"), edit=True)
    if job.payload.get("organisation") != access.organisation.pk:
        raise Http404
    if not access.can_manage_organisation:
        raise PermissionDenied
    return job, None


def plannable_teams(access):
    teams = Team.objects.filter(organisation=access.organisation).select_related("site").order_by("name")
    if access.is_employer_admin:
        return teams
    return teams.filter(pk__in=managed_team_ids(access.membership))


def team_plans(access, team):
    plans = TeamPlan.objects.filter(team=team)
    return plans if can_plan_team(access, team) else plans.filter(status=PlanStatus.PUBLISHED)


# --- Mode --------------------------------------------------------------------------------------------------------


def published_plans(organisation):
    """The organisation's published team plans (the journey counts them)."""
    return TeamPlan.objects.filter(team__organisation=organisation, status=PlanStatus.PUBLISHED)


def last_mode_switch(organisation):
    return ModeSwitch.objects.filter(organisation=organisation).select_related("actor").first()


def current_mode(organisation):
    """(mode, reason): the exceptional mode holds from a switch to it until a switch back."""
    switch = last_mode_switch(organisation)
    if switch is not None and switch.exceptional:
        return EXCEPTIONAL, switch.reason
    return NORMAL, ""


def mode_switches(organisation):
    return ModeSwitch.objects.filter(organisation=organisation).select_related("actor")


# --- Members and the engine's input ------------------------------------------------------------------------------


def display_name(membership):
    return membership.user.full_name or membership.user.email


def team_members(team):
    """The team's members, each with their user, organisation and planning profile read in the same query."""
    return list(
        Membership.objects.filter(team=team)
        .select_related("user", "organisation", "planning_profile__telework_place")
        .order_by("user__full_name", "user__email", "pk")
    )


def invited_not_joined(team):
    """The pending invitations into the team: people the planner cannot plan until they join the organisation."""
    return list(pending_invitations(team.organisation).filter(team=team).order_by("full_name", "email"))


def profile_of(membership):
    """The member's saved profile, or an unsaved one with the defaults."""
    try:
        return membership.planning_profile
    except MemberPlanningProfile.DoesNotExist:
        return MemberPlanningProfile(membership=membership)


def member_profiles(memberships):
    """(membership, planning profile, eligible telework days) of each member, eligibility read for all at once."""
    members = [(membership, profile_of(membership)) for membership in memberships]
    eligible = eligible_telework_days_by_membership(members)
    return [(membership, profile, eligible[membership.pk]) for membership, profile in members]


def day_list(codes):
    """« lundi, vendredi »."""
    return ", ".join(str(DAY_LABELS[code]) for code in codes if code in DAY_LABELS)


# --- Days at a telework place near home (« tiers-lieu » days) ---------------------------------------------------


def is_published(place):
    return place is not None and place.status == PlaceStatus.PUBLISHED


def active_place_days(profile, organisation):
    """(place, days) of the member's telework days at their chosen place: the place while it is published and the
    organisation allows place days, on at most the organisation's weekly number of the days they chose (in week
    order); (None, []) otherwise."""
    place = profile.telework_place
    if not organisation.place_days_allowed or not is_published(place) or not profile.can_telework:
        return None, []
    days = [day for day in DAYS if day in profile.place_days][: organisation.place_days_per_week_max]
    return (place, days) if days else (None, [])


def choosable_places(membership, profile):
    """The places a member may choose for their place days: the published places nearest their home (the
    employee's page shows what a day at each saves), and the place they chose while it is still published. Empty
    without a home commune placed on the map."""
    home = membership.home_commune
    if home is None or home.latitude is None or home.longitude is None:
        return []
    nearest = [
        place for _km, place in nearest_places(home.latitude, home.longitude, settings.PLACES_NEAR_HOME_RESULTS)
    ]
    chosen = profile.telework_place
    if is_published(chosen) and chosen.pk not in {place.pk for place in nearest}:
        nearest.append(chosen)
    return nearest


def published_place(place_id):
    return TeleworkPlace.objects.filter(pk=place_id, status=PlaceStatus.PUBLISHED).select_related("commune").first()


def day_place(assignment):
    """The telework place of a day spent there (None for any other day, and once the place is unpublished)."""
    place = assignment.telework_place
    return place if assignment.where == Place.REMOTE and is_published(place) else None


def member_rows(team):
    """Each member of the team with their planning profile, eligibility and days in words."""
    rows = []
    for membership, profile, eligible in member_profiles(team_members(team)):
        row = {"membership": membership, "name": display_name(membership), "profile": profile, "eligible": eligible}
        row.update({field: day_list(getattr(profile, field)) for field in PROFILE_DAY_FIELDS})
        rows.append(row)
    return rows


def engine_ids(memberships):
    """Membership pk → the engine's employee id: the person's name, numbered when two members share one, so that
    the engine's French messages name people as the manager knows them."""
    ids, used = {}, set()
    for membership in memberships:
        name = display_name(membership)
        candidate, number = name, 2
        while candidate in used:
            candidate, number = f"{name} ({number})", number + 1
        used.add(candidate)
        ids[membership.pk] = candidate
    return ids


def available_desks(plan, site, members, teams=None):
    """Desks left on each planned day to the `teams` planned together (by default the plan's team): the site's
    desks that day (`Site.desks_on`) minus, on the busiest week, the people of the site's other teams on site in
    their published plans. On a day without a desk count, nobody is turned away."""
    desks = {day: site.desks_on(day) for day in plan.days}
    if all(count is None for count in desks.values()):
        return dict.fromkeys(plan.days, len(members))
    taken = published_assignments(
        Assignment.objects.filter(
            plan__team__site=site, date__gte=plan.start, date__lt=plan.start + timedelta(weeks=plan.weeks)
        ).exclude(plan__team__in=teams or [plan.team])
    )
    by_date = {}
    for assignment in taken:
        if assignment.where == Place.SITE:
            by_date[assignment.date] = by_date.get(assignment.date, 0) + 1
    return {
        day: len(members)
        if count is None
        else max(0, count - max(by_date.get(plan.date_of(week, day), 0) for week in range(1, plan.weeks + 1)))
        for day, count in desks.items()
    }


def plan_closures(plan, site=None):
    """(week, day) → label of the planned days nobody works on the plan's site (by default the team's): public
    holidays of the site's commune and the organisation's closures."""
    site = site or plan.team.site
    if site is None or not plan.days:
        return {}
    last = plan.start + timedelta(weeks=plan.weeks, days=-1)
    closed = closed_days(site, plan.start, last)
    return {
        (week, day): closed[plan.date_of(week, day)]
        for week in range(1, plan.weeks + 1)
        for day in plan.days
        if plan.date_of(week, day) in closed
    }


def _site_closures(closures):
    """The engine's « closures » of a site."""
    return [{"week": week, "day": day, "label": label} for (week, day), label in sorted(closures.items())]


def planning_input(plan):
    """The engine's JSON-compatible input for the plan, from the team's current members and settings, and the
    map from the engine's employee ids back to memberships."""
    return plans_input([plan], name=plan.team.name)


def plans_input(plans, *, name):
    """The engine's input for team plans solved together (the same horizon and rules, those of the first plan):
    teams on the same site share its desks. And the map from the engine's employee ids back to memberships."""
    plan = plans[0]
    organisation = plan.team.organisation
    members_of = {each.team.pk: team_members(each.team) for each in plans}
    ids = engine_ids([membership for memberships in members_of.values() for membership in memberships])
    days = list(plan.days)
    employees, teams, sites = [], [], {}
    for each in plans:
        team, memberships = each.team, members_of[each.team.pk]
        team_id, site_id = f"equipe-{team.pk}", f"site-{team.site.pk}"
        sites.setdefault(site_id, (team.site, []))[1].extend(memberships)
        for membership, profile, limit in member_profiles(memberships):
            row = {"id": ids[membership.pk], "team": team_id, "can_telework": profile.can_telework}
            if limit is not None:
                row["telework_days_max"] = limit
            if profile.on_site_days_min:
                row["on_site_days_min"] = profile.on_site_days_min
            off = set(profile.days_off)
            wishes = {field: getattr(profile, field) for field in PROFILE_DAY_FIELDS}
            # A day at the chosen place is a wish to telework that day, unless the member would rather be on site.
            wishes["preferred_remote"] = [
                *wishes["preferred_remote"],
                *(day for day in active_place_days(profile, organisation)[1] if day not in profile.preferred_on_site),
            ]
            for field in PROFILE_DAY_FIELDS:
                # Wishes on a day the member does not work are moot, not an error of theirs.
                kept = [day for day in days if day in wishes[field] and (field == "days_off" or day not in off)]
                if kept:
                    row[field] = kept
            employees.append(row)
        teams.append(
            {
                "id": team_id,
                "name": team.name,
                "site": site_id,
                "min_on_site": each.min_on_site,
                "anchor_days": each.anchor_days,
                "min_on_site_exceptionnel": each.min_on_site_exceptionnel,
            }
        )
    planned_teams = [each.team for each in plans]
    rules = {
        "fixed_days": plan.fixed_days,
        "fair_rotation_days": [day for day in plan.fair_rotation_days if day in days],
    }
    if plan.max_telework_days_per_week is not None:
        rules["max_telework_days_per_week"] = plan.max_telework_days_per_week
    if plan.min_on_site_days_per_week is not None:
        rules["min_on_site_days_per_week"] = plan.min_on_site_days_per_week
    mode, reason = current_mode(organisation)
    data = {
        "name": name,
        "horizon": {"weeks": plan.weeks, "days": days},
        "sites": [
            {
                "id": site_id,
                "name": site.name,
                "desks": available_desks(plan, site, memberships, planned_teams),
                "closures": _site_closures(plan_closures(plan, site)),
            }
            for site_id, (site, memberships) in sites.items()
        ],
        "teams": teams,
        "employees": employees,
        "rules": rules,
        "mode": mode,
    }
    if mode == EXCEPTIONAL:
        data["exceptional_reason"] = reason
    return data, {engine_id: pk for pk, engine_id in ids.items()}


def planned_teams_of(organisation):
    """The organisation's teams a whole-organisation solve plans: those with a site and members."""
    return list(
        Team.objects.filter(organisation=organisation, site__isnull=False, members__isnull=False)
        .select_related("site", "organisation")
        .distinct()
        .order_by("name", "pk")
    )


def team_share(data, result, team_id):
    """One team's part of a solve of several teams: its own engine input (its members, and on its site the desks
    the other teams planned there leave it, on their busiest week) and its own answer, so that its plan is checked
    and edited alone afterwards."""
    employees = [row for row in data["employees"] if row["team"] == team_id]
    team = next(row for row in data["teams"] if row["id"] == team_id)
    own = {row["id"] for row in employees}
    others_on_site = {}
    site_of = {row["id"]: row["site"] for row in data["teams"]}
    team_of_employee = {row["id"]: row["team"] for row in data["employees"]}
    for item in result["assignments"]:
        employee_team = team_of_employee[item["employee"]]
        if item["where"] == Place.SITE and item["employee"] not in own and site_of[employee_team] == team["site"]:
            key = (item["week"], item["day"])
            others_on_site[key] = others_on_site.get(key, 0) + 1
    site = next(row for row in data["sites"] if row["id"] == team["site"])
    weeks = range(1, data["horizon"]["weeks"] + 1)
    desks = {
        day: max(0, count - max(others_on_site.get((week, day), 0) for week in weeks))
        for day, count in site["desks"].items()
    }
    share = {
        **data,
        "name": team["name"],
        "sites": [{**site, "desks": desks}],
        "teams": [team],
        "employees": employees,
    }
    answer = {key: value for key, value in result.items() if key not in ("assignments", "metrics")}
    answer["assignments"] = [item for item in result["assignments"] if item["employee"] in own]
    if answer["assignments"]:
        answer["metrics"] = schedule_metrics(parse_problem(share), answer["assignments"])
    else:
        answer["metrics"] = result.get("metrics")
    return share, answer


def plan_defaults(organisation):
    """Initial settings of a new plan: the sector's weekly rules."""
    max_telework, min_on_site = sector_rules(organisation)
    return {"max_telework_days_per_week": max_telework, "min_on_site_days_per_week": min_on_site}


# --- Grid, check and cohesion ------------------------------------------------------------------------------------


def cell_id(membership_pk, week, day):
    return f"cell-{membership_pk}-{week}-{day}"


def stored_places(plan):
    """(membership pk, week, day) → where, as saved."""
    return {(a.membership_id, a.week, a.day): a.where for a in plan.assignments.all()}


def places_from_form(plan, data):
    """(membership pk, week, day) → where, from a submitted grid; unknown values are left out (then reported as
    missing by the check)."""
    places = {}
    valid = set(Place.values)
    for membership_pk in plan.members.values():
        for week in range(1, plan.weeks + 1):
            for day in plan.days:
                value = data.get(cell_id(membership_pk, week, day))
                if value in valid:
                    places[membership_pk, week, day] = value
    return places


def engine_assignments(plan, places):
    """A grid in the engine's terms: {employee, week, day, where} with the engine's employee ids."""
    to_engine = {pk: engine_id for engine_id, pk in plan.members.items()}
    return [
        {"employee": to_engine[pk], "week": week, "day": day, "where": where}
        for (pk, week, day), where in places.items()
        if pk in to_engine
    ]


@dataclass(frozen=True)
class FlaggedViolation:
    message: str
    kind: str
    targets: tuple  # ids of the grid's cells or headers it concerns

    def as_dict(self):
        return {"message": self.message, "kind": self.kind, "targets": list(self.targets)}


def checked_problem(plan):
    """The plan's engine input with the closures of its site as they are now: a public holiday or a closure added
    since the plan was made is checked too (work on it is a violation)."""
    site = plan.team.site
    if site is None:
        return plan.problem
    closures = _site_closures(plan_closures(plan, site))
    sites = [
        {**entry, "closures": closures} if entry.get("id") == f"site-{site.pk}" else entry
        for entry in plan.problem.get("sites", [])
    ]
    return {**plan.problem, "sites": sites}


def check_places(plan, places):
    """The hard-rule violations of a grid, each with the grid elements it concerns."""
    if not plan.problem or not plan.members:
        return []
    flagged = []
    for violation in check_schedule(checked_problem(plan), engine_assignments(plan, places)):
        member = plan.members.get(violation.employee) if violation.employee else None
        if member is not None and violation.week and violation.day:
            targets = [cell_id(member, violation.week, violation.day)]
        elif member is not None and violation.week:
            targets = [cell_id(member, violation.week, day) for day in plan.days]
        elif violation.week and violation.day:
            targets = [f"col-{violation.week}-{violation.day}"]
        elif violation.week:
            targets = [f"week-{violation.week}"]
        else:
            targets = []
        flagged.append(FlaggedViolation(violation.message, violation.kind, tuple(targets)))
    return flagged


def plan_memberships(plan):
    """The plan's members in grid order, as saved at generation (members who left since are kept)."""
    members = Membership.objects.filter(pk__in=plan.members.values()).select_related("user")
    by_pk = {membership.pk: membership for membership in members}
    return [by_pk[pk] for pk in plan.members.values() if pk in by_pk]


def grid(plan, places, violations=(), *, only=None):
    """The grid to show: one table per week, one row per member (or only the `only` membership), one cell a day."""
    flagged = {target for violation in violations for target in violation.targets}
    memberships = plan_memberships(plan)
    if only is not None:
        memberships = [membership for membership in memberships if membership.pk == only.pk]
    labels = dict(Place.choices)
    closures = plan_closures(plan)
    # The saved days at a telework place: shown where the grid shown keeps them a telework day.
    at_places = {
        (a.membership_id, a.week, a.day): day_place(a)
        for a in plan.assignments.filter(telework_place__isnull=False).select_related("telework_place")
    }
    weeks = []
    for week in range(1, plan.weeks + 1):
        columns = [
            {
                "day": day,
                "label": DAY_LABELS[day],
                "date": plan.date_of(week, day),
                "id": f"col-{week}-{day}",
                "closure": closures.get((week, day)),
            }
            for day in plan.days
        ]
        rows = []
        for membership in memberships:
            cells = []
            for column in columns:
                identifier = cell_id(membership.pk, week, column["day"])
                where = places.get((membership.pk, week, column["day"]), "")
                place = at_places.get((membership.pk, week, column["day"])) if where == Place.REMOTE else None
                cells.append(
                    {
                        "id": identifier,
                        "where": where,
                        "label": labels.get(where, ""),
                        "place": place,
                        "day_label": column["label"],
                        "date": column["date"],
                        "closure": column["closure"],
                        "flagged": identifier in flagged,
                    }
                )
            rows.append({"membership": membership, "name": display_name(membership), "cells": cells})
        for column in columns:
            column["flagged"] = column["id"] in flagged
        weeks.append(
            {
                "number": week,
                "id": f"week-{week}",
                "flagged": f"week-{week}" in flagged,
                "first": columns[0]["date"],
                "last": columns[-1]["date"],
                "columns": columns,
                "rows": rows,
            }
        )
    return weeks


def plan_cohesion(plan, places):
    off = {}
    for employee in plan.problem.get("employees", []):
        off[employee["id"]] = frozenset(employee.get("days_off", []))
    names = {pk: engine_id for engine_id, pk in plan.members.items()}
    members = [
        Member(membership.pk, display_name(membership), off.get(names[membership.pk], frozenset()))
        for membership in plan_memberships(plan)
    ]
    return team_cohesion(members, plan.weeks, plan.days, places, plan.isolation_weeks)


def plan_metrics(plan, places):
    """The engine's figures (preferences met, desk use…) for the grid as it stands, hand edits included."""
    return schedule_metrics(parse_problem(plan.problem), engine_assignments(plan, places))


# --- Published schedules -----------------------------------------------------------------------------------------


def published_assignments(queryset):
    """Assignments of published plans only; where published plans overlap, the latest publication wins."""
    rows = queryset.filter(plan__status=PlanStatus.PUBLISHED).select_related(
        "plan", "plan__team__site", "telework_place__commune"
    )
    latest = {}
    for assignment in rows.order_by("plan__published_at", "plan_id"):
        latest[assignment.membership_id, assignment.date] = assignment
    return sorted(latest.values(), key=lambda a: (a.date, a.membership_id))


def member_schedule(membership, *, since=None):
    """The member's published days, from `since` on (every day when None), each with the public holiday or closure
    of its site that day (`closure`), if any."""
    queryset = Assignment.objects.filter(membership=membership)
    if since is not None:
        queryset = queryset.filter(date__gte=since)
    assignments = published_assignments(queryset)
    by_site = {}
    for assignment in assignments:
        if assignment.plan.team.site is not None:
            by_site.setdefault(assignment.plan.team.site, []).append(assignment)
    for site, site_assignments in by_site.items():
        closed = closed_days(site, site_assignments[0].date, site_assignments[-1].date)
        for assignment in site_assignments:
            assignment.closure = closed.get(assignment.date)
    return assignments


def monday_of(day):
    return day - timedelta(days=day.weekday())


def this_monday():
    return monday_of(date.today())


def profile_by_token(token):
    return (
        MemberPlanningProfile.objects.select_related("membership__user", "membership__organisation")
        .filter(calendar_token=token)
        .first()
    )


def site_occupancy(site, start, weeks):
    """Per week and day: people on site by team in published plans, their total and the day's desks (None when
    unknown), the total flagged « over » when it exceeds them."""
    end = start + timedelta(weeks=weeks)
    assignments = published_assignments(
        Assignment.objects.filter(plan__team__site=site, date__gte=start, date__lt=end)
    )
    counts = {}
    for assignment in (a for a in assignments if a.where == Place.SITE):
        key = (assignment.plan.team.name, assignment.date)
        counts[key] = counts.get(key, 0) + 1
    teams = sorted({team for team, _day in counts} | set(site.teams.values_list("name", flat=True)))
    days = sorted({day.weekday() for _team, day in counts} | set(range(5)))
    desks = [site.desks_on(DAYS[offset]) for offset in days]
    result = []
    for week in range(weeks):
        dates = [start + timedelta(weeks=week, days=offset) for offset in days]
        totals = [sum(counts.get((team, day), 0) for team in teams) for day in dates]
        result.append(
            {
                "number": week + 1,
                "dates": dates,
                "desks": desks,
                "teams": [{"name": team, "counts": [counts.get((team, day), 0) for day in dates]} for team in teams],
                "totals": [
                    {"count": total, "desks": count, "over": count is not None and total > count}
                    for total, count in zip(totals, desks, strict=True)
                ],
            }
        )
    return result


def organisation_sites_with_teams(organisation):
    return organisation.sites.annotate(team_count=Count("teams")).order_by("name")
