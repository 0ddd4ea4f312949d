"""Writes about organisations. Each service runs in one transaction and leaves an audit event.

Services raise django.core.exceptions.ValidationError with French messages; views show them on the form.
E-mails leave only after the transaction commits, so that nobody receives a link to something that was rolled back.
"""

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from teletravail.apps.accounts.models import PlatformRole, User
from teletravail.apps.accounts.services import activation_path
from teletravail.apps.audit.models import AuditAction
from teletravail.apps.audit.services import record_event, recording_change
from teletravail.apps.core.conflicts import duplicates_refused
from teletravail.apps.core.emails import templated_email
from teletravail.apps.core.links import absolute_url
from teletravail.apps.core.personal_data import organisation_records, pseudonym
from teletravail.apps.notifications.mail import queue_email
from teletravail.apps.organisations import csv_import, notices
from teletravail.apps.organisations.days import DAY_LABELS
from teletravail.apps.organisations.models import (
    Closure,
    ConsultantAccess,
    ConsultantInvitation,
    Invitation,
    Membership,
    Organisation,
    Role,
    Sex,
    Site,
    Team,
)
from teletravail.apps.organisations.selectors import employer_admin_count
from teletravail.apps.organisations.signals import organisation_changed
from teletravail.apps.organisations.validators import validate_desks_by_day
from teletravail.geo.text import normalize


logger = logging.getLogger(__name__)

INVITATION_VALIDITY = timedelta(days=14)


# --- Organisations ----------------------------------------------------------------------------------------------


def _check_siret_free(siret, *, exclude_pk=None):
    others = Organisation.objects.filter(siret=siret)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    if others.exists():
        raise ValidationError(
            {
                "siret": ValidationError(
                    _(
                        "Une organisation avec le SIRET %(siret)s existe déjà sur la plateforme : demandez à son "
                        "administrateur·rice de vous inviter."
                    )
                    % {"siret": siret},
                    code="duplicate",
                )
            }
        )


@transaction.atomic
def create_organisation(
    *, creator, name, siret, sector, headcount, site_name, site_commune, naf_code="", request=None, new_account=False
):
    """An organisation with its first site, the creator becoming its employer admin."""
    _check_siret_free(siret)
    organisation = Organisation(name=name, siret=siret, sector=sector, headcount=headcount, naf_code=naf_code)
    organisation.full_clean()
    organisation.save()
    site = Site.objects.create(organisation=organisation, name=site_name, commune=site_commune)
    Membership.objects.create(user=creator, organisation=organisation, role=Role.EMPLOYER_ADMIN)
    record_event(
        AuditAction.ORGANISATION_CREATED,
        actor=creator,
        organisation=organisation,
        request=request,
        name=name,
        siret=siret,
        site=site.name,
        new_account=new_account,
    )
    return organisation


def _account_exists(email):
    return User.objects.filter(email__iexact=email).exists()


def send_sign_up_email(kind, email, context):
    """One of the sign-up e-mails (`kind`: activation, existing_account, siret_taken) to `email`."""
    subject = " ".join(render_to_string(f"organisations/email/sign_up_{kind}_subject.txt", context).split())
    body = render_to_string(f"organisations/email/sign_up_{kind}_body.txt", context)
    send_mail(subject, body, None, [email])


def _send_sign_up_email_after_commit(kind, email, request, **context):
    context = {
        "login_url": absolute_url(reverse("accounts:login"), request),
        "password_reset_url": absolute_url(reverse("accounts:password_reset"), request),
        **context,
    }
    # robust: a mail server failure is logged, never turned into an error page (nor into a different answer).
    transaction.on_commit(lambda: send_sign_up_email(kind, email, context), robust=True)


