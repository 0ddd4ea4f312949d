"""Reads of the campaign: the contract other apps use, and the results the engine computes from the decisions."""

import pytest

from teletravail.apps.diagnostic import selectors, services
from teletravail.apps.diagnostic.models import Participant
from teletravail.apps.diagnostic.selectors import (
    campaign_progress,
    campaign_results,
    eligible_activities,
    eligible_telework_days,
)
from teletravail.apps.organisations.models import ConsultantAccess
from teletravail.apps.organisations.selectors import organisation_access
from teletravail.teleworkability import ScoringRule, profession
from tests.apps.diagnostic.factories import ACCOUNTANT, answer_both, decide_all, diagnostic_world, example_criteria
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


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
    assert by_name["Alice Essai"].teleworkable_share == pytest.approx(0.7)
    assert by_name["Bruno Essai"].teleworkable_share == pytest.approx(0.8)
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
    # Aggregated outputs count the assessments left out, per job, without names; the names are for those who follow.
    assert results.problems == (
        "Poste « Comptable » : 1 évaluation décidée ne peut pas être calculée (par exemple, des parts de temps qui "
        "ne totalisent pas 100 %) : elle est laissée hors des résultats.",
    )
    assert results.problems_of({participant.pk}) == [
        "Alice Essai : Poste « Comptable » : les parts de temps des activités totalisent 90 % au lieu de 100 %."
    ]
    assert results.problems_of(set()) == []
    services.normalise_shares(job=world.job)
    assert campaign_results(world.campaign).participants[0].assessment.teleworkable_share == pytest.approx(1.0)


def test_an_employees_own_activity_is_not_normalised_until_asked(dworld, participants):
    alice = participants[0]
    services.add_own_activity(participant=alice, name="Tutorat", time_share=25)
    decide_all(alice, dworld)
    result = selectors.participant_result(alice)
    assert result.assessment is None
    assert result.problems == (
        "Poste « Comptable » : les parts de temps des activités totalisent 125 % au lieu de 100 %.",
    )
    assert selectors.shares_to_normalise(alice) == 125
    services.normalise_participant_shares(participant=alice)
    assert selectors.shares_to_normalise(alice) is None
    assessment = selectors.participant_result(alice).assessment
    rule = ScoringRule.load()
    assert sum(activity.time_share for activity in assessment.activities) == pytest.approx(1.0)
    assert assessment.teleworkable_share == pytest.approx((50 + 20 + 25) / 125)
    assert assessment.feasible_days == min(int(assessment.teleworkable_share * rule.working_days_per_week), 3)
    assert "ramenées à 100 %" in assessment.warnings[0]
    # Another activity changes the total: the earlier request no longer holds.
    services.add_own_activity(participant=alice, name="Formation", time_share=5)
    assert selectors.shares_to_normalise(alice) == 130


def test_shares_within_the_engines_tolerance_need_no_normalising(dworld, participants):
    alice = participants[0]
    tolerance = ScoringRule.load().time_share_tolerance
    services.add_own_activity(participant=alice, name="Tutorat", time_share=tolerance)
    assert selectors.shares_to_normalise(alice) is None
    assert not selectors.shares_are_off(100 + tolerance) and selectors.shares_are_off(100 + tolerance + 0.5)


def test_eligible_activities_ignore_a_newer_campaign_without_decision(dworld, participants):
    decide_all(participants[0], dworld)
    expected = eligible_activities(dworld.organisation)
    assert expected
    later = services.create_campaign(organisation=dworld.organisation, title="Bilan", actor=dworld.world.admin.user)
    job = services.save_job(campaign=later, title="Comptable")
    services.add_activity(job=job, name="Accueil des clients", time_share=100)
    services.invite_participants(
        campaign=later, job=job, memberships=[participants[0].membership], actor=dworld.world.admin.user
    )
    assert eligible_activities(dworld.organisation) == expected


def test_eligible_activities_count_only_fully_decided_participants(dworld, participants):
    alice, bruno = participants
    decide_all(alice, dworld)
    expected = eligible_activities(dworld.organisation)
    # Bruno's decisions are partial (the analysis is still debated): his « on site » mail sorting counts for nothing.
    bruno_view = {**example_criteria(), "Saisie comptable": ["originaux_physiques"]}
    decide_all(bruno, dworld, employee=bruno_view, manager={**bruno_view, "Analyse des comptes": ["confidentialite"]})
    assert not selectors.is_fully_decided(bruno)
    assert eligible_activities(dworld.organisation) == expected


