"""Throttling of sign-in, of requests that send e-mails and of anonymous API calls: one mechanism for all of
them; and the activation of accounts created by sign-up.

Each counter is keyed by a scope (what is limited: `login-pair`, `login-ip`, `password-reset-address`…) and an
identifier (an address, an IP, both). Its rule, in `settings.THROTTLE_RULES`, lets `free` attempts through within
`window` seconds; from then on each attempt makes the next one wait, twice as long each time, from `first_delay`
up to `max_delay` seconds. Nothing is ever locked for good: an attacker is slowed down exponentially while the
delays stay short for the people who share a scope with them.

Why these scopes for sign-in (see `login_scopes`):
- failures are counted per (address, IP) pair, not per address: guessing one person's password from one machine
  slows down that machine only, and the owner signing in from anywhere else is not affected;
- failures are also counted per IP, with short delays only (a minute at most): a flood of made-up addresses from
  one machine slows down to one attempt a minute, while the people behind the same address (an office, a
  reverse proxy that is not declared as trusted) wait a minute at most, not a quarter of an hour;
- a browser where an address has signed in successfully receives a signed "known device" cookie for that
  address; with it, the address is counted per (address, device) instead, so that neither a flood from the same
  IP nor guesses at the owner's password hold the owner up (the device cookies of OWASP's "slow down online
  guessing attacks" and of the established throttling libraries).

Counters live in the database so that they hold across server processes, on SQLite and PostgreSQL alike; the
identifiers are stored as keyed digests, never in clear.
"""

import math
import secrets
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import ngettext

from teletravail.apps.accounts.models import ThrottleCounter, User
from teletravail.apps.accounts.tokens import account_activation_token


@dataclass(frozen=True)
class ThrottleRule:
    free: int
    window: int
    first_delay: float
    max_delay: int

    def delay_after(self, attempts):
        """Seconds the next attempt waits once `attempts` have been counted in the window."""
        if attempts < self.free:
            return 0
        return min(self.first_delay * 2 ** (attempts - self.free), self.max_delay)


def throttle_rule(scope):
    return ThrottleRule(**settings.THROTTLE_RULES[scope])


def _digest(scope, identifier):
    return salted_hmac("teletravail.throttle", f"{scope}\n{identifier}").hexdigest()


def _counter(scope, identifier):
    return ThrottleCounter.objects.filter(scope=scope, key_digest=_digest(scope, identifier))


def wait_seconds(scope, identifier):
    """Whole seconds before `identifier` may try again in `scope` (0: now)."""
    blocked_until = _counter(scope, identifier).values_list("blocked_until", flat=True).first()
    if blocked_until is None:
        return 0
    return max(0, math.ceil((blocked_until - timezone.now()).total_seconds()))


@contextmanager
def transaction_without_waiting_for_the_disk(using=DEFAULT_DB_ALIAS):
    """A transaction that does not wait for the disk at its commit: a count lost in a crash costs nothing, and waiting
    for the disk was most of the time of counting one anonymous API call (PostgreSQL: `synchronous_commit`; SQLite:
    `synchronous`, which SQLite only changes between transactions). Only in a transaction of its own, so that no
    other write loses its guarantee; inside another one, that one's guarantee holds."""
    connection = transaction.get_connection(using)
    if connection.in_atomic_block:
        with transaction.atomic(using=using):
            yield
        return
    if connection.vendor == "sqlite":
        # Skipping the disk is safe for the database file only with a write-ahead log (settings.SQLITE_OPTIONS); an
        # in-memory database has none and nothing to wait for.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            journal = cursor.fetchone()[0]
            cursor.execute("PRAGMA synchronous")
            level = cursor.fetchone()[0]
            if journal == "wal":
                cursor.execute("PRAGMA synchronous = OFF")
        try:
            with transaction.atomic(using=using):
                yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA synchronous = {int(level)}")
        return
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        yield


def record_attempt(scope, identifier):
    """Count one attempt (a failed sign-in, a reset request, a call) and return the wait it imposes on the next."""
    with transaction_without_waiting_for_the_disk():
        return _count_attempt(scope, identifier)


