"""The criteria file: three tiers, French labels and help texts, task items matching the JRC table."""

import csv

import pytest

from teletravail.teleworkability.criteria import (
    BLOCKER,
    OBSTACLE,
    SOCIAL,
    CriteriaFileError,
    load_criteria,
    parse_criteria,
)
from teletravail.teleworkability.reference import DATA_DIR


def test_every_tier_has_criteria_with_french_label_and_help():
    criteria = load_criteria()
    for tier in (BLOCKER, OBSTACLE, SOCIAL):
        assert criteria.tiers[tier].label and criteria.tiers[tier].help
        assert criteria.of_tier(tier), tier
    assert criteria.criteria  # a loop over nothing would assert nothing
    for criterion in criteria.criteria.values():
        assert criterion.label and criterion.help, criterion.code
    assert all(0 < criterion.weight <= 1 for criterion in criteria.of_tier(SOCIAL))


def test_every_tier_criterion_and_task_item_has_its_english_text():
    criteria = load_criteria()
    items = [*criteria.tiers.values(), *criteria.criteria.values()]
    assert items
    for item in items:
        english = item.in_language("en")
        assert english.label == item.label_en and english.help == item.help_en, item.code
        assert english.help and english.help != item.help, item.code
        assert item.in_language("fr") == item
    assert criteria.task_items
    for task in criteria.task_items.values():
        assert task.label_en and task.label_in("en") != task.label_in("fr"), task.item


def test_task_items_are_the_columns_of_the_jrc_item_table():
    with (DATA_DIR / "isco_questions.csv").open(encoding="utf-8") as handle:
        columns = next(csv.reader(handle))[2:]
    assert sorted(load_criteria().task_items) == sorted(columns)


TIERS = {tier: {"label": "L", "label_en": "E", "help": "H", "help_en": "I"} for tier in (BLOCKER, OBSTACLE, SOCIAL)}


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"tiers": {}}, "niveau « blocker » : le champ « label » est obligatoire"),
        (
            {
                "tiers": {
                    tier: {"label": "L", "label_en": "E", "help": "H", "help_en": "I"}
                    for tier in (BLOCKER, OBSTACLE, SOCIAL)
                },
                "criteria": {"x": {"tier": BLOCKER, "label": "L", "label_en": "E", "help": "H"}},
            },
            "critère « x » : le champ « help_en » est obligatoire",
        ),
        (
            {
                "tiers": {
                    tier: {"label": "L", "label_en": "E", "help": "H", "help_en": "I"}
                    for tier in (BLOCKER, OBSTACLE, SOCIAL)
                },
                "criteria": {"x": {"tier": "autre", "label": "L", "help": "H"}},
            },
            "critère « x » : niveau « autre » inconnu",
        ),
        (
            {
                "tiers": {
                    tier: {"label": "L", "label_en": "E", "help": "H", "help_en": "I"}
                    for tier in (BLOCKER, OBSTACLE, SOCIAL)
                },
                "criteria": {"s": {"tier": SOCIAL, "weight": 2, "label": "L", "help": "H"}},
            },
            "critère « s » : un poids entre 0 et 1 est attendu",
        ),
    ],
)
def test_malformed_criteria_are_named(document, message):
    with pytest.raises(CriteriaFileError, match=message):
        parse_criteria(document)