@transaction.atomic
def sign_up_with_organisation(*, full_name, email, password, request=None, **organisation_fields):
    """A new account, inactive until its owner opens the link e-mailed to them, and its organisation, all or nothing.

    When the address already has an account, or the SIRET an organisation, nothing is created and the address
    receives an e-mail that says so: the caller answers the same way in every case, so that the sign-up form tells
    no visitor who has an account. The same sign-up submitted twice at once ends the same way for the second
    submission (the database constraint catches what the checks could not). Returns the new account, or None.
    """
    email = email.strip().lower()
    siret = organisation_fields["siret"]
    if _account_exists(email):
        _send_sign_up_email_after_commit("existing_account", email, request)
        return None
    if Organisation.objects.filter(siret=siret).exists():
        _send_sign_up_email_after_commit("siret_taken", email, request, siret=siret)
        return None
    try:
        with transaction.atomic():
            user = User.objects.create_user(email=email, password=password, full_name=full_name, is_active=False)
            create_organisation(creator=user, request=request, new_account=True, **organisation_fields)
    except (IntegrityError, ValidationError):
        if _account_exists(email):
            _send_sign_up_email_after_commit("existing_account", email, request)
        elif Organisation.objects.filter(siret=siret).exists():
            _send_sign_up_email_after_commit("siret_taken", email, request, siret=siret)
        else:
            raise
        return None
    _send_sign_up_email_after_commit(
        "activation", email, request, activation_url=absolute_url(activation_path(user), request)
    )
    return user


ORGANISATION_FIELDS = (
    "name",
    "siret",
    "sector",
    "headcount",
    "naf_code",
    "place_days_allowed",
    "place_days_per_week_max",
)


@transaction.atomic
def update_organisation(*, organisation, actor, request=None, **values):
    if "siret" in values:
        _check_siret_free(values["siret"], exclude_pk=organisation.pk)
    changes = {}
    for name in ORGANISATION_FIELDS:
        if name in values and getattr(organisation, name) != values[name]:
            changes[name] = [getattr(organisation, name), values[name]]
            setattr(organisation, name, values[name])
    if not changes:
        return organisation
    organisation.full_clean()
    organisation.save(update_fields=list(changes))
    record_event(
        AuditAction.ORGANISATION_CHANGED,
        actor=actor,
        organisation=organisation,
        request=request,
        object="organisation",
        changes=changes,
    )
    organisation_changed.send(
        sender=Organisation, organisation=organisation, changes=changes, actor=actor, request=request
    )
    return organisation


# --- Sites and teams --------------------------------------------------------------------------------------------


@transaction.atomic
def delete_organisation(*, organisation, actor, confirmation, request=None):
    """Delete the organisation and everything kept for it (every table of its archive), once its admin has typed its
    name. The members' accounts stay (they may belong to other organisations), without their membership; a
    personal API token only loses the organisation. The audit trail keeps one pseudonymous trace: which
    organisation and who are keys only the platform can compute again; how many rows of each kind went."""
    if " ".join(confirmation.split()) != " ".join(organisation.name.split()):
        message = _("Tapez le nom exact de l'organisation, « %(name)s », pour confirmer.")
        raise ValidationError({"confirmation": message % {"name": organisation.name}})
    records = organisation_records()
    removed = {entry.name: entry.rows_of(organisation).count() for entry in records}
    # Children before parents (the registry lists a campaign before its answers): no protected key is in the way.
    # The organisation itself goes last: its audit events would otherwise lose their key and could not be found.
    for entry in reversed(records):
        if entry.deleted_with_organisation and entry.model is not Organisation:
            entry.rows_of(organisation).delete()
    trace = pseudonym("organisation", organisation.pk)
    organisation.delete()
    record_event(
        AuditAction.ORGANISATION_DELETED,
        actor_email=pseudonym("personne", actor.pk),
        deleted_organisation=trace,
        rows=removed,
    )
    return trace


def _check_name_free(model, organisation, name, *, exclude_pk=None):
    # The database constraint is case-sensitive; « Siège » and « siège » would still confuse people.
    others = model.objects.filter(organisation=organisation, name__iexact=name)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    if others.exists():
        message = (
            _("Un site s'appelle déjà « %(name)s » dans l'organisation.")
            if model is Site
            else _("Une équipe s'appelle déjà « %(name)s » dans l'organisation.")
        )
        raise ValidationError({"name": ValidationError(message % {"name": name}, code="duplicate")})


def _audit_structure_change(kind, operation, *, actor, organisation, request, before=None, after=None):
    """One audit event for a site, team or closure created or deleted."""
    states = {key: value for key, value in (("before", before), ("after", after)) if value is not None}
    record_event(
        AuditAction.ORGANISATION_CHANGED,
        actor=actor,
        organisation=organisation,
        request=request,
        object=kind,
        operation=operation,
        **states,
    )