def _count_attempt(scope, identifier):
    rule = throttle_rule(scope)
    now = timezone.now()
    window_start = now - timedelta(seconds=rule.window)
    counter = _counter(scope, identifier)
    # One UPDATE with F(): concurrent attempts from several processes are all counted.
    if not counter.filter(window_started_at__gte=window_start).update(attempts=F("attempts") + 1):
        ThrottleCounter.objects.filter(
            Q(blocked_until__isnull=True) | Q(blocked_until__lt=now), scope=scope, window_started_at__lt=window_start
        ).delete()
        ThrottleCounter.objects.update_or_create(
            scope=scope,
            key_digest=_digest(scope, identifier),
            defaults={"attempts": 1, "window_started_at": now},
        )
    delay = rule.delay_after(counter.values_list("attempts", flat=True).get())
    if delay:
        counter.update(blocked_until=now + timedelta(seconds=delay))
    return math.ceil(delay)


def clear_attempts(scope, identifier):
    _counter(scope, identifier).delete()


def check_and_record(scopes):
    """For rate limits, where every attempt counts: the longest wait among `scopes` (pairs of scope and
    identifier); when there is none, the attempt is counted in each scope and 0 returned."""
    wait = max(wait_seconds(scope, identifier) for scope, identifier in scopes)
    if not wait:
        for scope, identifier in scopes:
            record_attempt(scope, identifier)
    return wait


# --- Sign-in ----------------------------------------------------------------------------------------------------

KNOWN_DEVICE_COOKIE = "known_device"
KNOWN_DEVICE_SALT = "teletravail.accounts.known-device"


def _address_digest(email):
    return salted_hmac(KNOWN_DEVICE_SALT, email).hexdigest()[:32]


def known_device_cookie(email):
    """The value of the cookie that marks this browser as one where `email` has signed in."""
    return signing.dumps({"a": _address_digest(email), "n": secrets.token_hex(16)}, salt=KNOWN_DEVICE_SALT)


def known_device(cookie, email):
    """The device's own identifier when `cookie` was given to this browser for `email`, else None."""
    if not cookie:
        return None
    try:
        value = signing.loads(cookie, salt=KNOWN_DEVICE_SALT, max_age=settings.KNOWN_DEVICE_COOKIE_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(value, dict) or value.get("a") != _address_digest(email):
        return None
    return value.get("n")


def login_scopes(email, ip_address, device=None):
    """The counters a sign-in with `email` from `ip_address` (or from a known `device`) is held by."""
    email = (email or "").strip().lower()
    if device:
        return [("login-device", f"{email}\n{device}")]
    ip_address = ip_address or "unknown"
    return [("login-pair", f"{email}\n{ip_address}"), ("login-ip", ip_address)]


def login_wait_seconds(scopes):
    return max(wait_seconds(scope, identifier) for scope, identifier in scopes)


def record_login_failure(scopes):
    for scope, identifier in scopes:
        record_attempt(scope, identifier)


def clear_login_failures(scopes):
    """After a successful sign-in; the per-IP counter stays, or signing in to one's own account between guesses
    would wipe it."""
    for scope, identifier in scopes:
        if scope != "login-ip":
            clear_attempts(scope, identifier)


def email_request_scopes(kind, email, ip_address):
    """Requests that send an e-mail (kind: `password-reset`, `sign-up`), limited per address and per IP."""
    return [(f"{kind}-address", (email or "").strip().lower()), (f"{kind}-ip", ip_address or "unknown")]


def wait_text(seconds):
    """« 40 secondes », « 3 minutes »: the wait as people read it, rounded up to the minute past two minutes."""
    if seconds < 120:
        return ngettext("%(count)d seconde", "%(count)d secondes", seconds) % {"count": seconds}
    minutes = math.ceil(seconds / 60)
    return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}


# --- Account activation -----------------------------------------------------------------------------------------


def account_awaiting_activation(uidb64, token):
    """The account the activation link designates, when the link is still good for it, else None."""
    try:
        user = User.objects.get(pk=urlsafe_base64_decode(uidb64).decode())
    except (TypeError, ValueError, OverflowError, User.DoesNotExist):
        return None
    if user.is_active or user.last_login is not None or not account_activation_token.check_token(user, token):
        return None
    return user


def awaiting_activation(email, password):
    """True for an account created by sign-up whose e-mailed link has not been opened yet, given its password."""
    user = User.objects.filter(email__iexact=email, is_active=False, last_login__isnull=True).first()
    return user is not None and user.check_password(password)


def activation_path(user):
    return reverse(
        "accounts:activate",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": account_activation_token.make_token(user),
        },
    )


def activate_account(user):
    user.is_active = True
    user.save(update_fields=["is_active"])
