"""A person's answers in their archive while the key exists, their erasure, and the organisation's archive without
the key."""

import pytest

from teletravail.apps.core.personal_data import erase_account, organisation_records, personal_tables
from teletravail.apps.practices import selectors, services
from teletravail.apps.practices.models import LinkageKey, Response
from tests.apps.practices.factories import access_of, answer, close, practices_world
from tests.apps.practices.test_results import results_by_group
from tests.apps.practices.test_services import run_review


pytestmark = pytest.mark.django_db


def tables_of(user):
    return {table.name: table for table in personal_tables(user)}


def test_the_archive_holds_the_person_own_answers_only():
    found = practices_world()
    employee, colleague = found.world.employee, found.world.members[1]
    response = answer(found.campaign, employee)
    answer(found.campaign, colleague, level="high")

    tables = tables_of(employee.user)
    assert [row[1] for row in tables["pratiques_participations"].rows] == [found.campaign.title]
    answered = {(row[1], row[2]): row[3] for row in tables["pratiques_reponses"].rows}
    expected = {(qid, item): value for qid, items in response.answers.items() for item, value in items.items()}
    assert answered == expected


def test_after_the_key_is_destroyed_the_archive_no_longer_finds_the_answers():
    found = practices_world(team_size=6)
    review = run_review(found, both=5)
    close(review)
    services.destroy_linkage_key(access=access_of(found.world.admin), actor=found.world.admin.user, review=review)
    assert tables_of(found.world.employee.user)["pratiques_reponses"].rows == []


def test_erasure_removes_the_person_answers_and_hides_a_group_that_falls_under_the_threshold():
    found = practices_world(team_size=5)
    for membership in found.employees():
        answer(found.campaign, membership)
    team = found.world.team.name
    _results, by_group = results_by_group(found.campaign)
    assert any(
        result.hidden_reason is None for result in by_group[team] + by_group[selectors.whole_label(found.campaign)]
    )

    erase_account(found.world.employee.user)

    assert Response.objects.count() == 4
    _results, by_group = results_by_group(found.campaign)
    assert all(result.hidden_reason == "threshold" for result in by_group[team])


def test_the_organisation_archive_never_holds_the_key():
    records = {record.name: record for record in organisation_records()}
    assert "key" in records["pratiques_cles"].leave_out
    assert all(code != "key" for code, _label, _lookup in records["pratiques_cles"].columns())
    assert LinkageKey._meta.get_field("key")
