"""Pages of the charter generator. Each starts with `charter_access` (404 for outsiders), then checks what the user
may do (403); reads go through selectors, writes through services, the legal logic through the engine."""

from datetime import date
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from teletravail.apps.charters import selectors, services, tables
from teletravail.apps.charters.forms import (
    UPLOAD_KIND,
    CheckerForm,
    NoticeForm,
    ProcedureForm,
    SaveVersionForm,
    upload_too_large,
)
from teletravail.apps.charters.services import DraftConflict
from teletravail.apps.charters.steps import LAST_STEP, STEPS, StepForm, answer_differences, set_option, step
from teletravail.apps.core.conflicts import CONFLICT_STATUS, posted_revision
from teletravail.apps.core.downloads import file_download
from teletravail.apps.core.forms import show_service_errors
from teletravail.apps.core.pages import call_service, organisation_context
from teletravail.apps.core.uploads import declared_length, upload_max_bytes
from teletravail.apps.jobs.documents import queued_document, renders_as_job
from teletravail.charter.annexes import (
    exceptional_circumstances_notice,
    individual_agreement_form,
    public_authorisation_form,
    reversibility_letter,
)
from teletravail.charter.assembly import render as render_document
from teletravail.charter.catalogue import load_catalogue
from teletravail.charter.checker import check_file
from teletravail.charter.errors import CharterInputError
from teletravail.charter.options import defaults_mapping, parse_options
from teletravail.charter.report import report_document
from teletravail.documents import Heading


UNPROCESSABLE = 422
TOO_LARGE = 413
# Around the file, a multipart request holds boundaries, part headers, the sector and the CSRF token.
UPLOAD_MARGIN_BYTES = 64 * 1024
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
}
# The last report of the checker, per organisation, kept in the session for its download (the file is not kept).
CHECK_REPORT_SESSION_KEY = "charters:check_report:{organisation_id}"
# Annexes: (label, sectors, builder of the document from the options and the date of the rules).
ANNEXES = {
    "demande": (
        gettext_lazy("Formulaire de demande et d'accord individuel"),
        ("prive",),
        lambda options, when: individual_agreement_form(options, when=when),
    ),
    "autorisation": (
        gettext_lazy("Autorisation individuelle de télétravail"),
        ("public",),
        lambda options, when: public_authorisation_form(options, when=when),
    ),
    "fin-employeur": (
        gettext_lazy("Courrier de fin du télétravail, à l'initiative de l'employeur"),
        ("prive", "public"),
        lambda options, when: reversibility_letter(options, initiative="employeur", when=when),
    ),
    "fin-salarie": (
        gettext_lazy("Courrier de fin du télétravail, à l'initiative du salarié ou de l'agent"),
        ("prive", "public"),
        lambda options, when: reversibility_letter(options, initiative="salarie", when=when),
    ),
}


def _context(access, **extra):
    return organisation_context(access, "charte", **extra)


def _document_url(document):
    return reverse(
        "charters:document", kwargs={"organisation_id": document.organisation_id, "document_id": document.pk}
    )


def _step_url(document, number):
    return reverse(
        "charters:step",
        kwargs={"organisation_id": document.organisation_id, "document_id": document.pk, "number": number},
    )


def _error_page(request, access, title, message):
    return render(request, "charters/error.html", _context(access, title=title, message=message), status=UNPROCESSABLE)


# --- Index -------------------------------------------------------------------------------------------------------


@login_required
def index(request, organisation_id):
    access = selectors.charter_access(request.user, organisation_id)
    rows = []
    for document in selectors.documents(access):
        if selectors.can_read_drafts(access):
            rows.append((document, selectors.latest_version(document)))
        elif document.adopted_version is not None:
            rows.append((document, document.adopted_version))
    return render(
        request,
        "charters/index.html",
        _context(
            access,
            rows=rows,
            documents_table=tables.documents_table(access.organisation, rows),
            can_edit=selectors.can_edit(access),
            can_read_drafts=selectors.can_read_drafts(access),
            exceptional_switch=selectors.exceptional_switch(access.organisation) if access.is_employer_admin else None,
        ),
    )


# --- Stepper -----------------------------------------------------------------------------------------------------


