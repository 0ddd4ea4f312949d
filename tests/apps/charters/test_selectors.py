import pytest
from django.utils import timezone

from teletravail.apps.charters import selectors, services
from teletravail.apps.planner.models import PlanStatus, TeamPlan
from teletravail.charter.options import defaults_mapping
from teletravail.parameters import load_parameters
from tests.apps.charters.conftest import ACTIVITIES
from tests.apps.planner.factories import next_monday


pytestmark = pytest.mark.django_db


def publish_plan(world, **settings):
    return TeamPlan.objects.create(
        team=world.team,
        start=next_monday(),
        weeks=1,
        days=["lun", "mar", "mer", "jeu", "ven"],
        status=PlanStatus.PUBLISHED,
        published_at=timezone.now(),
        **settings,
    )


def test_prefill_takes_the_name_sites_plans_and_diagnostic(world):
    publish_plan(world, max_telework_days_per_week=3, anchor_days=0)
    options = selectors.prefill(world.organisation, "prive", "charte")
    assert options["organisation"]["name"] == world.organisation.name
    assert options["scope"].endswith("affectés aux sites suivants : Site Nord, Site Sud")
    assert (options["rhythm"]["telework_days"], options["rhythm"]["team_day"]) == (3, False)
    assert options["eligibility"]["activities"] == ACTIVITIES


@pytest.mark.parametrize("below_threshold", [True, False])
def test_the_cse_question_is_never_answered_from_the_headcount(unanswered_world, below_threshold):
    threshold = int(load_parameters("charter")["procedure.cse_headcount_threshold"].at().central)
    unanswered_world.organisation.headcount = threshold - 1 if below_threshold else threshold + 30
    options = selectors.prefill(unanswered_world.organisation, "prive", "charte")
    assert options["organisation"]["has_cse"] is None
    verdict = selectors.assess(options)
    assert [path for path, _message in verdict.problems] == ["organisation.has_cse"]


def test_without_plans_the_engine_defaults_stay(world):
    options = selectors.prefill(world.organisation, "prive", "charte")
    assert options["rhythm"] == selectors.plain(selectors.defaults_mapping("prive")["rhythm"])


def test_assess_maps_the_engines_problems_to_option_paths(world):
    options = selectors.prefill(world.organisation, "prive", "charte")
    options["rhythm"]["telework_days"] = 9
    options["reply_delay"] = "demain"
    verdict = selectors.assess(options)
    assert verdict.charter is None
    assert [path for path, _message in verdict.problems] == ["reply_delay", "rhythm.telework_days"]


def test_the_ceilings_come_from_the_dated_parameters():
    parameters = load_parameters("charter")
    when = timezone.localdate()
    lines = selectors.allowance_ceilings("public", when)
    cap = parameters["public_forfait.per_year_cap"].at(when).central
    assert f"{cap:.2f}".replace(".", ",") in lines[0]
    assert lines[-1].startswith("Source : ")


def test_procedure_status_follows_the_latest_document(world):
    assert selectors.procedure_status(world.organisation) is None
    document = services.create_document(
        organisation=world.organisation, sector="prive", document_type="accord_entreprise", actor=world.admin.user
    )
    status = selectors.procedure_status(world.organisation)
    assert (status.document_id, status.drafted, status.compliant) == (document.pk, False, False)
    assert (status.needs_cse, status.needs_signature) == (False, True)
    options = document.draft
    options["monitoring"]["cse_consulted"] = True  # the CSE was consulted on the follow-up of objectives
    services.save_version(document=document, options=options, actor=world.admin.user)
    day = timezone.localdate()
    services.record_procedure(document=document, actor=world.admin.user, employees_informed_date=day, signed_date=day)
    status = selectors.procedure_status(world.organisation)
    assert (status.drafted, status.compliant, status.employees_informed, status.signed) == (True, True, True, True)


def test_procedure_status_follows_a_document_with_versions_rather_than_one_just_started(world):
    adopted = services.create_document(
        organisation=world.organisation, sector="prive", document_type="accord_entreprise", actor=world.admin.user
    )
    options = adopted.draft
    options["monitoring"]["cse_consulted"] = True
    services.save_version(document=adopted, options=options, actor=world.admin.user)
    day = timezone.localdate()
    services.record_procedure(document=adopted, actor=world.admin.user, employees_informed_date=day, signed_date=day)
    started = services.create_document(
        organisation=world.organisation, sector="prive", document_type="charte", actor=world.admin.user
    )
    status = selectors.procedure_status(world.organisation)
    assert (status.document_id, status.drafted, status.signed) == (adopted.pk, True, True)
    services.save_version(document=started, options=started.draft, actor=world.admin.user, force=True)
    assert selectors.procedure_status(world.organisation).document_id == started.pk


def test_a_plan_with_fixed_days_leaves_no_floating_days(world, monkeypatch):
    def defaults_with_floating_days(sector):
        defaults = selectors.plain(defaults_mapping(sector))
        defaults["rhythm"]["floating_days_per_year"] = 12
        return defaults

    monkeypatch.setattr(selectors, "defaults_mapping", defaults_with_floating_days)
    plan = publish_plan(world, max_telework_days_per_week=2, fixed_days=False)
    assert selectors.prefill(world.organisation, "prive", "charte")["rhythm"]["floating_days_per_year"] == 12
    plan.fixed_days = True
    plan.save()
    assert selectors.prefill(world.organisation, "prive", "charte")["rhythm"]["floating_days_per_year"] == 0
