from django.utils import translation

from teletravail.apps.notifications.services import remember_language, unread_after_visit


LANGUAGE_SESSION_KEY = "notifications:language"


class NotificationSeenMiddleware:
    """A notification is read once its person opens the page it is about (from the list, an e-mail or a task), before
    the page shows what is left unread (`request.unread_notifications`, read by the context processor). The language
    the person reads the platform in is kept for their e-mails (written once per session and change)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if request.method == "GET" and user is not None and user.is_authenticated:
            request.unread_notifications = unread_after_visit(user=user, path=request.path)
            language = translation.get_language()
            if request.session.get(LANGUAGE_SESSION_KEY) != language:
                remember_language(user=user, language=language)
                request.session[LANGUAGE_SESSION_KEY] = language
        return None
