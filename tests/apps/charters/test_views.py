"""The charter pages: permissions, the stepper from a new document to saved versions, live validation, downloads,
the procedure checklist, the checker of an existing document and the exceptional-circumstances notice."""

import html
import io
import json
import re
from datetime import timedelta
from pathlib import Path

import docx
import pytest
from django.http import HttpRequest
from django.test import Client
from django.utils import timezone
from pypdf import PdfWriter

from teletravail.apps.charters import selectors, services
from teletravail.apps.charters.forms import UPLOAD_KIND
from teletravail.apps.charters.journey import charter_tasks
from teletravail.apps.charters.models import CharterDocument
from teletravail.apps.charters.steps import LAST_STEP
from teletravail.apps.core.uploads import upload_max_bytes
from teletravail.apps.organisations.models import ConsultantAccess
from teletravail.apps.planner import services as planner_services
from teletravail.charter.assembly import assemble, render
from teletravail.charter.options import parse_options
from teletravail.parameters import load_parameters
from tests.apps.charters.conftest import ACTIVITIES
from tests.apps.charters.helpers import form_data, save_summary, step_url, submit_step, url
from tests.charter.helpers import answered, rezipped, word_bytes
from tests.document_jobs import document_job_id, downloaded
from tests.documents.layout import layout_problems
from tests.factories import MembershipFactory, UserFactory


pytestmark = pytest.mark.django_db


def start_document(client, world, sector="prive", document_type="charte"):
    response = client.post(url("new", world.organisation), {"sector": sector, "document_type": document_type})
    assert response.status_code == 302
    return CharterDocument.objects.get(organisation=world.organisation)


def walk_to_summary(client, document, overrides_by_step=None):
    steps = range(2, LAST_STEP)
    assert steps
    for number in steps:
        response = submit_step(client, document, number, **(overrides_by_step or {}).get(number, {}))
        assert response.status_code == 302, response.content.decode()
        assert response["Location"] == step_url(document, number + 1)


def saved_document(client, world):
    """A charter saved as pre-filled, the admin signed in (the walk through the form is tested below)."""
    client.force_login(world.admin.user)
    document = services.create_document(
        organisation=world.organisation, sector="prive", document_type="charte", actor=world.admin.user
    )
    # A company of 42 has a CSE: until its opinion is dated, the charter is a working draft, saved with « force ».
    options = document.draft
    options["monitoring"]["cse_consulted"] = (
        True  # on the follow-up of objectives: the opinion's date is the one error
    )
    services.save_version(document=document, options=options, actor=world.admin.user, force=True)
    document.refresh_from_db()
    return document


# --- Permissions -------------------------------------------------------------------------------------------------


def test_outsiders_get_404_and_members_cannot_edit(client, world):
    document = saved_document(client, world)
    client.force_login(MembershipFactory(role="employer_admin").user)
    assert client.get(url("index", world.organisation)).status_code == 404
    assert client.get(url("document", world.organisation, document_id=document.pk)).status_code == 404
    client.force_login(world.manager.user)
    assert client.get(url("index", world.organisation)).status_code == 200
    assert client.get(url("new", world.organisation)).status_code == 403
    assert client.get(step_url(document, 2)).status_code == 403
    assert client.post(url("procedure", world.organisation, document_id=document.pk)).status_code == 403
    assert client.get(url("checker", world.organisation)).status_code == 403
    assert client.get(url("exceptional_notice", world.organisation)).status_code == 403


def test_employees_read_only_the_adopted_version(client, world):
    document = saved_document(client, world)
    employee = world.members[0].user
    client.force_login(employee)
    assert client.get(url("document", world.organisation, document_id=document.pk)).status_code == 404
    assert "Aucun document adopté" in client.get(url("index", world.organisation)).content.decode()
    day = document.created_at.date()
    services.record_procedure(
        document=document, actor=world.admin.user, cse_opinion_date=day, employees_informed_date=day
    )
    client.force_login(employee)
    page = client.get(url("document", world.organisation, document_id=document.pk)).content.decode()
    # Recording the CSE's opinion wrote its date into the charter: version 2 is the adopted one.
    assert "Adopté (version 2)" in page and "Enregistrer la procédure" not in page
    assert document_job_id(client.get(url("version_docx", world.organisation, document_id=document.pk, number=2)))
    assert client.get(url("version_docx", world.organisation, document_id=document.pk, number=1)).status_code == 403
    assert document_job_id(client.get(url("annex_pdf", world.organisation, document_id=document.pk, kind="demande")))


