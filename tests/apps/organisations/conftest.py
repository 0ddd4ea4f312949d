import pytest

from tests.world import build_world, communes


@pytest.fixture
def places(db):
    return communes()


@pytest.fixture
def world(db):
    return build_world("A")


@pytest.fixture
def other_world(db, world):
    return build_world("B")
