"""The API's side of the throttling service: django-ninja asks `allow_request`, then `wait` for Retry-After."""

import threading

from ninja.throttling import BaseThrottle

from teletravail.apps.accounts.services import check_and_record
from teletravail.apps.audit.services import client_ip


class AnonymousIPThrottle(BaseThrottle):
    """Calls from people not signed in, counted per client IP in `scope` (settings.THROTTLE_RULES)."""

    def __init__(self, scope):
        self.scope = scope
        # One instance serves every request: the wait computed for a request stays with its thread.
        self._last = threading.local()

    def allow_request(self, request):
        if request.user.is_authenticated:
            return True
        self._last.wait = check_and_record([(self.scope, client_ip(request) or "unknown")])
        return not self._last.wait

    def wait(self):
        return getattr(self._last, "wait", None)
