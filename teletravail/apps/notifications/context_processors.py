from functools import cache

from teletravail.apps.notifications.selectors import unread_count


def unread_notifications(request):
    """The count shown in the header: the one the middleware read on the way in, else counted once, and only on
    pages that show it (templates call it)."""
    user = getattr(request, "user", None)
    if user is None:
        return {}
    known = getattr(request, "unread_notifications", None)
    return {"unread_notifications": cache(lambda: unread_count(user) if known is None else known)}
