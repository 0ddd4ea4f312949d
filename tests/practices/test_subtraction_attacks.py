"""Subtraction attacks on random organisation charts: no sum and difference of shown groups gives away the total of
fewer people than the rule of difference.

Charts are nested teams (an organisation, its departments, their teams, and people in no team), the shape of real
organisation charts. An attacker adds and subtracts any shown groups (coefficients -1, 0, +1); an attack succeeds
when the result is the total of a set of people (every person counted 0 or 1 times) of 1 to `difference` - 1 people.
"""

import itertools
import random

import numpy as np

from teletravail.practices.scoring import shown_groups


MIN_GROUP, DIFFERENCE = 5, 3
CHARTS = 1000


def random_chart(rng):
    """Up to 7 nested groups over up to 40 people."""
    people = list(range(rng.randint(5, 40)))
    groups = {"organisation": frozenset(people)}

    def split(label, members, depth):
        if depth == 0 or len(groups) >= 7:
            return
        members = list(members)
        rng.shuffle(members)
        start = 0
        for index in range(rng.randint(1, 3)):
            size = rng.randint(0, max(0, len(members) - start))
            if size == 0 or len(groups) >= 7:
                continue
            child = f"{label}.{index}"
            groups[child] = frozenset(members[start : start + size])
            start += size
            split(child, groups[child], depth - 1)

    split("organisation", people, 2)
    return groups, len(people)


def disclosures(groups, shown, people):
    labels = sorted(shown)
    matrix = np.zeros((len(labels), people), dtype=int)
    for row, label in enumerate(labels):
        matrix[row, sorted(groups[label])] = 1
    found = []
    for signs in itertools.product((-1, 0, 1), repeat=len(labels)):
        counted = np.array(signs) @ matrix
        if counted.min() >= 0 and counted.max() <= 1 and 0 < counted.sum() < DIFFERENCE:
            found.append(dict(zip(labels, signs, strict=True)))
    return found


def test_no_subtraction_attack_succeeds_on_random_charts():
    rng = random.Random(20261207)
    attacked, hidden_by_difference = [], 0
    for _ in range(CHARTS):
        groups, people = random_chart(rng)
        shown = shown_groups(groups, MIN_GROUP, DIFFERENCE)
        assert all(len(groups[label]) >= MIN_GROUP for label in shown)
        hidden_by_difference += sum(1 for label in groups if len(groups[label]) >= MIN_GROUP and label not in shown)
        if found := disclosures(groups, shown, people):
            attacked.append((groups, found[0]))
    assert attacked == []
    assert hidden_by_difference > 0  # the charts do put the rule to work


def test_without_the_rule_the_same_charts_are_attacked():
    # The attack search finds something when the rule is off: the test above is not empty.
    rng = random.Random(20261207)
    attacked = 0
    for _ in range(200):
        groups, people = random_chart(rng)
        shown = {label for label, members in groups.items() if len(members) >= MIN_GROUP}
        attacked += bool(disclosures(groups, shown, people))
    assert attacked > 0
