"""The weak points of a campaign that become actions of the plan (« practices:<campaign>:<questionnaire>.<theme> »),
linked back to the campaign's results."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from teletravail.apps.actionplan.origins import register_origin
from teletravail.apps.practices.models import Campaign


def results_link(organisation, parts):
    try:
        campaign = Campaign.objects.filter(pk=int(parts[0]), organisation=organisation).first()
    except (IndexError, ValueError):
        return None
    if campaign is None:
        return None
    return reverse(
        "practices:results", kwargs={"organisation_id": organisation.pk, "practices_campaign_id": campaign.pk}
    )


register_origin("practices", _("Pratiques et risques (points faibles)"), results_link)
