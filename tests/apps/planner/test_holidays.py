"""Public holidays and the organisation's closures in plans, the grid, « Mon planning » and the calendar feed."""

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from teletravail.apps.audit.models import AuditEvent
from teletravail.apps.organisations import services as organisation_services
from teletravail.apps.organisations.models import Closure, Site
from teletravail.apps.planner import selectors, services
from teletravail.apps.planner.models import Place
from tests.apps.planner.factories import solved_plan
from tests.apps.planner.ical import parse_calendar
from tests.factories import make_commune


pytestmark = pytest.mark.django_db

CHRISTMAS, NEW_YEAR = date(2026, 12, 25), date(2027, 1, 1)


def url(name, world, **kwargs):
    return reverse(f"planner:{name}", kwargs={"organisation_id": world.organisation.pk, **kwargs})


def places_on(plan, day):
    return {
        where for (_pk, week, code), where in selectors.stored_places(plan).items() if plan.date_of(week, code) == day
    }


def winter_plan(world):
    """The four weeks from Monday 14 December 2026, as the manager would ask for them."""
    return solved_plan(team=world.team, actor=world.manager.user, start=date(2026, 12, 14), weeks=4)


def test_the_plan_from_14_december_puts_nobody_to_work_at_christmas_or_new_year(world):
    plan = winter_plan(world)
    assert plan.solver_status in ("optimal", "feasible")
    assert places_on(plan, CHRISTMAS) == {Place.OFF}
    assert places_on(plan, NEW_YEAR) == {Place.OFF}
    assert places_on(plan, date(2026, 12, 24)) <= {Place.SITE, Place.REMOTE}
    assert selectors.check_places(plan, selectors.stored_places(plan)) == []
    # The weekly rules count the open days: two on site at least in the four-day weeks too.
    places = selectors.stored_places(plan)
    assert world.members  # a loop over nothing would assert nothing
    for member in world.members:
        assert sum(places[member.pk, 2, day] == Place.SITE for day in plan.days) >= 2


def test_work_on_a_public_holiday_is_flagged_and_blocks_publication(client, world):
    plan = winter_plan(world)
    places = selectors.stored_places(plan)
    alice = world.members[0]
    places[alice.pk, 2, "ven"] = Place.REMOTE  # Friday 25 December
    violations = selectors.check_places(plan, places)
    assert [v.kind for v in violations] == ["closure"]
    assert "Alice Essai" in violations[0].message and "Férié — Noël" in violations[0].message
    assert violations[0].targets == (selectors.cell_id(alice.pk, 2, "ven"),)

    client.force_login(world.manager.user)
    data = {selectors.cell_id(pk, week, day): where for (pk, week, day), where in places.items()}
    check = client.post(url("plan_check", world, plan_id=plan.pk), data).json()
    assert check["count"] == 1
    assert "1 règle n'est pas respectée" in check["html"] and "Férié — Noël" in check["html"]

    services.save_grid(plan=plan, places=places)
    with pytest.raises(ValidationError, match="corrigez"):
        services.publish_plan(plan=plan, actor=world.manager.user)


def test_a_plan_made_before_a_closure_was_known_is_flagged_by_the_check(world):
    """The check reads the site's closures as they are now, not as they were when the plan was made."""
    plan = winter_plan(world)
    places = selectors.stored_places(plan)
    organisation_services.create_closure(
        organisation=world.organisation,
        actor=world.admin.user,
        label="Pont",
        first_day=date(2026, 12, 24),
        last_day=date(2026, 12, 24),
    )
    kinds = {(v.kind, v.targets[0]) for v in selectors.check_places(plan, places)}
    assert ("closure", selectors.cell_id(world.members[0].pk, 2, "jeu")) in kinds


def test_the_grid_names_the_holiday_and_offers_no_choice_that_day(client, world):
    plan = winter_plan(world)
    client.force_login(world.manager.user)
    page = client.get(reverse("planner:team", args=[world.organisation.pk, world.team.pk])).content.decode()
    alice = world.members[0].pk
    cell = re.search(rf'<td id="{selectors.cell_id(alice, 2, "ven")}"[^>]*>(.*?)</td>', page, re.S).group(1)
    assert "Férié — Noël" in cell
    assert "<select" not in cell
    assert f'name="{selectors.cell_id(alice, 2, "ven")}" value="off"' in cell
    assert "Férié — Jour de l&#x27;an" in page or "Férié — Jour de l'an" in page
    assert page.count("<select") == 3 * (4 * 5 - 2)
    assert "Toutes les règles sont respectées." in page
    assert plan.problem["sites"][0]["closures"] == [
        {"week": 2, "day": "ven", "label": "Férié — Noël"},
        {"week": 3, "day": "ven", "label": "Férié — Jour de l'an"},
    ]


