import pytest

from teletravail.apps.organisations.models import Site
from tests.factories import MembershipFactory, OrganisationFactory, TeamFactory, make_commune


@pytest.fixture
def organisation_with_staff():
    lyon = make_commune(
        "69383", "Lyon 3e Arrondissement", "lyon 3e arrondissement", latitude=45.7597, longitude=4.8493
    )
    saint_etienne = make_commune("42218")
    organisation = OrganisationFactory()
    site = Site.objects.create(organisation=organisation, name="Siège", commune=lyon, desks=10)
    team = TeamFactory(organisation=organisation, site=site)
    admin = MembershipFactory(organisation=organisation, role="employer_admin")
    MembershipFactory(organisation=organisation, team=team, home_commune=saint_etienne)
    MembershipFactory(organisation=organisation, team=team, home_commune=lyon)
    return organisation, admin
