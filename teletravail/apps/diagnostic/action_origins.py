"""The diagnostic's obstacles that become actions of the plan (« diagnostic:<campaign>:obstacle:<code> »), linked
back to the campaign's obstacles and actions page."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from teletravail.apps.actionplan.origins import register_origin
from teletravail.apps.diagnostic.models import Campaign


def campaign_link(organisation, parts):
    campaign = Campaign.objects.filter(pk=int(parts[0]), organisation=organisation).first()
    if campaign is None:
        return None
    return reverse("diagnostic:actions", kwargs={"organisation_id": organisation.pk, "campaign_id": campaign.pk})


register_origin("diagnostic", _("Diagnostic (obstacles)"), campaign_link)
