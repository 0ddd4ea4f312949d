"""Personal API tokens: sent as `Authorization: Bearer …`, they stand in for a session (no CSRF token) within the
organisations they open and the roles their owner holds now; expired, revoked or unknown, they get a 401."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from teletravail.apps.apitokens import services
from teletravail.apps.apitokens.models import ApiToken
from teletravail.apps.audit.models import AuditAction, AuditEvent
from teletravail.apps.organisations.models import Membership, Team
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


pytestmark = pytest.mark.django_db

PERSON = {"distance_km": 20, "mode": "velo", "telework_days": 2, "office_days": 3}


@pytest.fixture
def csrf_client():
    """A client that enforces CSRF like a browser's server does: a token request must not need it."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def admin():
    return MembershipFactory(organisation=OrganisationFactory(name="La mienne"), role="employer_admin")


def new_token(membership_or_user, organisations=None, days=30, name="Script"):
    user = getattr(membership_or_user, "user", membership_or_user)
    if organisations is None:
        organisations = [membership_or_user.organisation]
    return services.create_token(user=user, name=name, organisation_ids=[o.pk for o in organisations], days=days)


def bearer(value):
    return {"HTTP_AUTHORIZATION": f"Bearer {value}"}


def test_the_token_is_stored_as_a_keyed_digest_behind_a_visible_prefix(admin):
    token, value = new_token(admin)
    assert value.startswith(token.prefix + "_")
    assert token.prefix.startswith("tt_") and len(token.prefix) == 13
    assert len(value) > 50
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert value not in str(stored)
    assert value[len(token.prefix) + 1 :] not in str(stored)
    assert len(stored["secret_digest"]) == 64


def test_every_write_of_the_api_works_with_a_token_and_no_session_nor_csrf(csrf_client, admin):
    _, value = new_token(admin)
    organisation = admin.organisation
    # Without the token, the same request is refused (no CSRF token, no session).
    assert (
        csrf_client.patch(
            f"/api/v1/organisations/{organisation.pk}", {"name": "X"}, content_type="application/json"
        ).status_code
        == 403
    )

    patched = csrf_client.patch(
        f"/api/v1/organisations/{organisation.pk}",
        {"name": "Renommée par script"},
        content_type="application/json",
        **bearer(value),
    )
    team = csrf_client.post(
        f"/api/v1/organisations/{organisation.pk}/teams",
        {"name": "Support"},
        content_type="application/json",
        **bearer(value),
    )
    simulations = [
        csrf_client.post("/api/v1/simulations/person", PERSON, content_type="application/json", **bearer(value)),
        csrf_client.post(
            "/api/v1/simulations/employer", {"employees": [PERSON]}, content_type="application/json", **bearer(value)
        ),
    ]

    assert (patched.status_code, patched.json()["name"]) == (200, "Renommée par script")
    assert team.status_code == 201
    assert Team.objects.filter(organisation=organisation, name="Support").exists()
    assert [response.status_code for response in simulations] == [200, 200]


def test_a_session_write_without_csrf_is_still_refused(csrf_client, admin):
    """The token is no hole in the session's CSRF protection."""
    csrf_client.force_login(admin.user)
    response = csrf_client.patch(
        f"/api/v1/organisations/{admin.organisation.pk}", {"name": "X"}, content_type="application/json"
    )
    assert response.status_code == 403


def test_an_expired_token_gets_401_in_french_or_in_english(client, admin):
    token, value = new_token(admin)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(minutes=1))

    french = client.get("/api/v1/organisations", **bearer(value))
    english = client.get("/api/v1/organisations", HTTP_ACCEPT_LANGUAGE="en", **bearer(value))

    assert french.status_code == english.status_code == 401
    assert french.json()["detail"].startswith("Ce jeton d'API a expiré le ")
    assert english.json()["detail"].startswith("This API token expired on ")
    assert french["WWW-Authenticate"] == 'Bearer error="invalid_token"'


def test_a_revoked_token_is_refused_on_the_very_next_request(client, admin):
    token, value = new_token(admin)
    assert client.get("/api/v1/organisations", **bearer(value)).status_code == 200

    services.revoke_token(token=token, actor=admin.user)
    response = client.get("/api/v1/organisations", **bearer(value))

    assert response.status_code == 401
    assert response.json() == {"detail": "Ce jeton d'API a été révoqué : créez-en un autre depuis votre compte."}
    english = client.get("/api/v1/organisations", HTTP_ACCEPT_LANGUAGE="en", **bearer(value))
    assert english.json()["detail"].startswith("This API token has been revoked")


@pytest.mark.parametrize(
    "header",
    ["Bearer tt_0000000000_nope", "Bearer ", "Bearer nimportequoi", "Bearer {prefix}_mauvais-secret"],
)
def test_an_unknown_or_forged_token_gets_401_and_no_fallback_on_the_session(client, admin, header):
    token, _ = new_token(admin)
    client.force_login(admin.user)  # a session beside a bad token does not rescue it
    response = client.get("/api/v1/organisations", HTTP_AUTHORIZATION=header.format(prefix=token.prefix))
    assert response.status_code == 401
    assert response.json()["detail"].startswith("Jeton d'API inconnu")


def test_the_token_of_a_deactivated_account_gets_401(client, admin):
    _, value = new_token(admin)
    admin.user.is_active = False
    admin.user.save()
    assert client.get("/api/v1/organisations", **bearer(value)).status_code == 401


