"""The organisation API answers 404 for anything outside the caller's organisations, however it is asked."""

import pytest
from django.utils import timezone

from teletravail.apps.organisations.models import ConsultantAccess, Site
from tests.factories import MembershipFactory, OrganisationFactory, TeamFactory, UserFactory, make_commune


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
