"""The read-only API of the practices campaigns: the results page's selector and anonymity rules, the token's
organisations and its owner's role as on the page, 401 for a revoked or expired token."""

import html
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from teletravail.apps.apitokens import services as token_services
from teletravail.apps.apitokens.models import ApiToken
from tests.apps.practices.factories import answer, practices_world
from tests.factories import MembershipFactory, OrganisationFactory


pytestmark = pytest.mark.django_db


def token_of(membership_or_user, organisations):
    user = getattr(membership_or_user, "user", membership_or_user)
    return token_services.create_token(
        user=user, name="Script", organisation_ids=[organisation.pk for organisation in organisations], days=30
    )


def bearer(value):
    return {"HTTP_AUTHORIZATION": f"Bearer {value}"}


def campaigns_url(organisation):
    return f"/api/v1/organisations/{organisation.pk}/practice-campaigns"


def results_url(campaign):
    return f"{campaigns_url(campaign.organisation)}/{campaign.pk}/results"


@pytest.fixture
def answered():
    """Six answers in « Alpha », one in « Bravo » (under the threshold of 5)."""
    found = practices_world(team_size=6)
    for membership in found.employees():
        answer(found.campaign, membership)
    answer(found.campaign, found.world.outsider_employee)
    return found


def test_the_admin_lists_the_campaigns_and_reads_the_results_withheld_as_on_the_page(client, answered):
    found = answered
    _, value = token_of(found.world.admin, [found.organisation])
    listed = client.get(campaigns_url(found.organisation), **bearer(value))
    assert listed.status_code == 200
    (campaign,) = listed.json()
    assert (campaign["id"], campaign["answered"], campaign["closed"]) == (found.campaign.pk, 7, False)

    response = client.get(results_url(found.campaign), **bearer(value))
    assert response.status_code == 200
    results = [result for questionnaire in response.json()["questionnaires"] for result in questionnaire["results"]]
    small_team = [result for result in results if result["group"] == found.world.other_team.name]
    assert small_team
    for result in small_team:
        assert result["shown"] is False
        assert result["n"] is None and result["score"] is None and result["distribution"] is None
        assert result["hidden_reason"] == "threshold"
        assert result["hidden_text"].startswith("Masqué : moins de ")

    # Exactly what the results page shows and hides, group by group and theme by theme.
    client.force_login(found.world.admin.user)
    page = client.get(
        reverse(
            "practices:results",
            kwargs={"organisation_id": found.organisation.pk, "practices_campaign_id": found.campaign.pk},
        )
    )
    on_page = {
        (str(row.cells[0].text), str(row.cells[1].text)): str(row.cells[3].text)
        for section in page.context["sections"]
        for row in section.table.rows
    }
    in_json = {(result["theme_title"], result["group"]): result for result in results}
    assert on_page and set(on_page) == set(in_json)
    for key, score in on_page.items():
        assert (score == "—") == (in_json[key]["score"] is None), key
        if score != "—":
            assert round(in_json[key]["score"]) == int(score)
    assert "masqué" in html.unescape(page.content.decode())


def test_a_token_of_another_organisation_gets_403(client, answered):
    other = OrganisationFactory(name="L'autre")
    stranger = MembershipFactory(organisation=other, role="employer_admin")
    _, value = token_of(stranger, [other])
    for url in (campaigns_url(answered.organisation), results_url(answered.campaign)):
        response = client.get(url, **bearer(value))
        assert response.status_code == 403
        assert response.json()["detail"] == "Ce jeton d'API n'ouvre pas cette organisation."


def test_an_employee_s_token_sees_no_results_as_on_the_page(client, answered):
    employee = answered.world.employee
    _, value = token_of(employee, [answered.organisation])
    for url in (campaigns_url(answered.organisation), results_url(answered.campaign)):
        response = client.get(url, **bearer(value))
        assert response.status_code == 403
        assert "voient les résultats" in response.json()["detail"]
    # The page refuses them too.
    client.force_login(employee.user)
    page_url = reverse(
        "practices:results",
        kwargs={"organisation_id": answered.organisation.pk, "practices_campaign_id": answered.campaign.pk},
    )
    assert client.get(page_url).status_code == 403


def test_a_consultant_with_access_reads_the_results(client, answered):
    _, value = token_of(answered.world.consultant, [answered.organisation])
    assert client.get(results_url(answered.campaign), **bearer(value)).status_code == 200


def test_another_organisation_s_campaign_is_not_found(client, answered):
    other = practices_world(team_size=3, label="B")
    _, value = token_of(answered.world.admin, [answered.organisation])
    url = f"{campaigns_url(answered.organisation)}/{other.campaign.pk}/results"
    assert client.get(url, **bearer(value)).status_code == 404


def test_a_revoked_or_expired_token_gets_401(client, answered):
    token, value = token_of(answered.world.admin, [answered.organisation])
    assert client.get(results_url(answered.campaign), **bearer(value)).status_code == 200
    token_services.revoke_token(token=token, actor=answered.world.admin.user)
    assert client.get(results_url(answered.campaign), **bearer(value)).status_code == 401
    expired, expired_value = token_of(answered.world.admin, [answered.organisation])
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    for url in (campaigns_url(answered.organisation), results_url(answered.campaign)):
        assert client.get(url, **bearer(expired_value)).status_code == 401
