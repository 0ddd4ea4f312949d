"""Dates and head counts outside what a plan can hold get a French refusal, never a server error."""

from datetime import date

import pytest
from django.urls import reverse

from teletravail.apps.core.bounds import PEOPLE_ON_SITE
from teletravail.apps.planner.models import TeamPlan
from tests.apps.planner.factories import PLAN_FORM, next_monday


pytestmark = pytest.mark.django_db


def _url(name, world, **kwargs):
    return reverse(f"planner:{name}", kwargs={"organisation_id": world.organisation.pk, **kwargs})


@pytest.mark.parametrize("debut", ["0001-01-01", "9999-12-31", "1899-12-25"])
def test_a_site_page_far_out_of_the_calendar_is_refused_in_french(client, world, debut):
    client.force_login(world.admin.user)
    response = client.get(_url("site", world, site_id=world.site.pk), {"debut": debut})
    assert response.status_code == 400
    assert "entre le" in response.content.decode()


def test_a_site_page_with_an_unreadable_date_shows_this_week(client, world):
    client.force_login(world.admin.user)
    response = client.get(_url("site", world, site_id=world.site.pk), {"debut": "pas-une-date"})
    assert response.status_code == 200


@pytest.mark.parametrize("start", [date(9999, 12, 27), date(1, 1, 1), date(2199, 12, 29)])
def test_a_plan_starting_out_of_the_calendar_is_a_form_error(client, world, start):
    client.force_login(world.manager.user)
    response = client.post(
        _url("plan_create", world, team_id=world.team.pk), {**PLAN_FORM, "start": start.isoformat()}
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["start"]
    assert "entre le" in response.context["form"].errors["start"][0]
    assert not TeamPlan.objects.exists()


@pytest.mark.parametrize("field", ["min_on_site", "min_on_site_exceptionnel"])
def test_a_minimum_presence_beyond_the_bound_is_a_form_error(client, world, field):
    client.force_login(world.manager.user)
    data = {**PLAN_FORM, "start": next_monday().isoformat(), field: str(40_000)}
    response = client.post(_url("plan_create", world, team_id=world.team.pk), data)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert str(PEOPLE_ON_SITE.maximum) in response.context["form"].errors[field][0].replace("\u202f", "").replace(
        "\xa0", ""
    ).replace(" ", "")
    assert not TeamPlan.objects.exists()
