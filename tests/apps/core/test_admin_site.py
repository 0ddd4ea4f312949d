"""The technical administration has no password form: platform administrators reach it after signing in through
the platform's throttled and audited sign-in."""

import pytest
from django.urls import reverse

from teletravail.apps.accounts.models import PlatformRole, User
from teletravail.apps.audit.models import AuditAction, AuditEvent
from tests.conftest import TEST_PASSWORD
from tests.factories import UserFactory


ADMIN_LOGIN = "/administration/login/"


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("admin@exemple.fr", TEST_PASSWORD)


@pytest.mark.django_db
def test_the_admin_form_tries_no_password(client, superuser):
    """Issue: 30 wrong passwords for the superuser in 9 s through the admin form, then the right one got in,
    nothing recorded."""
    for n in range(30):
        response = client.post(ADMIN_LOGIN, {"username": superuser.email, "password": f"mauvais-{n}"})
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))
    response = client.post(ADMIN_LOGIN, {"username": superuser.email, "password": TEST_PASSWORD})
    assert response.url.startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session
    assert client.get("/administration/").status_code == 302


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_the_platform_sign_in_and_come_back(client, superuser):
    response = client.get("/administration/audit/auditevent/")
    assert response.status_code == 302
    login = client.get(response.url, follow=False)
    assert login.status_code == 302 and login.url.startswith(reverse("accounts:login"))
    assert "next=/administration/audit/auditevent/" in login.url
    signed_in = client.post(login.url, {"username": superuser.email, "password": TEST_PASSWORD})
    assert signed_in.url == "/administration/audit/auditevent/"
    assert client.get(signed_in.url).status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN, actor=superuser).exists()


@pytest.mark.django_db
def test_the_platform_sign_in_throttles_the_way_to_the_admin(client, superuser):
    for _ in range(6):
        client.post(reverse("accounts:login"), {"username": superuser.email, "password": "mauvais"})
    response = client.post(reverse("accounts:login"), {"username": superuser.email, "password": TEST_PASSWORD})
    assert "Trop de tentatives" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("is_staff", "role"),
    [(False, PlatformRole.PLATFORM_ADMIN), (True, PlatformRole.CONSULTANT), (False, PlatformRole.NONE)],
)
def test_only_signed_in_staff_platform_admins_are_served(client, is_staff, role):
    client.force_login(UserFactory(is_staff=is_staff, platform_role=role))
    assert client.get("/administration/").status_code == 302
    assert client.get(ADMIN_LOGIN).status_code == 403


@pytest.mark.django_db
def test_an_outside_next_address_is_not_followed(client, superuser):
    client.force_login(superuser)
    assert client.get(ADMIN_LOGIN, {"next": "https://ailleurs.example/"}).url == "/administration/"
