"""Pages of the diagnostic campaign. Each starts with `organisation_access` (404 for strangers), then checks what the
user may do with the campaign or participant (403); reads go through selectors, writes through services.

Who sees what: an employee sees their own answers and results; a manager those of the members of the teams they
manage; the employer admin everyone's; a consultant with access only the aggregated results (no names, and no
figures over too few people: `selectors.results_shown_to`). Who changes what: the campaign itself (jobs, activities,
action plan, closing) is for the employer admin and the manager who created it; a manager invites and follows the
members of their teams; nobody decides on their own answers.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teletravail.apps.actionplan import selectors as actionplan_selectors
from teletravail.apps.actionplan import views as actionplan_views
from teletravail.apps.core.downloads import csv_download
from teletravail.apps.core.language import of_name
from teletravail.apps.core.pages import call_service, organisation_context
from teletravail.apps.diagnostic import reports, selectors, services, tables
from teletravail.apps.diagnostic.action_origins import obstacle_finding, obstacle_origin
from teletravail.apps.diagnostic.forms import (
    ActionForm,
    ActivityForm,
    AnswersForm,
    CampaignForm,
    DecisionForm,
    DecisionResponseForm,
    InviteForm,
    JobForm,
    ProfessionSearchForm,
)
from teletravail.apps.diagnostic.models import Action, AuthorRole, CampaignJob, EmployeeResponse, JobActivity
from teletravail.apps.jobs.documents import queued_document
from teletravail.apps.organisations.models import Team
from teletravail.apps.organisations.selectors import managed_team_ids, organisation_access, visible_memberships
from teletravail.teleworkability import (
    CANDIDATES_TO_CHOOSE,
    TeleworkabilityInputError,
    search_professions,
    suggest_activities,
)


def _context(access, **extra):
    return organisation_context(access, "diagnostic", **extra)


def _campaign_url(campaign):
    return reverse(
        "diagnostic:campaign", kwargs={"organisation_id": campaign.organisation_id, "campaign_id": campaign.pk}
    )


def _job_url(job):
    return reverse(
        "diagnostic:job",
        kwargs={"organisation_id": job.campaign.organisation_id, "campaign_id": job.campaign_id, "job_id": job.pk},
    )


def _participant_url(participant):
    return reverse(
        "diagnostic:participant",
        kwargs={
            "organisation_id": participant.campaign.organisation_id,
            "campaign_id": participant.campaign_id,
            "participant_id": participant.pk,
        },
    )


def _form_page(request, access, form, *, title, intro, submit_label, cancel_url):
    return render(
        request,
        "organisations/form_page.html",
        _context(access, form=form, title=title, intro=intro, submit_label=submit_label, cancel_url=cancel_url),
    )


# --- Campaigns ----------------------------------------------------------------------------------------------------


@login_required
def index(request, organisation_id):
    access = organisation_access(request.user, organisation_id)
    can_manage = selectors.can_manage_campaigns(access)
    return render(
        request,
        "diagnostic/index.html",
        _context(
            access,
            can_manage=can_manage,
            campaigns_table=tables.campaigns_table(
                access.organisation,
                selectors.campaigns(access.organisation) if can_manage or access.via_consultant_access else [],
                can_manage,
            ),
            participations=selectors.own_participations(access.membership),
        ),
    )


@login_required
def campaign_create(request, organisation_id):
    access = organisation_access(request.user, organisation_id)
    if not selectors.can_manage_campaigns(access):
        raise PermissionDenied
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call = call_service(
            request,
            lambda: services.create_campaign(
                organisation=access.organisation, title=form.cleaned_data["title"], actor=request.user, request=request
            ),
            success=_("Campagne créée : décrivez maintenant les postes et leurs activités."),
            form=form,
        )
        if call.ok:
            campaign = call.result
            return redirect(_campaign_url(campaign))
    return _form_page(
        request,
        access,
        form,
        title=_("Nouvelle campagne de diagnostic"),
        intro=_(
            "Une campagne réunit les postes à évaluer, leurs activités et les salariés invités à les évaluer avec "
            "leur manager."
        ),
        submit_label=_("Créer la campagne"),
        cancel_url=reverse("diagnostic:index", kwargs={"organisation_id": access.organisation.pk}),
    )


@login_required
def campaign(request, organisation_id, campaign_id):
    access = organisation_access(request.user, organisation_id)
    campaign = selectors.campaign_of(access, campaign_id, manage=True)
    jobs = []
    for job in campaign.jobs.prefetch_related("activities"):
        activities = selectors.job_activities(job)
        total = selectors.share_total(activities)
        jobs.append((job, len(activities), total, bool(activities) and selectors.shares_are_off(total)))
    participants = [
        (
            participant,
            selectors.is_fully_decided(participant),
            selectors.contests_a_decision(participant),
            selectors.shares_to_normalise(participant) is not None,
        )
        for participant in selectors.visible_participants(access, campaign)
    ]
    return render(
        request,
        "diagnostic/campaign.html",
        _context(
            access,
            campaign=campaign,
            can_edit=selectors.can_edit_campaign(access, campaign),
            jobs=jobs,
            jobs_table=tables.jobs_table(campaign, jobs),
            participants_table=tables.participants_table(campaign, participants),
            progress=selectors.campaign_progress_of(campaign),
        ),
    )


@login_required
def campaign_close(request, organisation_id, campaign_id):
    """GET asks for confirmation, POST closes: a closed campaign takes no more answers until the admin reopens it."""
    access = organisation_access(request.user, organisation_id)
    campaign = selectors.campaign_of(access, campaign_id, edit=True)
    if request.method != "POST":
        return render(
            request,
            "diagnostic/campaign_close.html",
            _context(access, campaign=campaign, progress=selectors.campaign_progress_of(campaign)),
        )
    call_service(
        request,
        lambda: services.close_campaign(campaign=campaign, actor=request.user, request=request),
        success=_("La campagne est close : ses résultats restent consultables."),
    )
    return redirect(_campaign_url(campaign))


@login_required
@require_POST
def campaign_reopen(request, organisation_id, campaign_id):
    access = organisation_access(request.user, organisation_id).require("is_employer_admin")
    campaign = selectors.campaign_of(access, campaign_id, edit=True)
    call_service(
        request,
        lambda: services.reopen_campaign(campaign=campaign, actor=request.user, request=request),
        success=_("La campagne est rouverte : les salariés peuvent de nouveau répondre."),
    )
    return redirect(_campaign_url(campaign))


# --- Jobs and activities ------------------------------------------------------------------------------------------


@login_required
def job_create(request, organisation_id, campaign_id):
    access = organisation_access(request.user, organisation_id)
    campaign = selectors.campaign_of(access, campaign_id, edit=True)
    form = JobForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call = call_service(
            request,
            lambda: services.save_job(campaign=campaign, **form.cleaned_data),
            success=lambda job: _("Poste « %(job)s » ajouté : décrivez ses activités.") % {"job": job.title},
            form=form,
        )
        if call.ok:
            job = call.result
            return redirect(_job_url(job))
    return _form_page(
        request,
        access,
        form,
        title=_("Nouveau poste"),
        intro=_("Un poste regroupe les salariés qui font le même travail ; ses activités seront évaluées une à une."),
        submit_label=_("Ajouter le poste"),
        cancel_url=_campaign_url(campaign),
    )


def _job_of(access, campaign_id, job_id, *, edit=True):
    campaign = selectors.campaign_of(access, campaign_id, manage=True, edit=edit)
    return get_object_or_404(CampaignJob.objects.select_related("campaign"), pk=job_id, campaign=campaign)


@login_required
def job(request, organisation_id, campaign_id, job_id):
    """The job's activities: add one (from a suggestion of the reference, or freely), check the shares sum to 100 %,
    link the job to a PCS profession. The other managers see the job without changing it."""
    access = organisation_access(request.user, organisation_id)
    job = _job_of(access, campaign_id, job_id, edit=request.method == "POST")
    can_edit = selectors.can_edit_campaign(access, job.campaign)
    suggestions = suggest_activities(job.pcs2020, language=get_language()) if job.pcs2020 else []
    initial = {}
    chosen = request.GET.get("suggestion", "")
    if chosen.isdigit() and int(chosen) < len(suggestions):
        initial["name"] = suggestions[int(chosen)].label
    form = ActivityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        call = call_service(
            request,
            lambda: services.add_activity(job=job, **form.cleaned_data),
            success=lambda activity: _("Activité « %(name)s » ajoutée.") % {"name": activity.name},
            form=form,
        )
        if call.ok:
            return redirect(_job_url(job))
    search = ProfessionSearchForm(request.GET if "metier" in request.GET else None)
    matches = []
    if search.is_bound and search.is_valid():
        try:
            matches = search_professions(search.cleaned_data["metier"], limit=CANDIDATES_TO_CHOOSE)
        except TeleworkabilityInputError as error:
            search.add_error("metier", error.lines())
    # A confident match is shown alone; otherwise the best candidates, for the user to choose.
    if matches and matches[0].confident:
        matches = matches[:1]
    activities = selectors.job_activities(job)
    total = selectors.share_total(activities)
    # Those an employee added for themself are part of their answers: only for those who follow them.
    own_activities = list(job.activities.filter(added_by__isnull=False).select_related("added_by__membership"))
    followed = selectors.followed_ids(access, [activity.added_by for activity in own_activities])
    return render(
        request,
        "diagnostic/job.html",
        _context(
            access,
            campaign=job.campaign,
            can_edit=can_edit,
            job=job,
            activities_table=tables.activities_table(
                job.campaign, job, activities, total, can_edit and not job.campaign.is_closed
            ),
            own_activities=[activity for activity in own_activities if activity.added_by_id in followed],
            total=total,
            total_is_off=bool(activities) and selectors.shares_are_off(total),
            form=form,
            suggestions=suggestions,
            profession=selectors.profession_of(job),
            search=search,
            matches=matches,
            searched=search.is_bound and search.is_valid(),
        ),
    )


@login_required
@require_POST
def job_pcs(request, organisation_id, campaign_id, job_id):
    access = organisation_access(request.user, organisation_id)
    job = _job_of(access, campaign_id, job_id)
    call_service(
        request,
        lambda: services.save_job(
            campaign=job.campaign, title=job.title, pcs2020=request.POST.get("pcs2020", ""), job=job
        ),
        # Read once saved: the code is the one the service kept.
        success=lambda saved: _("Le poste est relié à la profession %(code)s.") % {"code": job.pcs2020},
    )
    return redirect(_job_url(job))


@login_required
@require_POST
def job_normalise(request, organisation_id, campaign_id, job_id):
    access = organisation_access(request.user, organisation_id)
    job = _job_of(access, campaign_id, job_id)
    call_service(
        request,
        lambda: services.normalise_shares(job=job),
        success=_("Les parts de temps du poste sont ramenées à 100 %."),
    )
    return redirect(_job_url(job))


@login_required
@require_POST
def activity_delete(request, organisation_id, campaign_id, job_id, activity_id):
    access = organisation_access(request.user, organisation_id)
    job = _job_of(access, campaign_id, job_id)
    activity = get_object_or_404(JobActivity, pk=activity_id, job=job, added_by__isnull=True)
    call_service(
        request,
        lambda: services.delete_activity(activity=activity),
        success=_("Activité « %(name)s » supprimée.") % {"name": activity.name},
    )
    return redirect(_job_url(job))


# --- Participants -------------------------------------------------------------------------------------------------


@login_required
def invite(request, organisation_id, campaign_id):
    access = organisation_access(request.user, organisation_id)
    campaign = selectors.campaign_of(access, campaign_id, manage=True)
    teams = Team.objects.filter(organisation=access.organisation).order_by("name")
    if not access.is_employer_admin:
        teams = teams.filter(pk__in=managed_team_ids(access.membership))
    form = InviteForm(
        request.POST or None, jobs=campaign.jobs.all(), memberships=visible_memberships(access), teams=teams
    )
    if request.method == "POST" and form.is_valid():
        call = call_service(
            request,
            lambda: services.invite_participants(
                campaign=campaign,
                job=form.cleaned_data["job"],
                memberships=form.chosen_memberships(),
                actor=request.user,
                request=request,
            ),
            form=form,
        )
        if call.ok:
            participants = call.result
            messages.success(
                request,
                ngettext(
                    "%(count)d membre invité : il ou elle évalue maintenant ses activités.",
                    "%(count)d membres invités : chacun évalue maintenant ses activités.",
                    len(participants),
                )
                % {"count": len(participants)},
            )
            return redirect(_campaign_url(campaign))
    return _form_page(
        request,
        access,
        form,
        title=_("Inviter des salariés à la campagne"),
        intro=_(
            "Choisissez le poste, puis les membres qui l'occupent, un par un ou par équipe. Chacun évaluera les "
            "activités de son poste ; vous les évaluerez aussi."
        ),
        submit_label=_("Inviter"),
        cancel_url=_campaign_url(campaign),
    )


@login_required
def participant(request, organisation_id, campaign_id, participant_id):
    """The two views side by side, the shared decisions, and the participant's results once everything is decided."""
    access = organisation_access(request.user, organisation_id)
    campaign = selectors.campaign_of(access, campaign_id)
    participant = selectors.participant_of(access, campaign, participant_id)
    rows = selectors.activity_rows(participant)
    is_own = selectors.is_own(access, participant)
    can_decide = selectors.can_follow(access, participant) and not is_own and not campaign.is_closed
    both_answered = bool(participant.submitted_at and participant.manager_submitted_at)
    result = selectors.participant_result(participant)
    shares_off = selectors.shares_to_normalise(participant)
    has_own_activities = any(row.activity.added_by_id for row in rows)
    return render(
        request,
        "diagnostic/participant.html",
        _context(
            access,
            campaign=campaign,
            participant=participant,
            name=selectors.display_name(participant.membership),
            views_table=tables.views_table(rows),
            is_own=is_own,
            can_decide=can_decide and both_answered,
            can_answer_as_manager=selectors.can_follow(access, participant) and not is_own,
            shares_off=shares_off,
            can_normalise=shares_off is not None and has_own_activities and not campaign.is_closed,
            pending_agreements=any(row.agree and row.decision is None for row in rows),
            result=result,
            figures_table=tables.figures_table(
                _("Résultat de l'évaluation décidée"),
                reports.participant_figures(result.assessment) if result.assessment else [],
            ),
            obstacles=reports.open_obstacles(result.assessment) if result.assessment else [],
        ),
    )


