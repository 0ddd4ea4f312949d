"""What the telework requests add to the demo world: the last employee of the demo team asks for two days a week,
and the request waits for their manager."""

from django.utils.translation import gettext as _

from teletravail.apps.organisations.demo_objects import register_demo_objects
from teletravail.apps.telework_requests import services


DEMO_DAYS = 2


@register_demo_objects(position=50)
def add_request(world):
    member = world.members[-1]
    world.telework_request = services.submit_request(
        membership=member,
        actor=member.user,
        days=DEMO_DAYS,
        message=_("Deux jours par semaine, de préférence le mardi et le jeudi."),
    )