def _type_problem(form):
    """Step 1: the document type must be one of the chosen sector."""
    sector, document_type = form.cleaned_data.get("sector"), form.cleaned_data.get("document_type")
    spec = load_catalogue().choices["document_types"].get(document_type)
    if not sector:
        form.add_error("sector", _("Choisissez le secteur."))
    elif spec is None or spec["sector"] != sector:
        form.add_error(
            "document_type",
            _("« %(type)s » ne relève pas du secteur choisi : choisissez un type de document de ce secteur.")
            % {"type": spec["title"] if spec else document_type},
        )
    return bool(form.errors)


def _step_page(request, access, document, number, form, options, status=200, changes=()):
    current = step(number)
    context = _context(
        access,
        document=document,
        step=current,
        steps=STEPS,
        total_steps=LAST_STEP,
        next_step=STEPS[number] if number < LAST_STEP else None,
        form=form,
        title=current.title,
        document_title=document.title if document is not None else _("Nouveau document"),
        # The draft's revision the answers are typed on, posted back: a save on an older one is refused.
        revision=document.draft_revision if document is not None else None,
        changes=changes,
        changes_table=tables.changes_table(changes),
    )
    if document is not None and number > 1:
        context["verdict"] = selectors.assess(options)
        context["check_url"] = reverse(
            "charters:step_check",
            kwargs={"organisation_id": access.organisation.pk, "document_id": document.pk, "number": number},
        )
    if current.slug == "frais":
        context["ceilings"] = selectors.allowance_ceilings(options["sector"])
    return render(request, "charters/step.html", context, status=status)


@login_required
def new(request, organisation_id):
    """Step 1 of a new document: sector and type; the document is created, pre-filled, when it is chosen."""
    access = selectors.charter_access(request.user, organisation_id)
    if not selectors.can_edit(access):
        raise PermissionDenied
    organisation = access.organisation
    options = {"sector": organisation.sector, "document_type": defaults_mapping(organisation.sector)["document_type"]}
    form = StepForm(
        step(1).questions, options, organisation.name, data=request.POST if request.method == "POST" else None
    )
    if request.method == "POST":
        if form.is_valid() and not _type_problem(form):
            document = services.create_document(
                organisation=organisation,
                sector=form.cleaned_data["sector"],
                document_type=form.cleaned_data["document_type"],
                actor=request.user,
            )
            return redirect(_step_url(document, 2))
        return _step_page(request, access, None, 1, form, options, status=UNPROCESSABLE)
    return _step_page(request, access, None, 1, form, options)


def _merged(form, options):
    merged = selectors.plain(options)
    for path, value in form.option_values().items():
        set_option(merged, path, value)
    return merged


def _apply_problems(form, problems):
    """Put the engine's input problems on the fields they name, the others at the top of the form."""
    for path, message in problems:
        field = form.field_of(path) if path else None
        form.add_error(field, message if field else (f"« {path} » : {message}" if path else message))


@login_required
def step_page(request, organisation_id, document_id, number):
    access = selectors.charter_access(request.user, organisation_id)
    document = selectors.document_of(access, document_id, edit=True)
    if not 1 <= number <= LAST_STEP:
        raise Http404
    if number == LAST_STEP:
        return _summary(request, access, document)
    options = selectors.draft_of(document)
    current = step(number)
    questions = current.questions_for(options["sector"], options["document_type"])
    name = options["organisation"]["name"] or access.organisation.name
    form = StepForm(questions, options, name, data=request.POST if request.method == "POST" else None)
    if request.method != "POST":
        return _step_page(request, access, document, number, form, options)
    going_back = request.POST.get("action") == "previous"
    revision = posted_revision(request.POST)
    if form.is_valid():
        if number == 1:
            if not _type_problem(form):
                try:
                    services.change_type(
                        document=document,
                        sector=form.cleaned_data["sector"],
                        document_type=form.cleaned_data["document_type"],
                        revision=revision,
                        actor=request.user,
                    )
                except DraftConflict as conflict:
                    return _step_conflict(request, access, number, form, questions, _merged(form, options), conflict)
                return redirect(_step_url(document, 2))
        else:
            merged = _merged(form, options)
            verdict = selectors.assess(merged)
            if not verdict.problems:
                try:
                    services.save_draft(document=document, options=merged, revision=revision, actor=request.user)
                except DraftConflict as conflict:
                    return _step_conflict(request, access, number, form, questions, merged, conflict)
                return redirect(_step_url(document, number - 1 if going_back else number + 1))
            _apply_problems(form, verdict.problems)
    return _step_page(request, access, document, number, form, options, status=UNPROCESSABLE)


