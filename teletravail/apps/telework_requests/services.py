"""Writes of the telework requests: a member asks (one open request at a time) or withdraws; the manager of their
team or an employer admin grants or refuses, once. Every write is in the organisation's audit trail and tells the
person concerned.

A refusal always carries a written reason. The Code du travail asks it of the employer who refuses telework to an
employee whose post is eligible under the accord or the charte (art. L1222-9 III), and, whatever the post, to a
worker with a disability or an employee caring for a child, a parent or a relative (art. L1222-9 I); in the public
sector, of every refusal (décret n° 2016-151, art. 5). The platform records neither disability nor caring, so it
asks for the reason every time. Granting sets the days the planner allows the member (the planner's own write,
`save_member_profile`), so the next plans follow the decision.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teletravail.apps.audit.models import AuditAction
from teletravail.apps.audit.services import record_event
from teletravail.apps.core.conflicts import Conflict, duplicates_refused
from teletravail.apps.organisations.days import WORKING_WEEK
from teletravail.apps.planner import services as planner_services
from teletravail.apps.telework_requests import notices
from teletravail.apps.telework_requests.models import Status, TeleworkRequest
from teletravail.apps.telework_requests.selectors import deciders_of, may_decide


MESSAGE_MAX_LENGTH = 2000
ALREADY_OPEN = gettext_lazy(
    "Vous avez déjà une demande de télétravail en attente : attendez la réponse ou retirez-la."
)


def _state(telework_request):
    """What the audit trail keeps of a request (the reason of a refusal included: it is the employer's answer)."""
    return {
        "member": telework_request.membership.user.email,
        "status": telework_request.status,
        "days_requested": telework_request.days_requested,
        "days_granted": telework_request.days_granted,
        "reason": telework_request.reason,
    }


def _checked_days(days, field):
    if days is None or not 1 <= days <= len(WORKING_WEEK):
        raise ValidationError(
            {field: _("Indiquez un nombre de jours par semaine entre 1 et %(max)d.") % {"max": len(WORKING_WEEK)}}
        )
    return days


def _checked_text(text, field):
    text = (text or "").strip()
    if len(text) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            {field: _("Le texte tient en %(max)d caractères au plus.") % {"max": MESSAGE_MAX_LENGTH}}
        )
    return text


def submit_request(*, membership, actor, days, message="", request=None):
    """The member's own request: nobody asks for someone else."""
    if actor is None or membership.user_id != actor.pk:
        raise PermissionDenied(_("Une demande de télétravail ne se fait que pour soi-même."))
    days = _checked_days(days, "days")
    message = _checked_text(message, "message")
    if TeleworkRequest.objects.filter(membership=membership, status=Status.OPEN).exists():
        raise Conflict(ALREADY_OPEN)
    # Two submissions at once: the unique constraint on open requests keeps one.
    with duplicates_refused(ALREADY_OPEN), transaction.atomic():
        telework_request = TeleworkRequest.objects.create(
            organisation=membership.organisation, membership=membership, days_requested=days, message=message
        )
    record_event(
        AuditAction.TELEWORK_REQUEST_SUBMITTED,
        actor=actor,
        organisation=membership.organisation,
        request=request,
        item=telework_request.pk,
        after=_state(telework_request),
    )
    notices.request_submitted(telework_request, deciders_of(membership), request=request)
    return telework_request


def _locked_open(telework_request):
    """The request read again under a row lock: of two decisions (or a decision and a withdrawal) at once, the
    second waits for the first, then finds it no longer open."""
    locked = TeleworkRequest.objects.select_for_update().select_related("membership__user").get(pk=telework_request.pk)
    if not locked.is_open:
        raise no_longer_open(locked)
    return locked


def no_longer_open(telework_request):
    """The refusal of a decision or a withdrawal on a request that another one closed meanwhile."""
    return Conflict(
        _("Cette demande n'est plus en attente : elle a été %(status)s entre-temps.")
        % {"status": telework_request.get_status_display().lower()}
    )


@transaction.atomic
def withdraw_request(*, telework_request, actor, request=None):
    """The member withdraws their open request; it stays in their history."""
    if actor is None or telework_request.membership.user_id != actor.pk:
        raise PermissionDenied(_("Seule la personne qui a fait la demande peut la retirer."))
    locked = _locked_open(telework_request)
    before = _state(locked)
    locked.status = Status.WITHDRAWN
    locked.closed_at = timezone.now()
    locked.save(update_fields=["status", "closed_at"])
    record_event(
        AuditAction.TELEWORK_REQUEST_WITHDRAWN,
        actor=actor,
        organisation=locked.organisation,
        request=request,
        item=locked.pk,
        before=before,
        after=_state(locked),
    )
    return locked


@transaction.atomic
def decide_request(*, telework_request, actor, grant, days_granted=None, reason="", request=None):
    """Grant (`days_granted` a week, up to the days asked) or refuse (`reason` required), once."""
    if not may_decide(actor, telework_request):
        raise PermissionDenied(
            _(
                "Seuls le manager de l'équipe de la personne et les administrateurs de l'organisation décident d'une "
                "demande de télétravail, jamais sur la leur."
            )
        )
    reason = _checked_text(reason, "reason")
    if grant:
        _checked_days(days_granted, "days_granted")
    elif not reason:
        raise ValidationError(
            {"reason": _("Motivez le refus par écrit : le Code du travail le demande (art. L1222-9).")}
        )
    locked = _locked_open(telework_request)
    if grant and days_granted > locked.days_requested:
        raise ValidationError(
            {
                "days_granted": _("Au plus %(days)d jours par semaine : ce que la personne a demandé.")
                % {"days": locked.days_requested}
            }
        )
    before = _state(locked)
    locked.status = Status.GRANTED if grant else Status.REFUSED
    locked.days_granted = days_granted if grant else None
    locked.reason = reason
    locked.decided_by = actor
    locked.closed_at = timezone.now()
    locked.save(update_fields=["status", "days_granted", "reason", "decided_by", "closed_at"])
    if grant:
        planner_services.save_member_profile(
            membership=locked.membership, telework_days_max=days_granted, can_telework=True
        )
    record_event(
        AuditAction.TELEWORK_REQUEST_GRANTED if grant else AuditAction.TELEWORK_REQUEST_REFUSED,
        actor=actor,
        organisation=locked.organisation,
        request=request,
        item=locked.pk,
        before=before,
        after=_state(locked),
    )
    notices.request_decided(locked, request=request)
    return locked
