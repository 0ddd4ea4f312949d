from functools import cache

from teletravail.apps.notifications.selectors import unread_count


def unread_notifications(request):
    """The count shown in the header: templates call it, so it is counted once, and only on pages that show it."""
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {"unread_notifications": cache(lambda: unread_count(user))}
