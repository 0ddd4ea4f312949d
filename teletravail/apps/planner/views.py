"""Pages of the hybrid planner. Each starts with `planner_access` (404 for outsiders), then checks what the member
may do with the team, plan or site (403), then the method; reads go through selectors, writes through services."""

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from teletravail.apps.actionplan import selectors as actionplan_selectors
from teletravail.apps.actionplan import views as actionplan_views
from teletravail.apps.actionplan.models import OwnerRole
from teletravail.apps.core.bounds import PLAN_DAYS, out_of_plan_days_message
from teletravail.apps.core.conflicts import CONFLICT_STATUS, Conflict, posted_revision
from teletravail.apps.core.downloads import csv_download, xlsx_download
from teletravail.apps.core.language import of_name
from teletravail.apps.core.pages import call_service, organisation_context
from teletravail.apps.jobs.models import JobStatus
from teletravail.apps.jobs.selectors import job_progress, job_state
from teletravail.apps.jobs.services import cancel_job, sweep_stale_jobs
from teletravail.apps.organisations.models import Membership, Site
from teletravail.apps.organisations.selectors import managed_team_ids
from teletravail.apps.places.forms import CommuteModeForm
from teletravail.apps.places.presentation import near_home_section, place_day_figures
from teletravail.apps.planner import exports, selectors, services, tables
from teletravail.apps.planner.action_origins import cohesion_findings, cohesion_origin
from teletravail.apps.planner.eligibility import eligible_telework_days
from teletravail.apps.planner.forms import (
    MemberProfileForm,
    ModeSwitchForm,
    PlaceDaysForm,
    PlanForm,
    PreferencesForm,
)
from teletravail.apps.planner.models import DAY_LABELS, SOLVE_JOB, Place, TeamPlan
from teletravail.apps.simulator.forms import MODE_NAMES
from teletravail.planning.problem import EXCEPTIONAL, NORMAL


OCCUPANCY_WEEKS = 4
# How often the page of a solve asks how far it is.
CALCULATION_POLL_SECONDS = 1


def _context(access, **extra):
    mode, reason = selectors.current_mode(access.organisation)
    return organisation_context(
        access,
        "planner",
        exceptional=mode == EXCEPTIONAL,
        exceptional_reason=reason,
        last_switch=selectors.last_mode_switch(access.organisation),
        **extra,
    )


def _form_page(request, access, form, *, title, intro, submit_label, cancel_url):
    """A planner form on the one form page (title, introduction, error summary, fields, buttons)."""
    context = _context(access, form=form, title=title, intro=intro, submit_label=submit_label, cancel_url=cancel_url)
    return render(request, "planner/form_page.html", context)


def _team_url(plan):
    url = reverse("planner:team", kwargs={"organisation_id": plan.team.organisation_id, "team_id": plan.team_id})
    return f"{url}?plan={plan.pk}"


def _spreadsheet(assignments, names, fmt, *, basename, title):
    header, rows = exports.schedule_header(), exports.schedule_rows(assignments, names)
    if fmt == "csv":
        return csv_download([header, *rows], f"{basename}.csv")
    return xlsx_download([header, *rows], f"{basename}.xlsx", title=title)


# --- Home, own schedule and calendar feed ------------------------------------------------------------------------


@login_required
def index(request, organisation_id):
    access = selectors.planner_access(request.user, organisation_id)
    own_team = access.membership.team
    teams = list(selectors.plannable_teams(access))
    latest = {}
    for plan in TeamPlan.objects.filter(team__in=teams).order_by("team_id", "-created_at"):
        latest.setdefault(plan.team_id, plan)
    sites = Site.objects.filter(organisation=access.organisation).order_by("name")
    if not access.is_employer_admin:
        sites = sites.filter(teams__in=managed_team_ids(access.membership)).distinct()
    return render(
        request,
        "planner/index.html",
        _context(
            access,
            teams_table=tables.teams_table(access.organisation, [(team, latest.get(team.pk)) for team in teams]),
            own_team=own_team if own_team and own_team not in teams else None,
            sites=sites,
        ),
    )


