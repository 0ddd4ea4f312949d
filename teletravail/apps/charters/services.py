"""Writes of the charter pages: documents, drafts, immutable versions and the adoption procedure."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from teletravail.apps.charters import notices, selectors
from teletravail.apps.charters.models import CharterDocument, CharterVersion
from teletravail.apps.charters.steps import all_questions
from teletravail.apps.core.conflicts import Conflict
from teletravail.charter.catalogue import load_catalogue


MAX_CHANGES_NAMED = 4


def _display_name(user):
    return (user.full_name or user.email) if user is not None else ""


@transaction.atomic
def create_document(*, organisation, sector, document_type, actor):
    """A new document whose draft is pre-filled from the organisation, its plans and its diagnostic."""
    return CharterDocument.objects.create(
        organisation=organisation,
        sector=sector,
        document_type=document_type,
        draft=selectors.prefill(organisation, sector, document_type),
        created_by=actor,
    )


class DraftConflict(Conflict):
    """The draft was saved by someone else (or in another window) since the page was shown: nothing is saved over
    it. `document` is the document as it is now, its draft included."""

    def __init__(self, document, actor):
        self.document = document
        when = date_format(timezone.localtime(document.draft_saved_at), "H:i") if document.draft_saved_at else ""
        if actor is not None and document.draft_saved_by_id == actor.pk:
            message = _(
                "Vous avez enregistré ce document dans une autre fenêtre à %(time)s, depuis l'ouverture de "
                "cette page : ce que vous venez d'envoyer n'est pas enregistré."
            )
        else:
            message = _(
                "%(name)s a enregistré ce document à %(time)s, depuis l'ouverture de cette page : ce que "
                "vous venez d'envoyer n'est pas enregistré."
            )
        super().__init__(
            message % {"name": _display_name(document.draft_saved_by) or _("Une autre personne"), "time": when}
        )


def _lock(document):
    """Lock the document's row until the end of the transaction and read it again: the draft and its revision only
    change under this lock."""
    document.refresh_from_db(from_queryset=CharterDocument.objects.select_for_update(of=("self",)))


def _check_revision(document, revision, actor):
    """`revision` is the draft's revision the page was shown with (None: no page, no check)."""
    if revision is not None and revision != document.draft_revision:
        raise DraftConflict(document, actor)


def _write_draft(document, options, actor, fields=()):
    document.draft = selectors.plain(options)
    document.draft_revision += 1
    document.draft_saved_by = actor
    document.draft_saved_at = timezone.now()
    document.save(update_fields=["draft", "draft_revision", "draft_saved_by", "draft_saved_at", *fields])


@transaction.atomic
def save_draft(*, document, options, revision=None, actor=None):
    """Save the draft; DraftConflict when it was saved since `revision` (its answers are not overwritten)."""
    _lock(document)
    _check_revision(document, revision, actor)
    _write_draft(document, options, actor)


@transaction.atomic
def change_type(*, document, sector, document_type, revision=None, actor=None):
    """Step 1 on an existing document: another sector starts again from that sector's pre-filled options."""
    _lock(document)
    _check_revision(document, revision, actor)
    options = selectors.draft_of(document)
    if sector != options.get("sector"):
        options = selectors.prefill(document.organisation, sector, document_type)
    options["document_type"] = document_type
    _write_draft(document, options, actor)


def _flatten(options, prefix=""):
    flat = {}
    for key, value in options.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def _shown(path, value):
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("oui") if value else _("non")
    if path == "document_type":
        return load_catalogue().choices["document_types"].get(value, {}).get("title", value)
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    if isinstance(value, list):
        return (
            ", ".join(str(item) for item in value)
            if len(value) <= 3
            else _("%(count)d éléments") % {"count": len(value)}
        )
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        try:
            return date_format(date.fromisoformat(value), "SHORT_DATE_FORMAT")
        except ValueError:
            return value
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def change_summary(previous, options):
    """A short French account of what changed from the `previous` options (None for a first version)."""
    if previous is None:
        return _("Première version.")
    labels = {question.path: str(question.label) for question in all_questions()}
    before, after = _flatten(previous), _flatten(options)
    changes = []
    for path in after.keys() | before.keys():
        if before.get(path) != after.get(path):
            label = labels.get(path, path)
            changes.append(f"{label} : {_shown(path, before.get(path))} → {_shown(path, after.get(path))}")
    changes.sort()
    text = " ; ".join(changes[:MAX_CHANGES_NAMED])
    if len(changes) > MAX_CHANGES_NAMED:
        extra = len(changes) - MAX_CHANGES_NAMED
        text += " ; " + (
            _("et %(count)d autre modification") if extra == 1 else _("et %(count)d autres modifications")
        ) % {"count": extra}
    return text + "."


# The procedure's dates and who recorded each.
PROCEDURE_RECORDERS = {
    "cse_opinion_date": "cse_recorded_by",
    "employees_informed_date": "employees_informed_by",
    "signed_date": "signed_recorded_by",
}
# Planned dates of the procedure: they may be in the future and never count as done.
PROCEDURE_PLANNED = ("cse_meeting_date",)


