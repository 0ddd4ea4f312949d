"""Reminders sent once: each app registers, with `register_reminder`, a function that sends its due reminders
(through the e-mail job) and returns how many it sent. `send_reminders` runs them all; `teletravail reminders send`
runs it daily, from cron or a systemd timer, beside `teletravail retention apply` (ADR 0009). Each function marks
what it reminded in the same transaction as it queues the e-mail, so that a second run, or two runs at once, never
send the same reminder twice."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from teletravail.parameters import load_parameters


GROUP = "reminders"


@dataclass(frozen=True)
class Reminder:
    parameter: str  # of reminders.yaml: the days after which it is due
    label: str
    send: Callable  # send(cutoff, now) → how many sent


_REMINDERS = []


def register_reminder(parameter, label, send):
    load_parameters(GROUP)[parameter]  # a misspelt parameter fails at start-up, not in the daily run
    _REMINDERS.append(Reminder(parameter, label, send))


def reminder_days(parameter, when=None):
    return load_parameters(GROUP)[parameter].at(when).central


@dataclass(frozen=True)
class ReminderLine:
    label: str
    days: float
    sent: int


def send_reminders(*, now=None):
    """Send every reminder due at `now`: what was waiting for longer than its parameter's days."""
    now = now or timezone.now()
    lines = []
    for reminder in _REMINDERS:
        days = reminder_days(reminder.parameter, now.date())
        lines.append(ReminderLine(reminder.label, days, reminder.send(now - timedelta(days=days), now)))
    return lines
