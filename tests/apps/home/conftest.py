import pytest

from tests.apps.organisations.builders import build_world


@pytest.fixture
def world(db):
    return build_world("A")