def _answer_role(access, participant):
    return AuthorRole.EMPLOYEE if selectors.is_own(access, participant) else AuthorRole.MANAGER


@login_required
def assess(request, organisation_id, campaign_id, participant_id):
    """The answer form: the employee's own view of their activities, or the manager's view of them."""
    access = organisation_access(request.user, organisation_id)
    campaign = selectors.campaign_of(access, campaign_id)
    participant = selectors.participant_of(access, campaign, participant_id)
    if campaign.is_closed:
        raise PermissionDenied
    role = _answer_role(access, participant)
    form = AnswersForm(
        request.POST or None,
        activities=selectors.participant_activities(participant),
        answers=selectors.answers_of(participant, role),
    )
    if request.method == "POST" and form.is_valid():
        call = call_service(
            request,
            lambda: services.submit_answers(
                participant=participant, role=role, answers=form.answers(), actor=request.user
            ),
            success=_("Évaluation enregistrée."),
            form=form,
        )
        if call.ok:
            return redirect(_participant_url(participant))
    name = selectors.display_name(participant.membership)
    return render(
        request,
        "diagnostic/assess.html",
        _context(
            access,
            campaign=campaign,
            participant=participant,
            form=form,
            role=role,
            title=_("Mon évaluation : %(job)s") % {"job": participant.job.title}
            if role == AuthorRole.EMPLOYEE
            else _("Évaluation du manager pour %(name)s (%(job)s)") % {"name": name, "job": participant.job.title},
        ),
    )


