import pytest

from teletravail.apps.organisations.models import Team
from teletravail.apps.planner import selectors, services
from teletravail.apps.planner.models import Place, TeamPlan
from teletravail.planning.problem import parse_problem
from tests.apps.planner.factories import next_monday, plan_settings, solved_plan
from tests.factories import MembershipFactory


pytestmark = pytest.mark.django_db


def test_preferences_entered_by_a_member_reach_the_engine_input(world):
    alice, bruno, _chloe = world.members
    services.save_preferences(membership=alice, preferred_remote=["lun", "ven"], preferred_on_site=["mar"])
    services.save_member_profile(membership=bruno, days_off=["mer"], telework_days_max=1)
    data, members = selectors.planning_input(TeamPlan(team=world.team, **plan_settings()))
    employees = {row["id"]: row for row in data["employees"]}
    assert employees["Alice Essai"]["preferred_remote"] == ["lun", "ven"]
    assert employees["Alice Essai"]["preferred_on_site"] == ["mar"]
    assert employees["Bruno Essai"]["days_off"] == ["mer"]
    assert employees["Bruno Essai"]["telework_days_max"] == 1
    assert members["Alice Essai"] == alice.pk
    parse_problem(data)  # well-formed for the engine


def test_wishes_on_a_day_off_or_outside_the_plan_are_left_out(world):
    alice = world.members[0]
    services.save_member_profile(membership=alice, days_off=["ven"])
    services.save_preferences(membership=alice, preferred_remote=["ven", "sam"], preferred_on_site=["lun"])
    data, _members = selectors.planning_input(TeamPlan(team=world.team, **plan_settings()))
    row = next(row for row in data["employees"] if row["id"] == "Alice Essai")
    assert "preferred_remote" not in row
    assert row["preferred_on_site"] == ["lun"]


def test_two_members_with_the_same_name_get_distinct_engine_ids(world):
    twin = MembershipFactory(organisation=world.organisation, team=world.team, user__full_name="Alice Essai")
    ids = selectors.engine_ids(selectors.team_members(world.team))
    assert ids[twin.pk] != ids[world.members[0].pk]
    assert sorted(ids.values())[:2] == ["Alice Essai", "Alice Essai (2)"]


def test_desks_taken_by_another_teams_published_plan_are_not_offered(world):
    other = Team.objects.create(organisation=world.organisation, name="Ventes", site=world.site)
    sellers = [MembershipFactory(organisation=world.organisation, team=other) for _ in range(3)]
    sales_plan = solved_plan(team=other, actor=world.admin.user, min_on_site=3)
    services.publish_plan(plan=sales_plan, actor=world.admin.user)
    assert len(sellers) == 3
    desks = selectors.available_desks(TeamPlan(team=world.team, **plan_settings()), world.site, world.members)
    assert desks == dict.fromkeys(["lun", "mar", "mer", "jeu", "ven"], world.site.desks - 3)


def test_check_targets_the_cells_the_violation_concerns(world):
    plan = solved_plan(team=world.team, actor=world.manager.user)
    places = selectors.stored_places(plan)
    alice = world.members[0]
    for day in plan.days:
        places[alice.pk, 1, day] = Place.REMOTE
    violations = selectors.check_places(plan, places)
    alice_rules = [violation for violation in violations if "Alice Essai" in violation.message]
    assert alice_rules, violations
    assert all(
        set(violation.targets) == {selectors.cell_id(alice.pk, 1, day) for day in plan.days}
        for violation in alice_rules
        if violation.kind in ("rule_telework_max", "rule_on_site_min")
    )
    anchor = [violation for violation in violations if violation.kind == "anchor"]
    assert [violation.targets for violation in anchor] == [("week-1",)]


def test_the_latest_publication_wins_where_published_plans_overlap(world):
    alice = world.members[0]
    first = solved_plan(team=world.team, actor=world.manager.user)
    services.publish_plan(plan=first, actor=world.manager.user)
    second = solved_plan(team=world.team, actor=world.manager.user, weeks=1)
    places = selectors.stored_places(second)
    monday = places[alice.pk, 1, "lun"]
    services.publish_plan(plan=second, actor=world.manager.user)
    schedule = selectors.member_schedule(alice)
    assert len(schedule) == 10  # two weeks of five days, none twice
    by_date = {assignment.date: assignment for assignment in schedule}
    assert by_date[next_monday()].plan == second
    assert by_date[next_monday()].where == monday


def test_site_occupancy_counts_people_on_site_per_team_and_flags_overbooking(world):
    plan = solved_plan(team=world.team, actor=world.manager.user)
    services.publish_plan(plan=plan, actor=world.manager.user)
    places = selectors.stored_places(plan)
    expected_monday = sum(1 for member in world.members if places[member.pk, 1, "lun"] == Place.SITE)
    weeks = selectors.site_occupancy(world.site, next_monday(), 2)
    assert [team["name"] for team in weeks[0]["teams"]] == ["Alpha"]
    assert weeks[0]["teams"][0]["counts"][0] == expected_monday
    assert not any(total["over"] for week in weeks for total in week["totals"])
    world.site.desks = 0
    world.site.save()
    assert any(total["over"] for total in selectors.site_occupancy(world.site, next_monday(), 1)[0]["totals"])


def test_a_day_with_its_own_desk_count_offers_that_many_to_the_plan(world):
    world.site.desks_by_day = {"ven": 2, "mer": 0}
    world.site.save()
    desks = selectors.available_desks(TeamPlan(team=world.team, **plan_settings()), world.site, world.members)
    assert desks == {"lun": world.site.desks, "mar": world.site.desks, "mer": 0, "jeu": world.site.desks, "ven": 2}
    data, _members = selectors.planning_input(TeamPlan(team=world.team, **plan_settings()))
    assert data["sites"][0]["desks"]["ven"] == 2


def test_a_site_without_its_usual_count_still_limits_the_days_it_knows(world):
    world.site.desks, world.site.desks_by_day = None, {"lun": 1}
    world.site.save()
    desks = selectors.available_desks(TeamPlan(team=world.team, **plan_settings()), world.site, world.members)
    assert desks == {"lun": 1} | dict.fromkeys(["mar", "mer", "jeu", "ven"], len(world.members))


def test_site_occupancy_flags_overbooking_against_each_days_own_count(world):
    plan = solved_plan(team=world.team, actor=world.manager.user)
    services.publish_plan(plan=plan, actor=world.manager.user)
    places = selectors.stored_places(plan)
    on_site = [sum(places[member.pk, 1, day] == Place.SITE for member in world.members) for day in plan.days]
    busy = next(index for index, count in enumerate(on_site) if count)
    world.site.desks_by_day = {plan.days[busy]: 0}
    world.site.save()
    week = selectors.site_occupancy(world.site, next_monday(), 1)[0]
    assert week["desks"][busy] == 0
    assert [total["over"] for total in week["totals"]] == [index == busy for index in range(len(plan.days))]
