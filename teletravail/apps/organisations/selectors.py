"""Reads about organisations. Every organisation-scoped view and API call goes through `organisation_access`."""

from dataclasses import dataclass

from django.http import Http404

from teletravail.apps.organisations.models import ConsultantAccess, Membership, Organisation, Role


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
    def can_manage_members(self):
        return self.is_employer_admin

    @property
    def can_see_member_list(self):
        return self.role in (Role.EMPLOYER_ADMIN, Role.MANAGER)


def organisation_access(user, organisation_id, *, allow_consultant=True):
    """The user's access to the organisation, or Http404 when they have none.

    404 rather than 403 so that guessing identifiers reveals nothing about other organisations.
    """
    if not user.is_authenticated:
        raise Http404
    try:
        organisation_id = int(organisation_id)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc
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


def consultant_has_access(user, organisation_id):
    return ConsultantAccess.objects.filter(
        consultant=user, consultant__is_active=True, organisation_id=organisation_id, revoked_at__isnull=True
    ).exists()


def organisations_of(user):
    """Organisations the user belongs to, then those a consultant currently has access to."""
    if not user.is_authenticated:
        return Organisation.objects.none(), Organisation.objects.none()
    member_of = Organisation.objects.filter(memberships__user=user).distinct()
    consulted = Organisation.objects.filter(
        consultant_accesses__consultant=user, consultant_accesses__revoked_at__isnull=True
    ).exclude(pk__in=member_of.values("pk"))
    return member_of, consulted