@login_required
def own_activity(request, organisation_id, campaign_id, participant_id):
    """An employee adds an activity missing from their job's list, to their own assessment only."""
    access = organisation_access(request.user, organisation_id)
    campaign = selectors.campaign_of(access, campaign_id)
    participant = selectors.participant_of(access, campaign, participant_id)
    if not selectors.is_own(access, participant):
        raise PermissionDenied
    form = ActivityForm(request.POST or None)
    assess_url = reverse(
        "diagnostic:assess",
        kwargs={
            "organisation_id": access.organisation.pk,
            "campaign_id": campaign.pk,
            "participant_id": participant.pk,
        },
    )
    if request.method == "POST" and form.is_valid():
        call = call_service(
            request, lambda: services.add_own_activity(participant=participant, **form.cleaned_data), form=form
        )
        if call.ok:
            activity = call.result
            messages.success(
                request,
                _(
                    "Activité « %(name)s » ajoutée à votre évaluation : évaluez-la, puis enregistrez à nouveau votre "
                    "évaluation (votre manager complétera aussi la sienne)."
                )
                % {"name": activity.name},
            )
            return redirect(assess_url)
    return _form_page(
        request,
        access,
        form,
        title=_("Ajouter une activité à mon évaluation"),
        intro=_(
            "Une activité que vous faites et qui manque à la liste du poste. Si vos parts de temps ne totalisent "
            "plus 100 %, vous pourrez les y ramener depuis votre évaluation, en gardant leurs proportions."
        ),
        submit_label=_("Ajouter l'activité"),
        cancel_url=assess_url,
    )


