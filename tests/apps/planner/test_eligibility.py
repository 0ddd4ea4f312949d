import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from teletravail.apps.diagnostic import selectors as diagnostic_selectors
from teletravail.apps.diagnostic import services as diagnostic_services
from teletravail.apps.planner import services
from teletravail.apps.planner.eligibility import eligible_telework_days, sector_rules
from teletravail.apps.planner.models import MemberPlanningProfile
from teletravail.apps.planner.selectors import member_profiles, profile_of, team_members
from teletravail.parameters import load_parameters
from tests.apps.diagnostic.factories import decide_all, diagnostic_world
from tests.factories import MembershipFactory
from tests.world import build_world


pytestmark = pytest.mark.django_db


def test_public_sector_rules_come_from_the_decree_parameters():
    world = build_world(sector="public")
    charter = load_parameters("charter")
    assert sector_rules(world.organisation) == (
        charter["public.max_telework_days_per_week"].at().central,
        charter["public.min_onsite_days_per_week"].at().central,
    )
    assert eligible_telework_days(world.members[0]) == charter["public.max_telework_days_per_week"].at().central


def test_private_sector_has_no_common_rule_and_no_default_limit(world):
    assert sector_rules(world.organisation) == (None, None)
    assert eligible_telework_days(world.members[0]) is None


def test_the_managers_figure_wins_over_the_sector_rule():
    world = build_world(sector="public")
    profile = MemberPlanningProfile(membership=world.members[0], telework_days_max=1)
    assert eligible_telework_days(world.members[0], profile) == 1


def test_the_diagnostic_plugs_in_before_the_sector_rule(monkeypatch):
    world = build_world(sector="public")
    monkeypatch.setattr(
        diagnostic_selectors,
        "eligible_telework_days_by_membership",
        lambda memberships: {membership.pk: 2 for membership in memberships},
    )
    assert eligible_telework_days(world.members[0]) == 2


def test_the_planner_takes_the_days_of_the_shared_diagnostic():
    dworld = diagnostic_world(invite=1)
    alice = dworld.world.members[0]
    assert eligible_telework_days(alice) is None  # private sector: no common rule
    decide_all(dworld.campaign.participants.get(), dworld)
    # The method's worked example (70 % of the time teleworkable) gives three days.
    assert eligible_telework_days(alice) == 3
    profile = MemberPlanningProfile(membership=alice, telework_days_max=1)
    assert eligible_telework_days(alice, profile) == 1


def _profile_queries(team):
    with CaptureQueriesContext(connection) as queries:
        eligible = {membership.pk: days for membership, _profile, days in member_profiles(team_members(team))}
    return eligible, len(queries)


def test_a_teams_eligibility_is_read_in_the_same_number_of_queries_however_large_the_team():
    dworld = diagnostic_world(invite=2)
    world = dworld.world
    alice, bruno, chloe = world.members
    decide_all(dworld.campaign.participants.get(membership=alice), dworld)
    services.save_member_profile(membership=chloe, telework_days_max=1)
    eligible, small_team_queries = _profile_queries(world.team)
    # The batch gives what each member's own reading gives: diagnostic, nothing decided yet, manager's figure.
    assert eligible == {alice.pk: 3, bruno.pk: None, chloe.pk: 1}
    assert eligible == {
        membership.pk: eligible_telework_days(membership, profile_of(membership)) for membership in world.members
    }

    newcomers = [MembershipFactory(organisation=world.organisation, team=world.team) for _ in range(4)]
    diagnostic_services.invite_participants(
        campaign=dworld.campaign, job=dworld.job, memberships=newcomers, actor=world.manager.user
    )
    for newcomer in newcomers[:3]:
        decide_all(dworld.campaign.participants.get(membership=newcomer), dworld)
    eligible, large_team_queries = _profile_queries(world.team)
    assert [eligible[newcomer.pk] for newcomer in newcomers] == [3, 3, 3, None]
    assert large_team_queries == small_team_queries
