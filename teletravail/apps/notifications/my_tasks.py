"""« My tasks »: what one person has to do now, in each organisation, from the data (an assessment to fill, a
decision to take, a plan to read, a charter to take note of…).

As for the journey, each app registers in its `my_tasks` module (imported by its AppConfig.ready) a function that
gives the tasks of one organisation access (`register_personal_tasks`); the page at the top of the layers reads the
registry without importing the modules. A task is listed only while it is to do, and links to the page where it is
done.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from teletravail.apps.notifications.selectors import unread_about


@dataclass(frozen=True)
class PersonalTask:
    title: str
    url: str
    detail: str = ""


TaskSource = Callable[[object], Iterable[PersonalTask]]  # an OrganisationAccess → that person's tasks there
_SOURCES: dict[int, TaskSource] = {}


def register_personal_tasks(position):
    """Decorator: the function gives an app's tasks for one person, listed at `position` (smaller first)."""

    def register(source):
        if position in _SOURCES and _SOURCES[position] is not source:
            raise ValueError(f"Two personal task sources at position {position}")
        _SOURCES[position] = source
        return source

    return register


def personal_tasks(access):
    """The person's tasks in the organisation, in the order of the registered sources."""
    return [task for _position, source in sorted(_SOURCES.items()) for task in source(access)]


def tasks_from_unread(access, kind):
    """One task per unread notification of `kind`: « read this », done once the person opened the page."""
    if access.membership is None:
        return []
    latest_by_page = {}
    for notification in unread_about(access.membership.user, kind, access.organisation):
        latest_by_page.setdefault(notification.link, notification)  # newest first: one task per page
    return [PersonalTask(notification.shown_title, link) for link, notification in latest_by_page.items()]
