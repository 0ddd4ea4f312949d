"""Documents as blocks, rendered to PDF, Word, HTML and Markdown. Pure Python: no Django.

>>> from teletravail.documents import Document, Heading, Paragraph, render_markdown
>>> print(render_markdown(Document("Charte", (Heading("Article 1"), Paragraph("Texte.")))))
# Charte
<BLANKLINE>
## Article 1
<BLANKLINE>
Texte.
<BLANKLINE>
"""

from teletravail.lazy import lazy_exports


__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "BulletList": "teletravail.documents.model",
        "Document": "teletravail.documents.model",
        "document_from_data": "teletravail.documents.model",
        "document_to_data": "teletravail.documents.model",
        "Figure": "teletravail.documents.model",
        "Heading": "teletravail.documents.model",
        "PageBreak": "teletravail.documents.model",
        "Paragraph": "teletravail.documents.model",
        "Table": "teletravail.documents.model",
        "render_docx": "teletravail.documents.word",
        "render_html": "teletravail.documents.html_page",
        "render_markdown": "teletravail.documents.markdown",
        "render_pdf": "teletravail.documents.pdf",
    },
)

__all__ = [
    "BulletList",
    "Document",
    "document_from_data",
    "document_to_data",
    "Figure",
    "Heading",
    "PageBreak",
    "Paragraph",
    "Table",
    "render_docx",
    "render_html",
    "render_markdown",
    "render_pdf",
]
