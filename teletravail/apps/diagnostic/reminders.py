"""The reminder to a diagnostic participant who has not filled in their assessment (registered with
core.reminders, sent daily): a notification, e-mailed by the e-mail job unless they turned that kind off."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from teletravail.apps.core.reminders import register_reminder
from teletravail.apps.diagnostic.models import CampaignStatus, Participant
from teletravail.apps.diagnostic.notices import REMINDED, participants_invited


def send_assessment_reminders(cutoff, now):
    """One reminder for each participant of an open campaign invited before `cutoff` who has not submitted their
    assessment and was not reminded. Never for the demo's fictional people. Returns how many."""
    due = Participant.objects.filter(
        submitted_at__isnull=True,
        reminded_at__isnull=True,
        invited_at__lte=cutoff,
        campaign__status=CampaignStatus.OPEN,
        campaign__organisation__is_demo=False,
        membership__user__is_active=True,
    ).select_related("campaign__organisation", "job", "membership__user")
    sent = 0
    for participant in due:
        with transaction.atomic():
            # Claimed here: a run at the same time, or a second run, finds it reminded and skips it.
            if not Participant.objects.filter(pk=participant.pk, reminded_at__isnull=True).update(reminded_at=now):
                continue
            participants_invited([participant], texts=REMINDED)
        sent += 1
    return sent


register_reminder(
    "diagnostic_days_without_answer", _("Rappels d'évaluations de diagnostic non remplies"), send_assessment_reminders
)
