"""What the diagnostic adds to the demo world: a decided campaign, its job, activities, participants and action."""

from teletravail.apps.diagnostic.models import Action
from teletravail.apps.diagnostic.services import create_demo_campaign
from teletravail.apps.organisations.demo_objects import register_demo_objects


@register_demo_objects(position=10)
def add_campaign(world):
    # A decided diagnostic, so that the results, the planner's eligible days and the charter's activities show.
    world.campaign = create_demo_campaign(world.organisation)
    world.job = world.campaign.jobs.first()
    world.activity = world.job.activities.first()
    world.participant = world.campaign.participants.first()
    world.action = Action.objects.filter(campaign=world.campaign).first()
