"""The PDF report (charts with their values, per-job results, actions, method annex) and the CSV export."""

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.utils import translation
from pypdf import PdfReader

from teletravail.apps.core.downloads import csv_text
from teletravail.apps.diagnostic import reports, selectors, services
from teletravail.apps.diagnostic.models import Decision
from teletravail.apps.diagnostic.reports import percent
from teletravail.apps.organisations.models import ConsultantAccess
from teletravail.apps.organisations.selectors import organisation_access
from teletravail.documents import render_pdf
from teletravail.parameters import load_parameters
from teletravail.teleworkability import profession
from tests.apps.diagnostic.factories import ACCOUNTANT_PCS, decide_all, example_criteria
from tests.documents.layout import layout_problems
from tests.factories import UserFactory


pytestmark = pytest.mark.django_db


def pdf_text(campaign):
    document = reports.report_document(
        campaign, selectors.campaign_results(campaign), list(selectors.campaign_actions(campaign))
    )
    reader = PdfReader(io.BytesIO(render_pdf(document)))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_the_pdf_holds_the_charts_their_values_the_actions_and_the_method(dworld, participants):
    alice, bruno = participants
    decide_all(alice, dworld)
    mostly_remote = {**example_criteria(), "Courrier papier": []}
    decide_all(bruno, dworld, employee=mostly_remote, manager=mostly_remote)
    services.add_action(
        campaign=dworld.campaign,
        criterion="equipement",
        what="Fournir des casques",
        who="Service informatique",
        due_date=date(2026, 9, 1),
        actor=dworld.world.admin.user,
    )
    results = selectors.campaign_results(dworld.campaign)
    text = pdf_text(dworld.campaign)
    assert reports.charts(results)  # a loop over nothing would assert nothing
    for chart in reports.charts(results):
        assert chart.title in text
        assert chart.rows  # a loop over nothing would assert nothing
        for _label, _value, display in chart.rows:
            assert display in text
    assert percent(results.synthesis.teleworkable_time_share) == "75 %"
    assert percent(profession(ACCOUNTANT_PCS).scores.dingel_neiman) in text
    assert "Fournir des casques" in text and "Service informatique" in text
    assert "Annexe : méthode et sources" in text
    assert " ".join(load_parameters("teleworkability")["working_days_per_week"].description.split()) in text
    assert "working_days_per_week" not in text and "à vérifier" not in text
    # Aggregated only: the report can go to a consultant.
    assert "Alice Essai" not in text and "Bruno Essai" not in text


def test_the_pdf_of_a_campaign_without_decision_says_so(dworld):
    assert "Aucune évaluation n'est encore décidée" in pdf_text(dworld.campaign)


def test_the_csv_has_one_row_per_participant_and_activity_with_both_views_and_the_decision(dworld, participants):
    alice, bruno = participants
    decide_all(alice, dworld)
    results = {result.participant.pk: result for result in selectors.campaign_results(dworld.campaign).participants}
    rows = reports.csv_rows(participants, results)
    header, body = rows[0], rows[1:]
    assert len(body) == 2 * len(selectors.participant_activities(alice))
    record = dict(
        zip(header, next(row for row in body if row[0] == "Alice Essai" and row[4] == "Courrier papier"), strict=True)
    )
    assert record["Critères (salarié·e)"] == "Originaux physiques non numérisables"
    assert record["Statut décidé"] == "non télétravaillable"
    assert record["Décidé par"] == dworld.world.manager.user.full_name
    assert record["Jours conseillés"] == "3"
    bruno_rows = [row for row in body if row[0] == "Bruno Essai"]
    assert bruno_rows and all(row[header.index("Critères décidés")] == "" for row in bruno_rows)


def test_the_csv_writes_its_fractions_with_the_decimal_comma_in_french_and_the_point_in_english(dworld, participants):
    alice = participants[0]
    # Half a percent moved from one activity to another: the shares still add up to 100 %.
    first, second = alice.job.activities.order_by("pk")[:2]
    first.time_share -= Decimal("0.5")
    second.time_share += Decimal("0.5")
    first.save()
    second.save()
    decide_all(alice, dworld)
    results = {result.participant.pk: result for result in selectors.campaign_results(dworld.campaign).participants}
    share = results[alice.pk].assessment.teleworkable_share
    assert 0 < share < 1
    for language, comma in (("fr", ","), ("en", ".")):
        with translation.override(language):
            header, *body = csv.reader(io.StringIO(csv_text(reports.csv_rows([alice], results))), delimiter=";")
        row = next(row for row in body if row[4] == first.name)
        assert row[5] == f"{int(first.time_share)}{comma}5"
        assert row[-2] == f"{share:.3f}".rstrip("0").replace(".", comma)


def test_the_csv_dates_a_decision_on_the_local_day(dworld, participants):
    alice = participants[0]
    decide_all(alice, dworld)
    # 23:30 in UTC on 31 March is already 1 April in Paris.
    Decision.objects.filter(participant=alice).update(decided_at=datetime(2026, 3, 31, 23, 30, tzinfo=UTC))
    results = {result.participant.pk: result for result in selectors.campaign_results(dworld.campaign).participants}
    header, *body = reports.csv_rows([alice], results)
    assert {row[header.index("Décidé le")] for row in body} == {"2026-04-01"}


def test_the_pdf_shown_to_a_consultant_hides_small_jobs_and_names_nobody(dworld, participants):
    alice = participants[0]
    services.add_own_activity(participant=alice, name="Tutorat", time_share=25)
    decide_all(alice, dworld)
    decide_all(participants[1], dworld)
    consultant = UserFactory(platform_role="consultant")
    ConsultantAccess.objects.create(organisation=dworld.organisation, consultant=consultant)
    access = organisation_access(consultant, dworld.organisation.pk)
    results = selectors.results_shown_to(access, selectors.campaign_results(dworld.campaign))
    reader = PdfReader(io.BytesIO(render_pdf(reports.report_document(dworld.campaign, results, []))))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert "moins de 3 évaluations décidées" in text
    assert "Résultats par poste et référence nationale" not in text and "70 %" not in text
    assert "1 évaluation décidée ne peut pas être calculée" in text
    assert "Alice Essai" not in text and "Bruno Essai" not in text


def test_the_pdf_lays_out_inside_its_pages_with_whole_headers_and_chart_labels(dworld, participants):
    alice, bruno = participants
    decide_all(alice, dworld)
    decide_all(bruno, dworld)
    results = selectors.campaign_results(dworld.campaign)
    data = render_pdf(reports.report_document(dworld.campaign, results, []))
    headers = [word for header in reports.job_headers() for word in header.split()]
    assert layout_problems(data, whole_words=headers) == []
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "…" not in text  # no chart label cut short
