"""Journey steps 2 and 4 count the campaign, its answers, the review, its report and the key's destruction."""

from datetime import date
from types import SimpleNamespace

import pytest

from teletravail.apps.organisations.journey import journey_steps
from teletravail.apps.practices import journey, services
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


def test_step_4_has_one_review_task_dated_from_the_charter_s_adoption(monkeypatch):
    world = build_world()
    access = access_of(world.admin)
    # The charter's « Faire le bilan à six mois » task was never done and sat beside this one: it is gone.
    assert [title for title in tasks(access, 4) if "bilan à six mois" in title] == [
        "Refaire la campagne en bilan à six mois et comparer avant / après"
    ]
    assert task(access, 4, "Refaire la campagne en bilan").detail == (
        "Sa date sera fixée à l'adoption de la charte ou de l'accord."
    )
    adopted = SimpleNamespace(adopted_on=date(2026, 3, 2))
    monkeypatch.setattr(journey, "procedure_status", lambda organisation: adopted)
    review = task(access, 4, "Refaire la campagne en bilan")
    assert review.done is False
    assert review.detail == "Six mois après l'adoption du texte (le 2 mars 2026) : le 2 septembre 2026."
