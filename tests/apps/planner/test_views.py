"""The planner's pages: permissions, the generate → grid → edit → check → publish flow, feeds and exports."""

import html
import io
import re
from datetime import timedelta

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from teletravail.apps.audit.models import AuditEvent
from teletravail.apps.jobs.models import Job
from teletravail.apps.organisations.models import ConsultantAccess, Invitation
from teletravail.apps.planner import selectors, services
from teletravail.apps.planner.models import MemberPlanningProfile, ModeSwitch, Place, PlanStatus, TeamPlan
from tests.apps.planner.factories import PLAN_FORM, next_monday, plan_settings, solved_plan
from tests.apps.planner.ical import parse_calendar
from tests.factories import MembershipFactory, TeamFactory, UserFactory


pytestmark = pytest.mark.django_db


def url(name, world, **kwargs):
    return reverse(f"planner:{name}", kwargs={"organisation_id": world.organisation.pk, **kwargs})


def grid_data(plan, places, revision=None):
    """A grid as posted from the team page, shown at `revision` (by default the plan's current one)."""
    if revision is None:
        revision = TeamPlan.objects.get(pk=plan.pk).revision
    cells = {selectors.cell_id(pk, week, day): where for (pk, week, day), where in places.items()}
    return {"revision": revision, **cells}


@pytest.fixture
def plan(world):
    return solved_plan(team=world.team, actor=world.manager.user)


# --- Permissions -------------------------------------------------------------------------------------------------


def test_outsiders_and_consultants_get_404(client, world, plan):
    outsider = MembershipFactory(role="employer_admin")
    consultant = UserFactory(platform_role="consultant")
    ConsultantAccess.objects.create(organisation=world.organisation, consultant=consultant)
    for user in (outsider.user, consultant):
        client.force_login(user)
        assert client.get(url("index", world)).status_code == 404
        assert client.get(url("team", world, team_id=world.team.pk)).status_code == 404
        assert client.post(url("plan_check", world, plan_id=plan.pk)).status_code == 404


def test_an_employee_cannot_edit_the_team_plan(client, world, plan):
    client.force_login(world.members[0].user)
    places = selectors.stored_places(plan)
    assert client.get(url("plan_create", world, team_id=world.team.pk)).status_code == 403
    assert client.get(url("team_members", world, team_id=world.team.pk)).status_code == 403
    assert client.post(url("plan_grid", world, plan_id=plan.pk), grid_data(plan, places)).status_code == 403
    assert client.post(url("plan_check", world, plan_id=plan.pk), grid_data(plan, places)).status_code == 403
    assert client.post(url("plan_publish", world, plan_id=plan.pk)).status_code == 403
    assert client.get(url("mode", world)).status_code == 403
    # A draft is the manager's business; members see the plan once published, read-only.
    assert client.get(url("plan_export_csv", world, plan_id=plan.pk)).status_code == 403
    services.publish_plan(plan=plan, actor=world.manager.user)
    page = client.get(url("team", world, team_id=world.team.pk)).content.decode()
    assert "Alice Essai" in page and "<select" not in page


def test_a_manager_cannot_plan_a_team_they_do_not_manage(client, world):
    other = MembershipFactory(organisation=world.organisation, role="manager")
    client.force_login(other.user)
    assert client.get(url("plan_create", world, team_id=world.team.pk)).status_code == 403
    assert client.get(url("site", world, site_id=world.site.pk)).status_code == 403


# --- Manager's flow ----------------------------------------------------------------------------------------------


def _solved(client, response, run_jobs):
    """The plan page a submitted solve leads to, once the worker ran it."""
    run_jobs()
    return client.get(response.url)


