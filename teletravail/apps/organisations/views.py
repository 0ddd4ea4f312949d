"""Pages of the organisation space. Every organisation-scoped view starts with `organisation_access`
(404 for outsiders), then checks the permission it needs (403 for members without it), then the method."""

import uuid
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from teletravail.apps.accounts.models import User
from teletravail.apps.accounts.services import check_and_record, email_request_scopes, wait_text
from teletravail.apps.audit.models import AuditAction
from teletravail.apps.audit.services import client_ip, record_event
from teletravail.apps.core.conflicts import CONFLICT_STATUS, Conflict
from teletravail.apps.core.downloads import CSV_CONTENT_TYPE, file_download
from teletravail.apps.core.language import of_name
from teletravail.apps.core.pages import call_service, error_text, organisation_context
from teletravail.apps.core.personal_data import organisation_archive
from teletravail.apps.jobs.models import Job, JobStatus
from teletravail.apps.jobs.selectors import job_progress, job_state
from teletravail.apps.jobs.services import sweep_stale_jobs
from teletravail.apps.organisations import csv_import, import_jobs, selectors, services, tables
from teletravail.apps.organisations.forms import (
    AcceptInvitationForm,
    ClosureForm,
    ConsultantGrantForm,
    DeleteOrganisationForm,
    InvitationEditForm,
    InvitationForm,
    MembershipForm,
    MembersImportForm,
    OrganisationCreateForm,
    OrganisationForm,
    PlaceDaysForm,
    SignupForm,
    SiteForm,
    TeamForm,
)
from teletravail.apps.organisations.models import (
    Closure,
    ConsultantAccess,
    ConsultantInvitation,
    Invitation,
    Membership,
    Role,
    Site,
    Team,
)
from teletravail.apps.organisations.selectors import organisation_access
from teletravail.uploads.tables import Table


def _access(request, organisation_id, permission=None):
    access = organisation_access(request.user, organisation_id)
    if permission:
        access.require(permission)
    return access


_context = organisation_context


# --- Creating an organisation -----------------------------------------------------------------------------------


def organisation_create(request):
    """Public sign-up with a first organisation; a signed-in person only fills in the organisation."""
    signed_in = request.user.is_authenticated
    form_class = OrganisationCreateForm if signed_in else SignupForm
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not signed_in:
            return _sign_up(request, form)
        call = call_service(
            request,
            lambda: services.create_organisation(creator=request.user, request=request, **form.organisation_values()),
            form=form,
        )
        if call.ok:
            organisation = call.result
            messages.success(
                request,
                _("L'espace de « %(name)s » est créé. Invitez maintenant les membres de votre organisation.")
                % {"name": organisation.name},
            )
            return redirect("home:journey", organisation_id=organisation.pk)
    return _sign_up_page(request, form, signed_in=signed_in)


def _sign_up_page(request, form, *, signed_in):
    return render(
        request,
        "organisations/organisation_create.html",
        {
            "form": form,
            "signed_in": signed_in,
            "title": _("Créer l'espace de mon organisation"),
            "submit_label": _("Créer l'espace"),
            "centred": True,
        },
    )


def _sign_up(request, form):
    """The same answer whether the account is created or the address or SIRET already known: the e-mail tells."""
    email = form.cleaned_data["email"]
    wait = check_and_record(email_request_scopes("sign-up", email, client_ip(request)))
    if wait:
        form.add_error(None, _("Trop de demandes d'inscription. Réessayez dans %(wait)s.") % {"wait": wait_text(wait)})
    else:
        call = call_service(
            request,
            lambda: services.sign_up_with_organisation(
                full_name=form.cleaned_data["full_name"],
                email=email,
                password=form.cleaned_data["password1"],
                request=request,
                **form.organisation_values(),
            ),
            form=form,
        )
        if call.ok:
            return redirect("organisations:sign_up_sent")
    return _sign_up_page(request, form, signed_in=False)


def sign_up_sent(request):
    return render(request, "organisations/sign_up_sent.html", {"title": _("Vérifiez votre messagerie")})


# --- Settings, sites and teams ----------------------------------------------------------------------------------


def _organisation_initial(organisation):
    return {
        "name": organisation.name,
        "siret": organisation.siret,
        "sector": organisation.sector,
        "headcount": organisation.headcount,
        "naf_code": organisation.naf_code,
    }