def test_a_consultant_with_access_reads_drafts_but_cannot_edit(client, world):
    document = saved_document(client, world)
    consultant = UserFactory(platform_role="consultant")
    ConsultantAccess.objects.create(organisation=world.organisation, consultant=consultant)
    client.force_login(consultant)
    assert client.get(url("document", world.organisation, document_id=document.pk)).status_code == 200
    assert client.get(url("checker", world.organisation)).status_code == 200
    assert client.get(step_url(document, 3)).status_code == 403


# --- Stepper -----------------------------------------------------------------------------------------------------


def test_the_form_is_pre_filled_from_the_organisation_the_planner_and_the_diagnostic(client, world):
    client.force_login(world.admin.user)
    assert client.get(url("new", world.organisation)).context["form"]["sector"].value() == "prive"
    document = start_document(client, world)
    scope = client.get(step_url(document, 2)).context["form"]
    assert world.organisation.name in scope["scope"].value() and "Site Nord" in scope["scope"].value()
    eligibility = client.get(step_url(document, 3)).context["form"]
    assert eligibility["eligibility__activities"].value() == "\n".join(ACTIVITIES)


def test_the_private_form_asks_no_public_question_and_the_public_one_no_cse_question(client, world, public_world):
    client.force_login(world.admin.user)
    private = start_document(client, world)
    fields = set(client.get(step_url(private, 2)).context["form"].fields)
    assert "organisation__has_cse" in fields and "organisation__committee" not in fields
    assert "acceptance" in client.get(step_url(private, 3)).context["form"].fields
    client.force_login(public_world.admin.user)
    public = start_document(client, public_world, sector="public", document_type="deliberation")
    fields = set(client.get(step_url(public, 2)).context["form"].fields)
    assert "organisation__committee" in fields and "organisation__has_cse" not in fields
    assert "acceptance" not in client.get(step_url(public, 3)).context["form"].fields


def test_a_document_type_of_another_sector_is_refused(client, world):
    client.force_login(world.admin.user)
    response = client.post(url("new", world.organisation), {"sector": "prive", "document_type": "arrete"})
    assert response.status_code == 422
    assert "ne relève pas du secteur choisi" in response.content.decode()
    assert not CharterDocument.objects.exists()


def test_out_of_range_values_are_field_errors_in_french_with_status_422(client, world):
    client.force_login(world.admin.user)
    document = start_document(client, world)
    prefilled = document.draft
    response = submit_step(client, document, 4, **{"rhythm__telework_days": "9"})
    assert response.status_code == 422
    assert response.context["form"].errors["rhythm__telework_days"] == ["au plus 7 jours, « 9 » trouvé."]
    response = submit_step(client, document, 3, **{"reply_delay": "bientôt"})
    assert response.status_code == 422
    assert "une durée comme « 15 jours »" in response.context["form"].errors["reply_delay"][0]
    document.refresh_from_db()
    assert document.draft == prefilled  # neither refused answer was saved


def test_walking_every_step_saves_version_1_then_a_change_makes_version_2_naming_it(client, world):
    client.force_login(world.admin.user)
    document = start_document(client, world)
    walk_to_summary(client, document, {2: {"organisation__has_cse": "non"}})
    summary = client.get(step_url(document, LAST_STEP))
    assert summary.context["verdict"].errors == []
    assert save_summary(client, document).status_code == 302
    version = document.versions.get()
    assert (version.number, version.summary, version.created_by_name) == (1, "Première version.", "Adèle Admin")
    assert version.options["eligibility"]["activities"] == ACTIVITIES

    # Saving again without a change keeps one version.
    assert save_summary(client, document).status_code == 302
    assert document.versions.count() == 1

    assert submit_step(client, document, 4, **{"rhythm__telework_days": "3"}).status_code == 302
    save_summary(client, document)
    page = client.get(url("document", world.organisation, document_id=document.pk)).content.decode()
    latest = document.versions.get(number=2)
    assert latest.summary == "Jours de télétravail au plus : 2 → 3."
    assert latest.summary in page


