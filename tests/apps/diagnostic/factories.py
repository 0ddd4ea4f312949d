"""A campaign to play with: the planner's small organisation (admin, manager of « Alpha », three members), one job
« Comptable » whose activities follow the worked example of docs/methodology/teleworkability.md."""

from dataclasses import dataclass

from teletravail.apps.diagnostic import services
from teletravail.apps.diagnostic.models import AuthorRole, Campaign, CampaignJob
from teletravail.apps.diagnostic.selectors import participant_activities
from tests.world import World, build_world


# (name, time share %, criteria decided) — the accountant of the method's example: 70 % teleworkable, 20 % under
# conditions (equipment to provide), 10 % on site (paper mail).
ACCOUNTANT = (
    ("Saisie comptable", 50, []),
    ("Relances téléphoniques", 20, ["equipement", "relation_intense"]),
    ("Analyse des comptes", 20, []),
    ("Courrier papier", 10, ["originaux_physiques"]),
)
ACCOUNTANT_PCS = "37C1"


@dataclass
class DiagnosticWorld:
    world: World
    campaign: Campaign
    job: CampaignJob

    @property
    def organisation(self):
        return self.world.organisation


def diagnostic_world(*, activities=ACCOUNTANT, invite=2):
    """The organisation, a campaign with the accountant job, and the first `invite` members invited to it."""
    world = build_world()
    campaign = services.create_campaign(
        organisation=world.organisation, title="Diagnostic 2026", actor=world.admin.user
    )
    job = services.save_job(campaign=campaign, title="Comptable", pcs2020=ACCOUNTANT_PCS)
    for name, share, _criteria in activities:
        services.add_activity(job=job, name=name, time_share=share)
    if invite:
        services.invite_participants(
            campaign=campaign, job=job, memberships=world.members[:invite], actor=world.manager.user
        )
    return DiagnosticWorld(world, campaign, job)


def answers_for(participant, criteria_by_name, comment=""):
    """{activity id: (criteria, comment)} for the service, from {activity name: criteria} (unnamed: none)."""
    return {
        activity.pk: (criteria_by_name.get(activity.name, []), comment)
        for activity in participant_activities(participant)
    }


def example_criteria(activities=ACCOUNTANT):
    return {name: criteria for name, _share, criteria in activities}


def answer_both(participant, world, employee=None, manager=None):
    """The employee and the manager both answer (by default, the example's criteria on both sides)."""
    services.submit_answers(
        participant=participant,
        role=AuthorRole.EMPLOYEE,
        answers=answers_for(participant, employee if employee is not None else example_criteria()),
        actor=participant.membership.user,
    )
    services.submit_answers(
        participant=participant,
        role=AuthorRole.MANAGER,
        answers=answers_for(participant, manager if manager is not None else example_criteria()),
        actor=world.world.manager.user,
    )


def decide_all(participant, world, **answers):
    """Both answer, and every agreement is validated (differences stay undecided)."""
    answer_both(participant, world, **answers)
    return services.validate_agreements(participant=participant, actor=world.world.manager.user)