def _step_conflict(request, access, number, form, questions, yours, conflict):
    """The step again after a refused save: the answers as typed, those saved meanwhile by the other person next to
    them, and the current revision, so that sending the form again keeps the typed answers knowingly."""
    document = conflict.document
    theirs = selectors.draft_of(document)
    name = theirs["organisation"].get("name") or access.organisation.name
    form.add_error(
        None,
        " ".join(
            [
                *conflict.messages,
                str(
                    _(
                        "Vos réponses sont gardées dans le formulaire ; comparez-les avec celles enregistrées entre "
                        "temps, puis envoyez de nouveau le formulaire pour les garder, ou quittez pour garder l'autre "
                        "version."
                    )
                ),
            ]
        ),
    )
    changes = answer_differences(questions, theirs, yours, name)
    return _step_page(request, access, document, number, form, yours, status=CONFLICT_STATUS, changes=changes)


@login_required
@require_POST
def step_check(request, organisation_id, document_id, number):
    """Live validation: the engine's findings on the draft with the step's answers as typed, nothing saved."""
    access = selectors.charter_access(request.user, organisation_id)
    document = selectors.document_of(access, document_id, edit=True)
    if not 2 <= number < LAST_STEP:
        raise Http404
    options = selectors.draft_of(document)
    questions = step(number).questions_for(options["sector"], options["document_type"])
    form = StepForm(questions, options, options["organisation"]["name"], data=request.POST)
    input_problems = []
    verdict = None
    if form.is_valid():
        verdict = selectors.assess(_merged(form, options))
        labels = {question.path: str(question.label) for question in questions}
        input_problems = [(labels.get(path, path or ""), message) for path, message in verdict.problems]
    else:
        input_problems = [
            (str(form.fields[name].label) if name in form.fields else "", " ".join(errors))
            for name, errors in form.errors.items()
        ]
    html = render_to_string(
        "charters/_findings.html", {"verdict": verdict, "input_problems": input_problems}, request=request
    )
    return JsonResponse(
        {
            "html": html,
            "input_problems": len(input_problems),
            "errors": len(verdict.errors) if verdict else 0,
            "warnings": len(verdict.warnings) if verdict else 0,
        },
        status=UNPROCESSABLE if input_problems else 200,
    )


def _summary(request, access, document):
    options = selectors.draft_of(document)
    verdict = selectors.assess(options)
    form = SaveVersionForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            version = services.save_version(
                document=document,
                options=options,
                actor=request.user,
                force=form.cleaned_data["force"],
                revision=posted_revision(request.POST),
            )
        except DraftConflict as conflict:
            # The summary again, of the document as it is now: that is what the next save would keep.
            document = conflict.document
            options = selectors.draft_of(document)
            verdict = selectors.assess(options)
            latest = selectors.latest_version(document)
            form.add_error(
                None,
                " ".join(
                    [
                        *conflict.messages,
                        _(
                            "Le récapitulatif ci-dessous montre le document tel qu'il est maintenant ; relisez-le, "
                            "puis enregistrez la version."
                        ),
                        _("Par rapport à la dernière version enregistrée : %(changes)s")
                        % {"changes": services.change_summary(latest.options if latest else None, options)},
                    ]
                ),
            )
            status = CONFLICT_STATUS
        except ValidationError as error:
            show_service_errors(form, error)
            status = UNPROCESSABLE
        else:
            if version is None:
                messages.info(request, _("Aucune modification : la version courante est inchangée."))
            else:
                messages.success(request, _("Version %(number)d enregistrée.") % {"number": version.number})
            return redirect(_document_url(document))
    elif request.method == "POST":
        status = UNPROCESSABLE
    articles = []
    if verdict.charter:
        articles = [block.text for block in verdict.charter.document.blocks if isinstance(block, Heading)]
    return render(
        request,
        "charters/summary.html",
        _context(
            access,
            document=document,
            step=step(LAST_STEP),
            steps=STEPS,
            total_steps=LAST_STEP,
            verdict=verdict,
            articles=articles,
            form=form,
            document_title=document.title,
            revision=document.draft_revision,
        ),
        status=status,
    )


# --- Document page, downloads, procedure -------------------------------------------------------------------------


