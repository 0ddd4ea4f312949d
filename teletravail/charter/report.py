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

from teletravail.charter.catalogue import SECTOR_LABELS, is_english, load_catalogue
from teletravail.documents import BulletList, Document, Heading, Paragraph, Table


# The report's words in each language: the findings' messages come in both from the report itself (`message_en`);
# the passages and the clause text to add stay French, as written in the French document.
WORDS = {
    "fr": {
        "counted": (
            ("errors", "clause contraire à la loi", "clauses contraires à la loi"),
            ("missing", "clause obligatoire manquante", "clauses obligatoires manquantes"),
            ("warnings", "point d'attention ou à relire", "points d'attention ou à relire"),
            ("covered", "clause couverte", "clauses couvertes"),
        ),
        "errors": "Clauses contraires à la loi",
        "no_errors": "Aucune : aucun passage repéré ne contredit les règles vérifiées.",
        "missing": "Clauses obligatoires manquantes",
        "no_missing": "Aucune : toutes les clauses obligatoires sont repérées.",
        "warnings": "Points d'attention et passages à relire",
        "no_warnings": "Aucun.",
        "covered": "Clauses couvertes",
        "no_covered": "Aucune clause du catalogue n'est repérée.",
        "columns": ("Clause", "Section", "Passage repéré"),
        "caption": "Clauses repérées et passage correspondant",
        "suggestions": "Suggestions",
        "text_to_add": "Texte à ajouter :",
        "suggested_text": "Texte proposé :",
        "in_section": "Dans « {section} » : « {passage} »",
        "title": "Rapport de vérification",
        "sectors": SECTOR_LABELS,
        "disclaimer": None,  # the report's own, in French
    },
    "en": {
        "counted": (
            ("errors", "unlawful clause", "unlawful clauses"),
            ("missing", "missing mandatory clause", "missing mandatory clauses"),
            ("warnings", "point of attention or to reread", "points of attention or to reread"),
            ("covered", "covered clause", "covered clauses"),
        ),
        "errors": "Unlawful clauses",
        "no_errors": "None: no passage found goes against the rules checked.",
        "missing": "Missing mandatory clauses",
        "no_missing": "None: every mandatory clause is found.",
        "warnings": "Points of attention and passages to reread",
        "no_warnings": "None.",
        "covered": "Covered clauses",
        "no_covered": "No clause of the catalogue is found.",
        "columns": ("Clause", "Section", "Passage found"),
        "caption": "Clauses found and the matching passage",
        "suggestions": "Suggestions",
        "text_to_add": "Text to add, in French, as it goes in the charter:",
        "suggested_text": "Suggested text, in French, as it goes in the charter:",
        "in_section": "In “{section}”: « {passage} »",
        "title": "Verification report",
        "sectors": {"prive": "private sector", "public": "public sector"},
        "disclaimer": (
            "This report is a reading aid, drawn up automatically from the words of the text: it is not legal advice. "
            "Have the document reread by a lawyer or by your staff representatives."
        ),
    },
}


def _counts(data, words):
    parts = [f"{len(data[key])} {one if len(data[key]) < 2 else many}" for key, one, many in words["counted"]]
    return ", ".join(parts) + "."


def _finding_blocks(item, text_label, words, english):
    message = item.get("message_en") if english and item.get("message_en") else item["message"]
    blocks = [Paragraph(f"[{item['id']}, {item['legal_basis']}] {message}")]
    if item.get("passage"):
        blocks.append(Paragraph(words["in_section"].format(section=item["section"], passage=item["passage"])))
    if item.get("text"):
        lines = item["text"].split("\n")
        blocks.append(Paragraph(f"{text_label} {lines[0]}"))
        if len(lines) > 1:
            blocks.append(BulletList(tuple(line.removeprefix("– ") for line in lines[1:])))
    return blocks


def _group(title, items, empty, text_label, words, english):
    blocks = [Heading(title, 1)]
    if not items:
        return [*blocks, Paragraph(empty)]
    for item in items:
        blocks += _finding_blocks(item, text_label, words, english)
    return blocks


def report_document(data, file_name, when, language="fr"):
    """The report of a checked document (`data` is `CheckReport.as_dict()`), named after the file checked, in
    `language` (English, else French)."""
    english = is_english(language)
    words = WORDS["en" if english else "fr"]
    catalogue = load_catalogue()
    sector = data["sector"]
    covered_rows = tuple(
        (
            f"{catalogue.clause(item['id']).topic_in(sector, language)} ({item['id']}, {item['legal_basis']})",
            item["section"],
            f"« {item['passage']} »",
        )
        for item in data["covered"]
    )
    to_add = words["text_to_add"]
    blocks = [Paragraph(_counts(data, words))]
    blocks += _group(words["errors"], data["errors"], words["no_errors"], to_add, words, english)
    blocks += _group(words["missing"], data["missing"], words["no_missing"], to_add, words, english)
    blocks += _group(
        words["warnings"], data["warnings"], words["no_warnings"], words["suggested_text"], words, english
    )
    blocks.append(Heading(words["covered"], 1))
    if covered_rows:
        blocks.append(Table(words["columns"], covered_rows, caption=words["caption"], widths=(0.35, 0.25, 0.4)))
    else:
        blocks.append(Paragraph(words["no_covered"]))
    if data["suggestions"]:
        blocks += _group(words["suggestions"], data["suggestions"], "", to_add, words, english)
    blocks.append(Paragraph(words["disclaimer"] or data["disclaimer"]))
    return Document(
        title=words["title"],
        subtitle=f"{file_name} — {words['sectors'][sector]}",
        blocks=tuple(blocks),
        footer=f"{words['title']} – {file_name}",
        generated_on=when,
        language="en" if english else "fr",
    )
