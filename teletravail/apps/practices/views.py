"""Pages of the practices campaigns. Each starts with `organisation_access` (404 for strangers), then checks what the
person may do (403); reads go through selectors, writes through services.

Who sees what: every member answers the campaigns that ask them and sees their own answers and scores; the employer
admin and the managers open campaigns, see the results and turn weak points into actions; a consultant the
organisation gave access to sees the results and the review (aggregates only, never a response).
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teletravail.apps.core.downloads import file_download
from teletravail.apps.core.pages import call_service, organisation_context
from teletravail.apps.organisations.selectors import organisation_access, organisation_teams
from teletravail.apps.practices import reports, selectors, services, tables
from teletravail.apps.practices.forms import AnswersForm, CampaignForm, DatesForm
from teletravail.apps.practices.notices import campaign_url
from teletravail.documents import render_docx, render_pdf


def _context(access, **extra):
    return organisation_context(access, "practices", **extra)


def _form_page(request, access, form, *, title, intro, submit_label, cancel_url, status=200):
    return render(
        request,
        "organisations/form_page.html",
        _context(access, form=form, title=title, intro=intro, submit_label=submit_label, cancel_url=cancel_url),
        status=status,
    )


def _member_access(request, organisation_id):
    access = organisation_access(request.user, organisation_id)
    if access.membership is None and not access.via_consultant_access:
        raise PermissionDenied
    return access


def _results_access(request, organisation_id, campaign_id):
    access = organisation_access(request.user, organisation_id)
    if not selectors.can_see_results(access):
        raise PermissionDenied
    return access, selectors.campaign_of(access, campaign_id)


def _manager_access(request, organisation_id, campaign_id):
    access = organisation_access(request.user, organisation_id, allow_consultant=False)
    campaign = selectors.campaign_of(access, campaign_id)
    if not selectors.can_manage(access, campaign):
        raise PermissionDenied
    return access, campaign


# --- Campaigns ----------------------------------------------------------------------------------------------------


@login_required
def index(request, organisation_id):
    access = _member_access(request, organisation_id)
    membership = access.membership
    return render(
        request,
        "practices/index.html",
        _context(
            access,
            can_open=selectors.can_open_campaigns(access),
            campaigns_table=tables.campaigns_table(selectors.campaigns(access.organisation), access)
            if selectors.can_see_results(access)
            else None,
            to_answer=selectors.open_campaigns_to_answer(membership) if membership else [],
            answered=selectors.answered_campaigns(membership) if membership else [],
        ),
    )


@login_required
def campaign_create(request, organisation_id):
    access = organisation_access(request.user, organisation_id, allow_consultant=False)
    if not selectors.can_open_campaigns(access):
        raise PermissionDenied
    teams = organisation_teams(access.organisation)
    if access.is_manager:
        teams = teams.filter(managers=access.membership)
    form = CampaignForm(
        request.POST or None,
        questionnaires=selectors.questionnaires(),
        teams=teams,
        language=selectors.language(),
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        call = call_service(
            request,
            lambda: services.open_campaign(
                access=access,
                actor=request.user,
                title=form.cleaned_data["title"],
                questionnaire_ids=form.cleaned_data["questionnaires"],
                teams=form.cleaned_data["teams"],
                opens_on=form.cleaned_data["opens_on"],
                closes_on=form.cleaned_data["closes_on"],
                request=request,
            ),
            success=_("Campagne ouverte : les personnes interrogées sont prévenues."),
            form=form,
        )
        if call.ok:
            return redirect(campaign_url(call.result))
        status = call.status(400)
    return _form_page(
        request,
        access,
        form,
        title=_("Nouvelle campagne sur les pratiques du télétravail"),
        intro=_(
            "Chaque personne interrogée répond à sa partie des questionnaires ; les résultats ne montrent jamais un "
            "groupe de moins de cinq réponses (vingt pour la santé et le harcèlement)."
        ),
        submit_label=_("Ouvrir la campagne"),
        cancel_url=reverse("practices:index", kwargs={"organisation_id": access.organisation.pk}),
        status=status,
    )


@login_required
def campaign(request, organisation_id, practices_campaign_id):
    access = _member_access(request, organisation_id)
    found = services.keep_equality_reading(selectors.campaign_of(access, practices_campaign_id))
    membership = access.membership
    return render(
        request,
        "practices/campaign.html",
        _context(
            access,
            campaign=found,
            progress=selectors.progress(found),
            questionnaire_titles=[q.title(selectors.language()) for q in selectors.questionnaires_of(found)],
            is_asked=selectors.is_asked(found, membership),
            has_answered=membership is not None and selectors.has_answered(found, membership),
            is_open=found.is_open(),
            is_closed=found.is_closed(),
            can_see_results=selectors.can_see_results(access),
            can_manage=membership is not None and selectors.can_manage(access, found),
            review=selectors.review_of_campaign(found),
            key_exists=selectors.linkage_key(found) is not None,
        ),
    )


@login_required
def answer(request, organisation_id, practices_campaign_id):
    access = organisation_access(request.user, organisation_id, allow_consultant=False)
    found = selectors.campaign_of(access, practices_campaign_id)
    membership = access.membership
    if not selectors.is_asked(found, membership):
        raise PermissionDenied(_("Cette campagne ne vous concerne pas : elle est ouverte à d'autres équipes."))
    form = AnswersForm(
        request.POST or None,
        questionnaires=selectors.questionnaires_of(found),
        role=selectors.respondent_role(membership),
        language=selectors.language(),
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        call = call_service(
            request,
            lambda: services.submit_answers(
                campaign=found, respondent=membership, actor=request.user, answers=form.answers()
            ),
            success=_("Merci : vos réponses sont enregistrées sous un pseudonyme."),
            form=form,
        )
        if call.ok:
            return redirect(campaign_url(found, "practices:own_answers"))
        status = call.status(400)
    return render(
        request,
        "practices/answer.html",
        _context(
            access,
            campaign=found,
            form=form,
            has_answered=selectors.has_answered(found, membership),
            is_open=found.is_open(),
        ),
        status=status,
    )


@login_required
def own_answers(request, organisation_id, practices_campaign_id):
    access = organisation_access(request.user, organisation_id, allow_consultant=False)
    found = selectors.campaign_of(access, practices_campaign_id)
    response = selectors.own_response(found, access.membership)
    language = selectors.language()
    return render(
        request,
        "practices/own_answers.html",
        _context(
            access,
            campaign=found,
            has_answered=selectors.has_answered(found, access.membership),
            key_exists=selectors.linkage_key(found) is not None,
            answers_tables=tables.own_answers_tables(found, response, language) if response else [],
            scores_tables=tables.own_scores_tables(selectors.own_scores(found, response), language)
            if response
            else [],
        ),
    )


@login_required
def close(request, organisation_id, practices_campaign_id):
    access, found = _manager_access(request, organisation_id, practices_campaign_id)
    if request.method == "POST":
        call_service(
            request,
            lambda: services.close_campaign(access=access, actor=request.user, campaign=found, request=request),
            success=_("Campagne close : elle ne reçoit plus de réponses."),
        )
        return redirect(campaign_url(found))
    return render(
        request,
        "practices/confirm.html",
        _context(
            access,
            campaign=found,
            title=_("Clore la campagne « %(title)s »") % {"title": found.title},
            text=_("Plus personne ne pourra répondre. Les résultats restent consultables."),
            submit_label=_("Clore la campagne"),
        ),
    )


# --- Results ------------------------------------------------------------------------------------------------------


@login_required
def results(request, organisation_id, practices_campaign_id):
    access, found = _results_access(request, organisation_id, practices_campaign_id)
    services.keep_equality_reading(found)
    language = selectors.language()
    found_results = selectors.campaign_results(found)
    needs = selectors.training_needs(found, language)
    return render(
        request,
        "practices/results.html",
        _context(
            access,
            campaign=found,
            progress=selectors.progress(found),
            sections=reports.result_sections(found, found_results, access, language),
            training_table=tables.training_needs_table(needs, language) if needs is not None else None,
        ),
    )


@login_required
@require_POST
def add_action(request, organisation_id, practices_campaign_id):
    """One weak point turned into an action of the organisation's action plan."""
    access = organisation_access(request.user, organisation_id, allow_consultant=False)
    if not selectors.can_open_campaigns(access):
        raise PermissionDenied
    found = selectors.campaign_of(access, practices_campaign_id)
    call_service(
        request,
        lambda: services.add_weak_point_action(
            access=access,
            actor=request.user,
            campaign=found,
            questionnaire_id=request.POST.get("questionnaire", ""),
            theme_id=request.POST.get("theme", ""),
        ),
        success=lambda action: _("Action « %(title)s » ajoutée au plan d'action.") % {"title": action.title},
    )
    return redirect(campaign_url(found, "practices:results"))