@login_required
@require_POST
def participant_normalise(request, organisation_id, campaign_id, participant_id):
    """The participant, or their manager, rescales the participant's time shares to 100 % in their results."""
    access = organisation_access(request.user, organisation_id)
    campaign = selectors.campaign_of(access, campaign_id)
    participant = selectors.participant_of(access, campaign, participant_id)
    call = call_service(request, lambda: services.normalise_participant_shares(participant=participant))
    if call.ok:
        messages.success(
            request,
            _("Vos parts de temps sont ramenées à 100 % dans vos résultats, en gardant leurs proportions.")
            if selectors.is_own(access, participant)
            else _(
                "Les parts de temps %(of_name)s sont ramenées à 100 %% dans ses résultats, en gardant leurs "
                "proportions."
            )
            % {"of_name": of_name(selectors.display_name(participant.membership))},
        )
    return redirect(_participant_url(participant))


def _decision_target(access, campaign_id, participant_id):
    """The participant whose shared decision the user may take: one they follow, never themself."""
    campaign = selectors.campaign_of(access, campaign_id)
    participant = selectors.participant_of(access, campaign, participant_id)
    if not selectors.can_follow(access, participant) or selectors.is_own(access, participant):
        raise PermissionDenied
    return campaign, participant


@login_required
def decide(request, organisation_id, campaign_id, participant_id, activity_id):
    """The shared decision on one activity, with the employee's and the manager's views side by side."""
    access = organisation_access(request.user, organisation_id)
    campaign, participant = _decision_target(access, campaign_id, participant_id)
    row = next((row for row in selectors.activity_rows(participant) if row.activity.pk == activity_id), None)
    if row is None:
        raise Http404
    # The form starts from neither side's answer: nothing is ticked until the two decide together (a decision
    # already taken is shown as it stands, to be revised).
    form = DecisionForm(
        request.POST or None,
        activity=row.activity,
        initial_criteria=row.decision.criteria if row.decision else (),
        initial={"note": row.decision.comment if row.decision else ""},
    )
    if request.method == "POST" and form.is_valid():
        call = call_service(
            request,
            lambda: services.decide(
                participant=participant,
                activity=row.activity,
                criteria=form.criteria(),
                note=form.cleaned_data["note"],
                actor=request.user,
                request=request,
            ),
            success=_("Décision enregistrée pour « %(name)s ».") % {"name": row.activity.name},
            form=form,
        )
        if call.ok:
            return redirect(_participant_url(participant))
    return render(
        request,
        "diagnostic/decide.html",
        _context(
            access,
            campaign=campaign,
            participant=participant,
            name=selectors.display_name(participant.membership),
            row=row,
            criteria_table=tables.criteria_table(
                selectors.display_name(participant.membership), selectors.criteria_compared(row)
            ),
            form=form,
        ),
    )