def _recording_structure_change(kind, state, actor, organisation, request):
    """The audit event of a site or team changed, its state before and after, as `_audit_structure_change` words it."""
    return recording_change(
        AuditAction.ORGANISATION_CHANGED,
        state,
        actor=actor,
        organisation=organisation,
        request=request,
        object=kind,
        operation="changed",
    )


def _site_state(site):
    return {"name": site.name, "commune": site.commune_id, "desks": site.desks, "desks_by_day": site.desks_by_day}


def _checked_desks_by_day(desks_by_day):
    """The days given their own desk count (days left empty, None, take the usual count), in week order; French
    messages on « desks_by_day » for unknown days or counts that are not whole numbers ≥ 0."""
    if desks_by_day is None:
        desks_by_day = {}
    if isinstance(desks_by_day, dict):
        desks_by_day = {day: count for day, count in desks_by_day.items() if count is not None}
    try:
        validate_desks_by_day(desks_by_day)
    except ValidationError as error:
        raise ValidationError({"desks_by_day": error.messages}) from error
    return {day: desks_by_day[day] for day in DAY_LABELS if day in desks_by_day}


@transaction.atomic
def create_site(*, organisation, actor, name, commune, desks=None, desks_by_day=None, request=None):
    desks_by_day = _checked_desks_by_day(desks_by_day)
    _check_name_free(Site, organisation, name)
    site = Site.objects.create(
        organisation=organisation, name=name, commune=commune, desks=desks, desks_by_day=desks_by_day
    )
    _audit_structure_change(
        "site", "created", actor=actor, organisation=organisation, request=request, after=_site_state(site)
    )
    return site


@transaction.atomic
def update_site(*, site, actor, name, commune, desks=None, desks_by_day=None, request=None):
    desks_by_day = _checked_desks_by_day(desks_by_day)
    _check_name_free(Site, site.organisation, name, exclude_pk=site.pk)
    with _recording_structure_change("site", lambda: _site_state(site), actor, site.organisation, request):
        site.name, site.commune, site.desks, site.desks_by_day = name, commune, desks, desks_by_day
        site.save()
    return site


@transaction.atomic
def delete_site(*, site, actor, request=None):
    """Refused while teams are attached to the site or when it is the last one.

    Detaching teams silently would lose the team-to-site link that commute estimates rely on:
    the admin moves the teams first, knowingly.
    """
    team_names = list(site.teams.order_by("name").values_list("name", flat=True))
    if team_names:
        raise ValidationError(
            _(
                "Le site « %(site)s » ne peut pas être supprimé : les équipes %(teams)s y sont rattachées. "
                "Rattachez-les d'abord à un autre site (ou à aucun) depuis leur fiche."
            )
            % {"site": site.name, "teams": ", ".join(f"« {name} »" for name in team_names)}
        )
    if not Site.objects.filter(organisation=site.organisation).exclude(pk=site.pk).exists():
        raise ValidationError(
            _("Le site « %(site)s » est le seul de l'organisation : ajoutez-en un autre avant de le supprimer.")
            % {"site": site.name}
        )
    before = _site_state(site)
    organisation = site.organisation
    site.delete()
    _audit_structure_change("site", "deleted", actor=actor, organisation=organisation, request=request, before=before)


# Longest closure entered at once: a year; beyond, it is a typing error (a year off in a date).
CLOSURE_MAX_DAYS = 366


def _closure_state(closure):
    return {
        "label": closure.label,
        "site": closure.site.name if closure.site else None,
        "first_day": closure.first_day.isoformat(),
        "last_day": closure.last_day.isoformat(),
    }


@transaction.atomic
def create_closure(*, organisation, actor, label, first_day, last_day, site=None, request=None):
    """A closure of one site (or every site when `site` is None) from `first_day` to `last_day`: the planner
    plans nobody there on those days."""
    label = (label or "").strip()
    if not label:
        raise ValidationError({"label": _("Indiquez le motif de la fermeture (pont, fermeture annuelle…).")})
    if last_day < first_day:
        raise ValidationError({"last_day": _("Le dernier jour doit suivre le premier jour (ou être le même).")})
    if (last_day - first_day).days >= CLOSURE_MAX_DAYS:
        raise ValidationError({"last_day": _("Une fermeture dure au plus un an : vérifiez les dates.")})
    if site is not None and site.organisation_id != organisation.pk:
        raise ValidationError({"site": _("Ce site n'appartient pas à l'organisation.")})
    closure = Closure.objects.create(
        organisation=organisation, site=site, label=label, first_day=first_day, last_day=last_day
    )
    _audit_structure_change(
        "closure", "created", actor=actor, organisation=organisation, request=request, after=_closure_state(closure)
    )
    return closure