def test_generate_edit_into_a_violation_see_it_flagged_then_fix_and_publish(client, world, run_jobs):
    client.force_login(world.manager.user)
    response = client.post(
        url("plan_create", world, team_id=world.team.pk), {**PLAN_FORM, "start": next_monday().isoformat()}
    )
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == url("calculation", world, calculation_id=job.pk)
    assert not TeamPlan.objects.filter(team=world.team).exists()  # the solve waits for the worker
    response = _solved(client, response, run_jobs)
    plan = TeamPlan.objects.get(team=world.team)
    assert response.status_code == 302 and response.url.endswith(f"?plan={plan.pk}")
    page = client.get(response.url).content.decode()
    assert "Toutes les règles sont respectées." in page
    assert page.count("<select") == 3 * 2 * 5

    places = selectors.stored_places(plan)
    alice = world.members[0]
    edited = dict(places)
    for day in plan.days:
        edited[alice.pk, 1, day] = Place.REMOTE
    check = client.post(url("plan_check", world, plan_id=plan.pk), grid_data(plan, edited)).json()
    assert check["count"] > 0
    messages = [violation["message"] for violation in check["violations"]]
    assert any("Alice Essai télétravaille 5 jours en semaine 1" in message for message in messages)
    assert "Alice Essai télétravaille 5 jours en semaine 1" in check["html"]  # what the live region shows
    assert selectors.cell_id(alice.pk, 1, "lun") in {t for v in check["violations"] for t in v["targets"]}
    assert selectors.stored_places(plan) == places  # the live check saves nothing

    # Without JavaScript: « Vérifier et enregistrer » saves and the page flags the cells.
    saved = client.post(url("plan_grid", world, plan_id=plan.pk), grid_data(plan, edited), follow=True)
    content = saved.content.decode()
    assert "règles non respectées" in content or "règle non respectée" in content
    cell = re.search(rf'<td id="{selectors.cell_id(alice.pk, 1, "lun")}" class="([^"]*)"', content)
    assert "planner-flagged" in cell.group(1)
    assert "À revoir" in content

    refused = client.post(url("plan_publish", world, plan_id=plan.pk), follow=True).content.decode()
    assert "corrigez" in refused
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT

    client.post(url("plan_grid", world, plan_id=plan.pk), grid_data(plan, places))
    client.post(url("plan_publish", world, plan_id=plan.pk))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED


def test_a_plan_generated_before_invited_members_join_names_who_is_left_out(client, world, run_jobs):
    def invite(email, full_name="", team=world.team, **extra):
        return Invitation.objects.create(
            organisation=world.organisation,
            email=email,
            full_name=full_name,
            team=team,
            invited_by=world.admin.user,
            **{"expires_at": timezone.now() + timedelta(days=14), **extra},
        )

    invite("zoe.leroy@exemple.fr", "Zoé Leroy")
    invite("yann@exemple.fr")
    other_team = TeamFactory(organisation=world.organisation, site=world.site, name="Paie")
    invite("paie@exemple.fr", "Paul Paie", team=other_team)
    invite("parti@exemple.fr", "Pierre Parti", accepted_at=timezone.now())
    invite("expire@exemple.fr", "Émile Expiré", expires_at=timezone.now() - timedelta(days=1))
    client.force_login(world.manager.user)
    response = _solved(
        client,
        client.post(
            url("plan_create", world, team_id=world.team.pk), {**PLAN_FORM, "start": next_monday().isoformat()}
        ),
        run_jobs,
    )
    page = client.get(response.url).content.decode()
    notice = re.search(r'<div class="fr-alert fr-alert--info fr-mb-3w" id="planner-left-out">(.*?)</div>', page, re.S)
    assert notice is not None
    text = " ".join(re.sub(r"<[^>]+>", " ", notice.group(1)).split())
    assert "2 personnes invitées dans l'équipe n'ont pas encore rejoint l'organisation" in text
    assert "Yann" not in text and "yann@exemple.fr" in text
    assert "Zoé Leroy (zoe.leroy@exemple.fr)" in text
    for elsewhere in ("paie@exemple.fr", "parti@exemple.fr", "expire@exemple.fr"):
        assert elsewhere not in page
    # A member of the team, who cannot plan it, sees no one's invitation.
    client.force_login(world.members[0].user)
    assert "zoe.leroy@exemple.fr" not in client.get(response.url).content.decode()


def test_an_infeasible_plan_shows_the_explanation_instead_of_an_error(client, world, run_jobs):
    world.site.desks = 0
    world.site.save()
    client.force_login(world.manager.user)
    submitted = client.post(
        url("plan_create", world, team_id=world.team.pk), {**PLAN_FORM, "start": next_monday().isoformat()}
    )
    run_jobs()
    response = client.get(submitted.url, follow=True)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Aucun planning ne respecte toutes les règles" in content
    assert "Alpha" in content and "bureau" in content