# --- Results shown to a viewer ------------------------------------------------------------------------------------


def consultant_access(organisation):
    consultant = UserFactory(platform_role="consultant")
    ConsultantAccess.objects.create(organisation=organisation, consultant=consultant)
    return organisation_access(consultant, organisation.pk)


def test_figures_of_fewer_than_three_decided_are_hidden_from_those_who_do_not_follow(dworld, participants):
    assert selectors.min_decided_shown() == 3
    alice, bruno = participants
    decide_all(alice, dworld)
    decide_all(bruno, dworld)
    results = campaign_results(dworld.campaign)
    shown = selectors.results_shown_to(consultant_access(dworld.organisation), results)
    assert shown.jobs == () and [job.job for job in shown.hidden_jobs] == [dworld.job]
    assert shown.synthesis is None and shown.synthesis_hidden
    manager = organisation_access(dworld.world.manager.user, dworld.organisation.pk)
    assert selectors.results_shown_to(manager, results) == results  # they follow both

    chloe = dworld.world.members[2]
    services.invite_participants(
        campaign=dworld.campaign, job=dworld.job, memberships=[chloe], actor=dworld.world.admin.user
    )
    decide_all(dworld.campaign.participants.get(membership=chloe), dworld)
    shown = selectors.results_shown_to(consultant_access(dworld.organisation), campaign_results(dworld.campaign))
    assert [job.job for job in shown.jobs] == [dworld.job] and shown.hidden_jobs == ()
    assert shown.synthesis is not None and not shown.synthesis_hidden


def test_a_small_job_stays_hidden_even_inside_the_organisations_figures(dworld, participants):
    """The organisation's figures minus those of the jobs shown must not give away a hidden job's few people."""
    services.invite_participants(
        campaign=dworld.campaign, job=dworld.job, memberships=[dworld.world.members[2]], actor=dworld.world.admin.user
    )
    for participant in dworld.campaign.participants.all():
        decide_all(participant, dworld)
    on_site = {"Standard": ["accueil_du_public"]}

    def decided_alone_in(title):
        job = services.save_job(campaign=dworld.campaign, title=title)
        services.add_activity(job=job, name="Standard", time_share=100)
        member = MembershipFactory(organisation=dworld.organisation, team=dworld.world.team)
        participant = Participant.objects.create(campaign=dworld.campaign, membership=member, job=job)
        decide_all(participant, dworld, employee=on_site, manager=on_site)
        return job

    assistant = decided_alone_in("Assistant")
    # Four decided, three of them in the job shown: the organisation minus that job would be the assistant alone.
    shown = selectors.results_shown_to(consultant_access(dworld.organisation), campaign_results(dworld.campaign))
    assert [job.job for job in shown.hidden_jobs] == [assistant] and [job.job for job in shown.jobs] == [dworld.job]
    assert shown.synthesis is None and shown.synthesis_hidden

    receptionist = decided_alone_in("Standardiste")
    other = decided_alone_in("Hôte d'accueil")
    # Three people in hidden jobs: the organisation's figures show, without naming the hidden jobs.
    shown = selectors.results_shown_to(consultant_access(dworld.organisation), campaign_results(dworld.campaign))
    assert {job.job for job in shown.hidden_jobs} == {assistant, receptionist, other}
    assert shown.synthesis is not None and shown.synthesis.headcount == 6
    (blocker,) = [impact for impact in shown.synthesis.blockers if impact.code == "accueil_du_public"]
    assert blocker.jobs == ()
    others = [impact for impact in shown.synthesis.blockers if impact.code != blocker.code]
    assert others and all(impact.jobs == ("Comptable",) for impact in others)


def test_criteria_are_named_in_the_page_language():
    from django.utils import translation

    from teletravail.apps.diagnostic.selectors import criterion_label, obstacle_choices
    from teletravail.teleworkability.criteria import load_criteria

    criteria = load_criteria()
    assert criteria.criteria  # a loop over nothing would assert nothing
    assert all(
        criterion.label_en and criterion.label_en != criterion.label for criterion in criteria.criteria.values()
    )
    with translation.override("en"):
        assert criterion_label("intervention_sur_site") == "Work on site"
        assert dict(obstacle_choices())["coordination"] == "Real-time coordination"
    with translation.override("fr"):
        assert criterion_label("intervention_sur_site") == "Intervention sur site"
    assert criterion_label("retired_code") == "retired_code"
