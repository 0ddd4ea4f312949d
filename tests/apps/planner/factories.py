"""Plan settings for the tests: the world to plan is `tests.world.build_world`."""

from teletravail.apps.planner.demo import demo_plan_settings as plan_settings
from teletravail.apps.planner.demo import next_monday


__all__ = ["PLAN_FORM", "next_monday", "plan_settings"]


# The plan form as a team's manager fills it: two weeks, one person on site a day, the rules' usual ceilings.
PLAN_FORM = {
    "weeks": "2",
    "days": ["lun", "mar", "mer", "jeu", "ven"],
    "min_on_site": "1",
    "anchor_days": "1",
    "min_on_site_exceptionnel": "1",
    "max_telework_days_per_week": "3",
    "min_on_site_days_per_week": "2",
    "isolation_weeks": "2",
}
