"""The organisation's tabs come from one list: each role sees the tabs of the pages that open for it."""

import pytest

from teletravail.apps.organisations.models import ConsultantAccess
from teletravail.apps.organisations.navigation import TABS, organisation_tabs
from teletravail.apps.organisations.selectors import organisation_access
from tests.factories import MembershipFactory, UserFactory


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["employer_admin", "manager", "employee"])
def test_every_tab_shown_to_a_role_opens_for_it_and_the_current_one_is_marked(client, role):
    membership = MembershipFactory(role=role)
    client.force_login(membership.user)
    tabs = organisation_tabs(organisation_access(membership.user, membership.organisation.pk), "journey")
    assert [tab.current for tab in tabs].count(True) == 1 and tabs[0].current
    assert tabs
    for tab in tabs:
        assert client.get(tab.url).status_code == 200, tab.url
    shown = {tab.url for tab in tabs}
    assert TABS
    for tab in TABS:
        if tab.url(membership.organisation) not in shown:  # a tab left out is a page that refuses this role
            assert client.get(tab.url(membership.organisation)).status_code in (403, 404), tab.url_name


@pytest.mark.django_db
def test_a_consultant_sees_the_journey_diagnostic_charter_action_plan_and_practices_results_only(client):
    membership = MembershipFactory(role="employer_admin")
    consultant = UserFactory(platform_role="consultant")
    ConsultantAccess.objects.create(organisation=membership.organisation, consultant=consultant)
    access = organisation_access(consultant, membership.organisation.pk)
    tabs = [tab.label for tab in organisation_tabs(access, "diagnostic")]
    assert tabs == ["Parcours", "Diagnostic", "Charte", "Plan d'action", "Pratiques"]
