import copy

import pytest

from teletravail.planning import solve


BASE = {
    "horizon": {"weeks": 2, "days": ["lun", "mar", "mer", "jeu", "ven"]},
    "sites": [{"id": "siege", "name": "Siège", "desks": 10}],
    "teams": [{"id": "compta", "name": "Compta", "site": "siege"}],
    "employees": [
        {"id": "amina", "name": "Amina", "team": "compta"},
        {"id": "bruno", "name": "Bruno", "team": "compta"},
        {"id": "chloe", "name": "Chloé", "team": "compta"},
    ],
    "rules": {},
}
EVERY_DAY = ["lun", "mar", "mer", "jeu", "ven"]


@pytest.fixture
def base():
    """A small valid input (three people, one team, one site, two weeks), fresh for each test."""
    return copy.deepcopy(BASE)


def solve_small(data, **kwargs):
    """Reproducible solve: one worker, fixed seed."""
    return solve(data, time_limit=10, seed=0, workers=1, **kwargs)


def places(result, employee):
    """(week, day) → where for one employee."""
    return {(a["week"], a["day"]): a["where"] for a in result["assignments"] if a["employee"] == employee}
