"""What the practices campaigns add to the demo world: a campaign open for a month, opened by the employer admin."""

from datetime import timedelta

from django.utils import timezone

from teletravail.apps.organisations.demo_objects import register_demo_objects
from teletravail.apps.organisations.selectors import OrganisationAccess
from teletravail.apps.practices import services


DEMO_QUESTIONNAIRES = ("practices", "risks", "training")
DEMO_OPEN_DAYS = 30


@register_demo_objects(position=40)
def add_campaign(world):
    today = timezone.localdate()
    world.practices_campaign = services.open_campaign(
        access=OrganisationAccess(world.organisation, world.admin, via_consultant_access=False),
        actor=world.admin.user,
        title="Pratiques et risques du télétravail",
        questionnaire_ids=DEMO_QUESTIONNAIRES,
        opens_on=today,
        closes_on=today + timedelta(days=DEMO_OPEN_DAYS),
    )
