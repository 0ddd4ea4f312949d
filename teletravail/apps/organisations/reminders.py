"""The reminder of a member invitation left unanswered (registered with core.reminders, sent daily)."""

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from teletravail.apps.core.reminders import register_reminder
from teletravail.apps.notifications.mail import queue_email
from teletravail.apps.organisations.models import Invitation
from teletravail.apps.organisations.services import INVITATION_VALIDITY, invitation_accept_url, invitation_email


def send_invitation_reminders(cutoff, now):
    """One e-mail for each member invitation sent before `cutoff`, still open at `now` and not reminded in its
    period (a resent invitation starts a new one). Never for the demo's fictional people. Returns how many."""
    due = Invitation.objects.filter(
        accepted_at__isnull=True,
        reminded_at__isnull=True,
        expires_at__gt=now,
        expires_at__lte=cutoff + INVITATION_VALIDITY,  # sent (or resent) before the cut-off
        organisation__is_demo=False,
    ).select_related("organisation", "invited_by")
    sent = 0
    for invitation in due:
        with transaction.atomic():
            # Claimed here: a run at the same time, or a second run, finds it reminded and skips it.
            if not Invitation.objects.filter(pk=invitation.pk, reminded_at__isnull=True).update(reminded_at=now):
                continue
            # The recipient has no account, hence no known language: the platform's.
            with translation.override(settings.LANGUAGE_CODE):
                message = invitation_email(invitation, invitation_accept_url(invitation), reminder=True)
            queue_email(
                message,
                key=f"invitation_reminder:{invitation.pk}:{invitation.expires_at.isoformat()}",
                requested_by=invitation.invited_by,
            )
        sent += 1
    return sent


register_reminder("invitation_days_without_answer", _("Rappels d'invitations sans réponse"), send_invitation_reminders)