def _place_days_form(organisation, data=None):
    return PlaceDaysForm(
        data,
        prefix="tiers-lieux",
        initial={
            "place_days_allowed": organisation.place_days_allowed,
            "place_days_per_week_max": organisation.place_days_per_week_max,
        },
    )


@login_required
def organisation_settings(request, organisation_id):
    access = _access(request, organisation_id, "can_manage_organisation")
    organisation = access.organisation
    form = OrganisationForm(
        request.POST or None, organisation=organisation, initial=_organisation_initial(organisation)
    )
    if request.method == "POST" and form.is_valid():
        call = call_service(
            request,
            lambda: services.update_organisation(
                organisation=organisation, actor=request.user, request=request, **form.cleaned_data
            ),
            success=_("Les informations de l'organisation sont enregistrées."),
            form=form,
        )
        if call.ok:
            return redirect("organisations:settings", organisation_id=organisation.pk)
    return _settings_page(request, access, form, _place_days_form(organisation))


@login_required
def place_days_settings(request, organisation_id):
    """Whether the members may spend telework days at a telework place near home, and how many a week: the settings
    page, whose form of place days posts here."""
    access = _access(request, organisation_id, "can_manage_organisation")
    organisation = access.organisation
    was_allowed = organisation.place_days_allowed
    place_days_form = _place_days_form(organisation, request.POST or None)
    if request.method == "POST" and place_days_form.is_valid():
        allowed = place_days_form.cleaned_data["place_days_allowed"]
        if was_allowed and not allowed:
            success = _(
                "Les jours en tiers-lieu ne sont plus autorisés : ceux déjà planifiés redeviennent des jours de "
                "télétravail, et les membres concernés en sont prévenus."
            )
        else:
            success = _("Les règles des jours en tiers-lieu sont enregistrées.")
        call = call_service(
            request,
            lambda: services.update_organisation(
                organisation=organisation, actor=request.user, request=request, **place_days_form.cleaned_data
            ),
            success=success,
            form=place_days_form,
        )
        if call.ok:
            return redirect(f"{_section_url(organisation, 'settings')}#place-days-title")
    form = OrganisationForm(organisation=organisation, initial=_organisation_initial(organisation))
    return _settings_page(request, access, form, place_days_form, status=400 if place_days_form.is_bound else 200)


def _settings_page(request, access, form, place_days_form, *, status=200):
    organisation = access.organisation
    return render(
        request,
        "organisations/settings.html",
        _context(
            access,
            "settings",
            form=form,
            sites_table=tables.sites_table(organisation, selectors.organisation_sites(organisation)),
            teams_table=tables.teams_table(organisation, selectors.organisation_teams(organisation)),
            closures_table=tables.closures_table(organisation, selectors.organisation_closures(organisation)),
            place_days_form=place_days_form,
        ),
        status=status,
    )


# The page each section's forms and confirmations go back to.
SECTION_PAGES = {
    "settings": "organisations:settings",
    "members": "organisations:members",
    "consultants": "organisations:consultants",
}


def _section_url(organisation, section):
    return reverse(SECTION_PAGES[section], kwargs={"organisation_id": organisation.pk})


@login_required
def organisation_data_archive(request, organisation_id):
    """Everything the platform holds for the organisation, in one zip (JSON and CSV), for its admin."""
    access = _access(request, organisation_id, "can_manage_organisation")
    organisation = access.organisation
    call = call_service(request, lambda: organisation_archive(organisation))
    if not call.ok:
        return redirect(_section_url(organisation, "settings"))
    record_event(AuditAction.ORGANISATION_EXPORTED, actor=request.user, organisation=organisation, request=request)
    filename = f"donnees-{slugify(organisation.name) or organisation.pk}-{timezone.localdate():%Y-%m-%d}.zip"
    return file_download(call.result, filename, "application/zip")


@login_required
def organisation_delete(request, organisation_id):
    """The deletion of the organisation with its data, once its name is typed."""
    access = _access(request, organisation_id, "can_manage_organisation")
    organisation = access.organisation
    form = DeleteOrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        name = organisation.name
        call = call_service(
            request,
            lambda: services.delete_organisation(
                organisation=organisation,
                actor=request.user,
                confirmation=form.cleaned_data["confirmation"],
                request=request,
            ),
            success=_("L'organisation « %(name)s » est supprimée, avec ses données.") % {"name": name},
            form=form,
        )
        if call.ok:
            return redirect("home:dashboard")
    return _form_page(
        request,
        access,
        form,
        title=_("Supprimer l'organisation"),
        intro=_(
            "Tout ce que la plateforme garde pour « %(name)s » sera effacé : sites, équipes, adhésions, invitations, "
            "plannings, diagnostics, chartes, notifications et journal d'audit. Les comptes des membres restent "
            "(ils peuvent appartenir à d'autres organisations), sans leur adhésion. Téléchargez d'abord les "
            "données si vous voulez les garder : la suppression est définitive."
        )
        % {"name": organisation.name},
        submit_label=_("Supprimer définitivement l'organisation"),
    )


