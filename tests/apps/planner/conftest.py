import pytest

from tests.apps.planner.factories import planner_world


@pytest.fixture
def world(db):
    return planner_world()