def test_previous_goes_back_and_keeps_the_answers(client, world):
    client.force_login(world.admin.user)
    document = start_document(client, world)
    response = submit_step(client, document, 5, action="previous", **{"contact_hours": "10:00-12:00"})
    assert response["Location"] == step_url(document, 4)
    document.refresh_from_db()
    assert document.draft["contact_hours"] == ["10:00-12:00"]


def test_a_public_act_with_4_days_and_no_derogation_is_an_error_and_is_not_saved_without_force(client, public_world):
    client.force_login(public_world.admin.user)
    document = start_document(client, public_world, sector="public", document_type="deliberation")
    walk_to_summary(client, document, {4: {"rhythm__telework_days": "4"}})
    summary = client.get(step_url(document, LAST_STEP))
    assert [finding.id for finding in summary.context["verdict"].errors] == ["ORG-01"]
    assert "sans dérogation prévue par l&#x27;article 4 du décret" in summary.content.decode()
    refused = save_summary(client, document)
    assert refused.status_code == 422
    assert "Le document enfreint 1 règle de conformité : corrigez-la, ou cochez" in refused.content.decode()
    assert not document.versions.exists()
    assert save_summary(client, document, force="on").status_code == 302
    assert document.versions.get().error_count == 1


def test_live_validation_returns_the_engines_findings_without_saving(client, world):
    client.force_login(world.admin.user)
    document = start_document(client, world)
    page = client.get(step_url(document, 6))
    assert 'aria-live="polite"' in page.content.decode() and "live-check.js" in page.content.decode()
    data = {"equipment": ["ordinateur_portable"], "allowance__mode": "par_jour", "allowance__set_by": "entreprise"}
    answer = client.post(
        url("step_check", world.organisation, document_id=document.pk, number=6),
        {**data, "allowance__amount_eur": "5"},
    )
    assert answer.status_code == 200
    result = json.loads(answer.content)
    assert result["warnings"] == 1 and "au-delà du plafond" in result["html"]
    bad = client.post(
        url("step_check", world.organisation, document_id=document.pk, number=6),
        {**data, "allowance__amount_eur": "beaucoup"},
    )
    assert bad.status_code == 422
    assert "allocation (€) : un nombre est attendu" in json.loads(bad.content)["html"]
    document.refresh_from_db()
    assert document.draft["allowance"]["amount_eur"] == 2.5


def test_the_allowance_step_shows_the_ceilings_of_the_parameters(client, world):
    client.force_login(world.admin.user)
    document = start_document(client, world)
    page = client.get(step_url(document, 6)).content.decode()
    ceiling = load_parameters("charter")["private_allowance.per_day.no_agreement"].at().central
    assert f"{ceiling:.2f}".replace(".", ",") in page


# --- Document page and downloads ---------------------------------------------------------------------------------


def test_the_docx_download_holds_numbered_articles(client, world, run_jobs):
    document = saved_document(client, world)
    response = client.get(url("version_docx", world.organisation, document_id=document.pk, number=1))
    response = downloaded(client, response, run_jobs)
    assert "charte-de-teletravail-v1.docx" in response["Content-Disposition"]
    texts = [paragraph.text for paragraph in docx.Document(io.BytesIO(response.content)).paragraphs]
    assert any(text.startswith("Article 1 – ") for text in texts)
    assert any(text.startswith("Article 10 – ") for text in texts)
    assert any(ACTIVITIES[0] in text for text in texts)
    pdf = downloaded(
        client, client.get(url("version_pdf", world.organisation, document_id=document.pk, number=1)), run_jobs
    )
    assert pdf.content.startswith(b"%PDF")
    html = client.get(url("version_html", world.organisation, document_id=document.pk, number=1))
    assert "Article 1 – " in html.content.decode()


