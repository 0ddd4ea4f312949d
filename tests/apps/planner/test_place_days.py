"""« Tiers-lieu » days: where the organisation allows them, an employee spends some of their telework days at a
telework place near home. The plan's rules see them as telework days (never on site); every view of the plan names
them."""

import html
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from teletravail import french
from teletravail.apps.audit.models import AuditAction, AuditEvent
from teletravail.apps.notifications.models import Notification
from teletravail.apps.organisations.services import update_organisation
from teletravail.apps.places.models import Place as TeleworkPlace
from teletravail.apps.places.models import PlaceStatus
from teletravail.apps.places.selectors import places_near_home
from teletravail.apps.places.services import import_places
from teletravail.apps.planner import exports, selectors, services
from teletravail.apps.planner.models import Assignment, MemberPlanningProfile, Place
from teletravail.places.readers import read_schema_csv
from tests.apps.places.conftest import VILLAGE, schema_csv
from tests.apps.planner.factories import next_monday, solved_plan
from tests.apps.planner.ical import parse_calendar
from tests.world import build_world, snapshot


CRET_DE_ROC = {
    **VILLAGE,
    "id": "S1",
    "nom": "Coworking du Crêt de Roc",
    "adresse": "3 rue Vaillant-Couturier",
    "code_insee": "42218",
    "code_postal": "42000",
    "latitude": "45.4420",
    "longitude": "4.3950",
}
WEEK = ["lun", "mar", "mer", "jeu", "ven"]
# Alice's first week: on site Monday, Wednesday and Friday, teleworking Tuesday and Thursday.
ALICE_WEEK = dict(zip(WEEK, ["site", "remote", "site", "remote", "site"], strict=True))


def place(row=CRET_DE_ROC):
    import_places(read_schema_csv(schema_csv(row)))
    return TeleworkPlace.objects.get(name=row["nom"])


def allow_place_days(world, *, per_week=2):
    update_organisation(
        organisation=world.organisation,
        actor=world.admin.user,
        place_days_allowed=True,
        place_days_per_week_max=per_week,
    )
    world.organisation.refresh_from_db()


def published_plan(world):
    """A one-week plan of Alice's team, solved and published: Alice's days are fixed to ALICE_WEEK."""
    alice = world.members[0]
    services.save_member_profile(
        membership=alice,
        fixed_remote=[day for day, where in ALICE_WEEK.items() if where == "remote"],
        fixed_on_site=[day for day, where in ALICE_WEEK.items() if where == "site"],
    )
    plan = solved_plan(team=world.team, actor=world.manager.user, weeks=1)
    assert services.publish_plan(plan=plan, actor=world.manager.user)
    plan.refresh_from_db()
    return plan


def labels(plan, membership):
    """{day: place name or None} of the member's days in the plan."""
    return {
        a.day: a.telework_place.name if a.telework_place else None
        for a in plan.assignments.filter(membership=membership).select_related("telework_place")
    }


def my_schedule_url(world):
    return reverse("planner:my_schedule", kwargs={"organisation_id": world.organisation.pk})


def place_days_url(world):
    return reverse("planner:place_days", kwargs={"organisation_id": world.organisation.pk})


def place_days_form(place_id, *days):
    return {"tiers-lieu-place": str(place_id), "tiers-lieu-days": list(days)}


# --- The organisation's setting ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_admin_allows_place_days_on_the_settings_page_and_the_change_is_audited(client, world):
    client.force_login(world.admin.user)
    url = reverse("organisations:place_days_settings", kwargs={"organisation_id": world.organisation.pk})

    response = client.post(url, {"tiers-lieux-place_days_allowed": "on", "tiers-lieux-place_days_per_week_max": "2"})

    assert response.status_code == 302
    world.organisation.refresh_from_db()
    assert (world.organisation.place_days_allowed, world.organisation.place_days_per_week_max) == (True, 2)
    event = AuditEvent.objects.filter(action=AuditAction.ORGANISATION_CHANGED, organisation=world.organisation).last()
    assert event.details["changes"] == {"place_days_allowed": [False, True], "place_days_per_week_max": [1, 2]}
    page = client.get(reverse("organisations:settings", kwargs={"organisation_id": world.organisation.pk}))
    assert "Les règles des jours en tiers-lieu sont enregistrées." in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("per_week", ["6", "-1"])
def test_the_weekly_bound_of_place_days_is_between_0_and_5(client, world, per_week):
    client.force_login(world.admin.user)
    url = reverse("organisations:place_days_settings", kwargs={"organisation_id": world.organisation.pk})
    before = snapshot(world.organisation)

    response = client.post(
        url, {"tiers-lieux-place_days_allowed": "on", "tiers-lieux-place_days_per_week_max": per_week}
    )

    assert response.status_code == 400
    assert "Jours en tiers-lieu par semaine, au plus" in response.content.decode()
    assert snapshot(world.organisation) == before