@transaction.atomic
def delete_closure(*, closure, actor, request=None):
    before = _closure_state(closure)
    organisation = closure.organisation
    closure.delete()
    _audit_structure_change(
        "closure", "deleted", actor=actor, organisation=organisation, request=request, before=before
    )


def _team_state(team):
    return {"name": team.name, "site": team.site.name if team.site else None}


def _check_team_site(organisation, site):
    if site is not None and site.organisation_id != organisation.pk:
        raise ValidationError({"site": _("Ce site n'appartient pas à l'organisation.")})


@transaction.atomic
def create_team(*, organisation, actor, name, site=None, request=None):
    _check_team_site(organisation, site)
    _check_name_free(Team, organisation, name)
    team = Team.objects.create(organisation=organisation, name=name, site=site)
    _audit_structure_change(
        "team", "created", actor=actor, organisation=organisation, request=request, after=_team_state(team)
    )
    return team


@transaction.atomic
def update_team(*, team, actor, name, site=None, request=None):
    _check_team_site(team.organisation, site)
    _check_name_free(Team, team.organisation, name, exclude_pk=team.pk)
    with _recording_structure_change("team", lambda: _team_state(team), actor, team.organisation, request):
        team.name, team.site = name, site
        team.save()
    return team


@transaction.atomic
def delete_team(*, team, actor, request=None):
    """Members keep their membership without a team; managers stop managing it."""
    before = {**_team_state(team), "members": team.members.count()}
    organisation = team.organisation
    team.delete()
    _audit_structure_change("team", "deleted", actor=actor, organisation=organisation, request=request, before=before)


# --- Invitations ------------------------------------------------------------------------------------------------


def invitation_accept_url(invitation, request=None):
    return absolute_url(reverse("organisations:invitation_accept", kwargs={"token": invitation.token}), request)


def invitation_email(invitation, accept_url, *, reminder=False):
    """The invitation's e-mail; `reminder`: the one reminder sent when it is left unanswered."""
    context = {
        "reminder": reminder,
        "invitation": invitation,
        "organisation": invitation.organisation,
        "accept_url": accept_url,
        "inviter": invitation.invited_by,
        "expires_at": invitation.expires_at,
    }
    subject = " ".join(render_to_string("organisations/email/invitation_subject.txt", context).split())
    body = render_to_string("organisations/email/invitation_body.txt", context)
    return EmailMessage(subject, body, None, [invitation.email])


def _send_after_commit(invitation, request):
    """Queued in the transaction that writes the invitation, sent by a job once it commits: a mail server failure
    is tried again, then shown to the admins in the list of invitations, from which they resend it."""
    queue_email(
        invitation_email(invitation, invitation_accept_url(invitation, request)),
        key=f"invitation:{invitation.pk}",
        requested_by=invitation.invited_by,
    )


def _check_invitable(organisation, email):
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ValidationError({"email": _("« %(email)s » est déjà membre de l'organisation.") % {"email": email}})
    if Invitation.objects.filter(
        organisation=organisation, email__iexact=email, accepted_at__isnull=True, expires_at__gt=timezone.now()
    ).exists():
        raise ValidationError(
            {
                "email": _(
                    "« %(email)s » a déjà une invitation en attente : renvoyez-la depuis la liste des membres "
                    "plutôt que d'en créer une nouvelle."
                )
                % {"email": email}
            }
        )


def _clear_expired_invitations(organisation, emails):
    # An expired, unaccepted invitation would block a new one (one pending invitation per address).
    Invitation.objects.filter(
        organisation=organisation, email__in=emails, accepted_at__isnull=True, expires_at__lte=timezone.now()
    ).delete()


def _check_teams(organisation, team, managed_teams):
    for candidate in [team, *managed_teams]:
        if candidate is not None and candidate.organisation_id != organisation.pk:
            raise ValidationError(_("Cette équipe n'appartient pas à l'organisation."))