@login_required
def my_schedule(request, organisation_id):
    access = selectors.planner_access(request.user, organisation_id)
    membership = access.membership
    profile = selectors.profile_of(membership)
    form = PreferencesForm(
        request.POST or None,
        initial={"preferred_remote": profile.preferred_remote, "preferred_on_site": profile.preferred_on_site},
    )
    if request.method == "POST" and form.is_valid():
        services.save_preferences(membership=membership, **form.cleaned_data)
        messages.success(
            request,
            _("Vos préférences sont enregistrées : le prochain planning de votre équipe en tiendra compte."),
        )
        return redirect("planner:my_schedule", organisation_id=access.organisation.pk)
    return _my_schedule_page(request, access, profile, form, _place_days_form(membership, profile))


def _place_days_form(membership, profile, data=None):
    return PlaceDaysForm(
        data,
        prefix="tiers-lieu",
        places=selectors.choosable_places(membership, profile),
        initial={"place": profile.telework_place_id or "", "days": profile.place_days},
    )


def _my_schedule_page(request, access, profile, form, place_days_form, *, status=200):
    membership = access.membership
    schedule = selectors.member_schedule(membership, since=selectors.this_monday())
    weeks = {}
    for assignment in schedule:
        weeks.setdefault(selectors.monday_of(assignment.date), []).append(assignment)
    mode_form = CommuteModeForm(request.GET if "mode" in request.GET else None)
    mode = mode_form.chosen_mode()
    site = membership.team.site if membership.team else None
    near_home = chosen_place = None
    if membership.home_commune and site:
        near_home = near_home_section(membership.home_commune, site.commune, mode, MODE_NAMES[mode])
    place, place_days = selectors.active_place_days(profile, access.organisation)
    if place is not None and membership.home_commune and site:
        chosen_place = place_day_figures(membership.home_commune, site.commune, place, mode, MODE_NAMES[mode])
    feed_url = None
    if profile.pk:
        feed_url = request.build_absolute_uri(reverse("planner:ical_feed", kwargs={"token": profile.calendar_token}))
    return render(
        request,
        "planner/my_schedule.html",
        _context(
            access,
            form=form,
            week_tables=tables.schedule_tables(sorted(weeks.items())),
            feed_url=feed_url,
            eligible_days=eligible_telework_days(membership, profile),
            profile=profile,
            mode_form=mode_form,
            near_home=near_home,
            place_days_form=place_days_form,
            # The form's first choice is « no place ».
            can_choose_place=len(place_days_form.fields["place"].choices) > 1,
            place_days=selectors.day_list(place_days),
            chosen_place=chosen_place,
            # Days chosen at a place the organisation no longer allows, or that left the directory: they are plain
            # telework days now, and the member is told so.
            place_days_inactive=bool(profile.place_days) and place is None,
        ),
        status=status,
    )


@login_required
@require_POST
def place_days(request, organisation_id):
    """The member's telework place near home and their days there (allowed by the organisation)."""
    access = selectors.planner_access(request.user, organisation_id)
    membership = access.membership
    profile = selectors.profile_of(membership)
    place_days_form = _place_days_form(membership, profile, request.POST)
    if place_days_form.is_valid():
        data = place_days_form.cleaned_data
        call = call_service(
            request,
            lambda: services.save_place_days(membership=membership, place_id=data["place"], days=data["days"]),
            success=lambda saved: (
                _("Vos jours en tiers-lieu sont enregistrés : votre planning les montre.")
                if saved.place_days
                else _("Vous n'avez plus de jour en tiers-lieu.")
            ),
            form=place_days_form,
        )
        if call.ok:
            return redirect(reverse("planner:my_schedule", kwargs={"organisation_id": access.organisation.pk}))
    form = PreferencesForm(
        initial={"preferred_remote": profile.preferred_remote, "preferred_on_site": profile.preferred_on_site}
    )
    return _my_schedule_page(request, access, profile, form, place_days_form, status=400)