def test_alsace_moselle_sites_also_close_on_good_friday(world):
    strasbourg = make_commune("67482", "Strasbourg", "strasbourg")
    paris_site = world.site
    world.site = Site.objects.create(organisation=world.organisation, name="Strasbourg", commune=strasbourg, desks=10)
    world.team.site = world.site
    world.team.save()
    easter = {"start": date(2027, 3, 22), "weeks": 2}
    plan = solved_plan(team=world.team, actor=world.manager.user, **easter)
    assert places_on(plan, date(2027, 3, 26)) == {Place.OFF}  # Vendredi saint
    assert places_on(plan, date(2027, 3, 29)) == {Place.OFF}  # Lundi de Pâques, everywhere

    world.team.site = paris_site
    world.team.save()
    elsewhere = solved_plan(team=world.team, actor=world.manager.user, **easter)
    assert places_on(elsewhere, date(2027, 3, 26)) <= {Place.SITE, Place.REMOTE}
    assert places_on(elsewhere, date(2027, 3, 29)) == {Place.OFF}


def test_an_organisation_closure_is_audited_and_nobody_is_planned_then(world):
    closure = organisation_services.create_closure(
        organisation=world.organisation,
        actor=world.admin.user,
        label="Fermeture annuelle",
        first_day=date(2026, 12, 28),
        last_day=date(2026, 12, 31),
        site=world.site,
    )
    event = AuditEvent.objects.filter(organisation=world.organisation).latest("created_at")
    assert event.details["object"] == "closure" and event.details["operation"] == "created"
    assert event.details["after"]["label"] == "Fermeture annuelle"
    plan = winter_plan(world)
    for day in (28, 29, 30, 31):
        assert places_on(plan, date(2026, 12, day)) == {Place.OFF}
    assert places_on(plan, date(2027, 1, 4)) <= {Place.SITE, Place.REMOTE}
    assert {"week": 3, "day": "lun", "label": "Fermeture — Fermeture annuelle"} in plan.problem["sites"][0]["closures"]

    organisation_services.delete_closure(closure=closure, actor=world.admin.user)
    assert not Closure.objects.filter(pk=closure.pk).exists()
    assert AuditEvent.objects.filter(organisation=world.organisation, details__operation="deleted").exists()


def test_a_closure_of_another_site_leaves_this_one_open(world):
    other = world.other_site
    organisation_services.create_closure(
        organisation=world.organisation,
        actor=world.admin.user,
        label="Travaux",
        first_day=date(2026, 12, 21),
        last_day=date(2026, 12, 21),
        site=other,
    )
    plan = winter_plan(world)
    assert places_on(plan, date(2026, 12, 21)) <= {Place.SITE, Place.REMOTE}


@pytest.mark.parametrize(
    ("first", "last", "field"),
    [(date(2027, 1, 8), date(2027, 1, 4), "last_day"), (date(2027, 1, 1), date(2028, 1, 2), "last_day")],
)
def test_closure_dates_are_checked(world, first, last, field):
    with pytest.raises(ValidationError) as raised:
        organisation_services.create_closure(
            organisation=world.organisation, actor=world.admin.user, label="Pont", first_day=first, last_day=last
        )
    assert field in raised.value.message_dict


def test_the_settings_page_adds_a_closure_for_every_site(client, world):
    client.force_login(world.admin.user)
    response = client.post(
        reverse("organisations:closure_create", args=[world.organisation.pk]),
        {"label": "Pont de l'Ascension", "first_day": "2027-05-07", "last_day": "2027-05-07", "site": ""},
        follow=True,
    )
    assert "La fermeture « Pont de l&#x27;Ascension » est ajoutée." in response.content.decode()
    closure = Closure.objects.get(label="Pont de l'Ascension")
    assert (closure.site, closure.first_day) == (None, date(2027, 5, 7))
    assert "Tous les sites" in response.content.decode()


def test_my_schedule_and_the_calendar_feed_show_no_work_on_a_holiday(client, world, monkeypatch):
    plan = winter_plan(world)
    alice = world.members[0]
    services.publish_plan(plan=plan, actor=world.manager.user)
    monkeypatch.setattr(selectors, "this_monday", lambda: date(2026, 12, 14))
    client.force_login(alice.user)
    page = client.get(url("my_schedule", world)).content.decode()
    row = re.search(r"25/12</th>\s*<td[^>]*>(.*?)</td>", page, re.S).group(1)
    assert row == "Férié — Noël"

    profile = services.regenerate_calendar_token(membership=alice)
    feed = client.get(reverse("planner:ical_feed", kwargs={"token": profile.calendar_token}))
    _calendar, events = parse_calendar(feed.content.decode("utf-8"))
    dates = {event["DTSTART"][1] for event in events}
    assert "20261225" not in dates and "20270101" not in dates
    assert "20261224" in dates
    assert len(events) == 4 * 5 - 2


def test_a_plan_published_with_work_on_a_holiday_shows_none_in_the_feed(client, world):
    """A schedule saved before holidays were known: the day is still named, and not listed as work."""
    plan = winter_plan(world)
    alice = world.members[0]
    plan.assignments.filter(membership=alice, date=CHRISTMAS).update(where=Place.REMOTE)
    plan.status = "published"
    plan.save()
    profile = services.regenerate_calendar_token(membership=alice)
    feed = client.get(reverse("planner:ical_feed", kwargs={"token": profile.calendar_token}))
    dates = {event["DTSTART"][1] for event in parse_calendar(feed.content.decode("utf-8"))[1]}
    assert "20261225" not in dates
