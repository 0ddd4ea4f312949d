from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from teletravail.apps.accounts.models import PlatformRole, User
from teletravail.apps.audit.models import AuditAction, AuditEvent
from teletravail.apps.jobs.models import Job
from teletravail.apps.organisations import services
from teletravail.apps.organisations.models import (
    ConsultantAccess,
    Invitation,
    Membership,
    Organisation,
    Role,
    Site,
    Team,
)
from tests.factories import UserFactory, valid_siret


def events(action, organisation=None):
    queryset = AuditEvent.objects.filter(action=action)
    return queryset.filter(organisation=organisation) if organisation else queryset


# --- Sign-up ----------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_sign_up_creates_account_organisation_site_and_admin(places):
    user = services.sign_up_with_organisation(
        full_name="Alice",
        email=" Alice@Exemple.FR ",
        password="un-mot-de-passe-solide",
        name="Alice SAS",
        siret=valid_siret(1),
        sector="prive",
        headcount=12,
        naf_code="",
        site_name="Siège",
        site_commune=places["42218"],
    )
    assert user.email == "alice@exemple.fr"
    assert not user.is_active  # until the e-mailed link is opened
    organisation = Organisation.objects.get(siret=valid_siret(1))
    assert Membership.objects.get(user=user, organisation=organisation).role == Role.EMPLOYER_ADMIN
    assert Site.objects.get(organisation=organisation).name == "Siège"
    event = events(AuditAction.ORGANISATION_CREATED, organisation).get()
    assert event.actor == user
    assert event.details["new_account"] is True


@pytest.mark.django_db
def test_sign_up_is_all_or_nothing(places):
    with pytest.raises(ValidationError):
        services.sign_up_with_organisation(
            full_name="Alice",
            email="alice@exemple.fr",
            password="un-mot-de-passe-solide",
            name="Clé fausse",
            siret="12345678901234",
            sector="prive",
            headcount=12,
            site_name="Siège",
            site_commune=places["42218"],
        )
    assert not User.objects.filter(email="alice@exemple.fr").exists()
    assert not Organisation.objects.exists()


# --- Invitations ------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_invite_member(world, mailoutbox, run_jobs):
    invitation = services.invite_member(
        organisation=world.organisation,
        actor=world.admin.user,
        email="Zoe@Exemple.fr",
        full_name="Zoé",
        role=Role.MANAGER,
        team=world.team,
        managed_teams=[world.team],
    )
    assert mailoutbox == []  # sent by a job, not while the request waits
    run_jobs()
    assert invitation.email == "zoe@exemple.fr"
    assert timedelta(days=13, hours=23) < invitation.expires_at - timezone.now() <= timedelta(days=14)
    assert list(invitation.managed_teams.all()) == [world.team]
    assert mailoutbox[0].to == ["zoe@exemple.fr"]
    event = events(AuditAction.MEMBER_INVITED, world.organisation).get()
    assert event.details["email"] == "zoe@exemple.fr"


@pytest.mark.django_db
def test_no_mail_when_the_transaction_is_rolled_back(world, mailoutbox, run_jobs):
    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        services.invite_member(organisation=world.organisation, actor=world.admin.user, email="zoe@exemple.fr")
        raise Abort
    run_jobs()
    assert mailoutbox == [] and not Job.objects.exists()


@pytest.mark.django_db
def test_invite_refuses_member_and_pending_but_replaces_expired(world):
    with pytest.raises(ValidationError, match="déjà membre"):
        services.invite_member(
            organisation=world.organisation, actor=world.admin.user, email=world.employee.user.email.upper()
        )
    with pytest.raises(ValidationError, match="en attente"):
        services.invite_member(organisation=world.organisation, actor=world.admin.user, email=world.invitation.email)

    world.invitation.expires_at = timezone.now() - timedelta(days=1)
    world.invitation.save()
    fresh = services.invite_member(
        organisation=world.organisation, actor=world.admin.user, email=world.invitation.email
    )
    assert fresh.is_pending
    assert not Invitation.objects.filter(pk=world.invitation.pk).exists()


@pytest.mark.django_db
def test_invite_refuses_a_team_of_another_organisation(world, other_world):
    with pytest.raises(ValidationError):
        services.invite_member(
            organisation=world.organisation, actor=world.admin.user, email="x@exemple.fr", team=other_world.team
        )
    assert not Invitation.objects.filter(email="x@exemple.fr").exists()


