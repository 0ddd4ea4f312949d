import pytest

from tests.world import build_world


@pytest.fixture
def world(db):
    """The test world: « Compta » (Marc Manager, three employees), « Comptabilité » (one employee, no manager)."""
    return build_world()
