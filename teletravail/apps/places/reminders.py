"""The notice asking operators to re-assess their place when a new version of the quality charter is in force
(registered with core.reminders, run by the daily `teletravail reminders send`): one per place and version."""

from django.utils.translation import gettext_lazy as _

from teletravail.apps.core.reminders import register_reminder
from teletravail.apps.places.services import ask_charter_reassessments


register_reminder(
    "places_charter_days_in_force",
    _("Lieux à réévaluer selon la charte qualité en vigueur"),
    ask_charter_reassessments,
)