@pytest.mark.django_db
def test_accept_with_a_new_account(world):
    invitation = services.invite_member(
        organisation=world.organisation,
        actor=world.admin.user,
        email="zoe@exemple.fr",
        role=Role.MANAGER,
        team=world.team,
        managed_teams=[world.other_team],
        home_commune=world.site.commune,
    )
    membership = services.accept_invitation(invitation=invitation, full_name="Zoé", password="mot-de-passe-long")

    assert membership.user.check_password("mot-de-passe-long")
    assert (membership.role, membership.team, membership.home_commune) == (
        Role.MANAGER,
        world.team,
        world.site.commune,
    )
    assert list(membership.managed_teams.all()) == [world.other_team]
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert events(AuditAction.MEMBER_JOINED, world.organisation).get().actor == membership.user

    with pytest.raises(services.InvitationUnavailable, match="déjà été utilisée"):
        services.accept_invitation(invitation=invitation, full_name="Zoé", password="mot-de-passe-long")


@pytest.mark.django_db
def test_accept_with_an_existing_account_must_be_that_account(world, other_world):
    invitation = services.invite_member(
        organisation=world.organisation, actor=world.admin.user, email=other_world.admin.user.email
    )
    with pytest.raises(ValidationError, match="connectez-vous"):
        services.accept_invitation(invitation=invitation, password="x" * 12)
    with pytest.raises(ValidationError, match="adressée à"):
        services.accept_invitation(invitation=invitation, user=world.employee.user)
    membership = services.accept_invitation(invitation=invitation, user=other_world.admin.user)
    assert membership.organisation == world.organisation
    assert membership.role == Role.EMPLOYEE


@pytest.mark.django_db
def test_expired_invitation_cannot_be_accepted(world):
    world.invitation.expires_at = timezone.now() - timedelta(seconds=1)
    world.invitation.save()
    with pytest.raises(services.InvitationUnavailable, match="a expiré"):
        services.accept_invitation(invitation=world.invitation, password="mot-de-passe-long")
    assert not User.objects.filter(email=world.invitation.email).exists()


# --- Memberships ------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_change_membership_records_before_and_after(world):
    services.change_membership(
        membership=world.employee,
        actor=world.admin.user,
        role=Role.MANAGER,
        team=world.team,
        managed_teams=[world.team, world.other_team],
        home_commune=None,
    )
    event = events(AuditAction.MEMBERSHIP_CHANGED, world.organisation).get()
    assert event.details["email"] == world.employee.user.email
    assert event.details["before"] == {
        "role": "employee",
        "team": "Alpha",
        "managed_teams": [],
        "home_commune": "42218",
        "sex": "",
    }
    assert event.details["after"] == {
        "role": "manager",
        "team": "Alpha",
        "managed_teams": ["Alpha", "Bravo"],
        "home_commune": None,
        "sex": "",
    }


@pytest.mark.django_db
def test_a_membership_saved_unchanged_records_nothing(world):
    before = {"role": world.employee.role, "team": world.employee.team, "home_commune": world.employee.home_commune}
    services.change_membership(membership=world.employee, actor=world.admin.user, **before)
    assert not events(AuditAction.MEMBERSHIP_CHANGED).exists()


@pytest.mark.django_db
def test_managed_teams_are_dropped_for_non_managers(world):
    services.change_membership(membership=world.manager, actor=world.admin.user, role=Role.EMPLOYEE, team=world.team)
    assert not world.manager.managed_teams.exists()


@pytest.mark.django_db
def test_last_admin_is_protected(world):
    with pytest.raises(ValidationError, match="dernière personne à administrer"):
        services.change_membership(membership=world.admin, actor=world.admin.user, role=Role.MANAGER)
    with pytest.raises(ValidationError, match="dernière personne à administrer"):
        services.remove_membership(membership=world.admin, actor=world.admin.user)
    world.admin.refresh_from_db()
    assert world.admin.role == Role.EMPLOYER_ADMIN
    assert not events(AuditAction.MEMBERSHIP_CHANGED).exists()
    assert not events(AuditAction.MEMBERSHIP_REMOVED).exists()

    # With a second admin, the first may step down.
    services.change_membership(membership=world.manager, actor=world.admin.user, role=Role.EMPLOYER_ADMIN)
    services.change_membership(membership=world.admin, actor=world.admin.user, role=Role.EMPLOYEE)
    services.remove_membership(membership=world.admin, actor=world.manager.user)
    assert events(AuditAction.MEMBERSHIP_REMOVED, world.organisation).get().details["before"]["role"] == "employee"


