"""Writes of the action plan: an action created once per origin, then changed by the employer or the managers.
Both are kept in the organisation's audit trail."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teletravail.apps.actionplan.models import Action, OwnerRole, Status
from teletravail.apps.audit.models import AuditAction
from teletravail.apps.audit.services import record_event, recording_change


TITLE_MAX_LENGTH = Action._meta.get_field("title").max_length
ORIGIN_MAX_LENGTH = Action._meta.get_field("origin").max_length


def _state(action):
    """What the audit trail keeps of an action."""
    return {
        "title": action.title,
        "origin": action.origin,
        "owner_role": action.owner_role,
        "owner": action.owner.user.email if action.owner_id else "",
        "due_on": action.due_on.isoformat() if action.due_on else None,
        "status": action.status,
    }


def _checked_title(title):
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Indiquez ce qu'il faut faire.")})
    if len(title) > TITLE_MAX_LENGTH:
        raise ValidationError(
            {"title": _("L'action tient en %(max)d caractères au plus.") % {"max": TITLE_MAX_LENGTH}}
        )
    return title


def _checked_role(role):
    if role not in OwnerRole.values:
        raise ValidationError({"owner_role": _("Choisissez qui porte l'action parmi les rôles proposés.")})
    return role


def create_action(
    *, organisation, title, origin, created_by, role=OwnerRole.EMPLOYER, detail="", due_on=None, request=None
):
    """The action answering `origin` (« planner:12:isolation »…): created the first time, the same one afterwards
    (its title and details are not changed then), so that one click twice never gives two actions. An empty
    origin is an action written by hand: a new one each time."""
    title = _checked_title(title)
    role = _checked_role(role)
    origin = (origin or "").strip()
    if len(origin) > ORIGIN_MAX_LENGTH:
        raise ValueError(f"An action's origin holds at most {ORIGIN_MAX_LENGTH} characters")
    if origin:
        existing = Action.objects.filter(organisation=organisation, origin=origin).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            action = Action.objects.create(
                organisation=organisation,
                title=title,
                detail=(detail or "").strip(),
                origin=origin,
                owner_role=role,
                due_on=due_on,
                created_by=created_by,
            )
    except IntegrityError:
        # The same origin added at the same moment by someone else: theirs is the action.
        return Action.objects.get(organisation=organisation, origin=origin)
    record_event(
        AuditAction.ACTION_PLAN_ITEM_CREATED,
        actor=created_by,
        organisation=organisation,
        request=request,
        item=action.pk,
        after=_state(action),
    )
    return action


def add_finding(*, organisation, finding, origin, actor, gone, role=OwnerRole.EMPLOYER, request=None):
    """« Ajouter au plan d'action » of a module's finding: `finding` is the (title, detail) its results show now,
    written by the module, never taken from the browser; None when they no longer show it, refused with the
    module's `gone` message and nothing added. Once per origin, as `create_action`."""
    if finding is None:
        raise ValidationError(gone)
    title, detail = finding
    return create_action(
        organisation=organisation,
        title=title,
        detail=detail,
        origin=origin,
        created_by=actor,
        role=role,
        request=request,
    )


def update_action(*, action, actor, title, owner_role, due_on, status, owner=None, detail="", request=None):
    """What, who (a member of the organisation, or a role), when and where it stands."""
    title = _checked_title(title)
    owner_role = _checked_role(owner_role)
    if status not in Status.values:
        raise ValidationError({"status": _("Choisissez un état parmi ceux proposés.")})
    if owner is not None and owner.organisation_id != action.organisation_id:
        raise ValidationError({"owner": _("Cette personne n'est pas membre de l'organisation.")})
    with (
        transaction.atomic(),
        recording_change(
            AuditAction.ACTION_PLAN_ITEM_CHANGED,
            lambda: _state(action),
            actor=actor,
            organisation=action.organisation,
            request=request,
            item=action.pk,
        ),
    ):
        action.title = title
        action.detail = (detail or "").strip()
        action.owner_role = owner_role
        action.owner = owner
        action.due_on = due_on
        action.status = status
        action.updated_at = timezone.now()
        action.save()
    return action
