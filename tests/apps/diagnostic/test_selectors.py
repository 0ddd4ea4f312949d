"""Reads of the campaign: the contract other apps use, and the results the engine computes from the decisions."""

import pytest

from teletravail.apps.diagnostic import selectors, services
from teletravail.apps.diagnostic.selectors import (
    campaign_progress,
    campaign_results,
    eligible_activities,
    eligible_telework_days,
)
from teletravail.teleworkability import ScoringRule, profession
from tests.apps.diagnostic.factories import ACCOUNTANT, answer_both, decide_all, diagnostic_world, example_criteria
from tests.factories import OrganisationFactory


pytestmark = pytest.mark.django_db


def test_progress_is_none_without_campaign_then_counts_invited_answered_decided(participants, dworld):
    assert campaign_progress(OrganisationFactory()) is None
    alice, bruno = participants
    progress = campaign_progress(dworld.organisation)
    assert (progress.campaign_id, progress.invited, progress.answered, progress.decided) == (
        dworld.campaign.pk,
        2,
        0,
        0,
    )
    decide_all(alice, dworld)
    answer_both(bruno, dworld, manager={})
    progress = campaign_progress(dworld.organisation)
    assert (progress.invited, progress.answered, progress.decided) == (2, 2, 1)


def test_eligible_days_come_from_the_decided_assessment_only(dworld, participants):
    alice = participants[0]
    assert eligible_telework_days(alice.membership) is None
    answer_both(alice, dworld)
    assert eligible_telework_days(alice.membership) is None
    services.validate_agreements(participant=alice, actor=dworld.world.manager.user)
    # The method's worked example: 70 % teleworkable → ⌊0.7 × 5⌋ = 3 days, low social intensity keeps all three.
    assert eligible_telework_days(alice.membership) == 3
    assert eligible_telework_days(dworld.world.members[2]) is None


def test_eligible_days_follow_the_latest_fully_decided_campaign(dworld, participants):
    alice = participants[0]
    decide_all(alice, dworld)
    later = services.create_campaign(organisation=dworld.organisation, title="Bilan", actor=dworld.world.admin.user)
    job = services.save_job(campaign=later, title="Comptable")
    services.add_activity(job=job, name="Accueil des clients", time_share=100)
    services.invite_participants(
        campaign=later, job=job, memberships=[alice.membership], actor=dworld.world.admin.user
    )
    # Not decided yet in the later campaign: the earlier decision still holds.
    assert eligible_telework_days(alice.membership) == 3
    participant = later.participants.get()
    for role in ("employee", "manager"):
        services.submit_answers(
            participant=participant,
            role=role,
            answers={
                activity.pk: (["accueil_du_public"], "") for activity in selectors.participant_activities(participant)
            },
            actor=dworld.world.manager.user,
        )
    services.validate_agreements(participant=participant, actor=dworld.world.manager.user)
    assert eligible_telework_days(alice.membership) == 0


def test_eligible_activities_are_those_every_decision_lets_be_done_remotely(dworld, participants):
    alice, bruno = participants
    assert eligible_activities(dworld.organisation) == []
    decide_all(alice, dworld)
    expected = sorted(name for name, _share, criteria in ACCOUNTANT if "originaux_physiques" not in criteria)
    assert eligible_activities(dworld.organisation) == expected
    # For Bruno, the analysis needs a controlled room: it is no longer eligible for the organisation.
    on_site = {**example_criteria(), "Analyse des comptes": ["environnement_controle"]}
    decide_all(bruno, dworld, employee=on_site, manager=on_site)
    assert eligible_activities(dworld.organisation) == [name for name in expected if name != "Analyse des comptes"]


def test_results_per_employee_job_and_organisation(dworld, participants):
    alice, bruno = participants
    decide_all(alice, dworld)
    mostly_remote = {**example_criteria(), "Courrier papier": []}
    decide_all(bruno, dworld, employee=mostly_remote, manager=mostly_remote)
    results = campaign_results(dworld.campaign)
    by_name = {result.name: result.assessment for result in results.participants}
    assert by_name["Alice Martin"].teleworkable_share == pytest.approx(0.7)
    assert by_name["Bruno Petit"].teleworkable_share == pytest.approx(0.8)
    (job,) = results.jobs
    assert (job.invited, job.decided) == (2, 2)
    assert job.synthesis.teleworkable_time_share == pytest.approx(0.75)
    assert job.profession == profession("37C1")
    assert results.synthesis.headcount == 2
    assert results.synthesis.dingel_neiman_reference == pytest.approx(profession("37C1").scores.dingel_neiman)
    (obstacle,) = results.synthesis.obstacles
    assert obstacle.code == "equipement" and obstacle.time_share == pytest.approx(0.2)
    assert results.problems == ()


def test_shares_off_100_are_reported_by_the_engine_not_normalised(db):
    off = (("Saisie", 50, []), ("Courrier", 40, ["originaux_physiques"]))
    world = diagnostic_world(activities=off, invite=1)
    participant = world.campaign.participants.get()
    decide_all(participant, world, employee={}, manager={})
    results = campaign_results(world.campaign)
    assert results.synthesis is None
    assert results.problems == (
        "Alice Martin : Poste « Comptable » : les parts de temps des activités totalisent 90 % au lieu de 100 %.",
    )
    services.normalise_shares(job=world.job)
    assert campaign_results(world.campaign).participants[0].assessment.teleworkable_share == pytest.approx(1.0)


def test_an_employees_own_activity_rescales_their_shares_with_a_warning(dworld, participants):
    alice = participants[0]
    services.add_own_activity(participant=alice, name="Tutorat", time_share=25)
    decide_all(alice, dworld)
    assessment = selectors.participant_result(alice).assessment
    rule = ScoringRule.load()
    assert sum(activity.time_share for activity in assessment.activities) == pytest.approx(1.0)
    assert assessment.teleworkable_share == pytest.approx((50 + 20 + 25) / 125)
    assert assessment.feasible_days == min(int(assessment.teleworkable_share * rule.working_days_per_week), 3)
    assert "ramenées à 100 %" in assessment.warnings[0]
