import ipaddress
from contextlib import contextmanager

from django.conf import settings

from teletravail.apps.audit.models import AuditEvent


def client_ip(request):
    """The client's IP address: REMOTE_ADDR, or, when settings declare a trusted reverse proxy, the address that
    proxy saw, read from the header it sets (from the right: entries further left can be forged by the client).
    A header that is missing or not an address falls back to REMOTE_ADDR."""
    if request is None:
        return None
    remote_addr = request.META.get("REMOTE_ADDR") or None
    header = settings.TRUSTED_PROXY_IP_HEADER
    if not header:
        return remote_addr
    value = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
    hops = [hop.strip() for hop in value.split(",") if hop.strip()]
    count = max(1, settings.TRUSTED_PROXY_COUNT)
    if len(hops) < count:
        return remote_addr
    try:
        return str(ipaddress.ip_address(hops[-count]))
    except ValueError:
        return remote_addr


def record_event(action, *, actor=None, actor_email="", organisation=None, request=None, **details):
    """Append one audit event. `details` must be JSON-serialisable. An event of a request authenticated by an API
    token names the token (its prefix)."""
    token = getattr(request, "api_token", None)
    if token is not None:
        details.setdefault("token", token.prefix)
    if actor is not None and getattr(actor, "is_authenticated", False):
        actor_email = actor_email or actor.email
    else:
        actor = None
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        actor_email=actor_email or "",
        organisation=organisation,
        ip_address=client_ip(request),
        details=details,
    )


@contextmanager
def recording_change(action, state, *, actor, organisation=None, request=None, **details):
    """Around the writes that change an object: `state()` (what the audit trail keeps of it, JSON-ready) read before
    and after them, and one event `action` with both, unless they are the same (a form saved unchanged)."""
    before = state()
    yield
    after = state()
    if after != before:
        record_event(
            action, actor=actor, organisation=organisation, request=request, **details, before=before, after=after
        )
