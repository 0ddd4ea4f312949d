"""Sign-in throttling, kept in the database so that it holds across server processes."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from teletravail.apps.accounts.models import LoginFailure


def _window_start():
    return timezone.now() - timedelta(seconds=settings.LOGIN_THROTTLE_WINDOW_SECONDS)


def is_login_throttled(email, ip_address):
    """True when the address or the IP has reached the failure limit within the window."""
    email = (email or "").strip().lower()
    recent = LoginFailure.objects.filter(created_at__gte=_window_start())
    by_email = recent.filter(email=email).count() if email else 0
    by_ip = recent.filter(ip_address=ip_address).count() if ip_address else 0
    # One IP may serve a whole office behind NAT: it gets a wider allowance than one address.
    return by_email >= settings.LOGIN_THROTTLE_MAX_FAILURES or by_ip >= 4 * settings.LOGIN_THROTTLE_MAX_FAILURES


def record_login_failure(email, ip_address):
    LoginFailure.objects.filter(created_at__lt=_window_start()).delete()
    LoginFailure.objects.create(email=(email or "").strip().lower()[:254], ip_address=ip_address)


def clear_login_failures(email):
    LoginFailure.objects.filter(Q(email=(email or "").strip().lower())).delete()
