import pytest

from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


TEST_PASSWORD = "mot-de-passe-de-test-1"


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def organisation(db):
    return OrganisationFactory()


@pytest.fixture
def member_factory(db):
    """Make a member of an organisation with a role: member_factory(org, "employer_admin")."""

    def make(organisation, role="employee", **kwargs):
        return MembershipFactory(organisation=organisation, role=role, **kwargs)

    return make