def _form_page(
    request,
    access,
    form,
    *,
    title,
    submit_label,
    intro="",
    template="organisations/form_page.html",
    section="settings",
    cancel_url=None,
    status=200,
):
    return render(
        request,
        template,
        _context(
            access,
            section,
            form=form,
            title=title,
            intro=intro,
            submit_label=submit_label,
            cancel_url=cancel_url or _section_url(access.organisation, section),
        ),
        status=status,
    )


def _confirmed_action(
    request, access, act, *, success, title, message, submit_label, section="settings", done_url=None, cancel_url=None
):
    """A confirmation page: on POST, `act()` through its service, then the `success` message and `done_url` (by
    default, as the cancel link, the section's page); a refusal shows the page again with its reason (400)."""
    error = None
    if request.method == "POST":
        call = call_service(request, act, success=success, shown_in_page=True)
        if call.ok:
            return redirect(done_url or _section_url(access.organisation, section))
        error = error_text(call.error)
    return render(
        request,
        "organisations/confirm.html",
        _context(
            access,
            section,
            title=title,
            message=message,
            submit_label=submit_label,
            cancel_url=cancel_url or _section_url(access.organisation, section),
            error=error,
        ),
        status=400 if error else 200,
    )


def _saved_form_page(request, access, form, save, *, success, section="settings", **page):
    """A form of a section: on a valid POST, `save()` through its service, the `success` message and back to the
    section's page; else the form page (`page`: title, introduction, button…) with what was refused on the form."""
    status = 200
    if request.method == "POST" and form.is_valid():
        call = call_service(request, save, success=success, form=form)
        if call.ok:
            return redirect(_section_url(access.organisation, section))
        status = call.status()
    return _form_page(request, access, form, section=section, status=status, **page)


@login_required
def site_create(request, organisation_id):
    access = _access(request, organisation_id, "can_manage_organisation")
    form = SiteForm(request.POST or None)
    return _saved_form_page(
        request,
        access,
        form,
        lambda: services.create_site(
            organisation=access.organisation, actor=request.user, request=request, **form.site_values()
        ),
        success=lambda site: _("Le site « %(name)s » est ajouté.") % {"name": site.name},
        title=_("Ajouter un site"),
        submit_label=_("Ajouter le site"),
        template="organisations/site_form.html",
    )


@login_required
def site_update(request, organisation_id, site_id):
    access = _access(request, organisation_id, "can_manage_organisation")
    site = get_object_or_404(Site, pk=site_id, organisation=access.organisation)
    form = SiteForm(request.POST or None, site=site)
    return _saved_form_page(
        request,
        access,
        form,
        lambda: services.update_site(site=site, actor=request.user, request=request, **form.site_values()),
        success=lambda site: _("Le site « %(name)s » est enregistré.") % {"name": site.name},
        title=_("Modifier le site « %(name)s »") % {"name": site.name},
        submit_label=_("Enregistrer"),
        template="organisations/site_form.html",
    )


@login_required
def site_delete(request, organisation_id, site_id):
    access = _access(request, organisation_id, "can_manage_organisation")
    site = get_object_or_404(Site, pk=site_id, organisation=access.organisation)
    return _confirmed_action(
        request,
        access,
        lambda: services.delete_site(site=site, actor=request.user, request=request),
        success=_("Le site « %(name)s » est supprimé.") % {"name": site.name},
        title=_("Supprimer le site « %(name)s »") % {"name": site.name},
        message=_(
            "Le site sera supprimé définitivement. Un site auquel des équipes sont rattachées ne peut pas être "
            "supprimé : rattachez d'abord ces équipes à un autre site."
        ),
        submit_label=_("Supprimer le site"),
    )


