"""Where a signed-in person lands: their space, and a module opened in the right organisation."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_dashboard_requires_sign_in(client):
    response = client.get(reverse("home:dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_dashboard_goes_straight_to_the_journey_of_a_single_organisation_for_its_admin(
    client, organisation, member_factory
):
    membership = member_factory(organisation, "employer_admin")
    client.force_login(membership.user)
    response = client.get(reverse("home:dashboard"))
    assert response.url == reverse("home:journey", kwargs={"organisation_id": organisation.pk})


@pytest.mark.django_db
def test_dashboard_lists_several_organisations(client, member_factory):
    from tests.factories import OrganisationFactory

    first, second = OrganisationFactory(name="Alpha"), OrganisationFactory(name="Bêta")
    membership = member_factory(first)
    member_factory(second, user=membership.user)
    client.force_login(membership.user)
    content = client.get(reverse("home:dashboard")).content.decode()
    assert "Alpha" in content and "Bêta" in content


@pytest.mark.django_db
def test_a_module_of_the_organisation_signs_in_first(client):
    url = reverse("home:open_module", kwargs={"slug": "planning"})
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_a_module_of_the_organisation_opens_in_the_only_organisation(client, organisation, member_factory):
    membership = member_factory(organisation, "employee")
    client.force_login(membership.user)
    response = client.get(reverse("home:open_module", kwargs={"slug": "planning"}))
    assert response.url == reverse("planner:index", kwargs={"organisation_id": organisation.pk})


@pytest.mark.django_db
def test_a_module_of_the_organisation_asks_which_one(client, member_factory):
    from tests.factories import OrganisationFactory

    first, second = OrganisationFactory(name="Alpha"), OrganisationFactory(name="Bêta")
    membership = member_factory(first)
    member_factory(second, user=membership.user)
    client.force_login(membership.user)
    content = client.get(reverse("home:open_module", kwargs={"slug": "planning"})).content.decode()
    for organisation in (first, second):
        assert reverse("planner:index", kwargs={"organisation_id": organisation.pk}) in content


@pytest.mark.django_db
def test_a_public_or_coming_module_has_no_organisation_entry(client, organisation, member_factory):
    client.force_login(member_factory(organisation).user)
    for slug in ("simulateur", "lieux", "inconnu"):
        assert client.get(reverse("home:open_module", kwargs={"slug": slug})).status_code == 404
