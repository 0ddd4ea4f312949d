"""The equality indicators kept when a campaign closes, and shown before / after in the six-month review: kept once,
aggregates only, each side judged by its own rules; a first wave closed before they were kept says so."""

import html
import io
import json
from dataclasses import fields

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document as WordDocument
from pypdf import PdfReader

from teletravail.apps.organisations.models import Membership
from teletravail.apps.practices import services
from teletravail.apps.practices.models import Campaign, Response
from teletravail.equality import BELOW_HEADCOUNT, Group, Indicator
from tests.apps.practices.factories import access_of, answer, practices_world
from tests.apps.practices.test_services import review_of


pytestmark = pytest.mark.django_db

FIRST_WAVE = "À la clôture de la première vague, le "
AT_THE_REVIEW = "Au bilan, le "
BELOW_FLOOR = "Non calculable : les indicateurs ne sont calculés que pour les organisations d'au moins"


def close_by_service(campaign, by):
    return services.close_campaign(access=access_of(by), actor=by.user, campaign=campaign)


def reasons(campaign):
    return [indicator["reason"] for indicator in Campaign.objects.get(pk=campaign.pk).equality_reading["indicators"]]


def shrink(organisation):
    """Below the headcount floor: a reading taken now would say so for every indicator."""
    organisation.headcount = 5
    organisation.save(update_fields=["headcount"])


def test_closing_a_campaign_keeps_its_equality_indicators_once():
    found = practices_world(team_size=6)
    assert found.campaign.equality_reading is None  # not before it closes
    services.keep_equality_reading(found.campaign)
    assert Campaign.objects.get(pk=found.campaign.pk).equality_reading is None
    close_by_service(found.campaign, found.world.admin)
    kept = Campaign.objects.get(pk=found.campaign.pk).equality_reading
    assert kept["taken_on"]
    assert BELOW_HEADCOUNT not in reasons(found.campaign)

    shrink(found.organisation)
    with pytest.raises(ValidationError):
        close_by_service(found.campaign, found.world.admin)  # closing twice is refused…
    services.keep_equality_reading(Campaign.objects.get(pk=found.campaign.pk))  # …and keeping again changes nothing
    assert Campaign.objects.get(pk=found.campaign.pk).equality_reading == kept


def test_a_campaign_whose_closing_date_passed_keeps_them_the_first_time_it_is_seen_closed(client):
    found = practices_world(team_size=6)
    Campaign.objects.filter(pk=found.campaign.pk).update(closes_on=found.campaign.opens_on, opens_on="2026-01-01")
    client.force_login(found.world.admin.user)
    page_url = reverse(
        "practices:campaign",
        kwargs={"organisation_id": found.organisation.pk, "practices_campaign_id": found.campaign.pk},
    )
    # Still open today: nothing kept.
    client.get(page_url)
    assert Campaign.objects.get(pk=found.campaign.pk).equality_reading is None
    Campaign.objects.filter(pk=found.campaign.pk).update(closes_on="2026-01-02")
    client.get(page_url)
    kept = Campaign.objects.get(pk=found.campaign.pk).equality_reading
    assert kept is not None
    shrink(found.organisation)
    client.get(page_url)
    assert Campaign.objects.get(pk=found.campaign.pk).equality_reading == kept


def test_the_kept_indicators_are_aggregates_only():
    found = practices_world(team_size=6)
    for membership in found.employees():
        answer(found.campaign, membership)
    close_by_service(found.campaign, found.world.admin)
    kept = Campaign.objects.get(pk=found.campaign.pk).equality_reading
    assert set(kept) == {"taken_on", "rules", "indicators"}
    assert set(kept["rules"]) == {"minimum_per_sex", "minimum_headcount"}
    indicator_fields = {field.name for field in fields(Indicator)}
    group_fields = {field.name for field in fields(Group)}
    assert kept["indicators"]
    for indicator in kept["indicators"]:
        assert set(indicator) == indicator_fields
        assert set(indicator["women"]) == set(indicator["men"]) == group_fields
        for group in (indicator["women"], indicator["men"]):
            assert all(value is None or isinstance(value, (int, float)) for value in group.values())
    text = json.dumps(kept, ensure_ascii=False)
    assert "membership" not in text and "user" not in text
    memberships = Membership.objects.filter(organisation=found.organisation).select_related("user")
    responses = Response.objects.filter(campaign=found.campaign)
    assert memberships.exists() and responses.exists()
    for membership in memberships:
        assert membership.user.email not in text
    for response in responses:
        assert response.pseudonym not in text and str(response.pk) not in text