# --- Six-month review ---------------------------------------------------------------------------------------------


@login_required
def review_create(request, organisation_id, practices_campaign_id):
    access, found = _manager_access(request, organisation_id, practices_campaign_id)
    form = DatesForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        call = call_service(
            request,
            lambda: services.open_review(
                access=access,
                actor=request.user,
                campaign=found,
                opens_on=form.cleaned_data["opens_on"],
                closes_on=form.cleaned_data["closes_on"],
                request=request,
            ),
            success=_("Bilan à six mois ouvert : les mêmes personnes sont invitées à répondre aux mêmes questions."),
            form=form,
        )
        if call.ok:
            return redirect(campaign_url(call.result))
        status = call.status(400)
    return _form_page(
        request,
        access,
        form,
        title=_("Bilan à six mois de « %(title)s »") % {"title": found.title},
        intro=_(
            "Les mêmes questionnaires, posés aux mêmes équipes. Les réponses de chaque personne aux deux vagues sont "
            "reliées par un pseudonyme, dont la clé sera détruite après le bilan."
        ),
        submit_label=_("Ouvrir le bilan"),
        cancel_url=campaign_url(found),
        status=status,
    )


def _review_of(access, campaign_id):
    found = selectors.campaign_of(access, campaign_id)
    if found.review_of_id is None:
        raise Http404
    return found


