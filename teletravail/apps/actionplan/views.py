"""Pages of the action plan. Each starts with `actionplan_access` (404 for outsiders), then checks what the person
may do (403); reads go through selectors, writes through services."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from teletravail.apps.actionplan import selectors, services, tables
from teletravail.apps.actionplan.forms import ActionForm, FilterForm
from teletravail.apps.actionplan.journey import progress_text
from teletravail.apps.core.pages import call_service, organisation_context


def add_finding(request, **finding):
    """The planner's and the diagnostic's « Ajouter au plan d'action » (`services.add_finding`): the action, or the
    module's refusal, said in the next page's messages."""
    return call_service(
        request,
        lambda: services.add_finding(actor=request.user, request=request, **finding),
        success=lambda action: _("« %(title)s » est au plan d'action.") % {"title": action.title},
    )


def _index_url(organisation):
    return reverse("actionplan:index", kwargs={"organisation_id": organisation.pk})


def _editor_access(request, organisation_id):
    access = selectors.actionplan_access(request.user, organisation_id)
    if not selectors.can_edit_actions(access):
        raise PermissionDenied
    return access


@require_GET
@login_required
def index(request, organisation_id):
    access = selectors.actionplan_access(request.user, organisation_id)
    organisation = access.organisation
    today = timezone.localdate()
    filters = FilterForm(request.GET or None)
    can_edit = selectors.can_edit_actions(access)
    actions = selectors.organisation_actions(organisation, **filters.values())
    progress = selectors.action_progress(organisation, today)
    return render(
        request,
        "actionplan/index.html",
        organisation_context(
            access,
            "actionplan",
            filters=filters,
            can_edit=can_edit,
            progress_text=progress_text(progress),
            actions_table=tables.actions_table(organisation, actions, today=today, can_edit=can_edit),
        ),
    )


def _form_page(request, access, form, *, title, submit_label, status=200):
    return render(
        request,
        "organisations/form_page.html",
        organisation_context(
            access,
            "actionplan",
            form=form,
            title=title,
            submit_label=submit_label,
            cancel_url=_index_url(access.organisation),
        ),
        status=status,
    )


def _saved(request, access, form, save, *, success, title, submit_label):
    status = 200
    if request.method == "POST" and form.is_valid():
        call = call_service(request, save, success=success, form=form)
        if call.ok:
            return redirect(_index_url(access.organisation))
        status = call.status(400)
    elif request.method == "POST":
        status = 400
    return _form_page(request, access, form, title=title, submit_label=submit_label, status=status)


@login_required
def create(request, organisation_id):
    access = _editor_access(request, organisation_id)
    form = ActionForm(request.POST or None, organisation=access.organisation, initial={"status": "a_faire"})

    def save():
        data = form.cleaned_data
        action = services.create_action(
            organisation=access.organisation,
            title=data["title"],
            origin="",
            created_by=request.user,
            role=data["owner_role"],
            detail=data["detail"],
            due_on=data["due_on"],
            request=request,
        )
        # Who and where it stands, when given at once, are the first change of the new action.
        return services.update_action(action=action, actor=request.user, request=request, **data)

    return _saved(
        request,
        access,
        form,
        save,
        success=lambda action: _("L'action « %(title)s » est ajoutée au plan.") % {"title": action.title},
        title=_("Ajouter une action au plan"),
        submit_label=_("Ajouter l'action"),
    )


@login_required
def edit(request, organisation_id, plan_action_id):
    access = _editor_access(request, organisation_id)
    action = selectors.action_of(access, plan_action_id)
    initial = {
        "title": action.title,
        "detail": action.detail,
        "owner_role": action.owner_role,
        "owner": action.owner_id,
        "due_on": action.due_on,
        "status": action.status,
    }
    form = ActionForm(request.POST or None, organisation=access.organisation, initial=initial)
    return _saved(
        request,
        access,
        form,
        lambda: services.update_action(action=action, actor=request.user, request=request, **form.cleaned_data),
        success=lambda action: _("L'action « %(title)s » est enregistrée.") % {"title": action.title},
        title=_("Modifier l'action « %(title)s »") % {"title": action.title},
        submit_label=_("Enregistrer"),
    )
