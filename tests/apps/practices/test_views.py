"""The pages: who opens what (403 for the wrong role), answering through the form, the results with their hidden
groups, an action from a weak point, the review page and its report in PDF and Word."""

import html
import io

import pytest
from django.urls import reverse
from docx import Document as WordDocument
from pypdf import PdfReader

from teletravail.apps.practices.models import Response
from tests.apps.practices.factories import answer, close, practices_world
from tests.apps.practices.test_services import run_review


pytestmark = pytest.mark.django_db


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def url(name, campaign):
    return reverse(name, kwargs={"organisation_id": campaign.organisation_id, "practices_campaign_id": campaign.pk})


def test_an_employee_answers_through_the_form_and_sees_their_own_scores(client):
    found = practices_world()
    employee = found.world.employee
    client.force_login(employee.user)
    page = client.get(url("practices:answer", found.campaign))
    assert page.status_code == 200
    form = page.context["form"]
    data = {}
    for _title, fields in form.section_fields():
        for field in fields:
            choices = list(field.field.choices) if hasattr(field.field, "choices") else []
            if choices:
                data[field.html_name] = (
                    [choices[0][0]] if field.field.widget.allow_multiple_selected else choices[0][0]
                )
    response = client.post(url("practices:answer", found.campaign), data)
    assert response.status_code == 302 and response["Location"] == url("practices:own_answers", found.campaign)
    assert Response.objects.count() == 1

    own = client.get(url("practices:own_answers", found.campaign))
    assert own.status_code == 200
    assert own.context["scores_tables"] and own.context["answers_tables"]

    again = client.post(url("practices:answer", found.campaign), data)
    assert "Vous avez déjà répondu" in again.content.decode()
    assert Response.objects.count() == 1


def test_a_person_outside_the_campaign_teams_cannot_open_its_form(client):
    found = practices_world()
    found.campaign.teams.set([found.world.team])
    client.force_login(found.world.outsider_employee.user)
    assert client.get(url("practices:answer", found.campaign)).status_code == 403
    assert client.post(url("practices:answer", found.campaign), {}).status_code == 403


def test_an_employee_sees_no_results_and_the_consultant_no_answers(client):
    found = practices_world()
    client.force_login(found.world.employee.user)
    assert client.get(url("practices:results", found.campaign)).status_code == 403
    client.force_login(found.world.consultant)
    assert client.get(url("practices:results", found.campaign)).status_code == 200
    assert client.get(url("practices:answer", found.campaign)).status_code == 404
    assert client.get(url("practices:own_answers", found.campaign)).status_code == 404
    create_url = reverse("practices:campaign_create", kwargs={"organisation_id": found.organisation.pk})
    assert client.get(create_url).status_code == 404


def test_the_results_page_hides_a_small_team_with_its_reason(client):
    found = practices_world(team_size=6)
    for membership in found.employees():
        answer(found.campaign, membership)
    answer(found.campaign, found.world.outsider_employee)
    client.force_login(found.world.admin.user)
    page = client.get(url("practices:results", found.campaign))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Masqué : moins de 5 réponses" in text
    assert found.world.other_team.name in text


def test_the_review_report_shows_before_and_after_in_pdf_and_word(client):
    found = practices_world(team_size=6)
    review = run_review(found, both=6)
    close(review)
    client.force_login(found.world.admin.user)
    page = client.get(url("practices:review", review))
    assert page.status_code == 200

    pdf = client.get(url("practices:review_report_pdf", review))
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(body(pdf))).pages).split())
    assert "Avant / après" in text and "Score avant" in text and "Score après" in text

    word = client.get(url("practices:review_report_docx", review))
    document = WordDocument(io.BytesIO(body(word)))
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert {"Score avant", "Score après", "n reliés"} <= cells
    review.refresh_from_db()
    assert review.report_produced_at is not None


def test_the_key_is_destroyed_from_the_review_page(client):
    found = practices_world(team_size=6)
    review = run_review(found, both=5)
    close(review)
    client.force_login(found.world.admin.user)
    response = client.post(url("practices:destroy_key", review))
    assert response.status_code == 302
    review.family.refresh_from_db()
    assert review.family.key_destroyed_at is not None
    client.force_login(found.world.employee.user)
    page = client.get(url("practices:own_answers", found.campaign))
    assert "plus personne, pas même vous" in page.content.decode()


def test_the_review_page_and_its_reports_show_the_equality_indicators(client):
    found = practices_world(team_size=6)
    review = run_review(found, both=6)
    close(review)
    client.force_login(found.world.admin.user)
    page = client.get(url("practices:review", review))
    equality = page.context["equality"].table
    assert equality.caption == "Indicateurs d'égalité entre les femmes et les hommes, avant et après"
    # Six answers to the review, no declared sex: the questionnaire's twenty a sex are not there, and the row says so.
    why = "il manque 20 réponses."
    assert why in html.unescape(page.content.decode())

    word = WordDocument(io.BytesIO(body(client.get(url("practices:review_report_docx", review)))))
    cells = {cell.text for table in word.tables for row in table.rows for cell in row.cells}
    assert {"Ont travaillé en étant malades (questionnaire)", "Référence nationale"} <= cells
    assert any(why in cell for cell in cells)
    pdf = client.get(url("practices:review_report_pdf", review))
    text = " ".join(" ".join(one.extract_text() for one in PdfReader(io.BytesIO(body(pdf))).pages).split())
    assert "Égalité entre les femmes et les hommes" in text and "Éligibles au télétravail" in text
