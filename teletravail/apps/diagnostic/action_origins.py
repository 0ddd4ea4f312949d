"""The diagnostic's obstacles that become actions of the plan (« diagnostic:<campaign>:obstacle:<code> »), linked
back to the campaign's obstacles and actions page."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teletravail.apps.actionplan.origins import register_origin
from teletravail.apps.diagnostic.models import Campaign
from teletravail.apps.diagnostic.reports import percent
from teletravail.apps.diagnostic.selectors import criterion_label


def campaign_link(organisation, parts):
    campaign = Campaign.objects.filter(pk=int(parts[0]), organisation=organisation).first()
    if campaign is None:
        return None
    return reverse("diagnostic:actions", kwargs={"organisation_id": organisation.pk, "campaign_id": campaign.pk})


register_origin("diagnostic", gettext_lazy("Diagnostic (obstacles)"), campaign_link)


def obstacle_origin(campaign, code):
    return f"diagnostic:{campaign.pk}:obstacle:{code}"


def obstacle_finding(campaign, impact):
    """(title, detail) of the action that lifts an obstacle of the campaign's results."""
    title = _("Lever l'obstacle « %(obstacle)s »") % {"obstacle": criterion_label(impact.code)}
    detail = _("Diagnostic « %(campaign)s » : %(share)s du temps de travail retenu sur site ; postes : %(jobs)s.") % {
        "campaign": campaign.title,
        "share": percent(impact.time_share),
        "jobs": ", ".join(impact.jobs),
    }
    return title, detail
