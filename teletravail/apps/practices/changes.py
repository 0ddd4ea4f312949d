"""What changed beside the answers between the first wave and the six-month review, read through the other modules'
selectors: the planner (published plans, telework days planned), the charter (adopted, where its procedure stands),
the diagnostic (shared decisions taken) and the action plan (done, late)."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from teletravail.apps.actionplan.selectors import action_progress, organisation_actions
from teletravail.apps.charters.selectors import procedure_status
from teletravail.apps.core.tables import number
from teletravail.apps.diagnostic.models import Decision
from teletravail.apps.planner.models import Assignment, Place
from teletravail.apps.planner.selectors import published_assignments, published_plans


# The telework days counted at a date: those of the published plans over the four weeks before it.
PLANNED_DAYS_SPAN = timedelta(days=28)


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


def _end_of(day):
    return timezone.make_aware(datetime.combine(day, time.max))


def _telework_days(organisation, day):
    assignments = Assignment.objects.filter(
        plan__team__organisation=organisation,
        date__gt=day - PLANNED_DAYS_SPAN,
        date__lte=day,
        plan__published_at__lte=_end_of(day),
    )
    return sum(1 for assignment in published_assignments(assignments) if assignment.where == Place.REMOTE)


def _yes_no(value):
    return _("oui") if value else _("non")


def _charter_rows(organisation, before, after):
    status = procedure_status(organisation)
    adopted_on = status.adopted_on if status else None
    rows = [
        Change(
            _("Charte ou accord adopté"),
            _yes_no(adopted_on is not None and adopted_on <= before),
            _yes_no(adopted_on is not None and adopted_on <= after),
        )
    ]
    if status is not None:
        steps = [
            (_("avis du CSE recueilli"), status.cse_consulted, status.needs_cse),
            (_("salariés informés"), status.employees_informed, True),
            (_("accord signé"), status.signed, status.needs_signature),
        ]
        done = ", ".join(str(label) for label, is_done, needed in steps if needed and is_done) or _("aucune étape")
        rows.append(Change(_("Procédure de la charte (étapes faites aujourd'hui)"), "—", done))
    return rows


def _actions_rows(organisation, before, after):
    """The plan's actions written by the first wave's closing, then where the plan stands now (done, late): the
    plan keeps no history of its states."""
    progress = action_progress(organisation, today=after)
    return [
        Change(
            _("Actions au plan d'action"),
            number(organisation_actions(organisation).filter(created_at__lte=_end_of(before)).count()),
            number(progress.total),
        ),
        Change(_("Actions faites (aujourd'hui)"), "—", number(progress.done)),
        Change(_("Actions en retard (aujourd'hui)"), "—", number(progress.late)),
    ]


def changes_between(organisation, before, after):
    """[Change] at the date `before` (the first wave's closing) and `after` (the review's closing, or today)."""
    plans = published_plans(organisation)
    decisions = Decision.objects.filter(participant__campaign__organisation=organisation)
    rows = [
        Change(
            _("Plannings d'équipe publiés"),
            number(plans.filter(published_at__lte=_end_of(before)).count()),
            number(plans.filter(published_at__lte=_end_of(after)).count()),
        ),
        Change(
            _("Jours de télétravail planifiés (plannings publiés, quatre semaines précédentes)"),
            number(_telework_days(organisation, before)),
            number(_telework_days(organisation, after)),
        ),
        *_charter_rows(organisation, before, after),
        Change(
            _("Décisions partagées du diagnostic"),
            number(decisions.filter(decided_at__lte=_end_of(before)).count()),
            number(decisions.filter(decided_at__lte=_end_of(after)).count()),
        ),
    ]
    return rows + _actions_rows(organisation, before, after)


def review_changes_beside(review):
    first = review.review_of
    return changes_between(review.organisation, first.last_day, min(review.last_day, timezone.localdate()))
