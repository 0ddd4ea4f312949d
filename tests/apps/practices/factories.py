"""A campaign to play with: the tests' organisation (admin, manager of « Alpha », three members, one employee of
« Bravo »), with more employees in « Alpha » so that its groups pass the anonymity threshold."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from teletravail.apps.organisations.models import Membership, Role
from teletravail.apps.organisations.selectors import OrganisationAccess
from teletravail.apps.practices import selectors, services
from teletravail.apps.practices.models import Campaign
from tests.factories import MembershipFactory
from tests.world import World, build_world


QUESTIONNAIRES = ("practices", "risks")


def access_of(membership):
    return OrganisationAccess(membership.organisation, membership, via_consultant_access=False)


@dataclass
class PracticesWorld:
    world: World
    campaign: Campaign

    @property
    def organisation(self):
        return self.world.organisation

    def employees(self, team=None):
        team = team or self.world.team
        return list(Membership.objects.filter(team=team, role=Role.EMPLOYEE).select_related("user").order_by("pk"))


def add_employees(world, count, team=None):
    return [
        MembershipFactory(organisation=world.organisation, role=Role.EMPLOYEE, team=team or world.team)
        for _ in range(count)
    ]


def open_campaign(world, *, questionnaires=QUESTIONNAIRES, teams=(), by=None, days=14):
    today = timezone.localdate()
    by = by or world.admin
    return services.open_campaign(
        access=access_of(by),
        actor=by.user,
        title="Pratiques 2026",
        questionnaire_ids=questionnaires,
        teams=teams,
        opens_on=today,
        closes_on=today + timedelta(days=days),
    )


def practices_world(*, team_size=6, label="A"):
    """The organisation with `team_size` employees in « Alpha » (its three members and more) and a campaign of the
    practices and risks questionnaires, open today for the whole organisation."""
    world = build_world(label)
    add_employees(world, team_size - len(world.members))
    return PracticesWorld(world, open_campaign(world))


def _choice(item, level):
    """The value of the choice at `level`: "low" the lowest score, "high" the highest (the first and last choices
    of an item without scores)."""
    choices = list(item.choices)
    if item.is_scored:
        choices.sort(key=lambda choice: item.item_score(choice.value))
    return (choices[0] if level == "low" else choices[-1]).value


def answers_for(campaign, membership, level="low"):
    """Every item of the member's parts with choices answered at `level` ("low" or "high")."""
    role = selectors.respondent_role(membership)
    found = {}
    for questionnaire in selectors.questionnaires_of(campaign):
        for item in questionnaire.items_for(role):
            if not item.choices:
                continue
            value = _choice(item, level)
            found.setdefault(questionnaire.id, {})[item.id] = [value] if item.kind == "multiple" else value
    return found


def answer(campaign, membership, level="low"):
    return services.submit_answers(
        campaign=campaign,
        respondent=membership,
        actor=membership.user,
        answers=answers_for(campaign, membership, level),
    )


def close(campaign):
    campaign.closed_at = timezone.now()
    campaign.save(update_fields=["closed_at"])
    return campaign