def test_a_stored_version_the_engine_no_longer_reads_is_explained_not_a_crash(client, world):
    document = saved_document(client, world)
    options = document.versions.get().options
    options["end_notice"] = "un jour"  # as if the engine had stopped accepting a value it once saved
    document.versions.update(options=options)
    page = client.get(url("document", world.organisation, document_id=document.pk))
    assert page.status_code == 200
    assert "« un jour » trouvé" in page.content.decode()
    download = client.get(url("version_docx", world.organisation, document_id=document.pk, number=1))
    assert download.status_code == 422
    assert "« un jour » trouvé" in download.content.decode()


def test_annexes_of_the_sector_are_offered_and_others_are_not_found(client, world, run_jobs):
    document = saved_document(client, world)
    page = client.get(url("document", world.organisation, document_id=document.pk)).content.decode()
    assert "Formulaire de demande" in page
    assert "Autorisation individuelle" not in page
    kwargs = {"document_id": document.pk}
    demande = downloaded(client, client.get(url("annex_docx", world.organisation, kind="demande", **kwargs)), run_jobs)
    assert "Demande et accord individuel" in docx.Document(io.BytesIO(demande.content)).paragraphs[0].text
    assert document_job_id(client.get(url("annex_pdf", world.organisation, kind="fin-salarie", **kwargs)))
    assert client.get(url("annex_docx", world.organisation, kind="autorisation", **kwargs)).status_code == 404


def test_an_annex_the_engine_refuses_is_a_422_page_naming_the_rule(client, public_world):
    client.force_login(public_world.admin.user)
    document = services.create_document(
        organisation=public_world.organisation, sector="public", document_type="arrete", actor=public_world.admin.user
    )
    options = document.draft
    options["rhythm"]["telework_days"] = 4
    services.save_version(document=document, options=options, actor=public_world.admin.user, force=True)
    kwargs = {"document_id": document.pk, "kind": "autorisation"}
    response = client.get(url("annex_docx", public_world.organisation, **kwargs))
    assert response.status_code == 422
    assert "au-delà du plafond de 3 jours" in response.content.decode()