def test_bad_plan_settings_get_french_messages_naming_the_field(client, world):
    client.force_login(world.manager.user)
    tuesday = next_monday() + timedelta(days=1)
    response = client.post(
        url("plan_create", world, team_id=world.team.pk),
        {**PLAN_FORM, "start": tuesday.isoformat(), "fair_rotation_days": ["sam"]},
    )
    form = response.context["form"]
    assert "n'est pas un lundi" in form.errors["start"][0]
    assert form.errors["fair_rotation_days"] == ["Le samedi n'est pas un jour planifié."]
    assert not TeamPlan.objects.exists()


def test_member_rules_set_by_the_manager_are_checked_and_saved(client, world):
    client.force_login(world.manager.user)
    alice = world.members[0]
    target = url("member_profile", world, team_id=world.team.pk, membership_id=alice.pk)
    response = client.post(target, {"telework_days_max": "1", "can_telework": "on", "fixed_remote": ["lun", "mar"]})
    assert response.context["form"].errors["fixed_remote"] == [
        "2 jours de télétravail fixes pour 1 jours éligibles par semaine."
    ]
    client.post(target, {"telework_days_max": "2", "can_telework": "on", "days_off": ["mer"], "fixed_remote": ["lun"]})
    profile = MemberPlanningProfile.objects.get(membership=alice)
    assert (profile.telework_days_max, profile.days_off, profile.fixed_remote) == (2, ["mer"], ["lun"])
    listing = client.get(url("team_members", world, team_id=world.team.pk)).content.decode()
    assert "mercredi" in listing


# --- Employee's schedule, feed and exports ------------------------------------------------------------------------


def test_an_employee_enters_preferences_that_reach_the_engine(client, world):
    alice = world.members[0]
    client.force_login(alice.user)
    response = client.post(url("my_schedule", world), {"preferred_remote": ["ven"], "preferred_on_site": ["ven"]})
    assert response.context["form"].errors["preferred_on_site"] == [
        "Le vendredi est déjà parmi vos jours de télétravail préférés."
    ]
    client.post(url("my_schedule", world), {"preferred_remote": ["ven"], "preferred_on_site": ["mar"]})
    data, _members = selectors.planning_input(TeamPlan(team=world.team, **plan_settings()))
    row = next(row for row in data["employees"] if row["id"] == "Alice Essai")
    assert (row["preferred_remote"], row["preferred_on_site"]) == (["ven"], ["mar"])


def test_the_private_calendar_feed_parses_and_lists_the_published_days(client, world, plan):
    alice = world.members[0]
    services.publish_plan(plan=plan, actor=world.manager.user)
    client.force_login(alice.user)
    client.post(url("calendar_token", world))
    page = client.get(url("my_schedule", world)).content.decode()
    feed_url = re.search(r'id="feed-url" type="text" readonly value="([^"]+)"', page).group(1)
    client.logout()
    response = client.get(feed_url)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    _calendar, events = parse_calendar(response.content.decode("utf-8"))
    places = selectors.stored_places(plan)
    worked = [(week, day) for week in (1, 2) for day in plan.days]
    assert len(events) == len(worked)
    expected = {
        plan.date_of(week, day).strftime("%Y%m%d"): "Sur site – Site Nord"
        if places[alice.pk, week, day] == Place.SITE
        else "Télétravail"
        for week, day in worked
    }
    assert {event["DTSTART"][1]: event["SUMMARY"][1] for event in events} == expected

    client.force_login(alice.user)
    client.post(url("calendar_token", world))
    client.logout()
    assert client.get(feed_url).status_code == 404


def test_a_draft_plan_is_not_in_the_members_feed(client, world, plan):
    profile = services.regenerate_calendar_token(membership=world.members[0])
    response = client.get(reverse("planner:ical_feed", kwargs={"token": profile.calendar_token}))
    assert parse_calendar(response.content.decode())[1] == []


def test_team_and_own_exports_in_csv_and_xlsx(client, world, plan):
    services.publish_plan(plan=plan, actor=world.manager.user)
    client.force_login(world.manager.user)
    team_csv = client.get(url("plan_export_csv", world, plan_id=plan.pk))
    assert team_csv["Content-Disposition"].endswith('.csv"')
    lines = team_csv.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "date;semaine;jour;personne;équipe;site;lieu" and len(lines) == 1 + 30
    team_xlsx = client.get(url("plan_export_xlsx", world, plan_id=plan.pk))
    sheet = openpyxl.load_workbook(io.BytesIO(team_xlsx.content)).active
    assert sheet.max_row == 1 + 30

    client.force_login(world.members[1].user)
    own = client.get(url("my_export_csv", world)).content.decode("utf-8-sig").splitlines()
    assert len(own) == 1 + 10 and all(";Bruno Essai;" in line for line in own[1:])
    own_xlsx = openpyxl.load_workbook(io.BytesIO(client.get(url("my_export_xlsx", world)).content)).active
    assert own_xlsx.max_row == 1 + 10