@login_required
def team_create(request, organisation_id):
    access = _access(request, organisation_id, "can_manage_organisation")
    form = TeamForm(request.POST or None, organisation=access.organisation)
    return _saved_form_page(
        request,
        access,
        form,
        lambda: services.create_team(
            organisation=access.organisation, actor=request.user, request=request, **form.cleaned_data
        ),
        success=lambda team: _("L'équipe « %(name)s » est ajoutée.") % {"name": team.name},
        title=_("Ajouter une équipe"),
        submit_label=_("Ajouter l'équipe"),
    )


@login_required
def team_update(request, organisation_id, team_id):
    access = _access(request, organisation_id, "can_manage_organisation")
    team = get_object_or_404(Team, pk=team_id, organisation=access.organisation)
    form = TeamForm(request.POST or None, organisation=access.organisation, team=team)
    return _saved_form_page(
        request,
        access,
        form,
        lambda: services.update_team(team=team, actor=request.user, request=request, **form.cleaned_data),
        success=lambda team: _("L'équipe « %(name)s » est enregistrée.") % {"name": team.name},
        title=_("Modifier l'équipe « %(name)s »") % {"name": team.name},
        submit_label=_("Enregistrer"),
    )


@login_required
def team_delete(request, organisation_id, team_id):
    access = _access(request, organisation_id, "can_manage_organisation")
    team = get_object_or_404(Team, pk=team_id, organisation=access.organisation)
    return _confirmed_action(
        request,
        access,
        lambda: services.delete_team(team=team, actor=request.user, request=request),
        success=_("L'équipe « %(name)s » est supprimée.") % {"name": team.name},
        title=_("Supprimer l'équipe « %(name)s »") % {"name": team.name},
        message=_(
            "L'équipe sera supprimée définitivement. Ses %(count)s membres restent dans l'organisation, sans "
            "équipe, et ses managers cessent de l'encadrer."
        )
        % {"count": team.members.count()},
        submit_label=_("Supprimer l'équipe"),
    )


@login_required
def closure_create(request, organisation_id):
    access = _access(request, organisation_id, "can_manage_organisation")
    form = ClosureForm(request.POST or None, organisation=access.organisation)
    return _saved_form_page(
        request,
        access,
        form,
        lambda: services.create_closure(
            organisation=access.organisation, actor=request.user, request=request, **form.cleaned_data
        ),
        success=lambda closure: _("La fermeture « %(label)s » est ajoutée.") % {"label": closure.label},
        title=_("Ajouter une fermeture"),
        intro=_(
            "Personne n'est planifié, ni sur site ni en télétravail, les jours de fermeture. Les jours fériés "
            "(ceux d'Alsace-Moselle et d'outre-mer selon la commune du site) sont déjà pris en compte."
        ),
        submit_label=_("Ajouter la fermeture"),
    )


@login_required
def closure_delete(request, organisation_id, closure_id):
    access = _access(request, organisation_id, "can_manage_organisation")
    closure = get_object_or_404(Closure, pk=closure_id, organisation=access.organisation)
    return _confirmed_action(
        request,
        access,
        lambda: services.delete_closure(closure=closure, actor=request.user, request=request),
        success=_("La fermeture « %(label)s » est supprimée.") % {"label": closure.label},
        title=_("Supprimer la fermeture « %(label)s »") % {"label": closure.label},
        message=_("Ces jours redeviendront travaillés pour les prochains plannings."),
        submit_label=_("Supprimer la fermeture"),
    )


# --- Members and invitations ------------------------------------------------------------------------------------


def _members_url(organisation):
    return _section_url(organisation, "members")


@login_required
def members(request, organisation_id):
    access = _access(request, organisation_id, "can_see_member_list")
    organisation = access.organisation
    memberships = list(selectors.visible_memberships(access))
    invitations = selectors.pending_invitations(organisation) if access.can_manage_members else []
    context = _context(
        access,
        "members",
        memberships=memberships,
        members_table=tables.members_table(organisation, memberships, access.can_manage_members),
        invitations=invitations,
        invitations_table=tables.invitations_table(
            organisation, invitations, selectors.invitation_mail_states(invitations)
        ),
    )
    return render(request, "organisations/members.html", context)