# --- The employee's choice ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_employee_picks_a_place_and_a_day_and_their_published_telework_day_is_at_that_place(client, world):
    crêt = place()
    allow_place_days(world)
    plan = published_plan(world)
    alice = world.members[0]
    client.force_login(alice.user)
    page = client.get(my_schedule_url(world))
    assert [label for _value, label in page.context["place_days_form"].fields["place"].choices] == [
        "Aucun lieu",
        "Coworking du Crêt de Roc — Saint-Étienne (42)",
    ]

    response = client.post(place_days_url(world), place_days_form(crêt.pk, "mar", "mer"))

    assert response.status_code == 302
    # Tuesday is a telework day: at the place. Wednesday is on site: a place day never turns a day on site into one.
    assert labels(plan, alice) == {"lun": None, "mar": crêt.name, "mer": None, "jeu": None, "ven": None}
    plan.refresh_from_db()
    assert plan.is_published  # nothing of the plan's rules changed: it stays published
    assert selectors.stored_places(plan)[alice.pk, 1, "mar"] == Place.REMOTE


@pytest.mark.django_db
def test_a_place_day_never_counts_on_site(world):
    crêt = place()
    allow_place_days(world, per_week=5)
    plan = published_plan(world)
    alice = world.members[0]
    services.save_place_days(membership=alice, place_id=crêt.pk, days=WEEK)

    # Only the two telework days carry the place, and the site counts only the days on site.
    assert [day for day, name in labels(plan, alice).items() if name] == ["mar", "jeu"]
    assert not Assignment.objects.filter(telework_place__isnull=False).exclude(where=Place.REMOTE).exists()
    occupancy = selectors.site_occupancy(world.site, next_monday(), 1)
    compta = next(team for team in occupancy[0]["teams"] if team["name"] == world.team.name)
    on_site = [plan.assignments.filter(day=day, where=Place.SITE).count() for day in WEEK]
    assert compta["counts"] == on_site
    assert selectors.check_places(plan, selectors.stored_places(plan)) == []


@pytest.mark.django_db
def test_the_solver_plans_the_place_days_as_wished_telework_days_and_labels_them_after_the_solve(world):
    crêt = place()
    allow_place_days(world)
    alice = world.members[0]
    services.save_place_days(membership=alice, place_id=crêt.pk, days=["mar"])

    plan = solved_plan(team=world.team, actor=world.manager.user)

    alice_row = next(row for row in plan.problem["employees"] if plan.members[row["id"]] == alice.pk)
    assert "mar" in alice_row["preferred_remote"]
    alice_days = list(plan.assignments.filter(membership=alice))
    assert alice_days and any(day.day == "mar" and day.where == Place.REMOTE for day in alice_days)
    for assignment in alice_days:
        expected = crêt.pk if assignment.day == "mar" and assignment.where == Place.REMOTE else None
        assert assignment.telework_place_id == expected
    assert all(a.telework_place_id is None for a in plan.assignments.exclude(membership=alice))


@pytest.mark.django_db
def test_a_hand_edit_of_the_grid_keeps_the_place_on_a_telework_day_and_drops_it_on_site(world):
    crêt = place()
    allow_place_days(world)
    alice = world.members[0]
    plan = published_plan(world)
    services.save_place_days(membership=alice, place_id=crêt.pk, days=["mar", "jeu"])
    grid = selectors.stored_places(plan)

    services.save_grid(plan=plan, places={**grid, (alice.pk, 1, "jeu"): Place.SITE})

    assert labels(plan, alice) == {"lun": None, "mar": crêt.name, "mer": None, "jeu": None, "ven": None}


@pytest.mark.django_db
def test_clearing_the_choice_turns_the_place_days_back_into_telework_days(client, world):
    crêt = place()
    allow_place_days(world)
    plan = published_plan(world)
    alice = world.members[0]
    services.save_place_days(membership=alice, place_id=crêt.pk, days=["mar"])
    client.force_login(alice.user)

    response = client.post(place_days_url(world), {"tiers-lieu-place": ""})

    assert response.status_code == 302
    assert set(labels(plan, alice).values()) == {None}
    assert MemberPlanningProfile.objects.get(membership=alice).place_days == []


# --- Refusals: nothing saved -------------------------------------------------------------------------------------


def refused(client, world, data):
    alice = world.members[0]
    before = snapshot(world.organisation)
    client.force_login(alice.user)
    response = client.post(place_days_url(world), data)
    assert response.status_code == 400
    assert snapshot(world.organisation) == before
    return html.unescape(response.content.decode())


