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

from teletravail.documents.html_page import render_html
from teletravail.documents.markdown import render_markdown
from teletravail.documents.model import BulletList, Document, Figure, Heading, PageBreak, Paragraph, Table
from teletravail.documents.pdf import render_pdf
from teletravail.documents.word import render_docx


__all__ = [
    "BulletList",
    "Document",
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
