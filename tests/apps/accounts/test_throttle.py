"""The throttling service and the sign-in it protects: failures slow an attacker down exponentially, per (address,
IP) and per IP, without locking the owner out."""

import re
from datetime import timedelta

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from teletravail.apps.accounts.models import ThrottleCounter
from teletravail.apps.accounts.services import (
    ThrottleRule,
    check_and_record,
    known_device,
    known_device_cookie,
    record_attempt,
    transaction_without_waiting_for_the_disk,
    wait_seconds,
    wait_text,
)
from teletravail.apps.audit.models import AuditAction, AuditEvent
from teletravail.settings.base import SQLITE_OPTIONS
from tests.conftest import TEST_PASSWORD
from tests.factories import UserFactory


LOGIN_URL = reverse("accounts:login")
FULL, OFF = 2, 0  # SQLite's `synchronous` levels
# First delays long enough that none runs out while a slow test machine is busy.
RULES = {
    "login-pair": {"free": 5, "window": 86400, "first_delay": 30, "max_delay": 900},
    "login-device": {"free": 5, "window": 86400, "first_delay": 30, "max_delay": 900},
    "login-ip": {"free": 20, "window": 3600, "first_delay": 30, "max_delay": 60},
    "password-reset-address": {"free": 3, "window": 3600, "first_delay": 300, "max_delay": 3600},
    "password-reset-ip": {"free": 10, "window": 3600, "first_delay": 60, "max_delay": 3600},
    "api-anonymous-ip": {"free": 3, "window": 600, "first_delay": 30, "max_delay": 600},
}


@pytest.fixture(autouse=True)
def rules(settings):
    settings.THROTTLE_RULES = RULES


def sign_in(client, email, password, ip="127.0.0.1"):
    return client.post(LOGIN_URL, {"username": email, "password": password}, REMOTE_ADDR=ip)


def expire_blocks():
    """Time passes: every wait is over (the counts stay, as within their window)."""
    ThrottleCounter.objects.update(blocked_until=timezone.now() - timedelta(seconds=1))


def signed_in(client):
    return "_auth_user_id" in client.session


def test_delays_double_after_the_free_attempts_up_to_the_cap():
    rule = ThrottleRule(free=3, window=60, first_delay=2, max_delay=30)
    assert [rule.delay_after(n) for n in range(1, 9)] == [0, 0, 2, 4, 8, 16, 30, 30]


@pytest.mark.django_db
def test_recorded_attempts_impose_the_rule_delay_and_a_new_window_starts_afresh():
    for _ in range(2):
        assert record_attempt("api-anonymous-ip", "203.0.113.9") == 0
    assert record_attempt("api-anonymous-ip", "203.0.113.9") == 30
    assert 25 <= wait_seconds("api-anonymous-ip", "203.0.113.9") <= 30
    assert wait_seconds("api-anonymous-ip", "203.0.113.10") == 0
    assert record_attempt("api-anonymous-ip", "203.0.113.9") == 60
    counter = ThrottleCounter.objects.get()
    assert "203.0.113.9" not in counter.key_digest  # identifiers are stored as digests
    ThrottleCounter.objects.update(window_started_at=timezone.now() - timedelta(seconds=601))
    assert record_attempt("api-anonymous-ip", "203.0.113.9") == 0
    assert ThrottleCounter.objects.get().attempts == 1


@pytest.mark.django_db
def test_check_and_record_counts_only_attempts_let_through():
    waits = [check_and_record([("api-anonymous-ip", "x")]) for _ in range(5)]
    assert waits[:3] == [0, 0, 0]
    assert all(25 <= wait <= 30 for wait in waits[3:])
    assert ThrottleCounter.objects.get().attempts == 3


def test_waits_read_in_seconds_then_minutes():
    assert wait_text(1) == "1 seconde"
    assert wait_text(45) == "45 secondes"
    assert wait_text(150) == "3 minutes"


