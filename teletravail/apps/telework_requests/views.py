"""Pages of the telework requests. Each starts with `requests_access` (404 for outsiders and consultants), then
checks what the person may do (403); reads go through selectors, writes through services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from teletravail.apps.core.conflicts import CONFLICT_STATUS
from teletravail.apps.core.pages import call_service, organisation_context
from teletravail.apps.telework_requests import selectors, services, tables
from teletravail.apps.telework_requests.forms import DecisionForm, RequestForm


SECTION = "planner"


def _mine_url(organisation):
    return reverse("telework_requests:mine", kwargs={"organisation_id": organisation.pk})


@require_GET
@login_required
def index(request, organisation_id):
    access = selectors.requests_access(request.user, organisation_id)
    organisation = access.organisation
    can_decide = selectors.can_decide_some(access)
    return render(
        request,
        "telework_requests/index.html",
        organisation_context(
            access,
            SECTION,
            open_request=selectors.open_request_of(access.membership),
            own_table=tables.own_requests_table(organisation, selectors.own_requests(access.membership)),
            can_decide=can_decide,
            to_decide_table=(
                tables.requests_to_decide_table(organisation, selectors.requests_for_decider(access))
                if can_decide
                else None
            ),
        ),
    )


def _form_page(request, access, form, *, title, submit_label, intro="", status=200, template=None, **extra):
    return render(
        request,
        template or "organisations/form_page.html",
        organisation_context(
            access,
            SECTION,
            form=form,
            title=title,
            intro=intro,
            submit_label=submit_label,
            cancel_url=_mine_url(access.organisation),
            **extra,
        ),
        status=status,
    )


@login_required
def create(request, organisation_id):
    access = selectors.requests_access(request.user, organisation_id)
    form = RequestForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        call = call_service(
            request,
            lambda: services.submit_request(
                membership=access.membership,
                actor=request.user,
                days=form.cleaned_data["days"],
                message=form.cleaned_data["message"],
                request=request,
            ),
            success=_("Votre demande de télétravail est envoyée. Vous serez prévenu·e de la réponse."),
            form=form,
        )
        if call.ok:
            return redirect(_mine_url(access.organisation))
        status = call.status(400)
    elif request.method == "POST":
        status = 400
    return _form_page(
        request,
        access,
        form,
        title=_("Demander à télétravailler"),
        intro=_(
            "Votre demande va au manager de votre équipe (ou, à défaut, aux administrateurs de l'organisation), "
            "qui l'accorde ou la refuse. Un refus est toujours motivé par écrit."
        ),
        submit_label=_("Envoyer la demande"),
        status=status,
    )


@require_POST
@login_required
def withdraw(request, organisation_id, telework_request_id):
    access = selectors.requests_access(request.user, organisation_id)
    telework_request = selectors.own_request(access, telework_request_id)
    call_service(
        request,
        lambda: services.withdraw_request(telework_request=telework_request, actor=request.user, request=request),
        success=_("Votre demande de télétravail est retirée."),
    )
    return redirect(_mine_url(access.organisation))


@login_required
def decide(request, organisation_id, telework_request_id):
    access = selectors.requests_access(request.user, organisation_id)
    telework_request = selectors.request_to_decide(access, telework_request_id)
    if not selectors.may_decide(request.user, telework_request):
        raise PermissionDenied
    form = DecisionForm(request.POST or None) if telework_request.is_open else None
    status = 200
    if request.method == "POST" and form is None:
        # Decided by someone else since the page was shown: the same words and 409 as a decision that waited for
        # the other one's lock (services._locked_open), and the decision shown instead of the form.
        messages.error(request, services.no_longer_open(telework_request).message)
        status = CONFLICT_STATUS
    if form is not None and request.method == "POST":
        status = 400
        if form.is_valid():
            call = call_service(
                request,
                lambda: services.decide_request(
                    telework_request=telework_request, actor=request.user, request=request, **form.decision_values()
                ),
                success=lambda decided: (
                    _("La décision est enregistrée (%(status)s) et la personne en est prévenue.")
                    % {"status": decided.get_status_display().lower()}
                ),
                form=form,
            )
            if call.ok:
                return redirect(_mine_url(access.organisation))
            status = call.status(400)
    name = telework_request.membership.user.full_name or telework_request.membership.user.email
    return _form_page(
        request,
        access,
        form,
        title=_("Demande de télétravail de %(name)s") % {"name": name},
        submit_label=_("Enregistrer la décision"),
        status=status,
        template="telework_requests/decide.html",
        telework_request=telework_request,
        legal_basis=selectors.refusal_legal_basis(access.organisation),
    )
