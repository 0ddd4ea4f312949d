"""What the diagnostic tells people: they are invited to assess their job, the manager's view is awaited, a
difference between the two views needs a shared decision."""

from django.urls import reverse
from django.utils.translation import gettext_lazy, gettext_noop

from teletravail.apps.diagnostic.models import AuthorRole
from teletravail.apps.diagnostic.selectors import activity_rows, display_name
from teletravail.apps.notifications.kinds import register_kind
from teletravail.apps.notifications.services import notify
from teletravail.apps.notifications.texts import Text
from teletravail.apps.organisations.models import Membership, Role


DIAGNOSTIC_INVITED = register_kind(
    "diagnostic_invited", gettext_lazy("Vous êtes invité·e à un diagnostic : votre évaluation est attendue"), 10
)
ASSESSMENT_AWAITED = register_kind(
    "assessment_awaited", gettext_lazy("Un·e salarié·e de votre équipe attend votre regard de manager"), 20
)
DECISION_NEEDED = register_kind("decision_needed", gettext_lazy("Un désaccord attend une décision partagée"), 30)


def participant_url(participant, name="diagnostic:participant"):
    """The address of one of the participant's pages (their page by default), as a path."""
    return reverse(
        name,
        kwargs={
            "organisation_id": participant.campaign.organisation_id,
            "campaign_id": participant.campaign_id,
            "participant_id": participant.pk,
        },
    )


def followers(participant):
    """Who decides with the participant: the managers of their team, else the organisation's employer admins."""
    memberships = Membership.objects.filter(organisation_id=participant.campaign.organisation_id)
    team_id = participant.membership.team_id
    managers = memberships.filter(role=Role.MANAGER, managed_teams=team_id) if team_id else memberships.none()
    chosen = managers if managers.exists() else memberships.filter(role=Role.EMPLOYER_ADMIN)
    return [membership.user for membership in chosen.select_related("user")]


INVITED = (
    gettext_noop("Votre évaluation est attendue : « %(campaign)s », poste %(job)s"),
    gettext_noop(
        "Dites, activité par activité, ce qui peut se faire à distance. Votre manager donne aussi son regard ; vous "
        "déciderez ensemble."
    ),
)
# The one reminder to a participant who has not answered (diagnostic.reminders).
REMINDED = (
    gettext_noop("Rappel : votre évaluation est toujours attendue : « %(campaign)s », poste %(job)s"),
    gettext_noop(
        "Vous n'avez pas encore dit, activité par activité, ce qui peut se faire à distance. Cela prend quelques "
        "minutes ; votre manager donne aussi son regard."
    ),
)


def participants_invited(participants, request=None, *, texts=INVITED):
    """Each participant told their assessment is awaited (`texts`: the invitation's title and body, or the
    reminder's)."""
    title, body = texts
    for participant in participants:
        campaign = participant.campaign
        notify(
            recipients=[participant.membership.user],
            kind=DIAGNOSTIC_INVITED.code,
            organisation=campaign.organisation,
            title=Text(title, {"campaign": campaign.title, "job": participant.job.title}),
            body=Text(body),
            link=participant_url(participant, "diagnostic:assess"),
            request=request,
        )


def answers_submitted(participant, role, request=None):
    """After one side's answers: the manager's view awaited, or, once both are in, the differences to decide."""
    name = display_name(participant.membership)
    organisation = participant.campaign.organisation
    if participant.manager_submitted_at is None:
        if role != AuthorRole.EMPLOYEE:
            return
        kind, title = ASSESSMENT_AWAITED, gettext_noop("%(name)s a rempli son évaluation : votre regard est attendu")
    elif participant.submitted_at is None:
        return
    elif any(row.differs and row.decision is None for row in activity_rows(participant)):
        kind = DECISION_NEEDED
        title = gettext_noop("Vos regards diffèrent avec %(name)s : une décision partagée est à prendre")
    else:
        return
    notify(
        recipients=followers(participant),
        kind=kind.code,
        organisation=organisation,
        title=Text(title, {"name": name}),
        body=Text(
            gettext_noop("Campagne « %(campaign)s », poste %(job)s."),
            {"campaign": participant.campaign.title, "job": participant.job.title},
        ),
        link=participant_url(participant),
        request=request,
    )
