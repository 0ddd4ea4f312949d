"""The organisation API answers 404 for anything outside the caller's organisations, however it is asked."""

import pytest
from django.utils import timezone

from teletravail.apps.organisations.models import ConsultantAccess, Site
from tests.factories import MembershipFactory, OrganisationFactory, TeamFactory, UserFactory, make_commune


pytestmark = pytest.mark.django_db


@pytest.fixture
def two_organisations(db):
    commune = make_commune()
    mine, other = OrganisationFactory(name="La mienne"), OrganisationFactory(name="L'autre")
    admin = MembershipFactory(organisation=mine, role="employer_admin")
    other_admin = MembershipFactory(organisation=other, role="employer_admin")
    Site.objects.create(organisation=other, name="Siège", commune=commune)
    TeamFactory(organisation=other)
    return mine, other, admin.user, other_admin.user


ORG_SCOPED = ["", "/sites", "/teams", "/members"]


@pytest.mark.parametrize("suffix", ORG_SCOPED)
def test_another_organisation_is_not_found(client, two_organisations, suffix):
    mine, other, me, _ = two_organisations
    client.force_login(me)
    response = client.get(f"/api/v1/organisations/{other.pk}{suffix}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Ressource introuvable."}
    assert other.name not in response.content.decode()


@pytest.mark.parametrize("suffix", ORG_SCOPED)
def test_guessed_ids_answer_exactly_like_missing_ones(client, two_organisations, suffix):
    _, other, me, _ = two_organisations
    client.force_login(me)
    missing = client.get(f"/api/v1/organisations/999999{suffix}")
    existing = client.get(f"/api/v1/organisations/{other.pk}{suffix}")
    assert (missing.status_code, missing.json()) == (existing.status_code, existing.json())


def test_list_shows_only_my_organisations(client, two_organisations):
    mine, _, me, _ = two_organisations
    client.force_login(me)
    data = client.get("/api/v1/organisations").json()
    assert [(o["id"], o["my_role"]) for o in data] == [(mine.pk, "employer_admin")]


def test_anonymous_callers_must_authenticate(client, two_organisations):
    mine, *_ = two_organisations
    response = client.get(f"/api/v1/organisations/{mine.pk}")
    assert response.status_code == 401
    assert response.json() == {"detail": "Authentification requise."}


def test_members_visible_to_admin_and_refused_to_employee(client, two_organisations):
    mine, _, me, _ = two_organisations
    employee = MembershipFactory(organisation=mine, role="employee")
    client.force_login(me)
    emails = {m["email"] for m in client.get(f"/api/v1/organisations/{mine.pk}/members").json()}
    assert emails == {me.email, employee.user.email}
    client.force_login(employee.user)
    response = client.get(f"/api/v1/organisations/{mine.pk}/members")
    assert response.status_code == 403


def test_manager_sees_only_members_of_managed_teams(client, two_organisations):
    mine, *_ = two_organisations
    managed, other_team = TeamFactory(organisation=mine), TeamFactory(organisation=mine)
    manager = MembershipFactory(organisation=mine, role="manager")
    manager.managed_teams.add(managed)
    in_team = MembershipFactory(organisation=mine, team=managed)
    MembershipFactory(organisation=mine, team=other_team)
    client.force_login(manager.user)
    emails = {m["email"] for m in client.get(f"/api/v1/organisations/{mine.pk}/members").json()}
    assert emails == {in_team.user.email}


def test_consultant_access_holds_only_until_revoked(client, two_organisations):
    mine, _, me, _ = two_organisations
    consultant = UserFactory(platform_role="consultant")
    access = ConsultantAccess.objects.create(organisation=mine, consultant=consultant, granted_by=me)
    client.force_login(consultant)
    detail = client.get(f"/api/v1/organisations/{mine.pk}")
    assert detail.status_code == 200 and detail.json()["via_consultant_access"] is True
    assert client.get(f"/api/v1/organisations/{mine.pk}/members").status_code == 404
    access.revoked_at = timezone.now()
    access.save()
    assert client.get(f"/api/v1/organisations/{mine.pk}").status_code == 404
    assert client.get("/api/v1/organisations").json() == []


