"""Reads of the action plan: who may do what, the actions, their progress."""

from dataclasses import dataclass

from django.shortcuts import get_object_or_404
from django.utils import timezone

from teletravail.apps.actionplan.models import CLOSED_STATUSES, Action, Status
from teletravail.apps.organisations.models import Membership
from teletravail.apps.organisations.selectors import organisation_access


def actionplan_access(user, organisation_id):
    """Members read the plan, and consultants the organisation gave access to (404 for anyone else)."""
    return organisation_access(user, organisation_id)


def can_edit_actions(access):
    """The employer's admins and the managers write the plan; employees and consultants read it."""
    return access.is_employer_admin or access.is_manager


def organisation_actions(organisation, *, status=None, origin_kind=None):
    """The organisation's actions, by due date (those without one last); `origin_kind` « manuelle » keeps the
    actions written by hand."""
    actions = Action.objects.filter(organisation=organisation).select_related("owner__user")
    if status:
        actions = actions.filter(status=status)
    if origin_kind == "manuelle":
        actions = actions.filter(origin="")
    elif origin_kind:
        actions = actions.filter(origin__startswith=f"{origin_kind}:")
    return actions.order_by("due_on", "id")


def action_of(access, action_id):
    return get_object_or_404(
        Action.objects.select_related("owner__user"), pk=action_id, organisation=access.organisation
    )


def actions_by_origin(organisation, prefix):
    """{origin: action} of the actions whose origin starts with `prefix`, for a page that offers to add its
    findings to the plan (and shows those already there)."""
    return {
        action.origin: action for action in Action.objects.filter(organisation=organisation, origin__startswith=prefix)
    }


def owner_choices(organisation):
    return Membership.objects.filter(organisation=organisation, user__is_active=True).select_related("user")


@dataclass(frozen=True)
class Progress:
    total: int
    done: int
    in_progress: int
    late: int
    abandoned: int


def action_progress(organisation, today=None):
    """Counts of the plan: done, in progress, late (due date passed and neither done nor abandoned)."""
    today = today or timezone.localdate()
    actions = Action.objects.filter(organisation=organisation)
    return Progress(
        total=actions.count(),
        done=actions.filter(status=Status.DONE).count(),
        in_progress=actions.filter(status=Status.IN_PROGRESS).count(),
        late=actions.filter(due_on__lt=today).exclude(status__in=CLOSED_STATUSES).count(),
        abandoned=actions.filter(status=Status.ABANDONED).count(),
    )