@login_required
def member_invite(request, organisation_id):
    access = _access(request, organisation_id, "can_manage_members")
    form = InvitationForm(request.POST or None, organisation=access.organisation)
    return _saved_form_page(
        request,
        access,
        form,
        lambda: services.invite_member(
            organisation=access.organisation, actor=request.user, request=request, **form.invitation_values()
        ),
        success=lambda invitation: (
            _("Invitation envoyée à %(email)s ; elle reste valable 14 jours.") % {"email": invitation.email}
        ),
        section="members",
        title=_("Inviter un membre"),
        intro=_(
            "La personne reçoit un courriel avec un lien valable 14 jours pour rejoindre l'espace de l'organisation. "
            "Pour inviter beaucoup de personnes à la fois, importez plutôt un fichier CSV."
        ),
        submit_label=_("Envoyer l'invitation"),
    )


@login_required
def membership_update(request, organisation_id, membership_id):
    access = _access(request, organisation_id, "can_manage_members")
    membership = get_object_or_404(
        Membership.objects.select_related("user", "team", "home_commune"),
        pk=membership_id,
        organisation=access.organisation,
    )
    form = MembershipForm(request.POST or None, membership=membership)
    if request.method == "POST" and form.is_valid():
        call = call_service(
            request,
            lambda: services.change_membership(
                membership=membership, actor=request.user, request=request, **form.membership_values()
            ),
            success=_("L'adhésion %(of_name)s est enregistrée.") % {"of_name": of_name(membership.user)},
            form=form,
        )
        if call.ok:
            if membership.user_id == request.user.pk and membership.role != Role.EMPLOYER_ADMIN:
                # An admin who stepped down can no longer open the member management pages.
                return redirect("home:journey", organisation_id=access.organisation.pk)
            return redirect(_members_url(access.organisation))
    return _form_page(
        request,
        access,
        form,
        title=_("Adhésion %(of_name)s") % {"of_name": of_name(membership.user)},
        intro=membership.user.email,
        submit_label=_("Enregistrer"),
        section="members",
    )


@login_required
def membership_delete(request, organisation_id, membership_id):
    access = _access(request, organisation_id, "can_manage_members")
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=membership_id, organisation=access.organisation
    )
    leaving = membership.user_id == request.user.pk
    return _confirmed_action(
        request,
        access,
        lambda: services.remove_membership(membership=membership, actor=request.user, request=request),
        success=_("%(name)s ne fait plus partie de « %(organisation)s ».")
        % {"name": membership.user, "organisation": access.organisation.name},
        done_url=reverse("home:dashboard") if leaving else _members_url(access.organisation),
        title=_("Retirer %(name)s de l'organisation") % {"name": membership.user},
        message=_(
            "%(name)s (%(email)s) n'aura plus accès à l'espace de l'organisation. Son compte sur la plateforme "
            "est conservé."
        )
        % {"name": membership.user, "email": membership.user.email},
        submit_label=_("Retirer de l'organisation"),
        section="members",
    )


def _pending_invitation(access, invitation_id):
    return get_object_or_404(Invitation, pk=invitation_id, organisation=access.organisation, accepted_at__isnull=True)


@login_required
def invitation_resend(request, organisation_id, invitation_id):
    access = _access(request, organisation_id, "can_manage_members")
    invitation = _pending_invitation(access, invitation_id)
    return _confirmed_action(
        request,
        access,
        lambda: services.resend_invitation(invitation=invitation, actor=request.user, request=request),
        success=_("Invitation renvoyée à %(email)s ; elle est de nouveau valable 14 jours.")
        % {"email": invitation.email},
        title=_("Renvoyer l'invitation à %(email)s") % {"email": invitation.email},
        message=_("Le même lien sera envoyé de nouveau et restera valable 14 jours à partir d'aujourd'hui."),
        submit_label=_("Renvoyer l'invitation"),
        section="members",
    )


@login_required
def invitation_update(request, organisation_id, invitation_id):
    access = _access(request, organisation_id, "can_manage_members")
    invitation = _pending_invitation(access, invitation_id)
    form = InvitationEditForm(request.POST or None, invitation=invitation)
    return _saved_form_page(
        request,
        access,
        form,
        lambda: services.update_invitation(
            invitation=invitation, actor=request.user, request=request, **form.invitation_values()
        ),
        success=lambda _invitation: (
            _("L'invitation %(of_email)s est enregistrée.") % {"of_email": of_name(form.cleaned_data["email"])}
        ),
        section="members",
        title=_("Modifier l'invitation %(of_email)s") % {"of_email": of_name(invitation.email)},
        submit_label=_("Enregistrer l'invitation"),
    )


