"""What the action plan contributes to the organisation's journey (step 2)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from teletravail.apps.actionplan.selectors import action_progress
from teletravail.apps.organisations.journey import Task, organisation_link, register_tasks


def progress_text(progress):
    """« 3 actions, 1 faite, 1 en retard »."""
    return ", ".join(
        (
            ngettext("%(count)d action", "%(count)d actions", progress.total) % {"count": progress.total},
            ngettext("%(count)d faite", "%(count)d faites", progress.done) % {"count": progress.done},
            _("%(count)d en retard") % {"count": progress.late},
        )
    )


@register_tasks(step=2, position=30)
def follow_the_action_plan(access):
    # Done when the plan holds at least one action and none is late: a plan kept up to date.
    progress = action_progress(access.organisation)
    return (
        Task(
            _("Suivre le plan d'action"),
            progress.total > 0 and progress.late == 0,
            organisation_link(access, "actionplan:index", allowed=True),
            progress_text(progress),
        ),
    )