@pytest.mark.django_db
def test_place_days_are_refused_where_the_organisation_does_not_allow_them(client, world):
    crêt = place()
    published_plan(world)
    assert "Votre organisation n'autorise pas les jours en tiers-lieu." in refused(
        client, world, place_days_form(crêt.pk, "mar")
    )


@pytest.mark.django_db
def test_more_place_days_than_the_weekly_bound_are_refused(client, world):
    crêt = place()
    allow_place_days(world, per_week=1)
    page = refused(client, world, place_days_form(crêt.pk, "mar", "jeu"))
    assert "Votre organisation autorise au plus 1 jour en tiers-lieu par semaine : vous en avez choisi 2." in page


@pytest.mark.django_db
@pytest.mark.parametrize("status", [PlaceStatus.PENDING, PlaceStatus.REJECTED])
def test_a_place_not_published_or_unpublished_since_the_page_was_shown_is_refused(client, world, status):
    crêt = place()
    allow_place_days(world)
    TeleworkPlace.objects.filter(pk=crêt.pk).update(status=status)
    page = refused(client, world, place_days_form(crêt.pk, "mar"))
    assert "Ce lieu n'est pas ou plus publié dans l'annuaire des lieux de télétravail" in page


@pytest.mark.django_db
def test_a_place_that_is_not_among_the_nearest_to_home_is_refused(client, world, settings):
    place()
    far = place(
        {**CRET_DE_ROC, "id": "S9", "nom": "Espace de la Terrasse", "latitude": "45.4700", "longitude": "4.4200"}
    )
    settings.PLACES_NEAR_HOME_RESULTS = 1
    allow_place_days(world)
    page = refused(client, world, place_days_form(far.pk, "mar"))
    assert "Choisissez un lieu parmi les lieux de télétravail les plus proches de chez vous." in page


@pytest.mark.django_db
def test_a_place_day_without_a_place_is_refused(client, world):
    place()
    allow_place_days(world)
    page = refused(client, world, {"tiers-lieu-place": "", "tiers-lieu-days": ["mar"]})
    assert "Choisissez le lieu où passer vos jours en tiers-lieu." in page


@pytest.mark.django_db
def test_another_organisations_member_cannot_choose_place_days_in_it(client, world):
    crêt = place()
    allow_place_days(world)
    other = build_world("B")
    allow_place_days(other)
    before = snapshot(world.organisation)
    client.force_login(other.members[0].user)

    response = client.post(place_days_url(world), place_days_form(crêt.pk, "mar"))

    assert response.status_code == 404
    assert snapshot(world.organisation) == before
    assert selectors.profile_of(other.members[0]).place_days == []


@pytest.mark.django_db
def test_the_service_refuses_a_place_day_when_the_organisation_stopped_allowing_them_since_the_page_was_shown(world):
    crêt = place()
    allow_place_days(world)
    alice = world.members[0]
    update_organisation(organisation=world.organisation, actor=world.admin.user, place_days_allowed=False)

    with pytest.raises(ValidationError, match="n'autorise pas les jours en tiers-lieu"):
        services.save_place_days(membership=alice, place_id=crêt.pk, days=["mar"])
    assert not MemberPlanningProfile.objects.filter(membership=alice).exclude(place_days=[]).exists()


# --- The organisation stops allowing them ------------------------------------------------------------------------


@pytest.mark.django_db
def test_switching_place_days_off_turns_them_into_telework_days_and_tells_the_member(client, world):
    crêt = place()
    allow_place_days(world)
    plan = published_plan(world)
    alice = world.members[0]
    services.save_place_days(membership=alice, place_id=crêt.pk, days=["mar"])
    assert labels(plan, alice)["mar"] == crêt.name
    client.force_login(world.admin.user)
    url = reverse("organisations:place_days_settings", kwargs={"organisation_id": world.organisation.pk})

    response = client.post(url, {"tiers-lieux-place_days_per_week_max": "2"}, follow=True)

    assert "ceux déjà planifiés redeviennent des jours de télétravail" in response.content.decode()
    assert set(labels(plan, alice).values()) == {None}
    assert selectors.stored_places(plan)[alice.pk, 1, "mar"] == Place.REMOTE
    notice = Notification.objects.get(recipient=alice.user, kind="place_days_withdrawn")
    assert "redeviennent des jours de télétravail" in notice.title
    # Alice's page says why her days are plain telework days now.
    client.force_login(alice.user)
    page = client.get(my_schedule_url(world)).content.decode()
    assert "Vos jours en tiers-lieu sont pour l'instant des jours de télétravail ordinaires" in page
    assert "Tiers-lieu – " not in page


