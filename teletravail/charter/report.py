"""The checker's report as a document to download (PDF, Word, HTML, Markdown): the same four groups as the JSON of
`teletravail charter check` and the web page, from its dictionary (`CheckReport.as_dict()`), which is what a web
session keeps between the check and the download.

>>> from datetime import date
>>> from teletravail.charter.checker import check_text
>>> data = check_text("Article 1 – Objet\\n\\nLe télétravail est ouvert.", "prive", when=date(2026, 9, 1)).as_dict()
>>> document = report_document(data, "charte.docx", date(2026, 9, 1))
>>> document.title, document.subtitle
('Rapport de vérification', 'charte.docx — secteur privé')
"""

from teletravail.charter.catalogue import SECTOR_LABELS, load_catalogue
from teletravail.documents import BulletList, Document, Heading, Paragraph, Table


# The summary line's groups, singular and plural (French: 0 and 1 take the singular).
COUNTED = (
    ("errors", "clause contraire à la loi", "clauses contraires à la loi"),
    ("missing", "clause obligatoire manquante", "clauses obligatoires manquantes"),
    ("warnings", "point d'attention ou à relire", "points d'attention ou à relire"),
    ("covered", "clause couverte", "clauses couvertes"),
)


def _counts(data):
    parts = [f"{len(data[key])} {one if len(data[key]) < 2 else many}" for key, one, many in COUNTED]
    return ", ".join(parts) + "."


def _finding_blocks(item, text_label):
    blocks = [Paragraph(f"[{item['id']}, {item['legal_basis']}] {item['message']}")]
    if item.get("passage"):
        blocks.append(Paragraph(f"Dans « {item['section']} » : « {item['passage']} »"))
    if item.get("text"):
        lines = item["text"].split("\n")
        blocks.append(Paragraph(f"{text_label} {lines[0]}"))
        if len(lines) > 1:
            blocks.append(BulletList(tuple(line.removeprefix("– ") for line in lines[1:])))
    return blocks


def _group(title, items, empty, text_label="Texte à ajouter :"):
    blocks = [Heading(title, 1)]
    if not items:
        return [*blocks, Paragraph(empty)]
    for item in items:
        blocks += _finding_blocks(item, text_label)
    return blocks


def report_document(data, file_name, when):
    """The report of a checked document (`data` is `CheckReport.as_dict()`), named after the file checked."""
    catalogue = load_catalogue()
    sector = data["sector"]
    covered_rows = tuple(
        (
            f"{catalogue.clause(item['id']).topic_for(sector)} ({item['id']}, {item['legal_basis']})",
            item["section"],
            f"« {item['passage']} »",
        )
        for item in data["covered"]
    )
    blocks = [Paragraph(_counts(data))]
    blocks += _group(
        "Clauses contraires à la loi",
        data["errors"],
        "Aucune : aucun passage repéré ne contredit les règles vérifiées.",
    )
    blocks += _group(
        "Clauses obligatoires manquantes",
        data["missing"],
        "Aucune : toutes les clauses obligatoires sont repérées.",
    )
    blocks += _group("Points d'attention et passages à relire", data["warnings"], "Aucun.", "Texte proposé :")
    blocks.append(Heading("Clauses couvertes", 1))
    if covered_rows:
        blocks.append(
            Table(
                ("Clause", "Section", "Passage repéré"),
                covered_rows,
                caption="Clauses repérées et passage correspondant",
                widths=(0.35, 0.25, 0.4),
            )
        )
    else:
        blocks.append(Paragraph("Aucune clause du catalogue n'est repérée."))
    if data["suggestions"]:
        blocks += _group("Suggestions", data["suggestions"], "")
    blocks.append(Paragraph(data["disclaimer"]))
    return Document(
        title="Rapport de vérification",
        subtitle=f"{file_name} — {SECTOR_LABELS[sector]}",
        blocks=tuple(blocks),
        footer=f"Rapport de vérification – {file_name}",
        generated_on=when,
    )
