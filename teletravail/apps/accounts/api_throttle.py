"""The API's side of the throttling service: django-ninja asks `allow_request`, then `wait` for Retry-After."""

import threading

from ninja.throttling import BaseThrottle

from teletravail.apps.accounts.services import check_and_record
from teletravail.apps.audit.services import client_ip


class CountedThrottle(BaseThrottle):
    """Calls counted in `scope` (settings.THROTTLE_RULES) per the identifier `identifier` gives; a call it gives
    None for is not counted here."""

    def __init__(self, scope):
        self.scope = scope
        # One instance serves every request: the wait computed for a request stays with its thread.
        self._last = threading.local()

    def identifier(self, request):
        raise NotImplementedError

    def allow_request(self, request):
        identifier = self.identifier(request)
        self._last.wait = check_and_record([(self.scope, identifier)]) if identifier is not None else 0
        return not self._last.wait

    def wait(self):
        return getattr(self._last, "wait", None)


class AnonymousIPThrottle(CountedThrottle):
    """Calls from people not signed in, counted per client IP."""

    def identifier(self, request):
        return None if request.user.is_authenticated else client_ip(request) or "unknown"


class ApiTokenThrottle(CountedThrottle):
    """Calls authenticated by an API token, counted per token (whoever holds it, from wherever)."""

    def identifier(self, request):
        token = getattr(request, "api_token", None)
        return None if token is None else token.prefix
