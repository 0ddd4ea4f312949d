import html
import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from teletravail.apps.accounts.models import User
from teletravail.apps.audit.models import AuditAction, AuditEvent
from teletravail.apps.jobs.models import Job
from teletravail.apps.organisations import csv_import
from teletravail.apps.organisations.csv_import import NO_COMMUNE
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
from tests.world import organisation_urls, url_for


STRONG_PASSWORD = "Télétravail-2025-solide"


def signup_data(**overrides):
    data = {
        "full_name": "Alice Durand",
        "email": "Alice.Durand@Exemple.fr",
        "password1": STRONG_PASSWORD,
        "password2": STRONG_PASSWORD,
        "name": "Coopérative Durand",
        "siret": " ".join(re.findall(".{1,3}", valid_siret(9001))),
        "sector": "prive",
        "headcount": "25",
        "naf_code": "6201z",
        "site_name": "Siège",
        "site_commune": "42218",
    }
    data.update(overrides)
    return data


# --- Creating an organisation -----------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.django_db
@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"siret": "12345678901234"}, "siret", "clé de contrôle"),
        ({"siret": "1234"}, "siret", "14 chiffres"),
        ({"password2": "autre-chose-encore"}, "password2", "pas identiques"),
        ({"password1": "court", "password2": "court"}, "password1", "trop court"),
        ({"naf_code": "62-01"}, "naf_code", "62.01Z"),
        ({"site_commune": "99999"}, "site_commune", "Commune inconnue"),
    ],
)
def test_signup_errors_are_french_and_create_nothing(client, places, overrides, field, message):
    response = client.post(reverse("organisations:create"), signup_data(**overrides))

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Organisation.objects.exists()
    assert not User.objects.filter(email="alice.durand@exemple.fr").exists()


@pytest.mark.django_db
def test_signed_in_user_creates_another_organisation(client, world):
    client.force_login(world.admin.user)
    page = client.get(reverse("organisations:create"))
    assert "password1" not in page.context["form"].fields

    data = {k: v for k, v in signup_data().items() if k not in ("full_name", "email", "password1", "password2")}
    response = client.post(reverse("organisations:create"), data)

    organisation = Organisation.objects.get(name="Coopérative Durand")
    assert response.status_code == 302
    assert organisation.memberships.get().user == world.admin.user