def test_the_procedure_checklist_records_dates_who_and_adopts_the_latest_version(client, world):
    document = saved_document(client, world)
    procedure_url = url("procedure", world.organisation, document_id=document.pk)
    form = client.get(url("document", world.organisation, document_id=document.pk)).context["procedure_form"]
    assert form["cse_opinion_date"].label == "Date de l'avis du comité social et économique (CSE)"
    assert "signed_date" not in form.fields  # a charter is not signed
    # The charter of a company with a CSE follows its opinion: informing the staff first is refused.
    refused = client.post(procedure_url, {"employees_informed_date": "2026-01-10"})
    assert refused.status_code == 422
    assert "après l" in refused.context["procedure_form"].errors["employees_informed_date"][0]
    response = client.post(procedure_url, {"cse_opinion_date": "2026-01-05", "employees_informed_date": "2026-01-10"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.cse_recorded_by == world.admin.user and document.employees_informed_by == world.admin.user
    # The opinion date is written into the charter: a new version, adopted.
    assert document.adopted_version.number == 2
    assert document.adopted_version.options["organisation"]["cse_opinion_date"] == "2026-01-05"
    assert "Date de l'avis du CSE : — → 05/01/2026" in document.adopted_version.summary
    future = client.post(procedure_url, {"cse_opinion_date": "2999-01-01"})
    assert future.status_code == 422
    [error] = future.context["procedure_form"].errors["cse_opinion_date"]
    assert "indiquez-la comme date prévue de la réunion" in error


def test_a_planned_committee_meeting_is_recorded_shown_as_planned_and_does_not_adopt(client, world):
    document = saved_document(client, world)
    procedure_url = url("procedure", world.organisation, document_id=document.pk)
    document_url = url("document", world.organisation, document_id=document.pk)
    meeting = timezone.localdate() + timedelta(days=40)
    response = client.post(procedure_url, {"cse_meeting_date": meeting.isoformat()})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.cse_meeting_date == meeting and document.cse_opinion_date is None
    assert document.adopted_version is None and not document.procedure_complete
    page = client.get(document_url)
    text = page.content.decode()
    assert f"réunion prévue le {meeting:%d/%m/%Y}" in text and ">Prévu<" in text
    assert page.context["procedure_form"]["cse_meeting_date"].value() == meeting
    tasks = charter_tasks(selectors.procedure_status(world.organisation), "")
    [task] = [task for task in tasks if "avis" in task.title]
    assert task.done is False and task.detail.startswith("Réunion prévue le ")

    # Once the opinion is given: done, and the charter is adopted when the staff is informed.
    day = timezone.localdate()
    response = client.post(
        procedure_url,
        {"cse_meeting_date": day.isoformat(), "cse_opinion_date": day.isoformat(), "employees_informed_date": day},
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.adopted_version is not None
    assert ">Prévu<" not in client.get(document_url).content.decode()


def test_a_new_version_after_the_adoption_starts_a_new_procedure_on_the_page(client, world):
    document = saved_document(client, world)
    document_url = url("document", world.organisation, document_id=document.pk)
    procedure_url = url("procedure", world.organisation, document_id=document.pk)
    client.post(procedure_url, {"cse_opinion_date": "2026-01-05", "employees_informed_date": "2026-01-10"})
    assert submit_step(client, document, 4, **{"rhythm__telework_days": "3"}).status_code == 302
    assert save_summary(client, document).status_code == 302
    page = client.get(document_url)
    # Version 3 is to be submitted to the CSE: the form does not offer the dates of version 2's procedure.
    form = page.context["procedure_form"]
    assert (form["cse_opinion_date"].value(), form["employees_informed_date"].value()) == (None, None)
    html = page.content.decode()
    assert "Adopté (version 2)" in html and "Procédure d'adoption de la version 3" in html
    assert "La version 2 reste en vigueur jusqu'à la fin de cette procédure." in html
    # The employees read version 2, without the new procedure under way.
    client.force_login(world.members[0].user)
    html = client.get(document_url).content.decode()
    assert "Version 2 du" in html and "Procédure d'adoption" not in html


def test_a_version_breaking_a_rule_is_not_adopted(client, world):
    client.force_login(world.admin.user)
    document = services.create_document(
        organisation=world.organisation, sector="prive", document_type="charte", actor=world.admin.user
    )
    # Monitoring the objectives without consulting the CSE breaks EQ-09, whatever the procedure.
    services.save_version(document=document, options=document.draft, actor=world.admin.user, force=True)
    procedure_url = url("procedure", world.organisation, document_id=document.pk)
    response = client.post(procedure_url, {"cse_opinion_date": "2026-01-05", "employees_informed_date": "2026-01-10"})
    assert response.status_code == 422
    [error] = response.context["procedure_form"].non_field_errors()
    assert error.startswith("La version 2 enfreint 1 règle de conformité : elle ne peut pas être adoptée.")
    document.refresh_from_db()
    assert document.adopted_version is None and document.versions.count() == 1


# --- Checker -----------------------------------------------------------------------------------------------------


def upload(name, content):
    file = io.BytesIO(content)
    file.name = name
    return file


def test_the_checker_explains_covered_and_missing_clauses(client, world):
    client.force_login(world.admin.user)
    # The default charter without its article on contact hours (C. trav. L1222-9 II 4°).
    text = render(assemble(parse_options(answered({"sector": "prive", "omit": ["ORG-05"]}))).document, "md")
    response = client.post(
        url("checker", world.organisation), {"sector": "prive", "document": upload("charte.md", text.encode())}
    )
    assert response.status_code == 200
    page = response.content.decode()
    covered = page[page.index("<h3>Clauses couvertes</h3>") :]
    covered = covered[: covered.index("</table>")]
    assert "Passage repéré" in covered
    # The checker's patterns (regular expressions over folded text) are never shown; passages are quoted as written.
    assert "correspond au motif" not in covered and not re.search(r"\\b|\(\?|\[a-z]-|lecture «", covered)
    assert "prevus par" not in covered and "é" in covered
    assert [finding.id for finding in response.context["report"].missing] == ["ORG-05"]
    assert "Texte à ajouter" in page


def test_the_checker_report_pdf_pages_are_laid_out(client, world, run_jobs):
    client.force_login(world.admin.user)
    # A charter with a clause against the law and a missing one, so that every section of the report is filled.
    text = render(assemble(parse_options(answered({"sector": "prive", "omit": ["ORG-05"]}))).document, "md")
    document = text + "\n\nLe salarié qui refuse le télétravail peut être licencié pour ce motif.\n"
    page = client.post(
        url("checker", world.organisation),
        {"sector": "prive", "document": upload("Charte ACME.md", document.encode())},
    )
    assert page.context["report"].errors and page.context["report"].missing
    response = downloaded(client, client.get(url("checker_report_pdf", world.organisation)), run_jobs)
    assert response["Content-Type"] == "application/pdf"
    assert layout_problems(response.content) == []


def test_the_checker_report_can_be_downloaded_as_markdown_pdf_and_word(client, world, run_jobs):
    client.force_login(world.admin.user)
    report_url = url("checker_report_md", world.organisation)
    before = client.get(report_url)
    assert before.status_code == 302 and before["Location"] == url("checker", world.organisation)
    text = render(assemble(parse_options(answered({"sector": "prive", "omit": ["ORG-05"]}))).document, "md")
    page = client.post(
        url("checker", world.organisation), {"sector": "prive", "document": upload("Charte ACME.md", text.encode())}
    )
    assert report_url in page.content.decode()
    [missing] = page.context["report"].missing

    markdown = client.get(report_url)
    assert markdown.status_code == 200 and markdown["Content-Type"].startswith("text/markdown")
    assert "rapport-de-verification-charte-acme.md" in markdown["Content-Disposition"]
    body = markdown.content.decode()
    assert body.startswith("# Rapport de vérification") and "Charte ACME.md — secteur privé" in body
    assert "## Clauses obligatoires manquantes" in body and f"{missing.id}, {missing.legal_basis}" in body
    assert "0 clause contraire à la loi, 1 clause obligatoire manquante" in body
    assert "ce n'est pas un avis juridique" in body
    pdf = downloaded(client, client.get(url("checker_report_pdf", world.organisation)), run_jobs)
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    word_file = downloaded(client, client.get(url("checker_report_docx", world.organisation)), run_jobs)
    word = docx.Document(io.BytesIO(word_file.content))
    assert any(missing.id in paragraph.text for paragraph in word.paragraphs)

    # A member who cannot read drafts has no checker, hence no report.
    client.force_login(world.members[0].user)
    assert client.get(report_url).status_code == 403


def section(page, heading):
    """The HTML of the page from the <h3> `heading` to the next <h3>."""
    start = page.index(f"<h3>{heading}</h3>")
    return page[start : page.index("<h3>", start + 1)]


def test_the_checker_lists_errors_apart_and_the_text_of_each_suggestion(client, world):
    client.force_login(world.admin.user)
    # Without its article on choosing the days (recommended), with a prohibited webcam and an allowance too high.
    text = render(assemble(parse_options(answered({"sector": "prive", "omit": ["ORG-02"]}))).document, "md")
    text += (
        "\n\n## Article 99 – Outils\n\n"
        "Le salarié laisse sa webcam allumée en permanence pendant ses heures de travail.\n\n"
        "Une allocation de 4,50 € par jour est versée.\n"
    )
    response = client.post(
        url("checker", world.organisation), {"sector": "prive", "document": upload("charte.md", text.encode())}
    )
    page = response.content.decode()
    assert "1 clause contraire à la loi, 0 clauses obligatoires manquantes, 1 point d'attention ou à relire, " in page
    assert "(s)" not in page
    english = client.post(
        url("checker", world.organisation),
        {"sector": "prive", "document": upload("charte.md", text.encode())},
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()
    assert "1 clause contrary to the law, 0 missing mandatory clauses, 1 point of attention or to reread, " in english
    errors = section(page, "Clauses contraires à la loi")
    assert "<strong>Erreur</strong> [EQ-09," in errors and "EQ-03" not in errors
    assert "Dans « Article 99 – Outils » :" in errors and "webcam allumée en permanence" in errors
    warnings = section(page, "Points d'attention et passages à relire")
    assert "[EQ-03," in warnings and "EQ-09" not in warnings
    suggestions = page[page.index("<h3>Suggestions</h3>") :]
    assert "[ORG-02," in suggestions and "Texte à ajouter" in suggestions
    assert "Les jours fixes de télétravail sont arrêtés par le responsable hiérarchique" in suggestions


def test_the_checker_page_shows_the_four_groups_of_a_bad_charter_and_ends_with_the_disclaimer(client, world):
    client.force_login(world.admin.user)
    bad = Path(__file__).resolve().parents[2] / "charter" / "corpus" / "charte_privee_illicite.md"
    response = client.post(
        url("checker", world.organisation), {"sector": "prive", "document": upload("charte.md", bad.read_bytes())}
    )
    assert response.status_code == 200
    page = response.content.decode()
    report = response.context["report"]
    headings = re.findall(r"<h3>(.*?)</h3>", page)
    assert headings[:4] == [
        "Clauses contraires à la loi",
        "Clauses obligatoires manquantes",
        "Points d'attention et passages à relire",
        "Clauses couvertes",
    ]
    errors = section(page, "Clauses contraires à la loi")
    assert errors.count("<li") == len(report.errors) >= 10
    assert "Dans « Article 10 – Refus du salarié » :" in errors
    assert '[ELIG-06, <span lang="fr">C. trav. L1222-9 III</span>]' in errors
    disclaimer = re.search(r'<p[^>]*id="checker-disclaimer">(.*?)</p>', page, re.S).group(1)
    assert html.unescape(disclaimer) == report.disclaimer
    assert page.index('id="checker-disclaimer"') > page.index("<h3>Clauses couvertes</h3>")


def test_the_checker_refuses_unreadable_and_scanned_files_with_422(client, world):
    client.force_login(world.admin.user)
    damaged_word = rezipped(word_bytes(), replaced={"word/document.xml": b"<w:document"})
    blank = PdfWriter()
    blank.add_blank_page(width=595, height=842)
    scanned = io.BytesIO()
    blank.write(scanned)
    for name, content, message in (
        ("scan.pdf", scanned.getvalue(), "ce PDF ne contient aucun texte"),
        ("charte.docx", b"PK\x03\x04 not really a zip", "document Word illisible"),
        ("abimee.docx", damaged_word, "document Word illisible"),
        ("charte.odt", b"x", "format non pris en charge"),
    ):
        response = client.post(
            url("checker", world.organisation), {"sector": "prive", "document": upload(name, content)}
        )
        assert response.status_code == 422, name
        assert message in response.content.decode(), name


def test_the_checker_refuses_a_file_over_the_limit_and_an_upload_declared_too_large_before_receiving_it(
    client, world, monkeypatch
):
    message = "Le document dépasse 5 Mo : enregistrez-le sans images, ou en texte."
    client.force_login(world.admin.user)
    checker_url = url("checker", world.organisation)
    # Just over the limit, within the margin of the request's envelope: the form refuses the received file.
    response = client.post(
        checker_url, {"sector": "prive", "document": upload("charte.txt", b"a" * upload_max_bytes(UPLOAD_KIND) + b"a")}
    )
    assert response.status_code == 422
    assert response.context["form"].errors["document"] == [message]

    # Far over it: refused from the Content-Length, the body never read, not even by the CSRF check.
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.admin.user)
    browser.get(checker_url)  # the CSRF cookie
    token = browser.cookies["csrftoken"].value

    def read_body(request):
        raise AssertionError("the upload must not be received")

    monkeypatch.setattr(HttpRequest, "_load_post_and_files", read_body)
    big = upload("charte.txt", b"a" * (upload_max_bytes(UPLOAD_KIND) + 1024 * 1024))
    response = browser.post(checker_url, {"sector": "prive", "document": big, "csrfmiddlewaretoken": token})
    assert response.status_code == 413
    assert message in response.content.decode()
    monkeypatch.undo()
    # Within the limit, the CSRF check still guards the form.
    assert browser.post(checker_url, {"sector": "prive", "document": upload("charte.txt", b"x")}).status_code == 403
    small = {
        "sector": "prive",
        "document": upload("charte.txt", b"Les plages horaires."),
        "csrfmiddlewaretoken": token,
    }
    assert browser.post(checker_url, small).status_code == 200


# --- Exceptional circumstances -----------------------------------------------------------------------------------


def test_the_exceptional_notice_is_issued_from_the_planners_switch(client, world, run_jobs):
    client.force_login(world.admin.user)
    notice_url = url("exceptional_notice", world.organisation)
    assert "mode normal" in client.get(notice_url).content.decode()
    planner_services.switch_mode(
        organisation=world.organisation, exceptional=True, reason="épidémie de grippe", actor=world.admin.user
    )
    planner_page = client.get(f"/planning/{world.organisation.pk}/").content.decode()
    assert notice_url in planner_page
    response = downloaded(client, client.get(notice_url, {"output_format": "docx", "end": ""}), run_jobs)
    text = "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "épidémie de grippe" in text and "L1222-11" in text and "jusqu'à nouvel ordre" in text
    refused = client.get(notice_url, {"output_format": "pdf", "end": "2000-01-01"})
    assert refused.status_code == 422
    assert "la date de fin doit suivre la date de début" in refused.content.decode()


# --- Two editors on one document ---------------------------------------------------------------------------------


def _second_admin(world):
    return MembershipFactory(organisation=world.organisation, role="employer_admin", user__full_name="Bérénice Admin")


def test_a_step_sent_over_answers_saved_meanwhile_is_refused_with_409_and_the_differences(client, world):
    """Two administrators on step 2: the second to send is told who saved in between, keeps what they typed, sees
    both answers and the words that differ, and can then send again to keep theirs."""
    document = saved_document(client, world)
    opened = client.get(step_url(document, 2))
    other = Client()
    other.force_login(_second_admin(world).user)
    assert submit_step(other, document, 2, scope="les salariés du service achats").status_code == 302

    mine = form_data(opened.context["form"], scope="les salariés du service ventes")
    refused = client.post(step_url(document, 2), {**mine, "action": "next", "revision": opened.context["revision"]})
    assert refused.status_code == 409
    content = refused.content.decode()
    assert "Bérénice Admin a enregistré ce document à" in content
    assert "les salariés du service ventes</textarea>" in content  # what was typed is kept
    assert [(c["theirs"], c["yours"]) for c in refused.context["changes"]] == [
        ("les salariés du service achats", "les salariés du service ventes")
    ]
    assert "<del>achats</del>" in content and "<ins>ventes</ins>" in content
    document.refresh_from_db()
    assert document.draft["scope"] == "les salariés du service achats"

    again = client.post(step_url(document, 2), {**mine, "action": "next", "revision": refused.context["revision"]})
    assert again.status_code == 302
    document.refresh_from_db()
    assert (document.draft["scope"], document.draft_saved_by) == ("les salariés du service ventes", world.admin.user)


def test_a_version_saved_from_a_summary_shown_before_a_change_is_refused(client, world):
    """The version must be the text that was read: a summary shown before someone else's change saves nothing and
    shows the document as it is now."""
    document = saved_document(client, world)
    submit_step(client, document, 4, **{"rhythm__telework_days": "3"})
    summary_url = step_url(document, LAST_STEP)
    shown = client.get(summary_url)
    other = Client()
    other.force_login(_second_admin(world).user)
    assert submit_step(other, document, 4, **{"rhythm__telework_days": "1"}).status_code == 302

    refused = client.post(summary_url, {"revision": shown.context["revision"], "force": "on"})
    assert refused.status_code == 409
    content = refused.content.decode()
    assert "Bérénice Admin a enregistré ce document à" in content
    assert "Jours de télétravail au plus : 2 → 1." in content
    assert document.versions.count() == 1

    assert client.post(summary_url, {"revision": refused.context["revision"], "force": "on"}).status_code == 302
    assert document.versions.get(number=2).options["rhythm"]["telework_days"] == 1


def test_a_step_sent_from_an_older_window_of_the_same_person_is_refused_too(client, world):
    document = saved_document(client, world)
    first_window = client.get(step_url(document, 2))
    assert submit_step(client, document, 2, scope="le personnel du siège").status_code == 302
    data = form_data(first_window.context["form"], scope="le personnel des agences")
    refused = client.post(step_url(document, 2), {**data, "revision": first_window.context["revision"]})
    assert refused.status_code == 409
    assert "Vous avez enregistré ce document dans une autre fenêtre" in refused.content.decode()