# --- Cohesion, site and mode ------------------------------------------------------------------------------------


def test_the_team_page_shows_cohesion_indicators_of_the_grid(client, world, plan):
    alice, bruno, chloe = world.members
    places = {}
    for week in (1, 2):
        for day in plan.days:
            places[alice.pk, week, day] = Place.SITE if day in ("lun", "mar") else Place.REMOTE
            places[bruno.pk, week, day] = Place.SITE if day in ("lun", "mer") else Place.REMOTE
            places[chloe.pk, week, day] = Place.SITE if day in ("jeu", "ven") else Place.REMOTE
    services.save_grid(plan=plan, places=places)
    client.force_login(world.manager.user)
    response = client.get(url("team", world, team_id=world.team.pk))
    cohesion = response.context["cohesion"]
    assert cohesion.together_days == [0, 0]
    assert {(member.name, week, day) for member, week, day in cohesion.alone} == {
        (name, week, day) for week in (1, 2) for name, day in (("Alice Essai", "mar"), ("Bruno Essai", "mer"))
    } | {("Chloé Essai", week, day) for week in (1, 2) for day in ("jeu", "ven")}
    assert [(member.name, weeks) for member, weeks in cohesion.isolated] == [("Chloé Essai", 2)]
    content = response.content.decode()
    assert "Chloé Essai ne croise aucun collègue sur site pendant 2 semaines consécutives." in content


def test_the_site_page_shows_the_published_occupancy(client, world, plan):
    services.publish_plan(plan=plan, actor=world.manager.user)
    client.force_login(world.admin.user)
    response = client.get(url("site", world, site_id=world.site.pk), {"debut": next_monday().isoformat()})
    assert response.status_code == 200
    weeks = response.context["weeks"]
    places = selectors.stored_places(plan)
    assert weeks[0]["totals"][0]["count"] == sum(places[m.pk, 1, "lun"] == Place.SITE for m in world.members)


def test_the_exceptional_mode_banner_and_switch(client, world):
    client.force_login(world.admin.user)
    assert "Mode exceptionnel en cours" not in client.get(url("index", world)).content.decode()
    refused = client.post(url("mode", world), {"reason": ""})
    assert "reason" in refused.context["form"].errors
    client.post(url("mode", world), {"target": "exceptionnel", "reason": "Alerte pollution à l'ozone"})
    client.force_login(world.members[0].user)
    page = client.get(url("my_schedule", world)).content.decode()
    assert "Mode exceptionnel en cours" in page and "Alerte pollution à l&#x27;ozone" in page
    client.force_login(world.admin.user)
    client.post(url("mode", world), {"target": "normal", "reason": "Fin de l'alerte"})
    assert "Mode exceptionnel en cours" not in client.get(url("index", world)).content.decode()
    history = client.get(url("mode", world)).content.decode()
    assert "Fin de l&#x27;alerte" in history and world.admin.user.email in history


def test_the_site_page_shows_each_days_desks_to_its_admin_and_the_manager_of_a_team_there(client, world):
    world.site.desks_by_day = {"ven": 2}
    world.site.save()
    plan = solved_plan(team=world.team, actor=world.manager.user)
    services.publish_plan(plan=plan, actor=world.manager.user)
    page_url = url("site", world, site_id=world.site.pk) + f"?debut={next_monday():%Y-%m-%d}"
    for reader in (world.admin, world.manager):
        client.force_login(reader.user)
        page = client.get(page_url).content.decode()
        assert "Certains jours : 2 le vendredi." in page
        desks_row = re.search(r'<th scope="row">Postes de travail</th>(.*?)</tr>', page, re.S).group(1)
        assert re.findall(r"<td>(\d+)</td>", desks_row) == ["10", "10", "10", "10", "2"]
    client.force_login(MembershipFactory(organisation=world.organisation, role="manager").user)
    assert client.get(page_url).status_code == 403