def invite_member(
    *,
    organisation,
    actor,
    email,
    full_name="",
    role=Role.EMPLOYEE,
    team=None,
    managed_teams=(),
    home_commune=None,
    request=None,
):
    email = email.strip().lower()
    # Two invitations of the same address at the same moment both pass the check: the constraint stops the second.
    with duplicates_refused(
        _(
            "« %(email)s » vient d'être invité·e au même moment par une autre personne : l'invitation est en attente "
            "dans la liste des membres."
        )
        % {"email": email}
    ):
        return _invite_member(
            organisation=organisation,
            actor=actor,
            email=email,
            full_name=full_name,
            role=role,
            team=team,
            managed_teams=managed_teams,
            home_commune=home_commune,
            request=request,
        )


@transaction.atomic
def _invite_member(*, organisation, actor, email, full_name, role, team, managed_teams, home_commune, request):
    managed_teams = list(managed_teams) if role == Role.MANAGER else []
    _check_teams(organisation, team, managed_teams)
    _check_invitable(organisation, email)
    _clear_expired_invitations(organisation, [email])
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        full_name=full_name,
        role=role,
        team=team,
        home_commune=home_commune,
        invited_by=actor,
        expires_at=timezone.now() + INVITATION_VALIDITY,
    )
    invitation.managed_teams.set(managed_teams)
    record_event(
        AuditAction.MEMBER_INVITED,
        actor=actor,
        organisation=organisation,
        request=request,
        email=email,
        role=role,
        team=team.name if team else None,
        managed_teams=sorted(t.name for t in managed_teams),
    )
    _send_after_commit(invitation, request)
    return invitation


@transaction.atomic
def resend_invitation(*, invitation, actor, request=None):
    """A fresh 14-day period and the same link sent again."""
    if invitation.accepted_at is not None:
        raise ValidationError(_("Cette invitation a déjà été acceptée."))
    invitation.expires_at = timezone.now() + INVITATION_VALIDITY
    invitation.reminded_at = None  # a new period: it may be reminded once again
    invitation.save(update_fields=["expires_at", "reminded_at"])
    record_event(
        AuditAction.MEMBER_INVITED,
        actor=actor,
        organisation=invitation.organisation,
        request=request,
        email=invitation.email,
        role=invitation.role,
        resent=True,
    )
    _send_after_commit(invitation, request)
    return invitation


def update_invitation(
    *,
    invitation,
    actor,
    email,
    full_name="",
    role=Role.EMPLOYEE,
    team=None,
    managed_teams=(),
    home_commune=None,
    request=None,
):
    """Correct a pending invitation (address, name, role, teams, commune) before it is accepted.

    A new address gets a new link, valid 14 days, sent to it: the link sent to the old address stops working."""
    email = email.strip().lower()
    with duplicates_refused(
        _("« %(email)s » vient d'être invité·e au même moment par une autre personne.") % {"email": email}
    ):
        return _update_invitation(
            invitation=invitation,
            actor=actor,
            email=email,
            full_name=full_name,
            role=role,
            team=team,
            managed_teams=managed_teams,
            home_commune=home_commune,
            request=request,
        )


@transaction.atomic
def _update_invitation(*, invitation, actor, email, full_name, role, team, managed_teams, home_commune, request):
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError(_("Cette invitation a déjà été acceptée : modifiez plutôt l'adhésion."))
    organisation = invitation.organisation
    managed_teams = list(managed_teams) if role == Role.MANAGER else []
    _check_teams(organisation, team, managed_teams)
    new_address = email != invitation.email.lower()
    if new_address:
        _check_invitable(organisation, email)
        _clear_expired_invitations(organisation, [email])
        invitation.email = email
        invitation.renew_token()
        invitation.expires_at = timezone.now() + INVITATION_VALIDITY
    invitation.full_name = full_name
    invitation.role = role
    invitation.team = team
    invitation.home_commune = home_commune
    invitation.save()
    invitation.managed_teams.set(managed_teams)
    record_event(
        AuditAction.MEMBER_INVITED,
        actor=actor,
        organisation=organisation,
        request=request,
        email=email,
        role=role,
        team=team.name if team else None,
        managed_teams=sorted(t.name for t in managed_teams),
        changed=True,
        new_address=new_address,
    )
    if new_address:
        _send_after_commit(invitation, request)
    return invitation


