"""What the action plan adds to the demo world: one action, answering the cohesion of the demo team's plan."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from teletravail.apps.actionplan import services
from teletravail.apps.actionplan.models import OwnerRole
from teletravail.apps.organisations.demo_objects import register_demo_objects


@register_demo_objects(position=40)
def add_action(world):
    origin = f"planner:{world.plan.pk}:together" if world.plan is not None else ""
    world.plan_action = services.create_action(
        organisation=world.organisation,
        title=_("Prévoir un jour sur site où toute l'équipe « %(team)s » se retrouve") % {"team": world.team.name},
        origin=origin,
        created_by=world.admin.user,
        role=OwnerRole.MANAGERS,
        due_on=timezone.localdate() + timedelta(days=30),
    )
