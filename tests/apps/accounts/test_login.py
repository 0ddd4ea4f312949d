import re

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from teletravail.apps.accounts.models import LoginFailure, User
from teletravail.apps.audit.models import AuditAction, AuditEvent
from tests.conftest import TEST_PASSWORD


LOGIN_URL = reverse("accounts:login")


def sign_in(client, email, password):
    return client.post(LOGIN_URL, {"username": email, "password": password})


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
@override_settings(LOGIN_THROTTLE_MAX_FAILURES=3)
def test_sign_in_is_refused_after_repeated_failures_even_with_the_right_password(client, user):
    for _ in range(3):
        sign_in(client, user.email, "mauvais")
    response = sign_in(client, user.email, TEST_PASSWORD)
    assert "Trop de tentatives de connexion" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN_THROTTLED).exists()


@pytest.mark.django_db
@override_settings(LOGIN_THROTTLE_MAX_FAILURES=3, LOGIN_THROTTLE_WINDOW_SECONDS=60)
def test_throttle_expires_after_the_window(client, user):
    for _ in range(3):
        sign_in(client, user.email, "mauvais")
    LoginFailure.objects.update(created_at=LoginFailure.objects.first().created_at.replace(year=2000))
    response = sign_in(client, user.email, TEST_PASSWORD)
    assert response.status_code == 302


@pytest.mark.django_db
@override_settings(LOGIN_THROTTLE_MAX_FAILURES=3)
def test_a_successful_sign_in_clears_earlier_failures(client, user):
    sign_in(client, user.email, "mauvais")
    sign_in(client, user.email, TEST_PASSWORD)
    assert LoginFailure.objects.filter(email=user.email).count() == 0


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
