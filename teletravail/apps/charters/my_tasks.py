"""What the charter asks of each member: take note of the adopted charter or agreement."""

from teletravail.apps.charters.notices import CHARTER_ADOPTED
from teletravail.apps.notifications.my_tasks import register_personal_tasks, tasks_from_unread


@register_personal_tasks(position=30)
def charter_to_read(access):
    return tasks_from_unread(access, CHARTER_ADOPTED.code)