def test_an_inactive_account_loses_access(client, two_organisations):
    mine, _, me, _ = two_organisations
    client.force_login(me)
    me.is_active = False
    me.save()
    assert client.get(f"/api/v1/organisations/{mine.pk}").status_code in (401, 404)


def snapshot(organisation):
    organisation.refresh_from_db()
    return (
        organisation.name,
        organisation.siret,
        organisation.headcount,
        sorted(organisation.teams.values_list("name", flat=True)),
    )


def test_another_organisation_cannot_be_changed_through_the_api(client, two_organisations):
    _, other, me, _ = two_organisations
    before = snapshot(other)
    client.force_login(me)
    patch = client.patch(f"/api/v1/organisations/{other.pk}", {"name": "Piratée"}, content_type="application/json")
    post = client.post(f"/api/v1/organisations/{other.pk}/teams", {"name": "Intrus"}, content_type="application/json")
    assert (patch.status_code, post.status_code) == (404, 404)
    assert snapshot(other) == before


def test_a_site_of_another_organisation_cannot_be_attached_to_my_team(client, two_organisations):
    mine, other, me, _ = two_organisations
    client.force_login(me)
    response = client.post(
        f"/api/v1/organisations/{mine.pk}/teams",
        {"name": "Équipe", "site_id": other.sites.get().pk},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert not mine.teams.exists()


def test_admin_changes_the_organisation_and_the_change_is_audited(client, two_organisations):
    from teletravail.apps.audit.models import AuditAction, AuditEvent

    mine, _, me, _ = two_organisations
    client.force_login(me)
    response = client.patch(
        f"/api/v1/organisations/{mine.pk}", {"headcount": 60, "naf_code": "70.22Z"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["headcount"] == 60
    event = AuditEvent.objects.get(action=AuditAction.ORGANISATION_CHANGED, organisation=mine)
    assert event.details["changes"]["headcount"] == [42, 60]


def test_invalid_siret_is_refused_in_french_and_nothing_changes(client, two_organisations):
    mine, _, me, _ = two_organisations
    before = snapshot(mine)
    client.force_login(me)
    response = client.patch(
        f"/api/v1/organisations/{mine.pk}", {"siret": "12345678901234"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["erreurs"][0]["champ"] == "siret"
    assert "clé de contrôle" in response.json()["erreurs"][0]["message"]
    assert snapshot(mine) == before


def test_badly_typed_input_gets_a_french_400(client, two_organisations):
    mine, _, me, _ = two_organisations
    client.force_login(me)
    response = client.patch(
        f"/api/v1/organisations/{mine.pk}", {"headcount": "beaucoup"}, content_type="application/json"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Données invalides."
    assert body["erreurs"] == [{"champ": "headcount", "message": "Un nombre entier est attendu."}]


def test_employee_cannot_change_the_organisation(client, two_organisations):
    mine, *_ = two_organisations
    employee = MembershipFactory(organisation=mine, role="employee")
    before = snapshot(mine)
    client.force_login(employee.user)
    response = client.post(f"/api/v1/organisations/{mine.pk}/teams", {"name": "X"}, content_type="application/json")
    assert response.status_code == 403
    assert "administrateurs employeur" in response.json()["detail"]
    assert snapshot(mine) == before


def test_writes_require_the_csrf_token_for_session_callers(two_organisations):
    from django.test import Client

    mine, _, me, _ = two_organisations
    client = Client(enforce_csrf_checks=True)
    client.force_login(me)
    response = client.post(f"/api/v1/organisations/{mine.pk}/teams", {"name": "X"}, content_type="application/json")
    assert response.status_code == 403
    assert not mine.teams.exists()


def test_admin_creates_a_team_on_one_of_its_sites(client, two_organisations):
    mine, _, me, _ = two_organisations
    site = Site.objects.create(organisation=mine, name="Siège", commune=make_commune())
    client.force_login(me)
    response = client.post(
        f"/api/v1/organisations/{mine.pk}/teams",
        {"name": "Compta", "site_id": site.pk},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert mine.teams.get().site == site
    duplicate = client.post(
        f"/api/v1/organisations/{mine.pk}/teams", {"name": "compta"}, content_type="application/json"
    )
    assert duplicate.status_code == 409
