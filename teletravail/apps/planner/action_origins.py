"""The planner's findings that become actions of the plan (« planner:<plan>:<indicator> »), linked back to the
team page that shows the plan's cohesion."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from teletravail.apps.actionplan.origins import register_origin
from teletravail.apps.planner.models import TeamPlan


def plan_link(organisation, parts):
    plan = TeamPlan.objects.filter(pk=int(parts[0]), team__organisation=organisation).first()
    if plan is None:
        return None
    page = reverse("planner:team", kwargs={"organisation_id": organisation.pk, "team_id": plan.team_id})
    return f"{page}?plan={plan.pk}"


register_origin("planner", _("Planning (cohésion)"), plan_link)