@login_required
@require_POST
def calendar_token(request, organisation_id):
    access = selectors.planner_access(request.user, organisation_id)
    had_one = selectors.profile_of(access.membership).pk is not None
    services.regenerate_calendar_token(membership=access.membership)
    messages.success(
        request,
        _("Nouvelle adresse de calendrier créée : l'ancienne ne fonctionne plus.")
        if had_one
        else _("L'adresse privée de votre calendrier est créée."),
    )
    return redirect("planner:my_schedule", organisation_id=access.organisation.pk)


@login_required
def my_export(request, organisation_id, fmt):
    access = selectors.planner_access(request.user, organisation_id)
    membership = access.membership
    schedule = selectors.member_schedule(membership)
    return _spreadsheet(
        schedule,
        {membership.pk: selectors.display_name(membership)},
        fmt,
        basename="mon-planning",
        title=_("Mon planning"),
    )


def ical_feed(request, token):
    """The member's published schedule for calendar applications: the private token is the only credential."""
    profile = selectors.profile_by_token(token)
    if profile is None or not profile.membership.user.is_active:
        raise Http404
    membership = profile.membership
    content = exports.calendar(
        selectors.member_schedule(membership),
        name=_("Planning — %(organisation)s") % {"organisation": membership.organisation.name},
        host=request.get_host().split(":")[0],
        now=timezone.now(),
    )
    response = HttpResponse(content.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="planning.ics"'
    return response


# --- Team: members, plans, grid ----------------------------------------------------------------------------------


@login_required
def team(request, organisation_id, team_id):
    access = selectors.planner_access(request.user, organisation_id)
    team = selectors.team_of(access, team_id)
    plans = list(selectors.team_plans(access, team))
    plan = plans[0] if plans else None
    if request.GET.get("plan"):
        plan = next((candidate for candidate in plans if str(candidate.pk) == request.GET["plan"]), None)
        if plan is None:
            raise Http404
    return _team_page(request, access, team, plans, plan)


def _team_page(request, access, team, plans, plan, *, places=None, status=200):
    """The team page with one of its plans; `places` shows a grid other than the saved one (a refused grid)."""
    can_plan = selectors.can_plan_team(access, team)
    context = _context(access, team=team, plans=plans, plan=plan, can_plan=can_plan)
    if plan is not None and can_plan:
        context["left_out"] = selectors.invited_not_joined(team)
    if plan is not None:
        if places is None:
            places = selectors.stored_places(plan)
        violations = selectors.check_places(plan, places) if places else []
        cohesion = selectors.plan_cohesion(plan, places) if places else None
        context.update(
            grid=selectors.grid(plan, places, violations),
            violations=violations,
            cohesion=cohesion,
            together_table=tables.together_table(cohesion) if cohesion else None,
            alone=[
                (member.name, week, DAY_LABELS[day], plan.date_of(week, day)) for member, week, day in cohesion.alone
            ]
            if cohesion
            else [],
            metrics=selectors.plan_metrics(plan, places) if places else None,
            place_choices=Place.choices,
        )
        if cohesion and can_plan:
            # One click turns a cohesion finding into an action of the plan; one already there is shown as such.
            planned = actionplan_selectors.actions_by_origin(access.organisation, f"planner:{plan.pk}:")
            context["cohesion_actions"] = {
                indicator: planned.get(cohesion_origin(plan, indicator))
                for indicator in cohesion_findings(plan, cohesion)
            }
            context["action_plan_url"] = reverse(
                "actionplan:index", kwargs={"organisation_id": access.organisation.pk}
            )
    return render(request, "planner/team.html", context, status=status)


@login_required
def team_members(request, organisation_id, team_id):
    access = selectors.planner_access(request.user, organisation_id)
    team = selectors.team_of(access, team_id, edit=True)
    return render(
        request,
        "planner/team_members.html",
        _context(
            access,
            team=team,
            members_table=tables.members_table(access.organisation, team, selectors.member_rows(team)),
        ),
    )


@login_required
def member_profile(request, organisation_id, team_id, membership_id):
    access = selectors.planner_access(request.user, organisation_id)
    team = selectors.team_of(access, team_id, edit=True)
    membership = get_object_or_404(
        Membership.objects.select_related("user", "organisation"), pk=membership_id, team=team
    )
    profile = selectors.profile_of(membership)
    fields = ("telework_days_max", "can_telework", "on_site_days_min", "days_off", "fixed_remote", "fixed_on_site")
    form = MemberProfileForm(
        request.POST or None,
        initial={field: getattr(profile, field) for field in fields},
        default_eligibility=eligible_telework_days(membership),
    )
    if request.method == "POST" and form.is_valid():
        services.save_member_profile(membership=membership, **form.profile_values())
        messages.success(
            request,
            _("Les règles %(of_name)s sont enregistrées.") % {"of_name": of_name(selectors.display_name(membership))},
        )
        return redirect("planner:team_members", organisation_id=access.organisation.pk, team_id=team.pk)
    return _form_page(
        request,
        access,
        form,
        title=_("Règles de planification %(of_name)s") % {"of_name": of_name(selectors.display_name(membership))},
        intro=_(
            "Indiquez le nombre de jours de télétravail possibles par semaine pour ce poste ; sans valeur, il "
            "vient du diagnostic partagé quand une décision y a été prise pour ce membre, sinon de la règle du "
            "secteur."
        ),
        submit_label=_("Enregistrer"),
        cancel_url=reverse(
            "planner:team_members", kwargs={"organisation_id": access.organisation.pk, "team_id": team.pk}
        ),
    )


def _plan_form_page(request, access, submit, **page):
    """The settings of a new plan (for a team, or every team at once): posted and valid, `submit(settings)` queues
    the solve and the page of the calculation follows."""
    next_monday = selectors.this_monday() + timedelta(weeks=1)
    form = PlanForm(
        request.POST or None, initial={"start": next_monday, **selectors.plan_defaults(access.organisation)}
    )
    if request.method == "POST" and form.is_valid():
        call = call_service(request, lambda: submit(form.plan_values()), form=form)
        if call.ok:
            return _follow_calculation(request, access, *call.result)
    return _form_page(request, access, form, **page)


@login_required
def plan_create(request, organisation_id, team_id):
    access = selectors.planner_access(request.user, organisation_id)
    team = selectors.team_of(access, team_id, edit=True)
    return _plan_form_page(
        request,
        access,
        lambda values: services.submit_solve(team=team, actor=request.user, plan_settings=values),
        title=_("Nouveau planning pour l'équipe %(team)s") % {"team": team.name},
        intro=_(
            "Le planning part des membres de l'équipe, de leur éligibilité, des préférences qu'ils ont "
            "saisies et des bureaux du site. Vous pourrez ensuite le modifier case par case."
        ),
        submit_label=_("Calculer le planning"),
        cancel_url=reverse("planner:team", kwargs={"organisation_id": access.organisation.pk, "team_id": team.pk}),
    )


@login_required
def organisation_plan_create(request, organisation_id):
    """Every team of the organisation planned at once, with the same settings: one solve, the teams of a site
    sharing its desks."""
    access = selectors.planner_access(request.user, organisation_id)
    if not access.can_manage_organisation:
        raise PermissionDenied
    return _plan_form_page(
        request,
        access,
        lambda values: services.submit_organisation_solve(
            organisation=access.organisation, actor=request.user, plan_settings=values
        ),
        title=_("Nouveaux plannings pour toute l'organisation"),
        intro=_(
            "Un planning par équipe rattachée à un site, calculés ensemble : les équipes d'un même site se "
            "partagent ses bureaux. Chaque planning part des membres de l'équipe, de leur éligibilité, de "
            "leurs préférences ; vous pourrez ensuite les modifier case par case et les publier."
        ),
        submit_label=_("Calculer les plannings"),
        cancel_url=reverse("planner:index", kwargs={"organisation_id": access.organisation.pk}),
    )


def _announce_result(request, plan):
    if plan.solver_status == "infeasible":
        messages.warning(request, _("Aucun planning ne respecte toutes les règles : voyez l'explication ci-dessous."))
    elif plan.solver_status == "unknown":
        messages.warning(request, plan.result.get("message") or _("Aucun planning trouvé dans le temps imparti."))
    else:
        messages.success(request, _("Le planning est calculé. Vérifiez-le, modifiez-le au besoin, puis publiez-le."))


def _announce_organisation_result(request, result):
    count = len(result["plans"])
    if result["status"] == "infeasible":
        messages.warning(
            request,
            _("Aucun planning ne respecte toutes les règles : ouvrez le planning d'une équipe pour l'explication."),
        )
    elif result["status"] == "unknown":
        messages.warning(request, _("Aucun planning trouvé dans le temps imparti."))
    else:
        messages.success(
            request,
            ngettext(
                "%(count)d planning d'équipe est calculé. Vérifiez-le, modifiez-le au besoin, puis publiez-le.",
                "%(count)d plannings d'équipe sont calculés. Vérifiez-les, modifiez-les au besoin, puis publiez-les.",
                count,
            )
            % {"count": count},
        )


@login_required
@require_POST
def plan_regenerate(request, organisation_id, plan_id):
    access = selectors.planner_access(request.user, organisation_id)
    plan = selectors.plan_of(access, plan_id, edit=True)
    call = call_service(request, lambda: services.submit_solve(team=plan.team, actor=request.user, plan=plan))
    if call.ok:
        return _follow_calculation(request, access, *call.result)
    return redirect(_team_url(plan))


# --- The solve, as a job: its progress, its result, its cancellation ----------------------------------------------


def _calculation_url(access, job):
    return reverse("planner:calculation", kwargs={"organisation_id": access.organisation.pk, "calculation_id": job.pk})


def _follow_calculation(request, access, job, queued_now):
    if not queued_now:
        messages.info(
            request,
            _("Un calcul est déjà en cours pour cette équipe : voici où il en est.")
            if job.kind == SOLVE_JOB
            else _("Un calcul de toute l'organisation est déjà en cours : voici où il en est."),
        )
    return redirect(_calculation_url(access, job))


def _calculation_state(access, job):
    """What the page and its polling show of a solve job."""
    texts = {
        JobStatus.QUEUED: _("En attente d'un serveur de calcul…"),
        JobStatus.RUNNING: _("Calcul en cours : %(percent)d %%.") % {"percent": job_progress(job)},
        JobStatus.SUCCEEDED: (
            _("Le planning est calculé.") if job.kind == SOLVE_JOB else _("Les plannings sont calculés.")
        ),
        JobStatus.FAILED: _("Le calcul a échoué."),
        JobStatus.CANCELLED: _("Calcul annulé : aucun planning n'a été enregistré."),
    }
    return job_state(job, texts=texts, url=_calculation_url(access, job))


@login_required
def calculation(request, organisation_id, calculation_id):
    """A solve's progress (the page asks again without reloading where JavaScript runs; a link refreshes it
    otherwise). Done, it opens the plan."""
    access = selectors.planner_access(request.user, organisation_id)
    job, team = selectors.solve_job_of(access, calculation_id)
    sweep_stale_jobs()
    job.refresh_from_db()
    if job.status == JobStatus.SUCCEEDED and team is None:
        _announce_organisation_result(request, job.result)
        return redirect("planner:index", organisation_id=access.organisation.pk)
    if job.status == JobStatus.SUCCEEDED:
        plan = selectors.plan_of(access, job.result["plan"], edit=True)
        _announce_result(request, plan)
        return redirect(_team_url(plan))
    return render(
        request,
        "planner/calculation.html",
        _context(
            access,
            team=team,
            job=job,
            state=_calculation_state(access, job),
            status_url=reverse(
                "planner:calculation_status",
                kwargs={"organisation_id": access.organisation.pk, "calculation_id": job.pk},
            ),
            poll_seconds=CALCULATION_POLL_SECONDS,
        ),
    )


@login_required
def calculation_status(request, organisation_id, calculation_id):
    access = selectors.planner_access(request.user, organisation_id)
    job, _team = selectors.solve_job_of(access, calculation_id)
    sweep_stale_jobs()
    job.refresh_from_db()
    return JsonResponse(_calculation_state(access, job))


@login_required
@require_POST
def calculation_cancel(request, organisation_id, calculation_id):
    access = selectors.planner_access(request.user, organisation_id)
    job, _team = selectors.solve_job_of(access, calculation_id)
    if not cancel_job(job=job) and job.status == JobStatus.SUCCEEDED:
        messages.info(request, _("Le calcul était déjà terminé : le planning est enregistré."))
    return redirect(_calculation_url(access, job))


@login_required
@require_POST
def plan_grid(request, organisation_id, plan_id):
    """Without JavaScript: « Vérifier et enregistrer » saves the grid; the team page shows what is wrong."""
    access = selectors.planner_access(request.user, organisation_id)
    plan = selectors.plan_of(access, plan_id, edit=True)
    was_published = plan.is_published
    places = selectors.places_from_form(plan, request.POST)
    try:
        violations = services.save_grid(plan=plan, places=places, revision=posted_revision(request.POST))
    except Conflict as conflict:
        # The refused grid stays on screen, over the current revision: saving it again is a deliberate choice.
        messages.error(request, " ".join(conflict.messages))
        plans = list(selectors.team_plans(access, plan.team))
        return _team_page(request, access, plan.team, plans, plan, places=places, status=CONFLICT_STATUS)
    if violations:
        messages.warning(
            request,
            ngettext(
                "Planning enregistré avec %(count)d règle non respectée, signalée dans la grille.",
                "Planning enregistré avec %(count)d règles non respectées, signalées dans la grille.",
                len(violations),
            )
            % {"count": len(violations)},
        )
    else:
        messages.success(request, _("Planning enregistré : toutes les règles sont respectées."))
    if was_published:
        messages.info(request, _("Le planning modifié repasse en brouillon : publiez-le à nouveau."))
    return redirect(_team_url(plan))


@login_required
@require_POST
def plan_check(request, organisation_id, plan_id):
    """The live check of the grid being edited: its violations, nothing saved."""
    access = selectors.planner_access(request.user, organisation_id)
    plan = selectors.plan_of(access, plan_id, edit=True)
    violations = selectors.check_places(plan, selectors.places_from_form(plan, request.POST))
    html = render_to_string("planner/_violations_alert.html", {"violations": violations}, request=request)
    return JsonResponse({"html": html, "count": len(violations), "violations": [v.as_dict() for v in violations]})


@login_required
@require_POST
def plan_publish(request, organisation_id, plan_id):
    access = selectors.planner_access(request.user, organisation_id)
    plan = selectors.plan_of(access, plan_id, edit=True)
    call = call_service(request, lambda: services.publish_plan(plan=plan, actor=request.user, request=request))
    if call.ok:
        if call.result:
            messages.success(request, _("Le planning est publié : chaque membre le voit dans « Mon planning »."))
        else:
            messages.info(request, _("Ce planning était déjà publié : rien n'a changé."))
    return redirect(_team_url(plan))


@require_POST
@login_required
def cohesion_action(request, organisation_id, plan_id):
    """« Ajouter au plan d'action » of a cohesion indicator of the saved plan (`indicator`: together, alone,
    isolation): the action is written from the plan, never from what the browser sends, and only once."""
    access = selectors.planner_access(request.user, organisation_id)
    plan = selectors.plan_of(access, plan_id, edit=True)
    places = selectors.stored_places(plan)
    findings = cohesion_findings(plan, selectors.plan_cohesion(plan, places)) if places else {}
    indicator = request.POST.get("indicator", "")
    actionplan_views.add_finding(
        request,
        organisation=access.organisation,
        finding=findings.get(indicator),
        origin=cohesion_origin(plan, indicator),
        role=OwnerRole.MANAGERS,
        gone=_("Ce planning ne montre plus ce problème de cohésion : rien n'a été ajouté."),
    )
    return redirect(_team_url(plan))


@login_required
def plan_export(request, organisation_id, plan_id, fmt):
    access = selectors.planner_access(request.user, organisation_id)
    plan = selectors.plan_of(access, plan_id)
    memberships = selectors.plan_memberships(plan)
    assignments = plan.assignments.select_related("plan__team__site", "telework_place__commune").order_by(
        "date", "membership_id"
    )
    return _spreadsheet(
        assignments,
        {membership.pk: selectors.display_name(membership) for membership in memberships},
        fmt,
        basename=f"planning-{plan.start:%Y-%m-%d}",
        title=plan.team.name,
    )


# --- Sites and mode ----------------------------------------------------------------------------------------------


@login_required
def site(request, organisation_id, site_id):
    access = selectors.planner_access(request.user, organisation_id)
    site = get_object_or_404(Site, pk=site_id, organisation=access.organisation)
    if not access.is_employer_admin and not site.teams.filter(pk__in=managed_team_ids(access.membership)).exists():
        raise PermissionDenied
    status = 200
    try:
        start = selectors.monday_of(date.fromisoformat(request.GET["debut"]))
    except (KeyError, ValueError, OverflowError):
        start = selectors.this_monday()
    if start not in PLAN_DAYS:
        # The weeks around it could not even be computed: this week's page, with the refusal.
        messages.error(request, out_of_plan_days_message())
        start, status = selectors.this_monday(), 400
    weeks = selectors.site_occupancy(site, start, OCCUPANCY_WEEKS)
    return render(
        request,
        "planner/site.html",
        _context(
            access,
            site=site,
            start=start,
            weeks=weeks,
            week_tables=tables.occupancy_tables(weeks),
            previous_start=start - timedelta(weeks=OCCUPANCY_WEEKS),
            next_start=start + timedelta(weeks=OCCUPANCY_WEEKS),
        ),
        status=status,
    )


@login_required
def mode(request, organisation_id):
    access = selectors.planner_access(request.user, organisation_id)
    access.require("can_manage_organisation")
    exceptional = selectors.current_mode(access.organisation)[0] == EXCEPTIONAL
    # The form says the mode asked for: two administrators asking for it at once switch once, never back.
    form = ModeSwitchForm(request.POST or None, initial={"target": NORMAL if exceptional else EXCEPTIONAL})
    if request.method == "POST" and form.is_valid():
        wanted = form.cleaned_data["target"] == EXCEPTIONAL
        call = call_service(
            request,
            lambda: services.switch_mode(
                organisation=access.organisation,
                exceptional=wanted,
                reason=form.cleaned_data["reason"],
                actor=request.user,
                request=request,
            ),
            form=form,
        )
        if call.ok:
            switch = call.result
            if switch is None:
                messages.info(
                    request,
                    _("L'organisation était déjà en mode exceptionnel : rien n'a changé.")
                    if wanted
                    else _("L'organisation était déjà en mode normal : rien n'a changé."),
                )
            else:
                messages.success(
                    request,
                    _("L'organisation est en mode exceptionnel : les prochains plannings en tiennent compte.")
                    if wanted
                    else _("L'organisation est en mode normal."),
                )
            return redirect("planner:index", organisation_id=access.organisation.pk)
    return render(
        request,
        "planner/mode.html",
        _context(
            access,
            form=form,
            switches_table=tables.mode_switches_table(selectors.mode_switches(access.organisation)[:20]),
        ),
    )
