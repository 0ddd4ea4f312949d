import pytest

from tests.world import build_world


@pytest.fixture
def world(db):
    """The test world: « Alpha » (Marc Manager, three employees), « Bravo » (one employee, no manager)."""
    return build_world()
