"""Journey steps 2 and 4 count the campaign, its answers, the review, its report and the key's destruction."""

import pytest

from teletravail.apps.organisations.journey import journey_steps
from teletravail.apps.practices import services
from tests.apps.practices.factories import access_of, answer, close, practices_world
from tests.apps.practices.test_services import run_review
from tests.world import build_world


pytestmark = pytest.mark.django_db


def tasks(access, step):
    return {str(task.title): task for task in journey_steps(access)[step - 1].tasks}


def task(access, step, start):
    return next(t for title, t in tasks(access, step).items() if title.startswith(start))


def test_without_a_campaign_the_tasks_are_to_do():
    world = build_world()
    access = access_of(world.admin)
    assert task(access, 2, "Mesurer les pratiques").done is False
    assert task(access, 4, "Refaire la campagne en bilan").done is False


def test_step_2_counts_the_answers_of_the_latest_campaign():
    found = practices_world(team_size=3)
    for membership in found.employees()[:2]:
        answer(found.campaign, membership)
    access = access_of(found.world.admin)
    assert task(access, 2, "Mesurer les pratiques").done is True
    answers = task(access, 2, "Recueillir les réponses")
    assert answers.done is False
    assert answers.detail == f"2 sur {len(list(found.campaign.organisation.memberships.all()))}"


def test_step_4_follows_the_review_its_report_and_its_key():
    found = practices_world(team_size=6)
    review = run_review(found, both=5)
    access = access_of(found.world.admin)
    assert task(access, 4, "Refaire la campagne en bilan").done is False
    close(review)
    services.record_report(campaign=review)
    services.destroy_linkage_key(access=access, actor=found.world.admin.user, review=review)
    assert task(access, 4, "Refaire la campagne en bilan").done is True
    assert task(access, 4, "Produire le rapport").done is True
    assert task(access, 4, "Détruire la clé").done is True