@login_required
@require_POST
def respond(request, organisation_id, campaign_id, participant_id, activity_id):
    """The employee accepts or contests the shared decision on one of their activities; only they may."""
    access = organisation_access(request.user, organisation_id)
    campaign = selectors.campaign_of(access, campaign_id)
    participant = selectors.participant_of(access, campaign, participant_id)
    if not selectors.is_own(access, participant):
        raise PermissionDenied
    activity = get_object_or_404(JobActivity, pk=activity_id, job=participant.job)
    form = DecisionResponseForm(request.POST)
    if not form.is_valid():
        raise Http404
    accept = form.cleaned_data["response"] == EmployeeResponse.ACCEPTED
    message = (
        _("Vous acceptez la décision sur « %(name)s ».")
        if accept
        else _("Vous contestez la décision sur « %(name)s » : votre manager verra votre commentaire.")
    )
    call_service(
        request,
        lambda: services.respond_to_decision(
            participant=participant,
            activity=activity,
            accept=accept,
            comment=form.cleaned_data["comment"],
            actor=request.user,
            request=request,
        ),
        success=message % {"name": activity.name},
    )
    return redirect(_participant_url(participant))


@login_required
@require_POST
def agree(request, organisation_id, campaign_id, participant_id):
    """« Valider l'accord »: the common view becomes the decision, for one activity or every agreement left."""
    access = organisation_access(request.user, organisation_id)
    _campaign, participant = _decision_target(access, campaign_id, participant_id)
    activity = None
    if request.POST.get("activity"):
        if not request.POST["activity"].isdigit():
            raise Http404
        activity = get_object_or_404(JobActivity, pk=request.POST["activity"], job=participant.job)
    call = call_service(
        request,
        lambda: services.validate_agreements(
            participant=participant, activity=activity, actor=request.user, request=request
        ),
    )
    if call.ok:
        decisions = call.result
        messages.success(
            request,
            ngettext("%(count)d accord validé.", "%(count)d accords validés.", len(decisions))
            % {"count": len(decisions)},
        )
    return redirect(_participant_url(participant))


