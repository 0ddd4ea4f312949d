"""What the campaigns tell people: a campaign is open, and each person asked is invited to answer."""

from django.urls import reverse
from django.utils.translation import gettext_lazy, gettext_noop

from teletravail.apps.notifications.kinds import register_kind
from teletravail.apps.notifications.services import notify
from teletravail.apps.notifications.texts import Text, on_date


PRACTICES_INVITED = register_kind(
    "practices_invited", gettext_lazy("Une campagne sur les pratiques du télétravail attend votre réponse"), 25
)


def campaign_url(campaign, name="practices:campaign"):
    return reverse(name, kwargs={"organisation_id": campaign.organisation_id, "practices_campaign_id": campaign.pk})


def campaign_opened(campaign, memberships, request=None):
    """Everyone the campaign asks, told in the platform and by e-mail (the notifications' job)."""
    notify(
        recipients=[membership.user for membership in memberships],
        kind=PRACTICES_INVITED.code,
        organisation=campaign.organisation,
        title=Text(gettext_noop("Donnez votre avis : « %(title)s »"), {"title": campaign.title}),
        body=Text(
            gettext_noop(
                "Vos réponses restent anonymes : aucun résultat n'est montré pour un groupe de moins de cinq "
                "personnes. Vous pouvez répondre jusqu'au %(closes_on)s."
            ),
            {"closes_on": on_date(campaign.closes_on)},
        ),
        link=campaign_url(campaign, "practices:answer"),
        request=request,
    )
