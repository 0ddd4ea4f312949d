import pytest

from tests.apps.diagnostic.factories import diagnostic_world


@pytest.fixture
def dworld(db):
    return diagnostic_world()


@pytest.fixture
def participants(dworld):
    return list(dworld.campaign.participants.order_by("membership__user__full_name"))