@login_required
def invitation_cancel(request, organisation_id, invitation_id):
    access = _access(request, organisation_id, "can_manage_members")
    invitation = _pending_invitation(access, invitation_id)
    return _confirmed_action(
        request,
        access,
        lambda: services.cancel_invitation(invitation=invitation, actor=request.user, request=request),
        success=_("L'invitation %(of_email)s est annulée.") % {"of_email": of_name(invitation.email)},
        title=_("Annuler l'invitation %(of_email)s") % {"of_email": of_name(invitation.email)},
        message=_("Le lien envoyé ne fonctionnera plus."),
        submit_label=_("Annuler l'invitation"),
        section="members",
    )


def _invitation_unavailable(request, message, status=410):
    return render(
        request,
        "organisations/invitation_unavailable.html",
        {"title": _("Invitation indisponible"), "message": message},
        status=status,
    )


def _unusable_invitation_page(request, invitation):
    """The page saying why an invitation link (member or consultant) cannot be used, or None when it can."""
    if invitation is None:
        return _invitation_unavailable(
            request, _("Ce lien d'invitation n'est pas valide. Vérifiez qu'il a été copié en entier."), status=404
        )
    try:
        services.check_invitation_usable(invitation)
    except services.InvitationUnavailable as exc:
        return _invitation_unavailable(request, str(exc))
    return None


def invitation_accept(request, token):
    """Public: the invited person joins, with their existing account or a new one."""
    invitation = selectors.invitation_by_token(token)
    refused = _unusable_invitation_page(request, invitation)
    if refused is not None:
        return refused

    account_exists = User.objects.filter(email__iexact=invitation.email).exists()
    user = request.user if request.user.is_authenticated else None
    signed_in_as_invitee = user is not None and user.email.lower() == invitation.email.lower()
    form = None
    error = None
    if signed_in_as_invitee or (user is None and not account_exists):
        form = None if signed_in_as_invitee else AcceptInvitationForm(request.POST or None, invitation=invitation)
        if request.method == "POST" and (form is None or form.is_valid()):
            # An existing account joins as it is; a new one is created with the form's name and password.
            account = (
                {"user": user}
                if signed_in_as_invitee
                else {
                    "full_name": form.cleaned_data["full_name"],
                    "password": form.cleaned_data["password1"],
                }
            )
            try:
                call = call_service(
                    request,
                    lambda: services.accept_invitation(invitation=invitation, request=request, **account),
                    success=_("Bienvenue dans l'espace de « %(name)s ».") % {"name": invitation.organisation.name},
                    shown_in_page=True,
                )
            except services.InvitationUnavailable as exc:
                return _invitation_unavailable(request, str(exc))
            if call.ok:
                if not signed_in_as_invitee:
                    login(request, call.result.user, backend="django.contrib.auth.backends.ModelBackend")
                return redirect("home:journey", organisation_id=invitation.organisation_id)
            error = error_text(call.error)
    return _invitation_page(
        request,
        "organisations/invitation_accept.html",
        invitation,
        form,
        title=_("Rejoindre une organisation"),
        submit_label=_("Créer mon compte et rejoindre l'organisation"),
        error=error,
        account_exists=account_exists,
        signed_in_as_invitee=signed_in_as_invitee,
        signed_in_as_other=user is not None and not signed_in_as_invitee,
        login_url=f"{reverse('accounts:login')}?{urlencode({'next': request.path})}",
    )


def _invitation_page(request, template, invitation, form, *, title, submit_label, **context):
    """The page of an invitation link (member or consultant): the account form under the invited address."""
    return render(
        request,
        template,
        {
            "invitation": invitation,
            "organisation": invitation.organisation,
            "form": form,
            "title": title,
            "legend": _("Votre compte"),
            "submit_label": submit_label,
            "centred": True,
            **context,
        },
    )


# --- CSV import -------------------------------------------------------------------------------------------------


# The file read for the preview waits in the session until it is confirmed (or another file replaces it).
IMPORT_SESSION_KEY = "member_import"


def _import_page(request, access, *, form=None, checked=None, errors=(), token="", status=200):
    preview = checked.preview() if checked is not None else []
    context = _context(
        access,
        "import",
        form=form or MembersImportForm(),
        errors=list(errors),
        preview=preview,
        preview_table=tables.import_preview_table(preview, can_choose=bool(token)),
        new_teams=csv_import.new_team_names(checked, access.organisation) if checked is not None else [],
        counts=csv_import.preview_counts(preview),
        token=token,
        no_commune=csv_import.NO_COMMUNE,
        max_rows=csv_import.import_limits().rows,
    )
    return render(request, "organisations/members_import.html", context, status=status)


