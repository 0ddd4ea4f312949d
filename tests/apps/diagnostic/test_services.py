"""Writes of the campaign: each bad input gives a French message naming what is at fault, and saves nothing."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from teletravail.apps.audit.models import AuditAction, AuditEvent
from teletravail.apps.diagnostic import selectors, services
from teletravail.apps.diagnostic.models import Answer, AuthorRole, CampaignStatus, Decision, JobActivity, Participant
from teletravail.apps.home.demo import create_demo
from tests.apps.diagnostic.factories import answer_both, answers_for, decide_all, example_criteria
from tests.factories import MembershipFactory, make_commune


pytestmark = pytest.mark.django_db


def messages_of(error):
    return " ".join(error.value.messages)


def test_creating_and_inviting_is_audited_and_opens_the_campaign(dworld):
    actions = set(AuditEvent.objects.filter(organisation=dworld.organisation).values_list("action", flat=True))
    assert {AuditAction.DIAGNOSTIC_CAMPAIGN_CREATED, AuditAction.DIAGNOSTIC_PARTICIPANTS_INVITED} <= actions
    dworld.campaign.refresh_from_db()
    assert dworld.campaign.status == CampaignStatus.OPEN and dworld.campaign.opened_at is not None


def test_an_unknown_pcs_code_is_refused_with_its_code(dworld):
    with pytest.raises(ValidationError) as error:
        services.save_job(campaign=dworld.campaign, title="Secrétaire", pcs2020="ZZ99")
    assert "« ZZ99 » inconnu" in messages_of(error)
    assert not dworld.campaign.jobs.filter(title="Secrétaire").exists()


def test_a_job_title_is_unique_in_the_campaign(dworld):
    with pytest.raises(ValidationError) as error:
        services.save_job(campaign=dworld.campaign, title="comptable")
    assert "Le poste « comptable » existe déjà" in messages_of(error)


def test_shares_are_stored_as_entered_and_normalised_only_on_request(dworld):
    job = services.save_job(campaign=dworld.campaign, title="Assistant")
    for name in ("Courriels", "Téléphone", "Classement"):
        services.add_activity(job=job, name=name, time_share=30)
    assert services.share_total(selectors.job_activities(job)) == 90
    services.normalise_shares(job=job)
    shares = sorted(activity.time_share for activity in selectors.job_activities(job))
    assert sum(shares) == 100
    assert shares[-1] - shares[0] <= Decimal("0.01")


def test_an_activity_share_above_100_is_refused(dworld):
    with pytest.raises(ValidationError) as error:
        services.add_activity(job=dworld.job, name="Tout", time_share=120)
    assert "Activité « Tout »" in messages_of(error)


def test_a_job_without_activity_cannot_be_assessed(dworld):
    empty = services.save_job(campaign=dworld.campaign, title="Standardiste")
    with pytest.raises(ValidationError) as error:
        services.invite_participants(
            campaign=dworld.campaign, job=empty, memberships=[dworld.world.members[2]], actor=dworld.world.admin.user
        )
    assert "Le poste « Standardiste » n'a aucune activité" in messages_of(error)
    assert not Participant.objects.filter(membership=dworld.world.members[2]).exists()


def test_inviting_someone_twice_names_them_and_saves_no_one(dworld):
    chloe = dworld.world.members[2]
    with pytest.raises(ValidationError) as error:
        services.invite_participants(
            campaign=dworld.campaign,
            job=dworld.job,
            memberships=[chloe, dworld.world.members[0]],
            actor=dworld.world.admin.user,
        )
    assert "Alice Essai est déjà invité·e à cette campagne." in messages_of(error)
    assert not Participant.objects.filter(membership=chloe).exists()


def test_a_member_of_another_organisation_cannot_be_invited(dworld):
    stranger = MembershipFactory(user__full_name="Xavier Ailleurs")
    with pytest.raises(ValidationError) as error:
        services.invite_participants(
            campaign=dworld.campaign, job=dworld.job, memberships=[stranger], actor=dworld.world.admin.user
        )
    assert "Xavier Ailleurs n'est pas membre de l'organisation." in messages_of(error)


def test_an_unknown_criterion_saves_none_of_the_answers(participants):
    alice = participants[0]
    answers = answers_for(alice, {"Saisie comptable": ["acces_informatique"], "Courrier papier": ["teleportation"]})
    with pytest.raises(ValidationError) as error:
        services.submit_answers(
            participant=alice, role=AuthorRole.EMPLOYEE, answers=answers, actor=alice.membership.user
        )
    assert "Activité « Courrier papier » : critère inconnu « teleportation »." in messages_of(error)
    assert not Answer.objects.filter(participant=alice).exists()
    alice.refresh_from_db()
    assert alice.submitted_at is None


def test_every_activity_must_be_answered(participants):
    alice = participants[0]
    answers = answers_for(alice, {})
    missing = next(iter(answers))
    del answers[missing]
    with pytest.raises(ValidationError) as error:
        services.submit_answers(
            participant=alice, role=AuthorRole.EMPLOYEE, answers=answers, actor=alice.membership.user
        )
    assert JobActivity.objects.get(pk=missing).name in messages_of(error)


def test_an_employee_may_add_an_activity_to_their_own_assessment_only(dworld, participants):
    alice, bruno = participants
    activity = services.add_own_activity(participant=alice, name="Tutorat d'un apprenti", time_share=10)
    assert activity in selectors.participant_activities(alice)
    assert activity not in selectors.participant_activities(bruno)
    assert activity not in selectors.job_activities(dworld.job)
    with pytest.raises(ValidationError) as error:
        services.add_own_activity(participant=alice, name="saisie comptable", time_share=5)
    assert "Votre poste a déjà une activité « saisie comptable »." in messages_of(error)


def test_no_decision_before_both_views_are_in(dworld, participants):
    alice = participants[0]
    activity = selectors.participant_activities(alice)[0]
    with pytest.raises(ValidationError) as error:
        services.decide(participant=alice, activity=activity, criteria=[], note="", actor=dworld.world.manager.user)
    assert "Alice Essai" in messages_of(error)
    assert not Decision.objects.exists()


def test_agreements_are_validated_in_one_click_and_differences_wait_for_a_decision(dworld, participants):
    alice = participants[0]
    manager_view = {**example_criteria(), "Analyse des comptes": ["confidentialite"]}
    decisions = decide_all(alice, dworld, manager=manager_view)
    assert {decision.activity.name for decision in decisions} == {
        "Saisie comptable",
        "Relances téléphoniques",
        "Courrier papier",
    }
    assert not selectors.is_fully_decided(alice)
    analysis = next(row for row in selectors.activity_rows(alice) if row.activity.name == "Analyse des comptes")
    assert analysis.differs and analysis.decision is None
    with pytest.raises(ValidationError) as error:
        services.validate_agreements(participant=alice, activity=analysis.activity, actor=dworld.world.manager.user)
    assert "les deux regards diffèrent" in messages_of(error)

    decision = services.decide(
        participant=alice,
        activity=analysis.activity,
        criteria=["confidentialite"],
        note="Un coffre numérique sera ouvert.",
        actor=dworld.world.manager.user,
    )
    assert decision.decided_by == dworld.world.manager.user and decision.decided_at is not None
    assert selectors.is_fully_decided(alice)
    assert AuditEvent.objects.filter(action=AuditAction.DIAGNOSTIC_DECISION_RECORDED).count() == 4


def test_only_obstacles_can_be_the_target_of_an_action(dworld):
    with pytest.raises(ValidationError) as error:
        services.add_action(
            campaign=dworld.campaign,
            criterion="manutention",
            what="Porter moins",
            who="RH",
            due_date=date(2026, 9, 1),
            actor=dworld.world.admin.user,
        )
    assert "« Manutention ou effort physique » n'est pas un obstacle levable." in messages_of(error)


def test_a_completed_action_lifts_its_obstacle_in_the_results(dworld, participants):
    alice = participants[0]
    decide_all(alice, dworld)
    before = selectors.participant_result(alice).assessment
    action = services.add_action(
        campaign=dworld.campaign,
        job=dworld.job,
        criterion="equipement",
        what="Fournir un casque et un logiciel de téléphonie",
        who="Service informatique",
        due_date=date(2026, 9, 1),
        actor=dworld.world.admin.user,
    )
    assert selectors.participant_result(alice).assessment == before
    services.set_action_done(action=action)
    after = selectors.participant_result(alice).assessment
    assert after.teleworkable_share == pytest.approx(before.teleworkable_share + before.conditional_share)
    assert after.conditional_share == 0


def test_a_closed_campaign_refuses_every_write(dworld, participants):
    services.close_campaign(campaign=dworld.campaign, actor=dworld.world.admin.user)
    with pytest.raises(ValidationError) as error:
        answer_both(participants[0], dworld)
    assert "est close" in messages_of(error)
    with pytest.raises(ValidationError):
        services.add_activity(job=dworld.job, name="Nouvelle", time_share=5)
    assert AuditEvent.objects.filter(action=AuditAction.DIAGNOSTIC_CAMPAIGN_CLOSED).exists()


def test_the_demo_campaign_is_decided_and_created_once():
    make_commune("69383", "Lyon 3e Arrondissement", "lyon 3e arrondissement")
    make_commune("42218")
    organisation = create_demo().organisation
    campaign = services.create_demo_campaign(organisation)
    assert services.create_demo_campaign(organisation) == campaign
    progress = selectors.campaign_progress(organisation)
    assert (progress.invited, progress.answered, progress.decided) == (1, 1, 1)
    employee = organisation.memberships.get(role="employee")
    # 55 % + 20 % teleworkable → ⌊0.75 × 5⌋ = 3 days; social intensity (0.08 + 0.09) / 0.9 stays under 0.5.
    assert selectors.eligible_telework_days(employee) == 3
    assert "Maintenance de la salle serveurs" not in selectors.eligible_activities(organisation)
    assert campaign.actions.count() == 1


def test_the_last_activity_of_a_job_with_participants_cannot_be_deleted(dworld):
    job = services.save_job(campaign=dworld.campaign, title="Standardiste")
    first = services.add_activity(job=job, name="Accueil", time_share=60)
    last = services.add_activity(job=job, name="Standard", time_share=40)
    services.delete_activity(activity=first)  # nobody holds the job yet
    services.invite_participants(
        campaign=dworld.campaign, job=job, memberships=[dworld.world.members[2]], actor=dworld.world.admin.user
    )
    with pytest.raises(ValidationError) as error:
        services.delete_activity(activity=last)
    assert "« Standard » est la dernière activité du poste « Standardiste »" in messages_of(error)
    assert list(selectors.job_activities(job)) == [last]


def test_an_own_activity_asks_the_employee_and_the_manager_to_answer_again(dworld, participants):
    alice = participants[0]
    answer_both(alice, dworld)
    services.add_own_activity(participant=alice, name="Tutorat", time_share=5)
    alice.refresh_from_db()
    assert alice.submitted_at is None and alice.manager_submitted_at is None
    assert selectors.campaign_progress_of(dworld.campaign).answered == 0


def test_a_participants_shares_are_normalised_only_for_their_own_activities(dworld, participants):
    alice, bruno = participants
    with pytest.raises(ValidationError) as error:
        services.normalise_participant_shares(participant=alice)
    assert "totalisent déjà 100 %" in messages_of(error)
    services.add_own_activity(participant=alice, name="Tutorat", time_share=20)
    services.normalise_participant_shares(participant=alice)
    alice.refresh_from_db()
    assert alice.normalised_total == 120
    # Stored shares stay as entered: the results rescale them.
    assert sorted(activity.time_share for activity in selectors.participant_activities(alice)) == [10, 20, 20, 20, 50]
    # Without activities of their own, shares off 100 % are the job's: they are corrected on the job's page.
    services.add_activity(job=dworld.job, name="Classement", time_share=10)
    with pytest.raises(ValidationError) as error:
        services.normalise_participant_shares(participant=bruno)
    assert "se corrigent sur la page du poste « Comptable »" in messages_of(error)
    bruno.refresh_from_db()
    assert bruno.normalised_total is None
