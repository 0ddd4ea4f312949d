"""Retention periods applied: what the platform no longer needs goes, once a day (RGPD, storage limitation).

The periods are parameters (`teletravail/parameters/data/retention.yaml`, dated and sourced). Each app registers,
with `register_retention`, what one period applies to: a function of the cut-off time that gives the rows older
than the period (its `personal_data` module, imported by its `AppConfig.ready()`). `retention_report` counts them
(the dry run); `apply_retention` deletes them, in one transaction. `teletravail retention apply` runs it, from cron
or a systemd timer (docs/retention.md).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from teletravail.parameters import load_parameters


GROUP = "retention"


@dataclass(frozen=True)
class RetentionRule:
    """`older(cutoff)` gives the rows the period `parameter` (in days) no longer allows to keep; `label` names them."""

    parameter: str
    label: str
    older: Callable


_RULES = []


def register_retention(parameter, label, older):
    load_parameters(GROUP)[parameter]  # a misspelt period fails at start-up, not in the nightly run
    _RULES.append(RetentionRule(parameter, label, older))


def retention_rules():
    return tuple(_RULES)


def retention_days(parameter, when=None):
    """The period in force on `when` (today by default), in days."""
    return load_parameters(GROUP)[parameter].at(when).central


@dataclass(frozen=True)
class RetentionLine:
    label: str
    days: float
    cutoff: datetime  # rows older than this go
    count: int


def _lines(now):
    lines = []
    for rule in _RULES:
        days = retention_days(rule.parameter, timezone.localdate(now))
        cutoff = now - timedelta(days=days)
        lines.append((rule, RetentionLine(str(rule.label), days, cutoff, rule.older(cutoff).count())))
    return lines


def retention_report(now=None):
    """What a run at `now` would remove: one line per rule, nothing removed."""
    return [line for _rule, line in _lines(now or timezone.now())]


@transaction.atomic
def apply_retention(now=None):
    """Remove what the periods no longer allow to keep at `now`; the lines say how many rows of each kind went."""
    lines = _lines(now or timezone.now())
    for rule, line in lines:
        rule.older(line.cutoff).delete()
    return [line for _rule, line in lines]
