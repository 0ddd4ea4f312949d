from teletravail.apps.notifications.services import unread_after_visit


class NotificationSeenMiddleware:
    """A notification is read once its person opens the page it is about (from the list, an e-mail or a task), before
    the page shows what is left unread (`request.unread_notifications`, read by the context processor)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if request.method == "GET" and user is not None and user.is_authenticated:
            request.unread_notifications = unread_after_visit(user=user, path=request.path)
        return None