@login_required
def review(request, organisation_id, practices_campaign_id):
    access = organisation_access(request.user, organisation_id)
    if not selectors.can_see_results(access):
        raise PermissionDenied
    found = services.keep_equality_reading(_review_of(access, practices_campaign_id))
    language = selectors.language()
    return render(
        request,
        "practices/review.html",
        _context(
            access,
            campaign=found,
            sections=reports.review_sections(found, language),
            changes_table=tables.changes_table(reports.changes_beside(found)),
            equality=reports.equality_comparison(found),
            can_manage=access.membership is not None and selectors.can_manage(access, found),
            is_closed=found.is_closed(),
            key_destroyed=found.family.key_destroyed_at is not None,
        ),
    )


@login_required
def destroy_key(request, organisation_id, practices_campaign_id):
    access, found = _manager_access(request, organisation_id, practices_campaign_id)
    if found.review_of_id is None:
        raise Http404
    if request.method == "POST":
        call_service(
            request,
            lambda: services.destroy_linkage_key(access=access, actor=request.user, review=found, request=request),
            success=_("Clé de liaison détruite : plus personne ne peut relier une réponse à une personne."),
        )
        return redirect(campaign_url(found, "practices:review"))
    return render(
        request,
        "practices/confirm.html",
        _context(
            access,
            campaign=found,
            title=_("Détruire la clé de liaison du bilan « %(title)s »") % {"title": found.title},
            text=_(
                "Les deux vagues restent comparées, mais plus personne, pas même vous, ne pourra relier une réponse "
                "à une personne ni ajouter une nouvelle vague. Chacun ne retrouvera plus ses propres réponses. "
                "C'est définitif."
            ),
            submit_label=_("Détruire la clé"),
        ),
    )


@login_required
def review_report(request, organisation_id, practices_campaign_id, output_format):
    access = organisation_access(request.user, organisation_id)
    if not selectors.can_see_results(access):
        raise PermissionDenied
    found = services.keep_equality_reading(_review_of(access, practices_campaign_id))
    document = reports.review_document(found, selectors.language())
    services.record_report(campaign=found)
    if output_format == "docx":
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        return file_download(render_docx(document), f"bilan-{found.pk}.docx", content_type)
    return file_download(render_pdf(document), f"bilan-{found.pk}.pdf", "application/pdf")
