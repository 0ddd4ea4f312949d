from teletravail.apps.audit.models import AuditEvent


def client_ip(request):
    """The client address as seen by Django; behind a proxy, SECURE_PROXY_SSL_HEADER-style trust is not assumed."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record_event(action, *, actor=None, actor_email="", organisation=None, request=None, **details):
    """Append one audit event. `details` must be JSON-serialisable."""
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
