"""The tables of the charter pages (documents, versions, clauses found, answers changed meanwhile), drawn by
`core/_table.html`."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from teletravail.apps.core.tables import Action, Badge, Cell, moment, table


def _errors(count):
    return ngettext("%(counter)s erreur", "%(counter)s erreurs", count) % {"counter": count}


def documents_table(organisation, rows):
    """`rows`: (document, the version the user may read: the latest one, or the adopted one, None for a draft)."""
    shown = []
    for document, version in rows:
        if version is None:
            conformity = None
        elif version.error_count:
            conformity = Cell(badges=(Badge(_errors(version.error_count), "error"),))
        else:
            conformity = Cell(badges=(Badge(_("Conforme"), "success"),))
        adopted = document.adopted_version
        shown.append(
            (
                Cell(
                    document.title,
                    href=reverse(
                        "charters:document", kwargs={"organisation_id": organisation.pk, "document_id": document.pk}
                    ),
                ),
                _("n° %(number)s du %(date)s")
                % {"number": version.number, "date": moment(version.created_at, "d/m/Y")}
                if version
                else _("brouillon"),
                conformity,
                _("Adopté (version %(number)s)") % {"number": adopted.number} if adopted else _("En préparation"),
            )
        )
    columns = (_("Document"), _("Version"), _("Conformité"), _("État"))
    return table(_("Documents de l'organisation"), columns, shown)


def versions_table(organisation, document, history):
    rows = []
    for item in history:
        kwargs = {"organisation_id": organisation.pk, "document_id": document.pk, "number": item.number}
        which = "— " + _("version %(number)s") % {"number": item.number}
        findings = ngettext("%(counter)s avertissement", "%(counter)s avertissements", item.warning_count) % {
            "counter": item.warning_count
        }
        rows.append(
            (
                item.number,
                item.created_by_name,
                moment(item.created_at, "d/m/Y H:i"),
                item.summary,
                f"{_errors(item.error_count)}, {findings}",
                Cell(
                    actions=(
                        Action("DOCX", reverse("charters:version_docx", kwargs=kwargs), which, kind="tertiary"),
                        Action("PDF", reverse("charters:version_pdf", kwargs=kwargs), which, kind="tertiary"),
                    )
                ),
            )
        )
    columns = (_("Version"), _("Enregistrée par"), _("Le"), _("Modifications"), _("Constats"), _("Télécharger"))
    return table(_("Versions du document"), columns, rows)


def covered_table(covered):
    """`covered`: (topic, clause found in the checked document)."""
    # The section and the passage are the checked document's own words, in French (marked so on English pages).
    rows = [
        (
            Cell(topic, template="charters/_clause_cell.html", context={"clause": item}),
            Cell(item.section, template="charters/_french_cell.html"),
            Cell(f"« {item.passage} »", template="charters/_french_cell.html"),
        )
        for topic, item in covered
    ]
    columns = (_("Clause"), _("Section"), _("Passage repéré"))
    return table(_("Clauses repérées et passage correspondant"), columns, rows)


def changes_table(changes):
    """Each answer saved meanwhile next to the one sent, and the words that differ (charters/_diff_cell.html);
    `changes` are the dicts of `answer_differences`."""
    rows = [
        (
            change["label"],
            change["theirs"],
            change["yours"],
            Cell(template="charters/_diff_cell.html", context={"diff": change["diff"]}),
        )
        for change in changes
    ]
    caption = _("Réponses enregistrées entre temps, comparées aux vôtres")
    columns = (_("Question"), _("Enregistré entre temps"), _("Votre saisie"), _("Différences"))
    return table(caption, columns, rows, id="charter-changes", classes="fr-mb-3w")
