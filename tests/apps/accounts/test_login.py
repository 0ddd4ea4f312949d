import re
from contextlib import contextmanager
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from teletravail.apps.accounts.models import User
from teletravail.apps.audit.models import AuditAction, AuditEvent
from tests.conftest import TEST_PASSWORD
from tests.factories import UserFactory


LOGIN_URL = reverse("accounts:login")


@pytest.fixture(autouse=True)
def rules(settings):
    """The shipped limits, with first delays long enough that none runs out while a slow test machine is busy."""
    settings.THROTTLE_RULES = {
        **settings.THROTTLE_RULES,
        "login-pair": {"free": 5, "window": 86400, "first_delay": 30, "max_delay": 900},
        "login-device": {"free": 5, "window": 86400, "first_delay": 30, "max_delay": 900},
        "login-ip": {"free": 20, "window": 3600, "first_delay": 30, "max_delay": 60},
    }


def sign_in(client, email, password, ip="127.0.0.1"):
    return client.post(LOGIN_URL, {"username": email, "password": password}, REMOTE_ADDR=ip)


def signed_in(client):
    return "_auth_user_id" in client.session


@contextmanager
def time_passes(seconds):
    later = timezone.now() + timedelta(seconds=seconds)
    with mock.patch("django.utils.timezone.now", return_value=later):
        yield


@pytest.mark.django_db
def test_sign_in_by_email_any_case_and_audited(client, user):
    response = sign_in(client, user.email.upper(), TEST_PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    event = AuditEvent.objects.get(action=AuditAction.LOGIN)
    assert event.actor == user
    assert event.ip_address == "127.0.0.1"


@pytest.mark.django_db
def test_wrong_password_gives_a_french_error_and_is_audited(client, user):
    response = sign_in(client, user.email, "mauvais")
    assert response.status_code == 200
    assert "Adresse électronique ou mot de passe incorrect." in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED, actor_email=user.email).count() == 1


@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    created = User.objects.create_user("argon@exemple.fr", "un-mot-de-passe-solide")
    assert created.password.startswith("argon2$")


@pytest.mark.django_db
def test_a_flood_of_made_up_addresses_from_one_ip_only_slows_that_ip_down(client):
    """Issue: 20 failures with made-up addresses from one IP blocked everyone behind it for 15 minutes."""
    owner = UserFactory()
    for n in range(30):
        sign_in(client, f"invente{n}@exemple.fr", "mauvais")
    refused = sign_in(client, owner.email, TEST_PASSWORD)
    assert "Trop de tentatives" in refused.content.decode()
    with time_passes(61):  # the longest wait per IP is a minute
        assert sign_in(client, owner.email, TEST_PASSWORD).status_code == 302
    assert signed_in(client)


@pytest.mark.django_db
def test_failures_on_an_address_do_not_lock_its_owner_out_from_another_ip(client):
    """Issue: five failures on an address locked its owner out."""
    owner = UserFactory()
    for _ in range(10):
        sign_in(client, owner.email, "mauvais", ip="198.51.100.7")
    assert "Trop de tentatives" in sign_in(client, owner.email, TEST_PASSWORD, ip="198.51.100.7").content.decode()
    assert sign_in(client, owner.email, TEST_PASSWORD, ip="192.0.2.44").status_code == 302


@pytest.mark.django_db
def test_the_owner_on_a_known_browser_signs_in_during_a_flood_from_the_same_ip(client):
    owner = UserFactory()
    assert sign_in(client, owner.email, TEST_PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    attacker = Client()
    for n in range(25):
        sign_in(attacker, owner.email if n % 2 else f"invente{n}@exemple.fr", "mauvais")
    assert "Trop de tentatives" in sign_in(attacker, owner.email, TEST_PASSWORD).content.decode()
    assert sign_in(client, owner.email, TEST_PASSWORD).status_code == 302
    assert signed_in(client)


@pytest.mark.django_db
def test_logout_requires_post_and_is_audited(client, user):
    client.force_login(user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action=AuditAction.LOGOUT, actor=user).exists()


@pytest.mark.django_db
def test_password_reset_by_email_end_to_end(client, user):
    response = client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/compte/mot-de-passe/nouveau/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link).url  # Django swaps the token for a session marker
    new_password = "un-nouveau-mot-de-passe-solide"
    response = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {AuditAction.PASSWORD_RESET_REQUESTED, AuditAction.PASSWORD_CHANGED} <= actions


@pytest.mark.django_db
def test_password_reset_for_unknown_address_sends_nothing_and_reveals_nothing(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "inconnu@exemple.fr"})
    assert response.status_code == 302
    assert mail.outbox == []


@pytest.mark.django_db
def test_behind_a_declared_proxy_sign_in_failures_count_per_client_not_per_proxy(client, settings):
    """Issue: behind the reverse proxy every client had the proxy's address, so one client's failures blocked all."""
    settings.TRUSTED_PROXY_IP_HEADER = "X-Forwarded-For"
    owner = UserFactory()
    for n in range(30):
        client.post(
            LOGIN_URL,
            {"username": f"invente{n}@exemple.fr", "password": "mauvais"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="203.0.113.66",
        )
    response = client.post(
        LOGIN_URL,
        {"username": owner.email, "password": TEST_PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.3",
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN, ip_address="198.51.100.3").exists()


@pytest.mark.django_db
def test_password_reset_requests_are_limited_per_address(client, user):
    """Issue: 30 reset e-mails to one address in 2 s."""
    for n in range(30):
        client.post(reverse("accounts:password_reset"), {"email": user.email}, REMOTE_ADDR=f"192.0.2.{n}")
    assert len(mail.outbox) <= 3
    response = client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert "Trop de demandes de réinitialisation" in response.content.decode()


@pytest.mark.django_db
def test_password_reset_requests_are_limited_per_ip_whatever_the_address(client):
    users = [UserFactory() for _ in range(15)]
    for user in users:
        client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert len(mail.outbox) <= 10
    with time_passes(3601):
        client.post(reverse("accounts:password_reset"), {"email": users[-1].email})
    assert mail.outbox[-1].to == [users[-1].email]
