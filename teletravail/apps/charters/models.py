"""The charter generator's data: a document (charter, agreement or public act) of an organisation, its immutable
versions (the engine's options as JSON) and its adoption procedure.

The legal logic stays in the pure engine `teletravail.charter`: these models hold its input and a summary of its
answer, and who did what.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teletravail.apps.charters.labels import DOCUMENT_TYPE_LABELS
from teletravail.apps.organisations.models import Sector
from teletravail.charter.catalogue import load_catalogue


def document_type_choices():
    return [(name, DOCUMENT_TYPE_LABELS[name]) for name in load_catalogue().choices["document_types"]]


class CharterDocument(models.Model):
    """One document of the organisation, with its draft being edited in the stepper and its procedure."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="charter_documents"
    )
    sector = models.CharField(_("secteur"), max_length=10, choices=Sector.choices)
    document_type = models.CharField(_("type de document"), max_length=30, choices=document_type_choices)
    # The options being edited (complete, as the engine takes them); empty when no edit is in progress.
    draft = models.JSONField(default=dict, blank=True)
    # Counts the writes of the draft, and who made the last: a step posted from an older draft is refused rather
    # than saved over the other person's answers.
    draft_revision = models.PositiveIntegerField(default=0, editable=False)
    draft_saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    draft_saved_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Procedure (journey step 3). `has_cse` follows the options of the latest version.
    has_cse = models.BooleanField(_("comité social et économique"), default=False)
    # Planned (any date, future included) and done (the opinion's date, never in the future): only the opinion counts
    # for the adoption.
    cse_meeting_date = models.DateField(_("date prévue de la réunion du comité"), null=True, blank=True)
    cse_opinion_date = models.DateField(_("date de l'avis du comité"), null=True, blank=True)
    cse_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    employees_informed_date = models.DateField(_("date de l'information du personnel"), null=True, blank=True)
    employees_informed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_date = models.DateField(_("date de signature de l'accord"), null=True, blank=True)
    signed_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The version in force: the latest one when the procedure was completed.
    adopted_version = models.ForeignKey(
        "CharterVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("charte ou accord de télétravail")
        verbose_name_plural = _("chartes et accords de télétravail")

    def __str__(self):
        return f"{self.title} — {self.organisation}"

    @property
    def title(self):
        """The type of document, in the page's language (the document itself states its French title)."""
        return str(DOCUMENT_TYPE_LABELS[self.document_type])

    @property
    def is_public(self):
        return self.sector == Sector.PUBLIC

    @property
    def needs_cse(self):
        """A private charter follows the CSE's opinion where there is one (C. trav. L1222-9 I); a public act follows
        the opinion of the competent staff committee (décret n° 2016-151, art. 7)."""
        if self.is_public:
            return True
        return self.document_type == "charte" and self.has_cse

    @property
    def needs_signature(self):
        return self.document_type == "accord_entreprise"

    @property
    def procedure_complete(self):
        return (
            (not self.needs_cse or self.cse_opinion_date is not None)
            and self.employees_informed_date is not None
            and (not self.needs_signature or self.signed_date is not None)
        )


class CharterVersion(models.Model):
    """An immutable state of the document: the options, who saved them and what changed since the previous one."""

    document = models.ForeignKey(CharterDocument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("numéro"))
    options = models.JSONField()
    summary = models.TextField(_("modifications"))
    error_count = models.PositiveIntegerField(_("erreurs"), default=0)
    warning_count = models.PositiveIntegerField(_("avertissements"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    # Kept as text so that the history survives the deletion of the account.
    created_by_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["document", "-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="unique_charter_version_number")]
        verbose_name = _("version de charte")
        verbose_name_plural = _("versions de charte")

    def __str__(self):
        return f"{self.document} v{self.number}"

    @property
    def rules_date(self):
        """The date whose rules and parameters the version was checked against (and is rendered with)."""
        return timezone.localdate(self.created_at)