@pytest.mark.django_db
def test_a_place_unpublished_after_the_choice_is_no_longer_shown_on_the_plan(client, world):
    crêt = place()
    allow_place_days(world)
    published_plan(world)
    alice = world.members[0]
    services.save_place_days(membership=alice, place_id=crêt.pk, days=["mar"])

    TeleworkPlace.objects.filter(pk=crêt.pk).update(status=PlaceStatus.CHANGES_REQUESTED)

    client.force_login(alice.user)
    page = client.get(my_schedule_url(world)).content.decode()
    assert "Tiers-lieu – Coworking du Crêt de Roc" not in page
    assert "Vos jours en tiers-lieu sont pour l'instant des jours de télétravail ordinaires" in page


# --- Every view of the plan names the place days -----------------------------------------------------------------


@pytest.fixture
def alice_at_the_place(world):
    crêt = place()
    allow_place_days(world)
    plan = published_plan(world)
    services.save_place_days(membership=world.members[0], place_id=crêt.pk, days=["mar"])
    return plan, crêt


@pytest.mark.django_db
def test_the_members_week_names_the_place_and_the_page_gives_what_a_day_there_saves(client, world, alice_at_the_place):
    _plan, crêt = alice_at_the_place
    alice = world.members[0]
    client.force_login(alice.user)

    response = client.get(my_schedule_url(world), {"mode": "train"})

    [week] = response.context["week_tables"]
    tuesday = week.rows[1].cells[1]
    assert tuesday.text == "Tiers-lieu – Coworking du Crêt de Roc"
    assert "planner-cell--place" in tuesday.classes
    # The same figures as the nearest places' table: one computation, by the impact engine.
    entry = next(
        e for e in places_near_home(alice.home_commune, world.site.commune, "train").places if e.place.pk == crêt.pk
    )
    figures = response.context["chosen_place"]
    assert (figures["km_saved"], figures["minutes_saved"], figures["co2e_kg_saved"]) == (
        french.decimal(entry.day.km_saved),
        french.integer(entry.day.minutes_saved),
        french.decimal(entry.day.co2e_kg_saved, 2),
    )
    assert "Le mardi, vous télétravaillez à Coworking du Crêt de Roc" in response.content.decode()


@pytest.mark.django_db
def test_the_plan_grid_says_tiers_lieu_in_text_for_the_team_and_for_its_manager(client, world, alice_at_the_place):
    plan, _crêt = alice_at_the_place
    url = reverse("planner:team", kwargs={"organisation_id": world.organisation.pk, "team_id": world.team.pk})
    for who in (world.members[1], world.manager):
        client.force_login(who.user)
        response = client.get(url, {"plan": plan.pk})
        cells = {
            cell["id"]: cell for week in response.context["grid"] for row in week["rows"] for cell in row["cells"]
        }
        tuesday = cells[selectors.cell_id(world.members[0].pk, 1, "mar")]
        assert tuesday["place"].name == "Coworking du Crêt de Roc"
        assert cells[selectors.cell_id(world.members[0].pk, 1, "jeu")]["place"] is None
        assert "Tiers-lieu" in response.content.decode()


@pytest.mark.django_db
def test_the_spreadsheet_and_the_calendar_name_the_place(client, world, alice_at_the_place):
    plan, _crêt = alice_at_the_place
    alice = world.members[0]
    client.force_login(alice.user)

    csv_text = client.get(
        reverse("planner:plan_export_csv", kwargs={"organisation_id": world.organisation.pk, "plan_id": plan.pk})
    ).content.decode("utf-8-sig")
    tuesday = (next_monday() + timedelta(days=1)).isoformat()
    [row] = [line for line in csv_text.splitlines() if line.startswith(tuesday) and alice.user.full_name in line]
    assert row.endswith("Tiers-lieu – Coworking du Crêt de Roc")

    schedule = selectors.member_schedule(alice)
    _properties, events = parse_calendar(
        exports.calendar(schedule, name="Planning", host="exemple.fr", now=timezone.now())
    )
    by_day = {event["DTSTART"][1]: event for event in events}
    event = by_day[tuesday.replace("-", "")]
    assert event["SUMMARY"][1] == "Tiers-lieu – Coworking du Crêt de Roc"
    assert event["LOCATION"][1] == "Coworking du Crêt de Roc, 3 rue Vaillant-Couturier, 42000 Saint-Étienne"
    assert "LOCATION" not in by_day[(next_monday() + timedelta(days=3)).strftime("%Y%m%d")]


@pytest.mark.django_db
def test_the_members_data_archive_holds_their_place_and_place_days(world, alice_at_the_place):
    from teletravail.apps.planner.personal_data import planning

    profile_table, days_table = planning(world.members[0].user)
    assert profile_table.rows[0][-2:] == [["mar"], "Coworking du Crêt de Roc"]
    assert [row[-1] for row in days_table.rows] == ["", "Coworking du Crêt de Roc", "", "", ""]