# --- Results, exports and action plan -----------------------------------------------------------------------------


def _results_access(request, organisation_id, campaign_id):
    return selectors.results_access(request.user, organisation_id, campaign_id)


@login_required
def results(request, organisation_id, campaign_id):
    access, campaign = _results_access(request, organisation_id, campaign_id)
    campaign_results = selectors.results_shown_to(access, selectors.campaign_results(campaign))
    visible = {participant.pk for participant in selectors.visible_participants(access, campaign)}
    people = [
        (
            result,
            reports.percent(result.assessment.teleworkable_share) if result.assessment else "",
            reports.days(result.assessment.suggested_days) if result.assessment else "",
        )
        for result in campaign_results.participants
        if result.participant.pk in visible
    ]
    synthesis = campaign_results.synthesis
    return render(
        request,
        "diagnostic/results.html",
        _context(
            access,
            campaign=campaign,
            results=campaign_results,
            named_problems=campaign_results.problems_of(visible),
            hidden_notice=selectors.hidden_figures_notice(campaign_results),
            progress=selectors.campaign_progress_of(campaign),
            figures_table=tables.figures_table(
                _("Chiffres clés"), reports.key_figures(campaign_results) if synthesis else []
            ),
            charts=reports.charts(campaign_results),
            jobs_table=tables.job_results_table(campaign_results),
            blockers_table=tables.impacts_table(
                _("Ce qui retient sur site, par part du temps de travail"),
                _("Critère"),
                _("Part du temps"),
                synthesis.blockers if synthesis else [],
            ),
            people_table=tables.people_table(campaign, people),
            actions_table=tables.action_plan_table(selectors.campaign_actions(campaign)),
            can_manage=selectors.can_manage_campaigns(access),
        ),
    )


@login_required
def report_pdf(request, organisation_id, campaign_id):
    access, campaign = _results_access(request, organisation_id, campaign_id)
    document = reports.report_document(
        campaign,
        selectors.results_shown_to(access, selectors.campaign_results(campaign)),
        list(selectors.campaign_actions(campaign)),
    )
    return queued_document(
        request,
        document,
        output_format="pdf",
        filename=f"diagnostic-{campaign.pk}.pdf",
        access=(selectors.RESULTS_PAGE, {"organisation_id": access.organisation.pk, "campaign_id": campaign.pk}),
    )