@transaction.atomic
def cancel_invitation(*, invitation, actor, request=None):
    if invitation.accepted_at is not None:
        raise ValidationError(_("Cette invitation a déjà été acceptée : retirez plutôt l'adhésion."))
    organisation, email, role = invitation.organisation, invitation.email, invitation.role
    invitation.delete()
    record_event(
        AuditAction.INVITATION_CANCELLED,
        actor=actor,
        organisation=organisation,
        request=request,
        email=email,
        role=role,
    )


class InvitationUnavailable(Exception):
    """The invitation was used or has expired; the message says which."""


def check_invitation_usable(invitation):
    if invitation.accepted_at is not None:
        raise InvitationUnavailable(
            _("Cette invitation a déjà été utilisée le %(date)s. Connectez-vous pour accéder à votre espace.")
            % {"date": date_format(timezone.localtime(invitation.accepted_at), "SHORT_DATE_FORMAT")}
        )
    if invitation.expires_at <= timezone.now():
        raise InvitationUnavailable(
            _(
                "Cette invitation a expiré le %(date)s. Demandez à l'administrateur·rice de votre organisation "
                "de vous la renvoyer."
            )
            % {"date": date_format(timezone.localtime(invitation.expires_at), "SHORT_DATE_FORMAT")}
        )


@transaction.atomic
def accept_invitation(*, invitation, user=None, full_name="", password=None, request=None):
    """The membership described by the invitation, for `user` or for a new account created with `password`."""
    invitation = (
        Invitation.objects.select_for_update(of=("self",)).select_related("organisation", "team").get(pk=invitation.pk)
    )
    check_invitation_usable(invitation)
    if user is None:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise ValidationError(
                _("Un compte existe déjà pour %(email)s : connectez-vous avec ce compte pour accepter.")
                % {"email": invitation.email}
            )
        user = User.objects.create_user(
            email=invitation.email, password=password, full_name=full_name or invitation.full_name
        )
    elif user.email.lower() != invitation.email.lower():
        raise ValidationError(
            _("Cette invitation est adressée à %(email)s : connectez-vous avec ce compte pour l'accepter.")
            % {"email": invitation.email}
        )
    organisation = invitation.organisation
    if Membership.objects.filter(user=user, organisation=organisation).exists():
        raise ValidationError(_("Vous êtes déjà membre de « %(name)s ».") % {"name": organisation.name})
    membership = Membership.objects.create(
        user=user,
        organisation=organisation,
        role=invitation.role,
        team=invitation.team,
        home_commune=invitation.home_commune,
        sex=invitation.sex,
    )
    if invitation.role == Role.MANAGER:
        membership.managed_teams.set(invitation.managed_teams.all())
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    record_event(
        AuditAction.MEMBER_JOINED,
        actor=user,
        organisation=organisation,
        request=request,
        email=user.email,
        role=membership.role,
        invited_by=invitation.invited_by.email if invitation.invited_by else None,
    )
    return membership


# --- Memberships ------------------------------------------------------------------------------------------------


def membership_state(membership):
    return {
        "role": membership.role,
        "team": membership.team.name if membership.team else None,
        "managed_teams": sorted(membership.managed_teams.values_list("name", flat=True)),
        "home_commune": membership.home_commune_id,
        "sex": membership.sex,
    }


def _lock_admins(organisation):
    # Serialises concurrent demotions so that two admins cannot each remove the other.
    list(Membership.objects.select_for_update().filter(organisation=organisation, role=Role.EMPLOYER_ADMIN))


def _refuse_last_admin(membership, message):
    if membership.role == Role.EMPLOYER_ADMIN and employer_admin_count(membership.organisation) <= 1:
        raise ValidationError(message)


@transaction.atomic
def change_membership(
    *, membership, actor, role, team=None, managed_teams=(), home_commune=None, sex=None, request=None
):
    """Role, teams and home commune; the declared sex too when given (None keeps it: the API does not carry it)."""
    organisation = membership.organisation
    managed_teams = list(managed_teams) if role == Role.MANAGER else []
    _check_teams(organisation, team, managed_teams)
    _lock_admins(organisation)
    if role != Role.EMPLOYER_ADMIN:
        _refuse_last_admin(
            membership,
            _(
                "%(name)s est la dernière personne à administrer l'organisation : confiez d'abord ce rôle à "
                "quelqu'un d'autre avant de changer le sien."
            )
            % {"name": membership.user},
        )
    with recording_change(
        AuditAction.MEMBERSHIP_CHANGED,
        lambda: membership_state(membership),
        actor=actor,
        organisation=organisation,
        request=request,
        email=membership.user.email,
    ):
        membership.role, membership.team, membership.home_commune = role, team, home_commune
        if sex is not None:
            if sex not in Sex.values:
                raise ValidationError({"sex": _("Choisissez femme, homme ou non renseigné.")})
            membership.sex = sex
        membership.save(update_fields=["role", "team", "home_commune", "sex"])
        membership.managed_teams.set(managed_teams)
    return membership


