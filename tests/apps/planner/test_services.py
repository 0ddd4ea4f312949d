import pytest
from django.core.exceptions import ValidationError

from teletravail.apps.audit.models import AuditEvent
from teletravail.apps.jobs.models import FailureCode, Job, JobStatus
from teletravail.apps.organisations.models import Team
from teletravail.apps.planner import selectors, services
from teletravail.apps.planner.models import MemberPlanningProfile, ModeSwitch, Place, PlanStatus, TeamPlan
from tests.apps.planner.factories import plan_settings, run_solve, solved_plan


pytestmark = pytest.mark.django_db


def test_a_new_plan_is_generated_with_one_assignment_per_member_and_day(world):
    plan = solved_plan(team=world.team, actor=world.manager.user)
    assert plan.status == PlanStatus.DRAFT
    assert plan.solver_status in ("optimal", "feasible")
    places = selectors.stored_places(plan)
    assert len(places) == 3 * 2 * 5
    assert selectors.check_places(plan, places) == []
    assert (plan.date_of(2, "ven") - plan.start).days == 11


def test_the_solvers_time_limit_is_a_setting(world, monkeypatch, settings):
    settings.PLANNER_SOLVER_TIME_LIMIT_SECONDS = 0.7
    limits = []
    solve = services.solve

    def timed_solve(data, **options):
        limits.append(options["time_limit"])
        return solve(data, **options)

    monkeypatch.setattr(services, "solve", timed_solve)
    solved_plan(team=world.team, actor=world.manager.user)
    assert limits == [0.7]


def test_the_plan_respects_the_members_wishes_when_the_rules_allow(world):
    alice = world.members[0]
    services.save_preferences(membership=alice, preferred_remote=["ven"], preferred_on_site=["mar"])
    plan = solved_plan(team=world.team, actor=world.manager.user)
    places = selectors.stored_places(plan)
    assert [places[alice.pk, week, "ven"] for week in (1, 2)] == [Place.REMOTE, Place.REMOTE]
    assert [places[alice.pk, week, "mar"] for week in (1, 2)] == [Place.SITE, Place.SITE]


def test_an_infeasible_plan_keeps_the_engines_french_explanation(world):
    world.site.desks = 0
    world.site.save()
    plan = solved_plan(team=world.team, actor=world.manager.user, min_on_site=1)
    assert plan.solver_status == "infeasible"
    assert "Alpha" in plan.result["explanation"]["summary"]
    assert plan.assignments.count() == 0


def test_bad_input_fails_the_solve_with_a_message_naming_the_member(world):
    MemberPlanningProfile.objects.create(membership=world.members[1], fixed_remote=["lun", "mar", "mer", "jeu"])
    job = run_solve(team=world.team, actor=world.manager.user)
    assert (job.status, job.failure_code) == (JobStatus.FAILED, FailureCode.INVALID)
    assert "Bruno Essai" in job.failure_detail
    assert not TeamPlan.objects.exists()


def test_a_team_without_site_cannot_be_planned(world):
    team = Team.objects.create(organisation=world.organisation, name="Nomades")
    with pytest.raises(ValidationError, match="Nomades"):
        services.submit_solve(team=team, actor=world.manager.user, plan_settings=plan_settings())
    assert not Job.objects.exists()


def test_a_hand_edit_into_a_violation_is_saved_flagged_and_blocks_publication(world):
    plan = solved_plan(team=world.team, actor=world.manager.user)
    places = selectors.stored_places(plan)
    alice = world.members[0]
    for day in plan.days:
        places[alice.pk, 1, day] = Place.REMOTE
    violations = services.save_grid(plan=plan, places=places)
    assert any(v.kind == "rule_telework_max" and "Alice Essai" in v.message for v in violations)
    assert selectors.stored_places(plan)[alice.pk, 1, "lun"] == Place.REMOTE
    with pytest.raises(ValidationError, match="corrigez"):
        services.publish_plan(plan=plan, actor=world.manager.user)
    assert not AuditEvent.objects.filter(action=services.PLAN_PUBLISHED).exists()


def test_publication_is_recorded_and_a_later_edit_returns_the_plan_to_draft(world):
    plan = solved_plan(team=world.team, actor=world.manager.user)
    services.publish_plan(plan=plan, actor=world.manager.user)
    plan.refresh_from_db()
    assert plan.is_published and plan.published_by == world.manager.user
    event = AuditEvent.objects.get(action=services.PLAN_PUBLISHED)
    assert event.actor == world.manager.user and event.details["team"] == "Alpha"
    services.save_grid(plan=plan, places=selectors.stored_places(plan))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_switching_to_the_exceptional_mode_and_back_records_who_and_why(world):
    admin = world.admin.user
    with pytest.raises(ValidationError):
        services.switch_mode(organisation=world.organisation, exceptional=True, reason="  ", actor=admin)
    services.switch_mode(organisation=world.organisation, exceptional=True, reason="Pic de pollution", actor=admin)
    assert selectors.current_mode(world.organisation) == ("exceptionnel", "Pic de pollution")
    # The mode in force asked for again (another administrator at the same moment): nothing recorded.
    again = services.switch_mode(organisation=world.organisation, exceptional=True, reason="Encore", actor=admin)
    assert again is None
    services.switch_mode(organisation=world.organisation, exceptional=False, reason="Fin de l'épisode", actor=admin)
    assert selectors.current_mode(world.organisation) == ("normal", "")
    assert [(s.exceptional, s.reason, s.actor_email) for s in ModeSwitch.objects.order_by("created_at", "id")] == [
        (True, "Pic de pollution", admin.email),
        (False, "Fin de l'épisode", admin.email),
    ]
    events = AuditEvent.objects.filter(action=services.PLANNING_MODE_CHANGED).order_by("id")
    assert [(e.actor, e.details["mode"], e.details["reason"]) for e in events] == [
        (admin, "exceptionnel", "Pic de pollution"),
        (admin, "normal", "Fin de l'épisode"),
    ]


def test_a_plan_made_in_exceptional_mode_sends_everyone_who_can_telework_home(world):
    services.switch_mode(organisation=world.organisation, exceptional=True, reason="Épidémie", actor=world.admin.user)
    plan = solved_plan(team=world.team, actor=world.manager.user, min_on_site_exceptionnel=1, anchor_days=0)
    assert plan.mode == "exceptionnel"
    assert (plan.problem["mode"], plan.problem["exceptional_reason"]) == ("exceptionnel", "Épidémie")
    places = selectors.stored_places(plan)
    for week in (1, 2):
        assert plan.days  # a loop over nothing would assert nothing
        for day in plan.days:
            # Exactly the declared minimum coverage stays on site; everyone else works from home.
            assert sum(places[member.pk, week, day] == Place.SITE for member in world.members) == 1


def test_a_new_calendar_token_replaces_the_old_one(world):
    alice = world.members[0]
    old = services.regenerate_calendar_token(membership=alice).calendar_token
    new = services.regenerate_calendar_token(membership=alice).calendar_token
    assert old != new and len(new) >= 40
    assert selectors.profile_by_token(old) is None
    assert selectors.profile_by_token(new).membership == alice
