"""What the simulator contributes to the organisation's journey (step 1): a tool, not a measured task."""

from django.utils.translation import gettext_lazy as _

from teletravail.apps.organisations.journey import Task, organisation_link, register_tasks


@register_tasks(step=1, position=50)
def expected_effects(access):
    url = organisation_link(access, "simulator:organisation", allowed=access.can_see_member_list)
    return (Task(_("Estimer les effets attendus (temps, coûts, CO2)"), None, url),)