@transaction.atomic
def remove_membership(*, membership, actor, request=None):
    organisation = membership.organisation
    _lock_admins(organisation)
    _refuse_last_admin(
        membership,
        _(
            "%(name)s est la dernière personne à administrer l'organisation : confiez d'abord ce rôle à "
            "quelqu'un d'autre avant de retirer son adhésion."
        )
        % {"name": membership.user},
    )
    before = membership_state(membership)
    email = membership.user.email
    membership.delete()
    record_event(
        AuditAction.MEMBERSHIP_REMOVED,
        actor=actor,
        organisation=organisation,
        request=request,
        email=email,
        before=before,
    )


# --- CSV import -------------------------------------------------------------------------------------------------


class ImportRejected(Exception):
    """The file has errors; nothing was written."""

    def __init__(self, errors):
        super().__init__(f"{len(errors)} erreur(s)")
        self.errors = errors


@dataclass
class ImportResult:
    invitations: list = field(default_factory=list)
    teams_created: list = field(default_factory=list)

    @property
    def role_counts(self):
        counts = {}
        for invitation in self.invitations:
            counts[invitation.role] = counts.get(invitation.role, 0) + 1
        return counts


def import_members(*, organisation, actor, source, choices=None, request=None):
    """Teams and invitations for every row of a valid file, or ImportRejected and nothing written.

    `source` is the file (bytes, text or the `Table` read for the preview); `choices` maps the line of each row whose
    commune cell may mean several communes to the person's choice (`csv_import.chosen_communes`). The file is checked
    again here, inside the transaction, so that an invitation sent between the preview and the confirmation cannot
    produce a duplicate. For a manager, the team of the row is also the team they manage.
    The same file imported at the same moment passes both checks: the unique constraints stop the second import
    (Conflict, nothing written).
    """
    with duplicates_refused(
        _(
            "Une autre personne vient d'importer au même moment des membres ou des équipes de ce fichier : rien "
            "n'a été enregistré. Consultez la liste des membres avant d'importer de nouveau."
        )
    ):
        return _import_members(organisation=organisation, actor=actor, source=source, choices=choices, request=request)


@transaction.atomic
def _import_members(*, organisation, actor, source, choices, request):
    checked = csv_import.validate_members_csv(source, organisation)
    communes, choice_errors = csv_import.chosen_communes(checked, choices)
    errors = sorted([*checked.errors, *choice_errors], key=lambda error: error.line or 0)
    if errors:
        raise ImportRejected(errors)

    teams = {normalize(team.name): team for team in Team.objects.filter(organisation=organisation)}
    result = ImportResult()
    for row in checked.rows:
        key = normalize(row.team_name)
        if row.team_name and key not in teams:
            teams[key] = Team.objects.create(organisation=organisation, name=row.team_name)
            result.teams_created.append(teams[key])

    _clear_expired_invitations(organisation, [row.email for row in checked.rows])
    expires_at = timezone.now() + INVITATION_VALIDITY
    for row in checked.rows:
        team = teams[normalize(row.team_name)] if row.team_name else None
        invitation = Invitation.objects.create(
            organisation=organisation,
            email=row.email,
            full_name=row.full_name,
            role=row.role,
            team=team,
            home_commune=communes[row.line],
            sex=row.sex,
            invited_by=actor,
            expires_at=expires_at,
        )
        if row.role == Role.MANAGER and team is not None:
            invitation.managed_teams.set([team])
        result.invitations.append(invitation)

    record_event(
        AuditAction.MEMBERS_IMPORTED,
        actor=actor,
        organisation=organisation,
        request=request,
        invitations=len(result.invitations),
        teams_created=len(result.teams_created),
        roles=result.role_counts,
    )
    for invitation in result.invitations:
        _send_after_commit(invitation, request)
    return result


# --- Consultant access ------------------------------------------------------------------------------------------


