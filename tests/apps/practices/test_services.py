"""Campaigns: opening (family, separate key, notifications), answering and every refusal, closing, the review and
the destruction of its key."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from teletravail.apps.audit.models import AuditAction, AuditEvent
from teletravail.apps.jobs.models import Job
from teletravail.apps.notifications.mail import MAIL_JOB
from teletravail.apps.notifications.models import Notification
from teletravail.apps.organisations.models import Role
from teletravail.apps.practices import selectors, services
from teletravail.apps.practices.models import LinkageKey, Participation, Response
from teletravail.apps.practices.notices import PRACTICES_INVITED
from teletravail.practices import pseudonym
from tests.apps.practices.factories import (
    access_of,
    add_employees,
    answer,
    answers_for,
    close,
    open_campaign,
    practices_world,
)
from tests.factories import MembershipFactory, OrganisationFactory
from tests.world import build_world


pytestmark = pytest.mark.django_db


def review_of(campaign, by):
    today = timezone.localdate()
    return services.open_review(
        access=access_of(by), actor=by.user, campaign=campaign, opens_on=today, closes_on=today + timedelta(days=14)
    )


# --- Opening ------------------------------------------------------------------------------------------------------


def test_opening_a_campaign_makes_its_family_and_key_and_tells_everyone_asked():
    world = build_world()
    campaign = open_campaign(world)

    key = LinkageKey.objects.get(family=campaign.family)
    assert len(bytes(key.key)) >= 16
    asked = {m.user_id for m in selectors.asked_memberships(campaign)}
    notified = set(Notification.objects.filter(kind=PRACTICES_INVITED.code).values_list("recipient_id", flat=True))
    assert notified == asked and world.employee.user_id in asked
    assert Job.objects.filter(kind=MAIL_JOB).count() == len(asked)
    assert AuditEvent.objects.filter(
        action=AuditAction.PRACTICES_CAMPAIGN_OPENED, organisation=world.organisation
    ).exists()


def test_a_campaign_for_a_team_asks_its_members_its_managers_and_the_employer_only():
    world = build_world()
    campaign = open_campaign(world, teams=[world.team], by=world.manager)

    asked = set(selectors.asked_memberships(campaign))
    assert {world.admin, world.manager, *world.members} == asked
    assert world.outsider_employee not in asked


def test_a_manager_opens_campaigns_only_for_the_teams_they_manage_and_an_employee_none():
    world = build_world()
    with pytest.raises(ValidationError, match="équipes qu'il encadre"):
        open_campaign(world, teams=[world.other_team], by=world.manager)
    with pytest.raises(ValidationError, match="équipes qu'il encadre"):
        open_campaign(world, by=world.manager)  # the whole organisation
    with pytest.raises(ValidationError, match="Seuls l'employeur et les managers"):
        open_campaign(world, by=world.employee)


def test_unknown_questionnaires_and_closing_before_opening_are_refused():
    world = build_world()
    with pytest.raises(ValidationError, match="Questionnaire inconnu : « inexistant »"):
        open_campaign(world, questionnaires=("practices", "inexistant"))
    with pytest.raises(ValidationError, match="La clôture doit suivre l'ouverture"):
        open_campaign(world, days=-1)


# --- Answering ----------------------------------------------------------------------------------------------------


def test_answers_are_stored_under_the_keyed_pseudonym_never_with_the_person():
    found = practices_world()
    employee = found.world.employee
    response = answer(found.campaign, employee)

    key = bytes(LinkageKey.objects.get(family=found.campaign.family).key)
    assert response.pseudonym == pseudonym(key, str(employee.pk))
    assert {field.name for field in Response._meta.get_fields()}.isdisjoint({"membership", "user", "submitted_at"})
    assert Participation.objects.get(campaign=found.campaign).membership == employee
    assert selectors.own_response(found.campaign, employee) == response
    assert selectors.own_response(found.campaign, found.world.members[1]) is None


def test_each_person_answers_their_own_part():
    found = practices_world()
    manager_response = answer(found.campaign, found.world.manager)
    employee_response = answer(found.campaign, found.world.employee)

    assert selectors.questionnaires_of(found.campaign)
    for response, role in ((manager_response, "manager"), (employee_response, "employee")):
        assert response.role == role
        for questionnaire in selectors.questionnaires_of(found.campaign):
            allowed = {item.id for item in questionnaire.items_for(role)}
            assert set(response.answers.get(questionnaire.id, {})) <= allowed


def test_answers_after_closing_are_refused():
    found = practices_world()
    close(found.campaign)
    with pytest.raises(ValidationError, match="est close : elle ne reçoit plus de réponses"):
        answer(found.campaign, found.world.employee)
    assert not Response.objects.exists()


def test_answers_after_the_closing_date_are_refused():
    found = practices_world()
    found.campaign.opens_on -= timedelta(days=20)
    found.campaign.closes_on = timezone.localdate() - timedelta(days=1)
    found.campaign.save()
    with pytest.raises(ValidationError, match="est close"):
        answer(found.campaign, found.world.employee)


def test_a_second_answer_is_refused():
    found = practices_world()
    answer(found.campaign, found.world.employee)
    with pytest.raises(ValidationError, match="Vous avez déjà répondu"):
        answer(found.campaign, found.world.employee, level="high")
    assert Response.objects.count() == 1


def test_two_answers_at_the_same_moment_make_one_response(monkeypatch):
    """The second submission passed the check before the first was saved: the unique constraints keep one."""
    found = practices_world()
    answer(found.campaign, found.world.employee)
    monkeypatch.setattr(selectors, "has_answered", lambda campaign, membership: False)

    with pytest.raises(ValidationError, match="Vous avez déjà répondu") as refused:
        answer(found.campaign, found.world.employee, level="high")
    assert refused.value.code == "conflict"
    assert Response.objects.count() == 1 and Participation.objects.count() == 1


def test_answers_for_someone_else_are_refused():
    found = practices_world()
    employee, other = found.world.employee, found.world.members[1]
    with pytest.raises(ValidationError, match="que pour vous-même"):
        services.submit_answers(
            campaign=found.campaign, respondent=other, actor=employee.user, answers=answers_for(found.campaign, other)
        )
    assert not Response.objects.exists()


def test_a_person_outside_the_campaign_teams_is_refused():
    world = build_world()
    campaign = open_campaign(world, teams=[world.team])
    outsider = world.outsider_employee
    with pytest.raises(ValidationError, match="ne vous concerne pas"):
        answer(campaign, outsider)


def test_a_member_of_another_organisation_is_refused():
    found = practices_world()
    stranger = MembershipFactory(organisation=OrganisationFactory(), role=Role.EMPLOYEE)
    with pytest.raises(ValidationError, match="ne vous concerne pas"):
        answer(found.campaign, stranger)


def test_an_empty_answer_and_a_value_that_is_no_choice_are_refused():
    found = practices_world()
    employee = found.world.employee
    with pytest.raises(ValidationError, match="Répondez au moins à une question"):
        services.submit_answers(campaign=found.campaign, respondent=employee, actor=employee.user, answers={})
    answers = answers_for(found.campaign, employee)
    questionnaire_id, items = next(iter(answers.items()))
    item_id = next(iter(items))
    answers[questionnaire_id][item_id] = "pas une valeur"
    with pytest.raises(ValidationError, match="n'est pas une réponse possible à la question"):
        services.submit_answers(campaign=found.campaign, respondent=employee, actor=employee.user, answers=answers)


# --- Closing, review, key -----------------------------------------------------------------------------------------


def test_only_the_employer_or_the_manager_who_opened_it_closes_a_campaign():
    found = practices_world()
    with pytest.raises(ValidationError, match="Seuls l'employeur"):
        services.close_campaign(
            access=access_of(found.world.manager), actor=found.world.manager.user, campaign=found.campaign
        )
    services.close_campaign(access=access_of(found.world.admin), actor=found.world.admin.user, campaign=found.campaign)
    found.campaign.refresh_from_db()
    assert found.campaign.is_closed()


def test_the_review_opens_after_closing_with_the_same_questionnaires_teams_and_family():
    world = build_world()
    campaign = open_campaign(world, teams=[world.team])
    with pytest.raises(ValidationError, match="n'est pas close"):
        review_of(campaign, world.admin)
    close(campaign)
    review = review_of(campaign, world.admin)

    assert review.review_of == campaign and review.family == campaign.family
    assert review.questionnaires == campaign.questionnaires
    assert list(review.teams.all()) == [world.team]
    with pytest.raises(ValidationError, match="déjà ouvert"):
        review_of(campaign, world.admin)
    with pytest.raises(ValidationError, match="déjà un bilan"):
        review_of(close(review), world.admin)


def run_review(found, *, both=6, only_first=0, only_review=0):
    """The first `both + only_first` employees answer the first wave, the first `both` and `only_review` more the
    review; both waves closed."""
    employees = found.employees()
    for membership in employees[: both + only_first]:
        answer(found.campaign, membership, level="low")
    close(found.campaign)
    review = review_of(found.campaign, found.world.admin)
    for membership in employees[:both] + employees[both + only_first : both + only_first + only_review]:
        answer(review, membership, level="high")
    return review


def test_the_review_links_the_people_who_answered_both_waves():
    found = practices_world(team_size=9)
    review = run_review(found, both=6, only_first=2, only_review=1)

    assert selectors.review_changes(review)
    for _questionnaire, changes in selectors.review_changes(review):
        shown = [change for change in changes if change.hidden_reason is None]
        assert shown
        for change in shown:
            assert (change.n0, change.n1, change.n_linked) == (8, 7, 6)


def test_the_key_is_destroyed_only_after_the_review_is_closed_then_nobody_can_link_again():
    found = practices_world(team_size=6)
    review = run_review(found)
    admin = found.world.admin
    employee = found.world.employee
    old_key = bytes(LinkageKey.objects.get(family=review.family).key)
    with pytest.raises(ValidationError, match="Closez d'abord le bilan"):
        services.destroy_linkage_key(access=access_of(admin), actor=admin.user, review=review)
    with pytest.raises(ValidationError, match="après le bilan à six mois"):
        services.destroy_linkage_key(access=access_of(admin), actor=admin.user, review=found.campaign)
    linked_before = [(c.n0, c.n1, c.n_linked) for _q, changes in selectors.review_changes(review) for c in changes]

    close(review)
    services.destroy_linkage_key(access=access_of(admin), actor=admin.user, review=review)

    assert not LinkageKey.objects.exists()
    review.family.refresh_from_db()
    assert review.family.key_destroyed_at is not None
    assert AuditEvent.objects.filter(action=AuditAction.PRACTICES_LINKAGE_KEY_DESTROYED).count() == 1
    # Nobody finds a person's answers any more, not even with a copy of the old key.
    assert selectors.own_response(found.campaign, employee) is None
    assert selectors.own_response(review, employee) is None
    old_pseudonym = pseudonym(old_key, str(employee.pk))
    assert not Response.objects.filter(pseudonym=old_pseudonym).exists()
    # The two waves still compare as before.
    assert [(c.n0, c.n1, c.n_linked) for _q, changes in selectors.review_changes(review) for c in changes] == (
        linked_before
    )
    with pytest.raises(ValidationError, match="déjà détruite"):
        services.destroy_linkage_key(access=access_of(admin), actor=admin.user, review=review)


def test_no_answer_reaches_a_family_whose_key_is_destroyed():
    found = practices_world(team_size=6)
    review = run_review(found, both=5)
    close(review)
    services.destroy_linkage_key(access=access_of(found.world.admin), actor=found.world.admin.user, review=review)
    review.closed_at = None
    review.save(update_fields=["closed_at"])  # reopened by hand: still no way to link a new answer
    late = found.employees()[5]
    with pytest.raises(ValidationError, match="clé de liaison de cette campagne est détruite"):
        answer(review, late)


def test_more_employees_join_and_answer():
    world = build_world()
    campaign = open_campaign(world)
    newcomer = add_employees(world, 1)[0]
    answer(campaign, newcomer)
    assert selectors.progress(campaign).answered == 1