def _document_page(request, access, document, procedure_form=None, status=200):
    readers_only = not selectors.can_read_drafts(access)
    if readers_only and document.adopted_version is None:
        raise Http404
    latest = selectors.latest_version(document)
    version = document.adopted_version if readers_only else latest
    # The procedure's dates are those of the latest version: readers of the adopted version only see them when
    # that is the one (not while a new procedure is under way).
    show_procedure = version is not None and version == latest
    history = [document.adopted_version] if readers_only else list(selectors.versions(document))
    verdict = None
    if version is not None:
        try:
            verdict = selectors.Verdict(charter=selectors.charter_of(version))
        except CharterInputError as error:  # options saved before a change of the engine
            verdict = selectors.Verdict(problems=tuple(selectors.problems_by_path(error)))
    if procedure_form is None and selectors.can_edit(access) and version is not None:
        procedure_form = ProcedureForm(
            document=document,
            initial={
                "cse_meeting_date": document.cse_meeting_date,
                "cse_opinion_date": document.cse_opinion_date,
                "employees_informed_date": document.employees_informed_date,
                "signed_date": document.signed_date,
            },
        )
    annexes = [(kind, label) for kind, (label, sectors, _build) in ANNEXES.items() if document.sector in sectors]
    return render(
        request,
        "charters/document.html",
        _context(
            access,
            document=document,
            version=version,
            versions_table=tables.versions_table(access.organisation, document, history),
            verdict=verdict,
            annexes=annexes,
            procedure_form=procedure_form,
            show_procedure=show_procedure,
            can_edit=selectors.can_edit(access),
            has_draft=bool(document.draft),
        ),
        status=status,
    )


@login_required
def document_page(request, organisation_id, document_id):
    access = selectors.charter_access(request.user, organisation_id)
    document = selectors.document_of(access, document_id)
    return _document_page(request, access, document)


@login_required
@require_POST
def procedure(request, organisation_id, document_id):
    access = selectors.charter_access(request.user, organisation_id)
    document = selectors.document_of(access, document_id, edit=True)
    form = ProcedureForm(request.POST, document=document)
    if form.is_valid():
        call = call_service(
            request,
            lambda: services.record_procedure(document=document, actor=request.user, **form.cleaned_data),
            form=form,
        )
        if call.ok:
            document.refresh_from_db()
            messages.success(
                request,
                _("Procédure enregistrée : le document est adopté.")
                if document.procedure_complete
                else _("Procédure enregistrée."),
            )
            return redirect(_document_url(document))
    return _document_page(request, access, document, procedure_form=form, status=UNPROCESSABLE)


def _download(request, document, output_format, filename, access):
    """PDF and Word files are rendered by a job (the page shows its progress, then the file, while `access`, the
    page's access function and its arguments, still holds); HTML and Markdown, quick to write, are sent at once."""
    if renders_as_job(output_format):
        return queued_document(request, document, output_format=output_format, filename=filename, access=access)
    return file_download(render_document(document, output_format), filename, CONTENT_TYPES[output_format])


def _filename(title, suffix, output_format):
    return f"{slugify(title)}-{suffix}.{output_format}"


@login_required
def version_download(request, organisation_id, document_id, number, output_format):
    access, document, version = selectors.readable_version(request.user, organisation_id, document_id, number)
    try:
        charter = selectors.charter_of(version)
    except CharterInputError as error:
        return _error_page(request, access, document.title, str(error))
    return _download(
        request,
        charter.document,
        output_format,
        _filename(document.title, f"v{version.number}", output_format),
        _version_rule(access, document, version),
    )


def _version_rule(access, document, version):
    scope = {"organisation_id": access.organisation.pk, "document_id": document.pk, "number": version.number}
    return selectors.VERSION_PAGE, scope


@login_required
def annex_download(request, organisation_id, document_id, kind, output_format):
    access = selectors.charter_access(request.user, organisation_id)
    document = selectors.document_of(access, document_id)
    version = selectors.latest_version(document) if selectors.can_read_drafts(access) else document.adopted_version
    if kind not in ANNEXES or version is None or document.sector not in ANNEXES[kind][1]:
        raise Http404
    label, _sectors, build = ANNEXES[kind]
    label = str(label)
    try:
        annex = build(parse_options(selectors.plain(version.options)), version.rules_date)
    except CharterInputError as error:
        return _error_page(request, access, label, str(error))
    return _download(
        request,
        annex,
        output_format,
        _filename(label, f"v{version.number}", output_format),
        _version_rule(access, document, version),  # an annex of a draft: for those who read drafts
    )