@login_required
def members_import(request, organisation_id):
    """Upload, then the preview: nothing is created nor sent before `members_import_confirm`."""
    access = _access(request, organisation_id, "can_manage_members")
    form = MembersImportForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return _import_page(request, access, form=form, status=400 if form.errors else 200)
    table, read_errors = csv_import.read_members_file(form.cleaned_data["file"].read())
    if read_errors:
        return _import_page(request, access, form=form, errors=csv_import.summarise_errors(read_errors), status=400)
    checked = csv_import.validate_members_csv(table, access.organisation)
    if checked.errors:
        errors = csv_import.summarise_errors(checked.errors)
        return _import_page(request, access, form=form, checked=checked, errors=errors, status=400)
    token = uuid.uuid4().hex
    request.session[IMPORT_SESSION_KEY] = {
        "organisation": access.organisation.pk,
        "token": token,
        "header": table.header,
        "rows": table.rows,
    }
    return _import_page(request, access, form=form, checked=checked, token=token)


@login_required
def members_import_confirm(request, organisation_id):
    """Create the invitations of the previewed file, with the communes chosen in the preview, and send them."""
    access = _access(request, organisation_id, "can_manage_members")
    pending = request.session.get(IMPORT_SESSION_KEY) or {}
    import_url = reverse("organisations:members_import", kwargs={"organisation_id": access.organisation.pk})
    if request.method != "POST":
        return _import_page(request, access)
    if pending.get("organisation") != access.organisation.pk or pending.get("token") != request.POST.get("token"):
        messages.error(request, _("Cet aperçu n'est plus valable : importez de nouveau le fichier."))
        return redirect(import_url)
    table = Table(header=pending["header"], rows=pending["rows"])
    choices = {
        int(name.removeprefix("commune_")): value
        for name, value in request.POST.items()
        if name.startswith("commune_") and name.removeprefix("commune_").isdigit()
    }
    if import_jobs.imports_as_job(table):
        job, _queued = import_jobs.submit_import(
            organisation=access.organisation, actor=request.user, table=table, choices=choices
        )
        del request.session[IMPORT_SESSION_KEY]
        return redirect(_import_job_url(access, job))
    try:
        result = services.import_members(
            organisation=access.organisation, actor=request.user, source=table, choices=choices, request=request
        )
    except services.ImportRejected as exc:
        checked = csv_import.validate_members_csv(table, access.organisation)
        errors = csv_import.summarise_errors(exc.errors)
        return _import_page(request, access, checked=checked, errors=errors, token=pending["token"], status=400)
    except Conflict as conflict:
        return _import_page(request, access, errors=conflict.messages, status=CONFLICT_STATUS)
    del request.session[IMPORT_SESSION_KEY]
    return _import_result_page(request, access, result)


def _import_result_page(request, access, result):
    return render(
        request,
        "organisations/members_import_result.html",
        _context(
            access,
            "import",
            result=result,
            invitations_table=tables.imported_invitations_table(result.invitations),
        ),
    )


def _import_job_url(access, job):
    return reverse(
        "organisations:members_import_job", kwargs={"organisation_id": access.organisation.pk, "import_id": job.pk}
    )


def _import_job(request, organisation_id, import_id):
    access = _access(request, organisation_id, "can_manage_members")
    job = get_object_or_404(
        Job, pk=import_id, kind=import_jobs.IMPORT_JOB, payload__organisation=access.organisation.pk
    )
    sweep_stale_jobs()
    job.refresh_from_db()
    texts = {
        JobStatus.QUEUED: _("En attente d'un serveur de calcul…"),
        JobStatus.RUNNING: _("Import en cours : %(percent)d %%.") % {"percent": job_progress(job)},
        JobStatus.SUCCEEDED: _("Import terminé."),
        JobStatus.FAILED: _("L'import a échoué : aucun membre ni aucune équipe n'a été créé."),
        JobStatus.CANCELLED: _("Import annulé : aucun membre ni aucune équipe n'a été créé."),
    }
    return access, job, job_state(job, texts=texts, url=_import_job_url(access, job))