def test_asking_for_the_mode_in_force_changes_nothing(client, world):
    """Two administrators asking for the exceptional mode at once: the second request finds it in force and must
    neither record a second switch nor switch back to the normal mode."""
    client.force_login(world.admin.user)
    client.post(url("mode", world), {"target": "exceptionnel", "reason": "Alerte pollution"})
    again = client.post(url("mode", world), {"target": "exceptionnel", "reason": "Alerte pollution, bis"}, follow=True)
    assert "déjà en mode exceptionnel : rien n&#x27;a changé" in again.content.decode()
    assert selectors.current_mode(world.organisation) == ("exceptionnel", "Alerte pollution")
    assert ModeSwitch.objects.filter(organisation=world.organisation).count() == 1
    assert AuditEvent.objects.filter(action=services.PLANNING_MODE_CHANGED).count() == 1


def test_a_grid_edited_from_an_older_revision_is_refused_with_409_and_shown_again(client, world, plan):
    """Another manager saved the grid after this one opened it: nothing is saved over it, the refused grid stays on
    screen over the current revision, and saving it again replaces the other grid knowingly."""
    client.force_login(world.manager.user)
    opened = TeamPlan.objects.get(pk=plan.pk).revision
    theirs = dict.fromkeys(selectors.stored_places(plan), Place.SITE)
    services.save_grid(plan=TeamPlan.objects.get(pk=plan.pk), places=theirs)
    mine = dict(theirs)
    alice = world.members[0]
    mine[alice.pk, 1, "lun"] = Place.REMOTE

    refused = client.post(url("plan_grid", world, plan_id=plan.pk), grid_data(plan, mine, revision=opened))
    assert refused.status_code == 409
    content = refused.content.decode()
    assert "modifié par une autre personne depuis que vous l&#x27;avez ouvert" in content
    assert selectors.stored_places(plan) == theirs
    cell = re.search(rf'name="{selectors.cell_id(alice.pk, 1, "lun")}".*?</select>', content, re.S).group(0)
    assert '<option value="remote" selected>' in cell
    current = TeamPlan.objects.get(pk=plan.pk).revision
    assert f'name="revision" value="{current}"' in content

    saved = client.post(url("plan_grid", world, plan_id=plan.pk), grid_data(plan, mine, revision=current))
    assert saved.status_code == 302
    assert selectors.stored_places(plan) == mine


def test_publishing_a_plan_someone_has_just_published_records_nothing(client, world, plan):
    stale = TeamPlan.objects.get(pk=plan.pk)
    assert services.publish_plan(plan=plan, actor=world.admin.user) is True
    assert services.publish_plan(plan=stale, actor=world.manager.user) is False
    client.force_login(world.manager.user)
    page = client.post(url("plan_publish", world, plan_id=plan.pk), follow=True).content.decode()
    assert "Ce planning était déjà publié : rien n&#x27;a changé." in page
    events = AuditEvent.objects.filter(action=services.PLAN_PUBLISHED)
    assert [event.actor for event in events] == [world.admin.user]


@pytest.mark.parametrize(
    "index, french, english",
    [
        (0, "Règles de planification d'Alice Essai", "Scheduling rules for Alice Essai"),
        (1, "Règles de planification de Bruno Essai", "Scheduling rules for Bruno Essai"),
    ],
)
def test_the_member_rules_page_elides_de_before_the_name_in_french_only(client, world, index, french, english):
    client.force_login(world.manager.user)
    target = url("member_profile", world, team_id=world.team.pk, membership_id=world.members[index].pk)
    assert f"<h1>{french}</h1>" in html.unescape(client.get(target).content.decode())
    assert f"<h1>{english}</h1>" in html.unescape(client.get(target, HTTP_ACCEPT_LANGUAGE="en").content.decode())


def test_the_members_page_says_where_eligible_days_come_from_now_that_the_diagnostic_exists(client, world):
    client.force_login(world.manager.user)
    page = html.unescape(client.get(url("team_members", world, team_id=world.team.pk)).content.decode())
    assert "lorsqu'il sera disponible" not in page
    assert (
        "sans valeur, il vient du diagnostic partagé quand une décision y a été prise pour le membre, sinon de la "
        "règle du secteur." in page
    )
