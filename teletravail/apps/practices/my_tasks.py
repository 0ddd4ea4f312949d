"""What the campaigns ask of each member: answer the open campaigns that ask them."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from teletravail.apps.notifications.my_tasks import PersonalTask, register_personal_tasks
from teletravail.apps.practices import selectors
from teletravail.apps.practices.notices import campaign_url


@register_personal_tasks(position=15)
def campaigns_to_answer(access):
    if access.membership is None:
        return []
    return [
        PersonalTask(
            _("Répondre au questionnaire « %(title)s »") % {"title": campaign.title},
            campaign_url(campaign, "practices:answer"),
            _("Jusqu'au %(date)s ; vos réponses restent anonymes")
            % {"date": date_format(campaign.closes_on, "DATE_FORMAT")},
        )
        for campaign in selectors.open_campaigns_to_answer(access.membership)
    ]