def review_page(client, found, review, name="practices:review"):
    return client.get(
        reverse(name, kwargs={"organisation_id": found.organisation.pk, "practices_campaign_id": review.pk})
    )


def closed_review(found, *, first_wave_reading=True):
    for membership in found.employees():
        answer(found.campaign, membership)
    if first_wave_reading:
        close_by_service(found.campaign, found.world.admin)
    else:
        # Closed before the platform kept the indicators (what the migration marks).
        Campaign.objects.filter(pk=found.campaign.pk).update(closed_at=found.campaign.created_at, equality_reading={})
        found.campaign.refresh_from_db()
    shrink(found.organisation)  # between the waves: the review's side falls under the headcount floor
    review = review_of(found.campaign, found.world.admin)
    for membership in found.employees():
        answer(review, membership, level="high")
    return close_by_service(review, found.world.admin)


def test_the_review_shows_the_indicators_before_and_after_in_its_page_and_reports(client):
    found = practices_world(team_size=6)
    review = closed_review(found)
    client.force_login(found.world.admin.user)
    page = review_page(client, found, review)
    shown = page.context["equality"].table
    headers = [str(column.label) for column in shown.columns]
    assert headers[1].startswith(FIRST_WAVE) and headers[2].startswith(AT_THE_REVIEW)
    assert shown.rows
    for row in shown.rows:
        before, after = str(row.cells[1].text), str(row.cells[2].text)
        assert not before.startswith(BELOW_FLOOR)  # the first wave's own reading, taken before the shrinking
        assert after.startswith(BELOW_FLOOR)
    assert page.context["equality"].note == ""
    assert FIRST_WAVE in html.unescape(page.content.decode())

    word = WordDocument(io.BytesIO(b"".join(review_page(client, found, review, "practices:review_report_docx"))))
    equality = next(table for table in word.tables if table.rows[0].cells[1].text.startswith(FIRST_WAVE))
    assert equality.rows[0].cells[2].text.startswith(AT_THE_REVIEW)
    assert all(row.cells[2].text.startswith(BELOW_FLOOR) for row in equality.rows[1:])
    assert not any(row.cells[1].text.startswith(BELOW_FLOOR) for row in equality.rows[1:])
    pdf = review_page(client, found, review, "practices:review_report_pdf")
    text = " ".join(" ".join(one.extract_text() for one in PdfReader(io.BytesIO(b"".join(pdf))).pages).split())
    assert FIRST_WAVE in text and AT_THE_REVIEW in text


def test_a_first_wave_closed_before_the_indicators_were_kept_has_no_before(client):
    found = practices_world(team_size=6)
    review = closed_review(found, first_wave_reading=False)
    assert Campaign.objects.get(pk=found.campaign.pk).equality_reading == {}  # the review's opening kept nothing
    client.force_login(found.world.admin.user)
    page = review_page(client, found, review)
    note = page.context["equality"].note
    assert "il n'y a pas de situation « avant » à comparer" in note
    assert all(str(row.cells[1].text) == "Non relevé." for row in page.context["equality"].table.rows)
    assert note in html.unescape(page.content.decode())
    word = WordDocument(io.BytesIO(b"".join(review_page(client, found, review, "practices:review_report_docx"))))
    assert any(note == paragraph.text for paragraph in word.paragraphs)