@pytest.mark.django_db
@pytest.mark.parametrize(
    "email, french",
    [("alice@exemple.fr", "en tant qu'alice@exemple.fr :"), ("bruno@exemple.fr", "en tant que bruno@exemple.fr :")],
)
def test_the_create_page_elides_que_before_the_address_in_french_only(client, email, french):
    client.force_login(UserFactory(email=email))
    page = html.unescape(client.get(reverse("organisations:create")).content.decode())
    assert f"Vous êtes connecté·e {french}" in page
    english = html.unescape(client.get(reverse("organisations:create"), HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert f"You are signed in as {email}: you will be" in english


@pytest.mark.django_db
def test_the_invitation_page_elides_que_before_the_other_account_in_french_only(client, world):
    client.force_login(UserFactory(email="eve@exemple.fr"))
    url = reverse("organisations:invitation_accept", args=[world.invitation.token])
    assert "Vous êtes connecté·e en tant qu'eve@exemple.fr." in html.unescape(client.get(url).content.decode())
    english = html.unescape(client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert "You are signed in as eve@exemple.fr. Sign out" in english


# --- Every page opens for an employer admin ---------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url", organisation_urls("organisations"), ids=lambda url: url[0])
def test_admin_opens_every_page(client, world, url):
    name, arguments, _methods = url
    client.force_login(world.admin.user)
    response = client.get(url_for(name, arguments, world.organisation, world))
    assert response.status_code == 200


@pytest.mark.django_db
def test_navigation_shows_only_permitted_entries(client, world):
    members_url = reverse("organisations:members", args=[world.organisation.pk])
    settings_url = reverse("organisations:settings", args=[world.organisation.pk])

    client.force_login(world.admin.user)
    admin_page = client.get(members_url).content.decode()
    assert settings_url in admin_page
    assert reverse("organisations:audit_log", args=[world.organisation.pk]) in admin_page

    client.force_login(world.manager.user)
    manager_page = client.get(members_url).content.decode()
    assert 'aria-current="page"' in manager_page
    assert settings_url not in manager_page
    assert reverse("organisations:members_import", args=[world.organisation.pk]) not in manager_page


# --- Settings, sites, teams -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_edits_the_organisation(client, world):
    client.force_login(world.admin.user)
    url = reverse("organisations:settings", args=[world.organisation.pk])
    response = client.post(
        url, {"name": "Nouveau nom", "siret": world.organisation.siret, "sector": "public", "headcount": "60"}
    )

    assert response.status_code == 302
    world.organisation.refresh_from_db()
    assert (world.organisation.name, world.organisation.sector, world.organisation.headcount) == (
        "Nouveau nom",
        "public",
        60,
    )
    event = AuditEvent.objects.get(action=AuditAction.ORGANISATION_CHANGED, organisation=world.organisation)
    assert event.details["changes"]["name"] == ["Organisation A", "Nouveau nom"]


@pytest.mark.django_db
def test_site_and_team_lifecycle(client, world):
    client.force_login(world.admin.user)
    org = world.organisation.pk

    client.post(reverse("organisations:site_create", args=[org]), {"name": "Annexe", "commune": "42218", "desks": "4"})
    annexe = Site.objects.get(organisation=world.organisation, name="Annexe")
    assert annexe.desks == 4

    duplicate = client.post(reverse("organisations:site_create", args=[org]), {"name": "annexe", "commune": "42218"})
    assert "déjà" in duplicate.context["form"].errors["name"][0]

    client.post(reverse("organisations:team_create", args=[org]), {"name": "Support", "site": annexe.pk})
    support = Team.objects.get(organisation=world.organisation, name="Support")
    assert support.site == annexe

    refused = client.post(reverse("organisations:site_delete", args=[org, annexe.pk]))
    assert refused.status_code == 400
    assert "« Support »" in refused.content.decode()
    assert Site.objects.filter(pk=annexe.pk).exists()

    client.post(reverse("organisations:team_update", args=[org, support.pk]), {"name": "Support client", "site": ""})
    support.refresh_from_db()
    assert (support.name, support.site) == ("Support client", None)
    client.post(reverse("organisations:site_delete", args=[org, annexe.pk]))
    assert not Site.objects.filter(pk=annexe.pk).exists()
    client.post(reverse("organisations:team_delete", args=[org, support.pk]))
    assert not Team.objects.filter(pk=support.pk).exists()
    assert AuditEvent.objects.filter(action=AuditAction.ORGANISATION_CHANGED).count() == 5


@pytest.mark.django_db
def test_team_form_offers_only_own_sites(client, world, other_world):
    client.force_login(world.admin.user)
    response = client.post(
        reverse("organisations:team_create", args=[world.organisation.pk]),
        {"name": "Intrus", "site": other_world.site.pk},
    )
    assert response.status_code == 200
    assert "site" in response.context["form"].errors
    assert not Team.objects.filter(name="Intrus").exists()


# --- Members ----------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_sees_every_member_manager_only_their_teams(client, world):
    url = reverse("organisations:members", args=[world.organisation.pk])
    client.force_login(world.admin.user)
    assert (
        len(client.get(url).context["memberships"]) == 6
    )  # the admin, the manager, the three of the team and the outsider

    client.force_login(world.manager.user)
    listed = {m.pk for m in client.get(url).context["memberships"]}
    assert world.employee.pk in listed
    assert world.outsider_employee.pk not in listed
    assert world.admin.pk not in listed


@pytest.mark.django_db
def test_invite_sends_a_link_that_creates_the_account(client, world, mailoutbox, run_jobs):
    client.force_login(world.admin.user)
    response = client.post(
        reverse("organisations:member_invite", args=[world.organisation.pk]),
        {
            "email": "Nouvelle@Exemple.fr",
            "full_name": "Nina Nouvelle",
            "role": Role.MANAGER,
            "team": world.team.pk,
            "managed_teams": [world.team.pk, world.other_team.pk],
            "home_commune": "69383",
        },
    )
    run_jobs()  # the e-mails are sent by jobs
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="nouvelle@exemple.fr")
    assert len(mailoutbox) == 1
    accept_path = reverse("organisations:invitation_accept", args=[invitation.token])
    assert accept_path in mailoutbox[0].body
    assert "Organisation A" in mailoutbox[0].subject

    client.logout()
    page = client.get(accept_path)
    assert page.status_code == 200
    assert page.context["form"].initial["full_name"] == "Nina Nouvelle"
    response = client.post(
        accept_path, {"full_name": "Nina Nouvelle", "password1": STRONG_PASSWORD, "password2": STRONG_PASSWORD}
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="nouvelle@exemple.fr")
    assert membership.role == Role.MANAGER
    assert membership.home_commune_id == "69383"
    assert set(membership.managed_teams.all()) == {world.team, world.other_team}
    assert int(client.session["_auth_user_id"]) == membership.user_id

    used = client.get(accept_path)
    assert used.status_code == 410
    assert "déjà été utilisée" in used.content.decode()


@pytest.mark.django_db
def test_invite_refuses_members_and_pending_addresses(client, world):
    client.force_login(world.admin.user)
    url = reverse("organisations:member_invite", args=[world.organisation.pk])
    for email, message in [(world.employee.user.email, "déjà membre"), (world.invitation.email, "en attente")]:
        response = client.post(url, {"email": email.upper(), "role": Role.EMPLOYEE})
        assert response.status_code == 200
        assert message in response.context["form"].errors["email"][0]
    assert Invitation.objects.filter(organisation=world.organisation).count() == 1


@pytest.mark.django_db
def test_invite_refuses_managed_teams_for_a_non_manager(client, world):
    client.force_login(world.admin.user)
    response = client.post(
        reverse("organisations:member_invite", args=[world.organisation.pk]),
        {"email": "x@exemple.fr", "role": Role.EMPLOYEE, "managed_teams": [world.team.pk]},
    )
    assert "Seuls les managers" in response.context["form"].errors["managed_teams"][0]


@pytest.mark.django_db
def test_existing_account_signs_in_then_accepts(client, world, other_world):
    invitation = Invitation.objects.create(
        organisation=world.organisation,
        email=other_world.employee.user.email,
        role=Role.EMPLOYEE,
        expires_at=timezone.now() + timedelta(days=14),
    )
    url = reverse("organisations:invitation_accept", args=[invitation.token])

    anonymous = client.get(url)
    assert anonymous.context["account_exists"]
    assert anonymous.context["form"] is None
    assert client.post(url).status_code == 200  # Nothing to accept without signing in.
    assert not Membership.objects.filter(organisation=world.organisation, user=other_world.employee.user).exists()

    client.force_login(world.employee.user)  # Someone else.
    assert client.get(url).context["signed_in_as_other"]
    client.post(url)
    assert not Membership.objects.filter(organisation=world.organisation, user=other_world.employee.user).exists()

    client.force_login(other_world.employee.user)
    response = client.post(url)
    assert response.status_code == 302
    assert Membership.objects.filter(organisation=world.organisation, user=other_world.employee.user).exists()


@pytest.mark.django_db
def test_expired_and_unknown_invitations(client, world):
    world.invitation.expires_at = timezone.now() - timedelta(minutes=1)
    world.invitation.save()
    expired = client.get(reverse("organisations:invitation_accept", args=[world.invitation.token]))
    assert expired.status_code == 410
    assert "a expiré" in expired.content.decode()

    unknown = client.get(reverse("organisations:invitation_accept", args=["pas-un-jeton"]))
    assert unknown.status_code == 404
    assert "pas valide" in unknown.content.decode()


@pytest.mark.django_db
def test_edit_and_remove_membership(client, world):
    client.force_login(world.admin.user)
    org = world.organisation.pk
    response = client.post(
        reverse("organisations:membership_update", args=[org, world.employee.pk]),
        {
            "role": Role.MANAGER,
            "team": world.other_team.pk,
            "managed_teams": [world.other_team.pk],
            "home_commune": "",
        },
    )
    assert response.status_code == 302
    world.employee.refresh_from_db()
    assert world.employee.role == Role.MANAGER
    assert world.employee.home_commune is None
    event = AuditEvent.objects.get(action=AuditAction.MEMBERSHIP_CHANGED)
    assert event.details["before"]["role"] == Role.EMPLOYEE
    assert event.details["after"]["managed_teams"] == ["Bravo"]

    client.post(reverse("organisations:membership_delete", args=[org, world.employee.pk]))
    assert not Membership.objects.filter(pk=world.employee.pk).exists()
    assert AuditEvent.objects.filter(action=AuditAction.MEMBERSHIP_REMOVED).count() == 1


@pytest.mark.django_db
def test_last_admin_cannot_be_demoted_or_removed(client, world):
    client.force_login(world.admin.user)
    org = world.organisation.pk
    demote = client.post(
        reverse("organisations:membership_update", args=[org, world.admin.pk]), {"role": Role.EMPLOYEE}
    )
    assert "dernière personne à administrer" in " ".join(demote.context["form"].non_field_errors())
    remove = client.post(reverse("organisations:membership_delete", args=[org, world.admin.pk]))
    assert remove.status_code == 400
    assert "dernière personne à administrer" in remove.content.decode()
    world.admin.refresh_from_db()
    assert world.admin.role == Role.EMPLOYER_ADMIN


@pytest.mark.django_db
def test_resend_and_cancel_invitation(client, world, mailoutbox, run_jobs):
    client.force_login(world.admin.user)
    org = world.organisation.pk
    client.post(reverse("organisations:invitation_resend", args=[org, world.invitation.pk]))
    run_jobs()  # the e-mails are sent by jobs
    assert len(mailoutbox) == 1
    client.post(reverse("organisations:invitation_cancel", args=[org, world.invitation.pk]))
    assert not Invitation.objects.filter(pk=world.invitation.pk).exists()


@pytest.mark.django_db
def test_a_pending_invitation_is_corrected_without_a_new_email_when_the_address_stays(
    client, world, places, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(world.admin.user)
    token = world.invitation.token
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("organisations:invitation_update", args=[world.organisation.pk, world.invitation.pk]),
            {
                "email": world.invitation.email,
                "full_name": "Inès Corrigée",
                "role": Role.MANAGER,
                "team": world.other_team.pk,
                "managed_teams": [world.other_team.pk],
                "home_commune": "42218",
            },
        )

    assert response.status_code == 302
    world.invitation.refresh_from_db()
    assert (world.invitation.full_name, world.invitation.role, world.invitation.team) == (
        "Inès Corrigée",
        Role.MANAGER,
        world.other_team,
    )
    assert list(world.invitation.managed_teams.all()) == [world.other_team]
    assert world.invitation.home_commune.code == "42218"
    assert world.invitation.token == token and mailoutbox == []
    assert AuditEvent.objects.filter(action=AuditAction.MEMBER_INVITED, details__changed=True).count() == 1


@pytest.mark.django_db
def test_a_new_address_gets_a_new_link_and_the_old_one_stops_working(client, world, mailoutbox, run_jobs):
    client.force_login(world.admin.user)
    old_link = reverse("organisations:invitation_accept", args=[world.invitation.token])
    client.post(
        reverse("organisations:invitation_update", args=[world.organisation.pk, world.invitation.pk]),
        {"email": "Bonne.Adresse@exemple.fr", "role": Role.EMPLOYEE},
    )
    run_jobs()  # the e-mails are sent by jobs
    world.invitation.refresh_from_db()
    assert world.invitation.email == "bonne.adresse@exemple.fr"
    assert [mail.to for mail in mailoutbox] == [["bonne.adresse@exemple.fr"]]
    assert world.invitation.token in mailoutbox[0].body
    client.logout()
    assert client.get(old_link).status_code == 404


@pytest.mark.django_db
def test_an_invitation_cannot_take_the_address_of_a_member(client, world):
    client.force_login(world.admin.user)
    response = client.post(
        reverse("organisations:invitation_update", args=[world.organisation.pk, world.invitation.pk]),
        {"email": world.employee.user.email, "role": Role.EMPLOYEE},
    )
    assert response.status_code == 200
    assert "est déjà membre" in " ".join(response.context["form"].errors["email"])
    world.invitation.refresh_from_db()
    assert world.invitation.email != world.employee.user.email


# --- CSV import -------------------------------------------------------------------------------------------------


def upload(text, name="membres.csv", encoding="utf-8"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def preview_and_confirm(client, organisation, text, choices=None, encoding="utf-8"):
    """Upload the file (the preview), then confirm it with the communes chosen: (preview, confirmation)."""
    preview = client.post(
        reverse("organisations:members_import", args=[organisation.pk]), {"file": upload(text, encoding=encoding)}
    )
    assert preview.status_code == 200, preview.context["errors"]
    confirmation = client.post(
        reverse("organisations:members_import_confirm", args=[organisation.pk]),
        {"token": preview.context["token"], **(choices or {})},
    )
    return preview, confirmation


@pytest.mark.django_db
def test_csv_import_creates_teams_and_invitations(client, world, mailoutbox, run_jobs):
    client.force_login(world.admin.user)
    text = (
        "\ufeffemail;nom;equipe;role;commune_residence\n"
        "a@exemple.fr;Anne A;Nouvelle équipe;manager;42218\n"
        "b@exemple.fr;Bob B;alpha;SALARIE;\n"
    )
    _preview, response = preview_and_confirm(client, world.organisation, text)
    run_jobs()  # the e-mails are sent by jobs
    assert response.status_code == 200
    assert [t.name for t in response.context["result"].teams_created] == ["Nouvelle équipe"]
    anne = Invitation.objects.get(email="a@exemple.fr")
    assert anne.role == Role.MANAGER
    assert [t.name for t in anne.managed_teams.all()] == ["Nouvelle équipe"]
    assert Invitation.objects.get(email="b@exemple.fr").team == world.team  # Matched regardless of case.
    assert len(mailoutbox) == 2
    event = AuditEvent.objects.get(action=AuditAction.MEMBERS_IMPORTED)
    assert event.details["invitations"] == 2
    assert event.details["teams_created"] == 1


@pytest.mark.django_db
def test_csv_import_shows_a_preview_and_sends_nothing_before_confirmation(
    client, world, rhone_geography, mailoutbox, run_jobs
):
    """Issue: 69100 (Villeurbanne's postal code) became Irigny and 69003 Albigny, and every invitation left at once."""
    client.force_login(world.admin.user)
    text = (
        "email,nom,equipe,role,commune_residence\n"
        "a@exemple.fr,Anne,Nouvelle équipe,salarie,69100\n"
        "b@exemple.fr,Bob,,salarie,69003\n"
        "c@exemple.fr,Chloé,,salarie,Villeurbanne\n"
        "d@exemple.fr,Dan,,salarie,69266\n"
    )
    before = Invitation.objects.count()
    preview = client.post(
        reverse("organisations:members_import", args=[world.organisation.pk]), {"file": upload(text)}
    )
    run_jobs()  # the e-mails are sent by jobs
    assert preview.status_code == 200
    assert Invitation.objects.count() == before and not Job.objects.exists() and mailoutbox == []
    rows = {item.row.email: item for item in preview.context["preview"]}
    assert [code for code, _label in rows["a@exemple.fr"].choices] == ["69266", "69100"]
    assert rows["a@exemple.fr"].to_choose
    assert [code for code, _label in rows["b@exemple.fr"].choices] == ["69383", "69123", "69003"]
    assert rows["c@exemple.fr"].commune.code == "69266" and rows["d@exemple.fr"].commune.code == "69266"
    assert preview.context["new_teams"] == ["Nouvelle équipe"]
    page = preview.content.decode()
    assert "Villeurbanne (69), code postal" in page and "Irigny (69), code INSEE" in page
    assert "Lyon 3e Arrondissement (69), code postal" in page

    token = preview.context["token"]
    confirm_url = reverse("organisations:members_import_confirm", args=[world.organisation.pk])
    missing_choice = client.post(confirm_url, {"token": token, "commune_2": "69266"})
    assert missing_choice.status_code == 400
    assert "choisissez la commune que désigne « 69003 »" in missing_choice.context["errors"][0]
    assert Invitation.objects.count() == before

    confirmed = client.post(confirm_url, {"token": token, "commune_2": "69266", "commune_3": "69383"})
    run_jobs()  # the e-mails are sent by jobs
    assert confirmed.status_code == 200
    communes = dict(Invitation.objects.filter(email__in=rows).values_list("email", "home_commune__name"))
    assert communes == {
        "a@exemple.fr": "Villeurbanne",
        "b@exemple.fr": "Lyon 3e Arrondissement",
        "c@exemple.fr": "Villeurbanne",
        "d@exemple.fr": "Villeurbanne",
    }
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(rows)


@pytest.mark.django_db
def test_an_ambiguous_code_may_be_left_without_commune(client, world, rhone_geography):
    client.force_login(world.admin.user)
    text = "email,nom,role,commune_residence\na@exemple.fr,Anne,salarie,69100\n"
    _preview, confirmed = preview_and_confirm(client, world.organisation, text, {"commune_2": NO_COMMUNE})
    assert confirmed.status_code == 200
    assert Invitation.objects.get(email="a@exemple.fr").home_commune is None


@pytest.mark.django_db
def test_a_stale_preview_is_refused(client, world):
    client.force_login(world.admin.user)
    response = client.post(
        reverse("organisations:members_import_confirm", args=[world.organisation.pk]), {"token": "ancien"}
    )
    assert response.status_code == 302
    assert not Invitation.objects.filter(email="a@exemple.fr").exists()


@pytest.mark.django_db
def test_csv_import_lists_errors_and_writes_nothing(client, world):
    client.force_login(world.admin.user)
    text = "email,nom,equipe,role,commune_residence\nok@exemple.fr,Ok,,salarie,\nko@exemple.fr,Ko,,chef,\n"
    response = client.post(
        reverse("organisations:members_import", args=[world.organisation.pk]), {"file": upload(text)}
    )

    assert response.status_code == 400
    assert response.context["errors"] == [
        "Ligne 3, colonne role : « chef » n'est pas un rôle reconnu (administrateur, manager, salarie)."
    ]
    assert "Ligne 3, colonne role" in response.content.decode()
    assert not Invitation.objects.filter(email="ok@exemple.fr").exists()


@pytest.mark.django_db
def test_csv_import_accepts_a_windows_1252_file(client, world, django_capture_on_commit_callbacks):
    """A Windows-1252 file (French Excel's « CSV ») was refused here while the staff simulator accepted it."""
    client.force_login(world.admin.user)
    text = "email;nom;equipe;role;commune_residence\nzoe@exemple.fr;Zoé Lefèvre;Bravo;salarié;42218\n"
    with django_capture_on_commit_callbacks(execute=True):
        _preview, confirmed = preview_and_confirm(client, world.organisation, text, encoding="cp1252")
    assert confirmed.status_code == 200
    invitation = Invitation.objects.get(email="zoe@exemple.fr")
    assert (invitation.full_name, invitation.team, invitation.home_commune.code) == (
        "Zoé Lefèvre",
        world.other_team,
        "42218",
    )


@pytest.mark.django_db
def test_example_csv_is_downloadable_and_valid(client, world):
    client.force_login(world.admin.user)
    response = client.get(reverse("organisations:members_import_template", args=[world.organisation.pk]))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    result = csv_import.validate_members_csv(response.content.decode("utf-8"), world.organisation)
    assert result.errors == []
    assert len(result.rows) == 4


# --- Consultants ------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_grant_and_revoke_consultant_access(client, world):
    client.force_login(world.admin.user)
    org = world.organisation.pk
    consultant = UserFactory(platform_role="consultant")
    journey = reverse("home:journey", args=[org])

    client.post(reverse("organisations:consultants", args=[org]), {"email": consultant.email.upper()})
    grant = ConsultantAccess.objects.get(consultant=consultant)

    page = client.get(reverse("organisations:consultants", args=[org]))
    assert consultant.email in page.content.decode()

    client.force_login(consultant)
    assert client.get(journey).status_code == 200
    assert client.get(reverse("organisations:members", args=[org])).status_code == 403

    client.force_login(world.admin.user)
    client.post(reverse("organisations:consultant_revoke", args=[org, grant.pk]))
    grant.refresh_from_db()
    assert grant.revoked_by == world.admin.user

    client.force_login(consultant)
    assert client.get(journey).status_code == 404


@pytest.mark.django_db
def test_grant_refuses_non_consultants(client, world):
    client.force_login(world.admin.user)
    response = client.post(
        reverse("organisations:consultants", args=[world.organisation.pk]), {"email": world.employee.user.email}
    )
    assert "Aucun compte consultant" in response.context["form"].errors["email"][0]
    assert ConsultantAccess.objects.filter(organisation=world.organisation).count() == 1


@pytest.mark.django_db
def test_admin_stepping_down_lands_on_the_journey(client, world):
    world.manager.role = Role.EMPLOYER_ADMIN
    world.manager.save()
    client.force_login(world.admin.user)
    response = client.post(
        reverse("organisations:membership_update", args=[world.organisation.pk, world.admin.pk]),
        {"role": Role.EMPLOYEE},
    )
    assert response["Location"] == reverse("home:journey", args=[world.organisation.pk])
    world.admin.refresh_from_db()
    assert world.admin.role == Role.EMPLOYEE


@pytest.mark.django_db
@pytest.mark.parametrize(
    "index, french, english",
    [
        (0, "Adhésion d'Alice Essai", "Membership of Alice Essai"),
        (1, "Adhésion de Bruno Essai", "Membership of Bruno Essai"),
    ],
)
def test_the_membership_page_elides_de_before_the_name_in_french_only(client, world, index, french, english):
    client.force_login(world.admin.user)
    address = reverse("organisations:membership_update", args=[world.organisation.pk, world.members[index].pk])
    assert f"<h1>{french}</h1>" in html.unescape(client.get(address).content.decode())
    assert f"<h1>{english}</h1>" in html.unescape(client.get(address, HTTP_ACCEPT_LANGUAGE="en").content.decode())


@pytest.mark.django_db
def test_cancelling_an_invitation_elides_de_before_the_address(client, world):
    client.force_login(world.admin.user)
    address = reverse("organisations:invitation_cancel", args=[world.organisation.pk, world.invitation.pk])
    page = html.unescape(client.get(address).content.decode())
    assert "Annuler l'invitation d'invitee-a@exemple.fr" in page
    done = html.unescape(client.post(address, follow=True).content.decode())
    assert "L'invitation d'invitee-a@exemple.fr est annulée." in done