@login_required
def members_import_job(request, organisation_id, import_id):
    """A large import applied by a job: its progress (in place where JavaScript runs, a link otherwise), then what it
    created, or why nothing was."""
    access, job, state = _import_job(request, organisation_id, import_id)
    if request.headers.get("Accept") == "application/json":
        return JsonResponse(state)
    if job.status == JobStatus.SUCCEEDED:
        result = services.ImportResult(
            invitations=list(Invitation.objects.filter(pk__in=job.result["invitations"]).select_related("team")),
            teams_created=list(Team.objects.filter(pk__in=job.result["teams_created"])),
        )
        return _import_result_page(request, access, result)
    return render(
        request,
        "organisations/members_import_job.html",
        _context(access, "import", job=job, state=state, status_url=state["url"], poll_seconds=1),
    )


@login_required
def members_import_template(request, organisation_id):
    _access(request, organisation_id, "can_manage_members")
    # The BOM lets spreadsheets open the accents correctly; the import accepts files with or without it.
    return file_download("\ufeff" + csv_import.EXAMPLE_CSV, "modele-import-membres.csv", CSV_CONTENT_TYPE)


# --- Consultant access ------------------------------------------------------------------------------------------


def _consultants_url(organisation):
    return _section_url(organisation, "consultants")


@login_required
def consultants(request, organisation_id):
    access = _access(request, organisation_id, "can_manage_consultants")
    form = ConsultantGrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call = call_service(
            request,
            lambda: services.grant_consultant_access(
                organisation=access.organisation, actor=request.user, email=form.cleaned_data["email"], request=request
            ),
            form=form,
        )
        if call.ok:
            grant = call.result
            if isinstance(grant, ConsultantInvitation):
                message = _(
                    "%(email)s n'a pas encore de compte : une invitation lui est envoyée. Son accès s'ouvrira quand "
                    "la personne aura créé son compte."
                ) % {"email": grant.email}
            else:
                message = _("%(name)s peut désormais consulter le parcours de l'organisation.") % {
                    "name": grant.consultant
                }
            messages.success(request, message)
            return redirect(_consultants_url(access.organisation))
    return render(
        request,
        "organisations/consultants.html",
        _context(
            access,
            "consultants",
            form=form,
            accesses_table=tables.consultant_accesses_table(
                access.organisation, selectors.consultant_accesses(access.organisation)
            ),
            invitations=selectors.pending_consultant_invitations(access.organisation),
        ),
    )


def consultant_invitation_accept(request, token):
    """Public: the invited consultant creates their account, which opens the organisation's access."""
    invitation = selectors.consultant_invitation_by_token(token)
    refused = _unusable_invitation_page(request, invitation)
    if refused is not None:
        return refused
    form = AcceptInvitationForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            call = call_service(
                request,
                lambda: services.accept_consultant_invitation(
                    invitation=invitation,
                    full_name=form.cleaned_data["full_name"],
                    password=form.cleaned_data["password1"],
                    request=request,
                ),
                success=_("Bienvenue : vous accompagnez « %(name)s ».") % {"name": invitation.organisation.name},
                form=form,
            )
        except services.InvitationUnavailable as exc:
            return _invitation_unavailable(request, str(exc))
        if call.ok:
            login(request, call.result.consultant, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("home:journey", organisation_id=invitation.organisation_id)
    return _invitation_page(
        request,
        "organisations/consultant_invitation_accept.html",
        invitation,
        form,
        title=_("Accompagner une organisation"),
        submit_label=_("Créer mon compte de consultant·e"),
    )


@login_required
def consultant_revoke(request, organisation_id, access_id):
    access = _access(request, organisation_id, "can_manage_consultants")
    grant = get_object_or_404(
        ConsultantAccess.objects.select_related("consultant"),
        pk=access_id,
        organisation=access.organisation,
        revoked_at__isnull=True,
    )
    return _confirmed_action(
        request,
        access,
        lambda: services.revoke_consultant_access(access=grant, actor=request.user, request=request),
        success=_("L'accès %(of_name)s est révoqué.") % {"of_name": of_name(grant.consultant)},
        title=_("Révoquer l'accès %(of_name)s") % {"of_name": of_name(grant.consultant)},
        message=_(
            "%(name)s (%(email)s) ne pourra plus consulter l'organisation, immédiatement. Vous pourrez lui "
            "rouvrir l'accès plus tard."
        )
        % {"name": grant.consultant, "email": grant.consultant.email},
        submit_label=_("Révoquer l'accès"),
        section="consultants",
    )
