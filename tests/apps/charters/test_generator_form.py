"""The generator form refuses what the law refuses: no document without the CSE answer, no zero-day notice, no
contact hours that break the daily rest; each as a French field error."""

import pytest

from teletravail.apps.charters.models import CharterDocument
from teletravail.apps.charters.steps import LAST_STEP
from teletravail.parameters import load_parameters
from tests.apps.charters.helpers import save_summary, step_url, submit_step, url


pytestmark = pytest.mark.django_db


def _start(client, world, sector="prive", document_type="charte"):
    client.force_login(world.admin.user)
    response = client.post(url("new", world.organisation), {"sector": sector, "document_type": document_type})
    assert response.status_code == 302
    return CharterDocument.objects.get(organisation=world.organisation)


def test_the_cse_question_is_asked_without_a_default_and_explains_the_threshold(client, unanswered_world):
    document = _start(client, unanswered_world)
    page = client.get(step_url(document, 2))
    field = page.context["form"]["organisation__has_cse"]
    assert field.value() is None and field.field.required
    threshold = load_parameters("charter")["procedure.cse_headcount_threshold"].at().central
    html = page.content.decode()
    assert f"au moins {threshold:g} salariés" in html and "L2311-2" in html
    assert 'value="oui"' in html and 'value="non"' in html and "checked" not in html.split("has_cse")[1][:400]

    response = submit_step(client, document, 2)
    assert response.status_code == 422
    assert response.context["form"].errors["organisation__has_cse"]


def test_no_version_can_be_saved_before_the_cse_question_is_answered(client, unanswered_world):
    document = _start(client, unanswered_world)
    summary = client.get(step_url(document, LAST_STEP))
    assert [path for path, _message in summary.context["verdict"].problems] == ["organisation.has_cse"]
    save_summary(client, document, force="on")
    assert not document.versions.exists()


@pytest.mark.parametrize("answer", ["oui", "non"])
def test_the_answer_reaches_the_draft(client, unanswered_world, answer):
    document = _start(client, unanswered_world)
    assert submit_step(client, document, 2, organisation__has_cse=answer).status_code == 302
    document.refresh_from_db()
    assert document.draft["organisation"]["has_cse"] is (answer == "oui")


@pytest.mark.parametrize(
    ("sector", "document_type", "field"),
    [("prive", "charte", "end_notice"), ("prive", "charte", "adaptation_notice"), ("public", "arrete", "end_notice")],
)
def test_a_zero_day_notice_is_a_field_error(client, request, sector, document_type, field):
    world = request.getfixturevalue("world" if sector == "prive" else "public_world")
    document = _start(client, world, sector, document_type)
    response = submit_step(client, document, 3, **{field: "0 jours"})
    assert response.status_code == 422
    [error] = response.context["form"].errors[field]
    assert error.startswith("un délai de prévenance est requis, d'au moins 1 jour")


def test_contact_hours_breaking_the_daily_rest_are_a_field_error(client, world):
    document = _start(client, world)
    response = submit_step(client, document, 5, contact_hours="07:00-12:00, 14:00-21:00")
    assert response.status_code == 422
    [error] = response.context["form"].errors["contact_hours"]
    assert "repos quotidien de 11 heures consécutives (C. trav. L3131-1)" in error
