"""Reads about organisations. Every organisation-scoped view and API call goes through `organisation_access`."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from teletravail.apps.accounts.models import PlatformRole
from teletravail.apps.audit.models import AuditEvent
from teletravail.apps.notifications.mail import last_mail_jobs, mail_state
from teletravail.apps.organisations.models import (
    Closure,
    ConsultantAccess,
    ConsultantInvitation,
    Invitation,
    Membership,
    Organisation,
    Role,
    Team,
)
from teletravail.planning.holidays import holidays_between, zone_of_commune


@dataclass(frozen=True)
class OrganisationAccess:
    """What the current user may do in one organisation."""

    organisation: Organisation
    membership: Membership | None
    via_consultant_access: bool

    @property
    def role(self):
        return self.membership.role if self.membership else None

    @property
    def is_employer_admin(self):
        return self.role == Role.EMPLOYER_ADMIN

    @property
    def is_manager(self):
        return self.role == Role.MANAGER

    @property
    def is_member(self):
        """A member of the organisation, as opposed to a consultant it gave access to."""
        return self.membership is not None

    @property
    def can_manage_members(self):
        return self.is_employer_admin

    @property
    def can_see_member_list(self):
        return self.role in (Role.EMPLOYER_ADMIN, Role.MANAGER)

    # Settings, consent and the audit trail are the employer's business: admins only, never a consultant.
    @property
    def can_manage_organisation(self):
        return self.is_employer_admin

    @property
    def can_manage_consultants(self):
        return self.is_employer_admin

    @property
    def can_see_audit_log(self):
        return self.is_employer_admin

    def require(self, permission):
        """Raise PermissionDenied (403) unless the named permission holds: the caller is known to the organisation."""
        if not getattr(self, permission):
            raise PermissionDenied
        return self


def _token_scope(user):
    """The organisations the API token that authenticated the request opens (apitokens.auth); None without one."""
    return getattr(user, "api_token_organisation_ids", None)


def organisation_access(user, organisation_id, *, allow_consultant=True):
    """The user's access to the organisation, or Http404 when they have none.

    404 rather than 403 so that guessing identifiers reveals nothing about other organisations. A request
    authenticated by an API token is refused (403) any organisation the token does not open, before anything is
    looked up: the answer is the same whether the organisation exists or not.
    """
    if not user.is_authenticated:
        raise Http404
    try:
        organisation_id = int(organisation_id)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc
    token_scope = _token_scope(user)
    if token_scope is not None and organisation_id not in token_scope:
        raise PermissionDenied(_("Ce jeton d'API n'ouvre pas cette organisation."))
    membership = (
        Membership.objects.select_related("organisation", "team")
        .filter(user=user, organisation_id=organisation_id, user__is_active=True)
        .first()
    )
    if membership is not None:
        return OrganisationAccess(membership.organisation, membership, via_consultant_access=False)
    if allow_consultant and consultant_has_access(user, organisation_id):
        return OrganisationAccess(Organisation.objects.get(pk=organisation_id), None, via_consultant_access=True)
    raise Http404


def _current_consultant_accesses():
    """Accesses not revoked, held by active people who still have the consultant role on the platform: removing
    the role ends every access the organisations consented to."""
    return ConsultantAccess.objects.filter(
        revoked_at__isnull=True, consultant__is_active=True, consultant__platform_role=PlatformRole.CONSULTANT
    )


def consultant_has_access(user, organisation_id):
    return _current_consultant_accesses().filter(consultant=user, organisation_id=organisation_id).exists()


def organisations_of(user):
    """Organisations the user belongs to, then those a consultant currently has access to."""
    if not user.is_authenticated:
        return Organisation.objects.none(), Organisation.objects.none()
    member_of = Organisation.objects.filter(memberships__user=user).distinct()
    consulted = Organisation.objects.filter(
        pk__in=_current_consultant_accesses().filter(consultant=user).values("organisation_id")
    ).exclude(pk__in=member_of.values("pk"))
    token_scope = _token_scope(user)
    if token_scope is not None:
        member_of, consulted = member_of.filter(pk__in=token_scope), consulted.filter(pk__in=token_scope)
    return member_of, consulted


def managed_team_ids(membership):
    if membership is None:
        return set()
    return set(membership.managed_teams.values_list("pk", flat=True))


def visible_memberships(access):
    """Memberships the user may list: all of them for an employer admin, those of their teams for a manager."""
    queryset = (
        Membership.objects.filter(organisation=access.organisation)
        .select_related("user", "team", "home_commune")
        .prefetch_related("managed_teams")
        .order_by("user__full_name", "user__email")
    )
    if access.is_employer_admin:
        return queryset
    if access.is_manager:
        return queryset.filter(team__in=managed_team_ids(access.membership))
    return queryset.none()


def invitation_mail_states(invitations):
    """Invitation pk → what became of its last e-mail when it is not simply sent (waiting, or why it failed)."""
    jobs = last_mail_jobs([f"invitation:{invitation.pk}" for invitation in invitations])
    return {invitation.pk: mail_state(jobs.get(f"invitation:{invitation.pk}")) for invitation in invitations}


def pending_invitations(organisation):
    return (
        Invitation.objects.filter(organisation=organisation, accepted_at__isnull=True, expires_at__gt=timezone.now())
        .select_related("team", "home_commune", "invited_by")
        .prefetch_related("managed_teams")
        .order_by("email")
    )


def member_emails(organisation):
    return set(Membership.objects.filter(organisation=organisation).values_list("user__email", flat=True))


def pending_invitation_emails(organisation):
    return set(
        Invitation.objects.filter(
            organisation=organisation, accepted_at__isnull=True, expires_at__gt=timezone.now()
        ).values_list("email", flat=True)
    )


def organisation_sites(organisation):
    return organisation.sites.select_related("commune").annotate(team_count=Count("teams")).order_by("name")


def organisation_teams(organisation):
    return (
        Team.objects.filter(organisation=organisation)
        .select_related("site")
        .annotate(member_count=Count("members", distinct=True))
        .order_by("name")
    )


def employer_admin_count(organisation):
    return Membership.objects.filter(organisation=organisation, role=Role.EMPLOYER_ADMIN).count()


def pending_consultant_invitations(organisation):
    return ConsultantInvitation.objects.filter(
        organisation=organisation, accepted_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("invited_by")


def consultant_invitation_by_token(token):
    return ConsultantInvitation.objects.select_related("organisation").filter(token=token).first()


def consultant_accesses(organisation):
    """Active accesses first, then past ones, most recent first within each."""
    return (
        ConsultantAccess.objects.filter(organisation=organisation)
        .select_related("consultant", "granted_by", "revoked_by")
        .order_by(F("revoked_at").desc(nulls_first=True), "-granted_at")
    )


def organisation_audit_events(organisation):
    return AuditEvent.objects.filter(organisation=organisation).select_related("actor").order_by("-created_at", "-id")


def invitation_by_token(token):
    return (
        Invitation.objects.select_related("organisation", "team", "home_commune")
        .prefetch_related("managed_teams")
        .filter(token=token)
        .first()
    )


# --- Closed days -------------------------------------------------------------------------------------------------


def organisation_closures(organisation):
    return Closure.objects.filter(organisation=organisation).select_related("site")


def closed_days(site, first, last):
    """{date: label} of the days nobody works on the site from `first` to `last`: the public holidays of its
    commune's zone (« Férié — Noël ») and the organisation's closures of that site or of every site
    (« Fermeture — Pont de l'Ascension »)."""
    days = {
        day: _("Férié — %(holiday)s") % {"holiday": label}
        for day, label in holidays_between(first, last, zone_of_commune(site.commune_id)).items()
    }
    closures = Closure.objects.filter(organisation_id=site.organisation_id, first_day__lte=last, last_day__gte=first)
    for closure in closures.filter(Q(site=site) | Q(site__isnull=True)).order_by("first_day", "pk"):
        day = max(closure.first_day, first)
        while day <= min(closure.last_day, last):
            days.setdefault(day, _("Fermeture — %(label)s") % {"label": closure.label})
            day += timedelta(days=1)
    return dict(sorted(days.items()))