@login_required
def export_csv(request, organisation_id, campaign_id):
    """One row per participant and activity, for the participants the user follows (never for a consultant)."""
    access = organisation_access(request.user, organisation_id)
    campaign = selectors.campaign_of(access, campaign_id, manage=True)
    campaign_results = selectors.campaign_results(campaign)
    by_participant = {result.participant.pk: result for result in campaign_results.participants}
    team_ids = managed_team_ids(access.membership)
    participants = [
        participant
        for participant in selectors.visible_participants(access, campaign)
        if selectors.can_follow(access, participant, team_ids)
    ]
    return csv_download(reports.csv_rows(participants, by_participant), f"diagnostic-{campaign.pk}.csv")


@login_required
def actions(request, organisation_id, campaign_id):
    """The action plan: every manager sees it, those who may change the campaign add actions."""
    access = organisation_access(request.user, organisation_id)
    campaign = selectors.campaign_of(access, campaign_id, manage=True, edit=request.method == "POST")
    form = ActionForm(request.POST or None, jobs=campaign.jobs.all())
    if request.method == "POST" and form.is_valid():
        call = call_service(
            request,
            lambda: services.add_action(campaign=campaign, actor=request.user, **form.cleaned_data),
            success=_("Action ajoutée au plan."),
            form=form,
        )
        if call.ok:
            return redirect("diagnostic:actions", organisation_id=access.organisation.pk, campaign_id=campaign.pk)
    campaign_results = selectors.results_shown_to(access, selectors.campaign_results(campaign))
    synthesis = campaign_results.synthesis
    return render(
        request,
        "diagnostic/actions.html",
        _context(
            access,
            campaign=campaign,
            can_edit=selectors.can_edit_campaign(access, campaign),
            form=form,
            actions_table=tables.actions_table(
                campaign,
                [
                    (action, selectors.criterion_label(action.criterion))
                    for action in selectors.campaign_actions(campaign)
                ],
                selectors.can_edit_campaign(access, campaign) and not campaign.is_closed,
            ),
            obstacles_table=tables.obstacles_table(
                campaign,
                synthesis.obstacles if synthesis else [],
                {
                    origin.rsplit(":", 1)[1]: action
                    for origin, action in actionplan_selectors.actions_by_origin(
                        access.organisation, obstacle_origin(campaign, "")
                    ).items()
                },
                selectors.can_edit_campaign(access, campaign),
            ),
        ),
    )


@login_required
@require_POST
def obstacle_action(request, organisation_id, campaign_id):
    """« Ajouter au plan d'action » of an obstacle of the campaign's results: written from the results, once."""
    access = organisation_access(request.user, organisation_id)
    campaign = selectors.campaign_of(access, campaign_id, manage=True, edit=True)
    synthesis = selectors.results_shown_to(access, selectors.campaign_results(campaign)).synthesis
    impact = next(
        (item for item in (synthesis.obstacles if synthesis else []) if item.code == request.POST.get("criterion")),
        None,
    )
    actionplan_views.add_finding(
        request,
        organisation=access.organisation,
        finding=obstacle_finding(campaign, impact) if impact else None,
        origin=obstacle_origin(campaign, impact.code if impact else ""),
        gone=_("Cet obstacle ne figure pas dans les résultats de la campagne : rien n'a été ajouté."),
    )
    return redirect("diagnostic:actions", organisation_id=access.organisation.pk, campaign_id=campaign.pk)


@login_required
@require_POST
def action_done(request, organisation_id, campaign_id, action_id):
    access = organisation_access(request.user, organisation_id)
    campaign = selectors.campaign_of(access, campaign_id, edit=True)
    action = get_object_or_404(Action, pk=action_id, campaign=campaign)
    done = request.POST.get("done") != "0"
    call = call_service(request, lambda: services.set_action_done(action=action, done=done))
    if call.ok:
        messages.success(
            request,
            _("Action « %(what)s » réalisée : l'obstacle compte comme levé.") % {"what": action.what}
            if done
            else _("Action « %(what)s » de nouveau à faire.") % {"what": action.what},
        )
    return redirect("diagnostic:actions", organisation_id=access.organisation.pk, campaign_id=campaign.pk)