def test_a_token_on_an_organisation_it_does_not_open_gets_403_whether_it_exists_or_not(client, admin):
    other = OrganisationFactory(name="L'autre")
    MembershipFactory(organisation=other, user=admin.user, role="employer_admin")  # a member there too
    _, value = new_token(admin)  # opens « La mienne » only

    listed = client.get("/api/v1/organisations", **bearer(value)).json()
    answers = [
        client.get(f"/api/v1/organisations/{other.pk}", **bearer(value)),
        client.patch(
            f"/api/v1/organisations/{other.pk}", {"name": "Piratée"}, content_type="application/json", **bearer(value)
        ),
        client.get("/api/v1/organisations/999999/teams", **bearer(value)),
    ]

    assert [o["id"] for o in listed] == [admin.organisation.pk]
    assert {response.status_code for response in answers} == {403}
    assert {response.json()["detail"] for response in answers} == {"Ce jeton d'API n'ouvre pas cette organisation."}
    other.refresh_from_db()
    assert other.name == "L'autre"


def test_the_token_follows_its_owner_s_role_now_and_ends_with_the_membership(client, admin):
    _, value = new_token(admin)
    url = f"/api/v1/organisations/{admin.organisation.pk}"
    Membership.objects.filter(pk=admin.pk).update(role="employee")

    demoted = client.patch(url, {"name": "X"}, content_type="application/json", **bearer(value))
    members = client.get(f"{url}/members", **bearer(value))
    Membership.objects.filter(pk=admin.pk).delete()
    removed = client.get(url, **bearer(value))

    assert (demoted.status_code, members.status_code) == (403, 403)
    assert removed.status_code == 404


def test_calls_are_rate_limited_per_token(client, admin, settings):
    settings.THROTTLE_RULES = {
        **settings.THROTTLE_RULES,
        "api-token": {"free": 3, "window": 600, "first_delay": 30, "max_delay": 600},
        "api-anonymous-ip": {"free": 1, "window": 600, "first_delay": 30, "max_delay": 600},
    }
    _, value = new_token(admin)
    _, second = new_token(admin, name="Autre script")
    url = f"/api/v1/organisations/{admin.organisation.pk}"

    statuses = [client.get(url, **bearer(value)).status_code for _ in range(3)]
    # Simulations count per token too, not per IP (whose anonymous limit is one call here).
    limited = client.post("/api/v1/simulations/person", PERSON, content_type="application/json", **bearer(value))

    assert statuses == [200, 200, 200]
    assert limited.status_code == 429
    assert 25 <= int(limited["Retry-After"]) <= 30
    assert client.get(url, **bearer(second)).status_code == 200  # another token is not held
    two = [
        client.post("/api/v1/simulations/person", PERSON, content_type="application/json", **bearer(second))
        for _ in range(2)
    ]
    assert [r.status_code for r in two] == [200, 200]


def test_token_use_and_the_writes_made_with_it_are_in_the_audit_log(client, admin, settings):
    settings.API_TOKEN_USE_AUDIT_INTERVAL = 3600
    token, value = new_token(admin)
    url = f"/api/v1/organisations/{admin.organisation.pk}"

    for _ in range(3):
        client.get(url, **bearer(value))
    client.patch(url, {"name": "Nouveau nom"}, content_type="application/json", **bearer(value))

    used = AuditEvent.objects.filter(action=AuditAction.API_TOKEN_USED)
    assert [(e.actor, e.details["token"], e.details["call"]) for e in used] == [
        (admin.user, token.prefix, f"GET {url}")
    ]
    change = AuditEvent.objects.get(action=AuditAction.ORGANISATION_CHANGED)
    assert change.details["token"] == token.prefix
    assert AuditEvent.objects.filter(action=AuditAction.API_TOKEN_CREATED, details__token=token.prefix).exists()
    token.refresh_from_db()
    assert token.last_used_at is not None

    # Past the interval, the next use is recorded again.
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now() - timedelta(hours=2))
    client.get(url, **bearer(value))
    assert AuditEvent.objects.filter(action=AuditAction.API_TOKEN_USED).count() == 2


def test_a_token_opens_only_the_owner_s_organisations_for_a_valid_time(admin):
    stranger_organisation = OrganisationFactory()
    with pytest.raises(ValidationError) as refused:
        new_token(admin, organisations=[admin.organisation, stranger_organisation])
    assert "organisations" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        new_token(admin, organisations=[])
    assert "organisations" in refused.value.error_dict
    for days in (0, 366):
        with pytest.raises(ValidationError) as refused:
            new_token(admin, days=days)
        assert "days" in refused.value.error_dict
    with pytest.raises(ValidationError):
        new_token(admin, name="   ")


def test_active_tokens_per_person_are_capped(admin, settings):
    settings.API_TOKEN_MAX_ACTIVE = 2
    first, _ = new_token(admin)
    new_token(admin)
    with pytest.raises(ValidationError):
        new_token(admin)
    services.revoke_token(token=first, actor=admin.user)
    new_token(admin)


def test_a_consultant_s_token_reads_the_accompanied_organisation_and_loses_it_with_the_access(client):
    from teletravail.apps.accounts.models import PlatformRole
    from teletravail.apps.organisations.models import ConsultantAccess

    organisation = OrganisationFactory()
    granted_by = MembershipFactory(organisation=organisation, role="employer_admin").user
    consultant = UserFactory(platform_role=PlatformRole.CONSULTANT)
    access = ConsultantAccess.objects.create(organisation=organisation, consultant=consultant, granted_by=granted_by)
    _, value = new_token(consultant, organisations=[organisation])

    assert client.get(f"/api/v1/organisations/{organisation.pk}", **bearer(value)).status_code == 200
    access.revoked_at = timezone.now()
    access.save()
    assert client.get(f"/api/v1/organisations/{organisation.pk}", **bearer(value)).status_code == 404


def test_an_answer_to_a_token_is_kept_by_no_cache(client, admin):
    _, value = new_token(admin)
    response = client.get(f"/api/v1/organisations/{admin.organisation.pk}/members", **bearer(value))
    assert response.status_code == 200
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