# --- Checker of an existing document -----------------------------------------------------------------------------


@csrf_exempt  # the CSRF check reads the form, hence the whole upload: `_check_upload` makes it after the size check
@login_required
def checker(request, organisation_id):
    access = selectors.charter_access(request.user, organisation_id)
    if not selectors.can_read_drafts(access):
        raise PermissionDenied
    if request.method == "POST" and declared_length(request) > upload_max_bytes(UPLOAD_KIND) + UPLOAD_MARGIN_BYTES:
        # Refused from the declared length, before Django receives the file.
        form = CheckerForm(initial={"sector": access.organisation.sector})
        form.cleaned_data = {}  # an unbound form has none, and add_error updates them
        form.add_error("document", upload_too_large())
        return render(request, "charters/checker.html", _context(access, form=form), status=TOO_LARGE)
    return _check_upload(request, access)


@csrf_protect
def _check_upload(request, access):
    posted = request.method == "POST"
    form = CheckerForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        initial={"sector": access.organisation.sector},
    )
    report = None
    status = 200
    if posted:
        if form.is_valid():
            upload = form.cleaned_data["document"]
            today = timezone.localdate()
            try:
                report = check_file(
                    data=upload.read(), name=upload.name, sector=form.cleaned_data["sector"], when=today
                )
            except CharterInputError as error:
                form.add_error("document", str(error))
            else:
                request.session[CHECK_REPORT_SESSION_KEY.format(organisation_id=access.organisation.pk)] = {
                    "name": upload.name,
                    "date": today.isoformat(),
                    "report": report.as_dict(),
                }
        if report is None:
            status = UNPROCESSABLE
    covered = []
    if report is not None:
        language = get_language()
        report = report.in_language(language)
        catalogue = load_catalogue()
        covered = [(catalogue.clause(item.id).topic_in(report.sector, language), item) for item in report.covered]
    return render(
        request,
        "charters/checker.html",
        _context(access, form=form, report=report, covered_table=tables.covered_table(covered)),
        status=status,
    )


@login_required
def checker_report(request, organisation_id, output_format):
    """The report of the last document this person checked for the organisation, as a file."""
    access = selectors.checker_access(request.user, organisation_id)
    kept = request.session.get(CHECK_REPORT_SESSION_KEY.format(organisation_id=access.organisation.pk))
    if kept is None:
        messages.info(request, _("Vérifiez d'abord un document : son rapport pourra ensuite être téléchargé."))
        return redirect("charters:checker", organisation_id=access.organisation.pk)
    document = report_document(kept["report"], kept["name"], date.fromisoformat(kept["date"]), get_language())
    return _download(
        request,
        document,
        output_format,
        _filename(_("rapport de vérification"), slugify(Path(kept["name"]).stem), output_format),
        (selectors.CHECKER_PAGE, {"organisation_id": access.organisation.pk}),
    )


# --- Exceptional circumstances -----------------------------------------------------------------------------------


@login_required
def exceptional_notice(request, organisation_id):
    """The one-page notice of telework in exceptional circumstances, from the planner's switch to that mode."""
    access = selectors.notice_access(request.user, organisation_id)
    organisation = access.organisation
    switch = selectors.exceptional_switch(organisation)
    form = NoticeForm(request.GET if "output_format" in request.GET else None)
    status = 200
    if switch is not None and form.is_bound:
        if form.is_valid():
            try:
                notice = exceptional_circumstances_notice(
                    organisation.name,
                    switch.reason,
                    timezone.localdate(switch.created_at),
                    form.cleaned_data["end"],
                    sector=organisation.sector,
                )
            except CharterInputError as error:
                for path, message in selectors.problems_by_path(error):
                    form.add_error("end" if path == "end" else None, message)
            else:
                output_format = form.cleaned_data["output_format"]
                return _download(
                    request,
                    notice,
                    output_format,
                    f"note-circonstances-exceptionnelles.{output_format}",
                    (selectors.NOTICE_PAGE, {"organisation_id": organisation.pk}),
                )
        status = UNPROCESSABLE
    return render(request, "charters/notice.html", _context(access, form=form, switch=switch), status=status)