@pytest.mark.django_db
def test_cancel_invitation_is_audited(world):
    services.cancel_invitation(invitation=world.invitation, actor=world.admin.user)
    event = events(AuditAction.INVITATION_CANCELLED, world.organisation).get()
    assert event.details == {"email": world.invitation.email, "role": "employee"}
    assert not events(AuditAction.MEMBERSHIP_REMOVED, world.organisation).exists()


# --- Sites and teams --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_site_with_teams_or_last_site_cannot_be_deleted(world):
    with pytest.raises(ValidationError, match="« Alpha »"):
        services.delete_site(site=world.site, actor=world.admin.user)
    services.delete_site(site=world.other_site, actor=world.admin.user)
    world.team.site = None
    world.team.save()
    with pytest.raises(ValidationError, match="le seul"):
        services.delete_site(site=world.site, actor=world.admin.user)
    assert Site.objects.filter(pk=world.site.pk).exists()


@pytest.mark.django_db
def test_a_site_or_team_changed_records_its_state_before_and_after_and_saved_unchanged_nothing(world):
    site, team, admin = world.site, world.team, world.admin.user
    services.update_site(site=site, actor=admin, name=site.name, commune=site.commune, desks=site.desks)
    services.update_team(team=team, actor=admin, name=team.name, site=team.site)
    assert not events(AuditAction.ORGANISATION_CHANGED).exists()

    services.update_site(site=site, actor=admin, name="Siège social", commune=site.commune, desks=12)
    services.update_team(team=team, actor=admin, name="Comptabilité générale", site=None)
    site_event, team_event = events(AuditAction.ORGANISATION_CHANGED, world.organisation).order_by("id")
    assert site_event.actor == admin
    assert (site_event.details["object"], site_event.details["operation"]) == ("site", "changed")
    assert site_event.details["after"] == {**site_event.details["before"], "name": "Siège social", "desks": 12}
    assert (team_event.details["object"], team_event.details["operation"]) == ("team", "changed")
    assert team_event.details["before"] == {"name": "Alpha", "site": "Siège social"}  # renamed just before
    assert team_event.details["after"] == {"name": "Comptabilité générale", "site": None}


@pytest.mark.django_db
def test_deleting_a_team_keeps_its_members(world):
    services.delete_team(team=world.team, actor=world.admin.user)
    world.employee.refresh_from_db()
    assert world.employee.team is None
    assert not world.manager.managed_teams.exists()
    assert events(AuditAction.ORGANISATION_CHANGED, world.organisation).get().details["before"]["members"] == 3


@pytest.mark.django_db
def test_team_names_are_unique_regardless_of_case(world):
    with pytest.raises(ValidationError, match="déjà"):
        services.create_team(organisation=world.organisation, actor=world.admin.user, name="alpha")
    assert Team.objects.filter(organisation=world.organisation).count() == 2


# --- Consultant access ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_grant_and_revoke_consent(world):
    consultant = UserFactory(platform_role=PlatformRole.CONSULTANT)
    access = services.grant_consultant_access(
        organisation=world.organisation, actor=world.admin.user, email=consultant.email.upper()
    )
    assert access.is_active
    assert events(AuditAction.CONSENT_GRANTED, world.organisation).get().details == {"consultant": consultant.email}
    with pytest.raises(ValidationError, match="déjà un accès actif"):
        services.grant_consultant_access(
            organisation=world.organisation, actor=world.admin.user, email=consultant.email
        )

    services.revoke_consultant_access(access=access, actor=world.admin.user)
    access.refresh_from_db()
    assert access.revoked_at is not None
    assert access.revoked_by == world.admin.user
    assert events(AuditAction.CONSENT_REVOKED, world.organisation).count() == 1
    with pytest.raises(ValidationError, match="déjà été révoqué"):
        services.revoke_consultant_access(access=access, actor=world.admin.user)

    again = services.grant_consultant_access(
        organisation=world.organisation, actor=world.admin.user, email=consultant.email
    )
    assert again.pk != access.pk


@pytest.mark.django_db
@pytest.mark.parametrize("case", ["not_consultant", "inactive"])
def test_grant_requires_an_active_consultant_account(world, case):
    email = "personne@exemple.fr"
    if case == "not_consultant":
        UserFactory(email=email, platform_role=PlatformRole.PLACE_OPERATOR)
    elif case == "inactive":
        UserFactory(email=email, platform_role=PlatformRole.CONSULTANT, is_active=False)
    with pytest.raises(ValidationError, match="Aucun compte consultant"):
        services.grant_consultant_access(organisation=world.organisation, actor=world.admin.user, email=email)
    assert ConsultantAccess.objects.filter(organisation=world.organisation).count() == 1
