"""What the diagnostic asks of one person now: their assessment to fill, their decisions to accept or contest, and,
for those who follow a participant, the manager's view to give and the shared decisions to take."""

from django.utils.translation import gettext as _

from teletravail.apps.core.language import of_name
from teletravail.apps.diagnostic.models import CampaignStatus, Participant
from teletravail.apps.diagnostic.notices import participant_url
from teletravail.apps.diagnostic.selectors import display_name, followed_ids, is_fully_decided
from teletravail.apps.notifications.my_tasks import PersonalTask, register_personal_tasks


def _where(participant):
    return _("campagne « %(campaign)s », poste %(job)s") % {
        "campaign": participant.campaign.title,
        "job": participant.job.title,
    }


def _own_tasks(participant):
    if participant.submitted_at is None:
        return [
            PersonalTask(
                _("Remplir votre évaluation"), participant_url(participant, "diagnostic:assess"), _where(participant)
            )
        ]
    if any(not decision.employee_response for decision in participant.decisions.all()):
        return [
            PersonalTask(
                _("Accepter ou contester vos décisions partagées"),
                participant_url(participant, "diagnostic:participant"),
                _where(participant),
            )
        ]
    return []


def _follower_tasks(participant):
    name = display_name(participant.membership)
    if participant.submitted_at is None:
        return []  # the employee speaks first; their reminder is theirs
    if participant.manager_submitted_at is None:
        title = _("Donner votre regard sur l'évaluation %(of_name)s") % {"of_name": of_name(name)}
    elif not is_fully_decided(participant):
        title = _("Prendre les décisions partagées avec %(name)s") % {"name": name}
    else:
        return []
    return [PersonalTask(title, participant_url(participant, "diagnostic:participant"), _where(participant))]


@register_personal_tasks(position=10)
def diagnostic_tasks(access):
    if access.membership is None:
        return []
    participants = list(
        Participant.objects.filter(campaign__organisation=access.organisation)
        .exclude(campaign__status=CampaignStatus.CLOSED)
        .select_related("campaign", "job", "membership__user")
        .prefetch_related("decisions", "job__activities")
        .order_by("campaign__created_at", "membership__user__full_name", "pk")
    )
    followed = followed_ids(access, participants)
    tasks = []
    for participant in participants:
        if participant.membership_id == access.membership.pk:
            tasks += _own_tasks(participant)
        elif participant.pk in followed:
            tasks += _follower_tasks(participant)
    return tasks
