"""What the planner contributes to the organisation's journey (step 2)."""

from django.utils.translation import gettext_lazy as _

from teletravail.apps.organisations.journey import Task, organisation_link, register_tasks
from teletravail.apps.planner.selectors import published_plans


@register_tasks(step=2, position=10)
def hybrid_schedule(access):
    # Consultants see no schedules (the planner answers them 404).
    url = organisation_link(access, "planner:index", allowed=access.is_member)
    return (Task(_("Construire le planning hybride des équipes"), published_plans(access.organisation).exists(), url),)