@transaction.atomic
def save_version(*, document, options, actor, force=False, clear_draft=True, new_procedure=True, revision=None):
    """A new immutable version when the options differ from the latest one; None when nothing changed.

    `revision` is the draft's revision the summary was shown with: DraftConflict if the draft was saved since (the
    version would not be the text that was read).

    Options the engine cannot read raise ValidationError; a document breaking a rule is saved only with `force`
    (a working draft, e.g. to submit it to the CSE before its opinion is dated).

    The procedure's dates were recorded for the previous version: a new one starts a new procedure (the adopted
    version stays in force until it is complete), except for the version the procedure itself writes
    (`new_procedure=False`, the opinion date written into the text).
    """
    options = selectors.plain(options)
    verdict = selectors.assess(options)
    if verdict.problems:
        raise ValidationError([message for _path, message in verdict.problems])
    if verdict.errors and not force:
        raise ValidationError(
            ngettext(
                "Le document enfreint %(count)d règle de conformité : corrigez-la, ou cochez « Enregistrer "
                "malgré les erreurs » pour garder un document de travail.",
                "Le document enfreint %(count)d règles de conformité : corrigez-les, ou cochez « Enregistrer "
                "malgré les erreurs » pour garder un document de travail.",
                len(verdict.errors),
            )
            % {"count": len(verdict.errors)},
            code="non_compliant",
        )
    document = CharterDocument.objects.select_for_update().get(pk=document.pk)
    _check_revision(document, revision, actor)
    latest = selectors.latest_version(document)
    version = None
    if latest is None or latest.options != options:
        version = CharterVersion.objects.create(
            document=document,
            number=(latest.number + 1) if latest else 1,
            options=options,
            summary=change_summary(latest.options if latest else None, options),
            error_count=len(verdict.errors),
            warning_count=len(verdict.warnings),
            created_by=actor,
            created_by_name=_display_name(actor),
            created_at=timezone.now(),
        )
    document.sector = options["sector"]
    document.document_type = options["document_type"]
    document.has_cse = bool(options["organisation"].get("has_cse"))
    fields = ["sector", "document_type", "has_cse"]
    if clear_draft:
        document.draft = {}
        document.draft_revision += 1
        fields += ["draft", "draft_revision"]
    if version is not None and new_procedure:
        for date_field, recorder_field in PROCEDURE_RECORDERS.items():
            setattr(document, date_field, None)
            setattr(document, recorder_field, None)
            fields += [date_field, recorder_field]
        for planned_field in PROCEDURE_PLANNED:
            setattr(document, planned_field, None)
            fields.append(planned_field)
    document.save(update_fields=fields)
    return version


def _opinion_path(document):
    if document.is_public:
        return "committee_opinion_date"
    return "cse_opinion_date" if document.document_type == "charte" else None


@transaction.atomic
def record_procedure(
    *,
    document,
    actor,
    cse_meeting_date=None,
    cse_opinion_date=None,
    employees_informed_date=None,
    signed_date=None,
):
    """Record the dates of the procedure of the latest version, each with who recorded it. The committee's meeting
    may be planned (a date to come); the steps done (opinion, information, signature) are dated today or earlier,
    and only they count. A new opinion date is written into the document (a new version); once every step is done,
    the latest version becomes the adopted one, provided it breaks no rule."""
    document = CharterDocument.objects.select_for_update().get(pk=document.pk)
    latest = selectors.latest_version(document)
    if latest is None:
        raise ValidationError(_("Enregistrez d'abord une version du document."))
    today = timezone.localdate()
    errors = {}
    for field, value in (
        ("cse_opinion_date", cse_opinion_date),
        ("employees_informed_date", employees_informed_date),
        ("signed_date", signed_date),
    ):
        if value is not None and value > today:
            errors[field] = (
                _(
                    "L'avis n'est pas encore rendu à cette date : indiquez-la comme date prévue de la réunion du "
                    "comité, et la date de l'avis une fois celui-ci rendu."
                )
                if field == "cse_opinion_date"
                else _("Une étape faite ne peut pas être datée dans le futur.")
            )
    if (
        employees_informed_date
        and document.needs_cse
        and (cse_opinion_date is None or employees_informed_date < cse_opinion_date)
    ):
        errors["employees_informed_date"] = _(
            "Le personnel est informé du document après l'avis du comité : indiquez d'abord la date de l'avis, "
            "antérieure à cette date."
        )
    if errors:
        raise ValidationError(errors)
    if not document.needs_cse:
        cse_opinion_date = cse_meeting_date = None
    document.cse_meeting_date = cse_meeting_date
    if not document.needs_signature:
        signed_date = None
    values = {
        "cse_opinion_date": cse_opinion_date,
        "employees_informed_date": employees_informed_date,
        "signed_date": signed_date,
    }
    for field, value in values.items():
        if getattr(document, field) != value:
            setattr(document, field, value)
            setattr(document, PROCEDURE_RECORDERS[field], actor if value else None)
    opinion_path = _opinion_path(document)
    if opinion_path and cse_opinion_date:
        options = selectors.plain(latest.options)
        if options["organisation"].get(opinion_path) != cse_opinion_date.isoformat():
            options["organisation"][opinion_path] = cse_opinion_date.isoformat()
            document.save()
            save_version(
                document=document, options=options, actor=actor, force=True, clear_draft=False, new_procedure=False
            )
            document.refresh_from_db()
    if document.procedure_complete:
        version = selectors.latest_version(document)
        if version.error_count:
            # Atomic: nothing of this procedure is recorded, not even the version with the opinion date.
            raise ValidationError(
                ngettext(
                    "La version %(number)d enfreint %(count)d règle de conformité : elle ne peut pas être adoptée. "
                    "Corrigez le document et enregistrez une nouvelle version avant de terminer la procédure.",
                    "La version %(number)d enfreint %(count)d règles de conformité : elle ne peut pas être adoptée. "
                    "Corrigez le document et enregistrez une nouvelle version avant de terminer la procédure.",
                    version.error_count,
                )
                % {"number": version.number, "count": version.error_count},
                code="non_compliant",
            )
        newly_adopted = document.adopted_version_id != version.pk
        document.adopted_version = version
        if newly_adopted:
            notices.document_adopted(document)
    document.save()
    return document