@transaction.atomic
def grant_consultant_access(*, organisation, actor, email, request=None):
    """The access of the consultant with this address; when nobody has an account with it, an invitation e-mailed
    to the address instead (a ConsultantInvitation: signing up from its link creates the account and the access)."""
    email = email.strip().lower()
    consultant = User.objects.filter(email__iexact=email).first()
    if consultant is None:
        return _invite_consultant(organisation=organisation, actor=actor, email=email, request=request)
    if not consultant.has_platform_role(PlatformRole.CONSULTANT):
        raise ValidationError(
            {
                "email": _(
                    "Aucun compte consultant·e actif n'existe avec l'adresse « %(email)s ». Le compte de cette "
                    "adresse doit recevoir le rôle de consultant·e de l'administrateur·rice de la plateforme."
                )
                % {"email": email}
            }
        )
    return _open_consultant_access(organisation=organisation, consultant=consultant, granted_by=actor, request=request)


def _open_consultant_access(*, organisation, consultant, granted_by, request, actor=None):
    if ConsultantAccess.objects.filter(
        organisation=organisation, consultant=consultant, revoked_at__isnull=True
    ).exists():
        raise ValidationError({"email": _("« %(email)s » a déjà un accès actif.") % {"email": consultant.email}})
    access = ConsultantAccess.objects.create(organisation=organisation, consultant=consultant, granted_by=granted_by)
    record_event(
        AuditAction.CONSENT_GRANTED,
        actor=actor or granted_by,
        organisation=organisation,
        request=request,
        consultant=consultant.email,
    )
    notices.consultant_access_granted(access, request)
    return access


def _invite_consultant(*, organisation, actor, email, request):
    pending = ConsultantInvitation.objects.filter(organisation=organisation, email=email, accepted_at__isnull=True)
    if pending.filter(expires_at__gt=timezone.now()).exists():
        raise ValidationError(
            {"email": _("« %(email)s » a déjà une invitation de consultant·e en attente.") % {"email": email}}
        )
    pending.delete()  # expired: it would block the new one
    invitation = ConsultantInvitation.objects.create(
        organisation=organisation, email=email, invited_by=actor, expires_at=timezone.now() + INVITATION_VALIDITY
    )
    # The organisation consents now; the access itself opens when the consultant signs up.
    record_event(
        AuditAction.CONSENT_GRANTED,
        actor=actor,
        organisation=organisation,
        request=request,
        consultant=email,
        invitation=True,
    )
    context = {
        "organisation": organisation,
        "inviter": actor,
        "expires_at": invitation.expires_at,
        "accept_url": absolute_url(
            reverse("organisations:consultant_invitation_accept", kwargs={"token": invitation.token}), request
        ),
        "home_url": absolute_url(reverse("core:home"), request),
    }
    message = templated_email("organisations/email/consultant_invitation", context, [email])
    queue_email(message, key=f"consultant_invitation:{invitation.pk}", requested_by=actor)
    return invitation


@transaction.atomic
def accept_consultant_invitation(*, invitation, full_name, password, request=None):
    """The consultant account of the invited address, and the access the organisation offered."""
    invitation = ConsultantInvitation.objects.select_for_update().select_related("organisation").get(pk=invitation.pk)
    check_invitation_usable(invitation)
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(
            _(
                "Un compte existe déjà pour %(email)s : demandez à l'organisation de vous ouvrir l'accès à ce compte "
                "(il doit avoir le rôle de consultant·e)."
            )
            % {"email": invitation.email}
        )
    consultant = User.objects.create_user(
        email=invitation.email, password=password, full_name=full_name, platform_role=PlatformRole.CONSULTANT
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return _open_consultant_access(
        organisation=invitation.organisation,
        consultant=consultant,
        granted_by=invitation.invited_by,
        actor=consultant,
        request=request,
    )


@transaction.atomic
def revoke_consultant_access(*, access, actor, request=None):
    access = ConsultantAccess.objects.select_for_update().get(pk=access.pk)
    if access.revoked_at is not None:
        raise ValidationError(_("Cet accès a déjà été révoqué."))
    access.revoked_at = timezone.now()
    access.revoked_by = actor
    access.save(update_fields=["revoked_at", "revoked_by"])
    record_event(
        AuditAction.CONSENT_REVOKED,
        actor=actor,
        organisation=access.organisation,
        request=request,
        consultant=access.consultant.email,
    )
    return access