@pytest.mark.django_db
def test_guessing_one_password_gets_exponentially_slower(client):
    owner = UserFactory()
    waits = []
    for _ in range(9):
        sign_in(client, owner.email, "mauvais")
        waits.append(wait_seconds("login-pair", f"{owner.email}\n127.0.0.1"))
        expire_blocks()
    assert waits == pytest.approx([0, 0, 0, 0, 30, 60, 120, 240, 480], abs=5)
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED, actor_email=owner.email).count() == 9


@pytest.mark.django_db
def test_a_throttled_attempt_is_refused_without_checking_the_password_and_audited(client):
    owner = UserFactory()
    for _ in range(5):
        sign_in(client, owner.email, "mauvais")
    response = sign_in(client, owner.email, TEST_PASSWORD)
    assert re.search(r"Réessayez dans \d+ secondes", response.content.decode())
    assert not signed_in(client)
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN_THROTTLED, actor_email=owner.email).exists()
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED).count() == 5


@pytest.mark.django_db
def test_a_successful_sign_in_clears_the_address_failures_but_not_the_ip_ones(client):
    owner = UserFactory()
    sign_in(client, owner.email, "mauvais")
    sign_in(client, "autre@exemple.fr", "mauvais")
    sign_in(client, owner.email, TEST_PASSWORD)
    assert set(ThrottleCounter.objects.values_list("scope", "attempts")) == {("login-ip", 2), ("login-pair", 1)}


@pytest.mark.django_db
def test_a_known_device_cookie_is_bound_to_its_address_and_cannot_be_forged():
    cookie = known_device_cookie("a@exemple.fr")
    assert known_device(cookie, "a@exemple.fr")
    assert known_device(cookie, "b@exemple.fr") is None
    assert known_device(cookie[:-2] + "xx", "a@exemple.fr") is None
    assert known_device("n'importe quoi", "a@exemple.fr") is None


def synchronous_commit_settings(queries):
    return [query["sql"] for query in queries if "synchronous_commit" in query["sql"]]


@pytest.mark.django_db(transaction=True)
def test_a_count_of_its_own_does_not_wait_for_the_disk_on_postgresql():
    with CaptureQueriesContext(connection) as queries:
        record_attempt("api-anonymous-ip", "203.0.113.9")
    expected = ["SET LOCAL synchronous_commit TO OFF"] if connection.vendor == "postgresql" else []
    assert synchronous_commit_settings(queries) == expected


@pytest.mark.django_db(transaction=True)
def test_a_count_inside_another_transaction_leaves_its_commit_alone():
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        record_attempt("api-anonymous-ip", "203.0.113.9")
    assert synchronous_commit_settings(queries) == []


@pytest.fixture
def sqlite_file_database(tmp_path, django_db_blocker):
    """A database alias on an SQLite file with the platform's SQLite options (in-memory test databases have no log),
    outside the test databases."""
    alias = "throttle-sqlite-file"
    options = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "db.sqlite3"), "OPTIONS": SQLITE_OPTIONS}
    connections.settings[alias] = connections.configure_settings({**connections.settings, alias: options})[alias]
    with django_db_blocker.unblock():
        yield alias
    connections[alias].close()
    del connections[alias]
    del connections.settings[alias]


def sqlite_pragma(alias, name):
    with connections[alias].cursor() as cursor:
        cursor.execute(f"PRAGMA {name}")
        return cursor.fetchone()[0]


def test_a_count_of_its_own_does_not_wait_for_the_disk_on_an_sqlite_file_either(sqlite_file_database):
    alias = sqlite_file_database
    assert sqlite_pragma(alias, "journal_mode") == "wal"  # what makes skipping the disk safe for the file
    before = sqlite_pragma(alias, "synchronous")
    with transaction_without_waiting_for_the_disk(alias):
        during = sqlite_pragma(alias, "synchronous")
    assert (before, during, sqlite_pragma(alias, "synchronous")) == (FULL, OFF, FULL)
    # Inside another transaction, that one's guarantee holds.
    with transaction.atomic(using=alias), transaction_without_waiting_for_the_disk(alias):
        assert sqlite_pragma(alias, "synchronous") == FULL
