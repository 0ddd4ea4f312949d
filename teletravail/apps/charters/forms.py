from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from teletravail.apps.core.uploads import upload_max_bytes, upload_max_size
from teletravail.apps.organisations.models import Sector


UPLOAD_KIND = "charter_document"  # a charter is a few pages: larger files are refused before being read
UPLOAD_SUFFIXES = (".docx", ".pdf", ".txt", ".md", ".html", ".htm")


def _date_field(label, help_text=""):
    return forms.DateField(
        label=label,
        help_text=help_text,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class SaveVersionForm(DsfrBaseForm):
    force = forms.BooleanField(
        label=_("Enregistrer malgré les erreurs de conformité"),
        help_text=_("Pour garder un document de travail, par exemple à soumettre au comité avant son avis."),
        required=False,
    )


class ProcedureForm(DsfrBaseForm):
    """The procedure checklist: only the steps the document needs."""

    cse_meeting_date = _date_field(
        _("Date prévue de la réunion du comité"),
        _("Peut être à venir : l'étape reste « prévue » tant que la date de l'avis n'est pas indiquée."),
    )
    cse_opinion_date = _date_field(_("Date de l'avis du comité"), _("Une fois l'avis rendu ; pas de date à venir."))
    employees_informed_date = _date_field(
        _("Date de l'information du personnel"), _("Communication du document à l'ensemble du personnel.")
    )
    signed_date = _date_field(_("Date de signature de l'accord"))

    def __init__(self, *args, document, **kwargs):
        super().__init__(*args, **kwargs)
        # The base form has already bound its fields: the label is set on the bound field.
        if document.is_public:
            self["cse_opinion_date"].label = _("Date de l'avis du comité social compétent")
        elif document.needs_cse:
            self["cse_opinion_date"].label = _("Date de l'avis du comité social et économique (CSE)")
        if not document.needs_cse:
            del self.fields["cse_opinion_date"]
            del self.fields["cse_meeting_date"]
        if not document.needs_signature:
            del self.fields["signed_date"]


def upload_too_large():
    """The refusal of a charter document beyond the size in settings."""
    return _("Le document dépasse %(size)s Mo : enregistrez-le sans images, ou en texte.") % {
        "size": upload_max_size(UPLOAD_KIND)
    }


class CheckerForm(DsfrBaseForm):
    document = forms.FileField(
        label=_("Document à vérifier"),
    )
    sector = forms.ChoiceField(label=_("Secteur"), choices=Sector.choices, widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].help_text = _(
            "Word (DOCX), PDF avec du texte, HTML ou texte ; %(size)s Mo au plus."
        ) % {"size": upload_max_size(UPLOAD_KIND)}

    def clean_document(self):
        upload = self.cleaned_data["document"]
        name = upload.name or ""
        if upload.size > upload_max_bytes(UPLOAD_KIND):
            raise forms.ValidationError(upload_too_large())
        if not name.lower().endswith(UPLOAD_SUFFIXES):
            raise forms.ValidationError(
                _("« %(name)s » : format non pris en charge (DOCX, PDF, HTML ou texte attendu)."),
                params={"name": name},
            )
        return upload


class NoticeForm(DsfrBaseForm):
    end = _date_field(_("Date de fin"), _("Laissez vide : « jusqu'à nouvel ordre »."))
    output_format = forms.ChoiceField(
        label=_("Format"),
        choices=[("docx", _("Word (DOCX)")), ("pdf", _("PDF"))],
        initial="docx",
        widget=forms.RadioSelect,
    )
