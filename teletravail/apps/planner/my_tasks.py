"""What the planner asks of one person: read their team's plan once it is published or has changed."""

from teletravail.apps.notifications.my_tasks import register_personal_tasks, tasks_from_unread
from teletravail.apps.planner.notices import PLAN_PUBLISHED


@register_personal_tasks(position=20)
def plan_to_read(access):
    return tasks_from_unread(access, PLAN_PUBLISHED.code)
