"""What the planner adds to the demo world: a plan of the managed team, its solve queued."""

from datetime import date, timedelta

from teletravail.apps.organisations.demo_objects import register_demo_objects
from teletravail.apps.planner.models import TeamPlan
from teletravail.apps.planner.services import submit_solve
from teletravail.planning.holidays import holidays_between


def next_monday(weeks_ahead=1, *, clear_weeks=4):
    """A Monday at least `weeks_ahead` weeks ahead followed by `clear_weeks` weeks without a public holiday, so that
    the demo's plan (and the tests') has the same days whatever the date it is built."""
    today = date.today()
    monday = today - timedelta(days=today.weekday()) + timedelta(weeks=weeks_ahead)
    while holidays_between(monday, monday + timedelta(weeks=clear_weeks, days=-1)):
        monday += timedelta(weeks=1)
    return monday


def demo_plan_settings(**overrides):
    """Plan settings as the form gives them: two weeks, Monday to Friday, one on site every day, one anchor day."""
    values = {
        "start": next_monday(),
        "weeks": 2,
        "days": ["lun", "mar", "mer", "jeu", "ven"],
        "min_on_site": 1,
        "anchor_days": 1,
        "min_on_site_exceptionnel": 1,
        "max_telework_days_per_week": 3,
        "min_on_site_days_per_week": 2,
        "fixed_days": False,
        "fair_rotation_days": [],
        "isolation_weeks": 2,
    }
    values.update(overrides)
    return values


@register_demo_objects(position=20)
def add_plan(world):
    """A draft plan of the manager's team and its solve queued (the worker solves it)."""
    world.plan = TeamPlan.objects.create(team=world.team, created_by=world.manager.user, **demo_plan_settings())
    world.calculation, _queued = submit_solve(team=world.team, actor=world.manager.user, plan=world.plan)
