"""Word (.docx) rendering with python-docx: real heading styles, a contents field, header rows, page numbers.

Word cannot show an SVG without a bitmap fallback, and this package has no rasteriser: a figure becomes its
caption and its alt text (builders place the chart's data table right after the figure).
"""

import io
from datetime import UTC, datetime, time

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from teletravail.documents.labels import labels
from teletravail.documents.model import BulletList, Figure, Heading, PageBreak, Paragraph, Table
from teletravail.french import long_date


# Word wants a language with its region; the platform's documents name the language only.
WORD_LANGUAGES = {"fr": "fr-FR", "en": "en-GB"}
MUTED = RGBColor(0x66, 0x66, 0x66)


def _word_language(language):
    return language if "-" in language else WORD_LANGUAGES.get(language.lower(), language)


def _field(paragraph, instruction, placeholder=""):
    """A Word field (PAGE, NUMPAGES, TOC…) as its begin / instruction / separate / result / end runs."""

    def char(kind):
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)

    char("begin")
    instruction_run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    instruction_run._r.append(text)
    char("separate")
    paragraph.add_run(placeholder)
    char("end")


def _set_language(document, language):
    """The default language of every run (spelling, hyphenation, screen readers)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_properties.append(lang)
    lang.set(qn("w:val"), language)


def _update_fields_on_open(document):
    """Ask Word to compute the contents and page fields when the file is opened."""
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    document.settings.element.append(update)


def _repeat_as_header(row):
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _table(word, block):
    if block.caption:
        caption = word.add_paragraph(block.caption, style="Caption")
        caption.paragraph_format.keep_with_next = True
    table = word.add_table(rows=1, cols=len(block.headers))
    table.style = word.styles["Table Grid"]
    for cell, header in zip(table.rows[0].cells, block.headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(header).bold = True
    _repeat_as_header(table.rows[0])
    for cells in block.rows:
        row = table.add_row().cells
        for index, (cell, text) in enumerate(zip(row, cells, strict=True)):
            run = cell.paragraphs[0].add_run(text)
            run.bold = block.row_headers and index == 0
    word.add_paragraph()


def _figure(word, block, number, words):
    caption = f"{words['figure']} {number}" + (f" : {block.caption}" if block.caption else "")
    word.add_paragraph(caption, style="Caption").paragraph_format.keep_with_next = True
    description = word.add_paragraph()
    run = description.add_run(f"{words['chart_not_drawn']}. {words['description']} : {block.alt}")
    run.italic = True
    run.font.color.rgb = MUTED


def _footer(word, document, words):
    paragraph = word.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if document.footer:
        paragraph.add_run(f"{document.footer} — ")
    before, _, rest = words["page"].partition("{page}")
    between, _, after = rest.partition("{pages}")
    paragraph.add_run(before)
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(between)
    _field(paragraph, "NUMPAGES", "1")
    paragraph.add_run(after)
    for run in paragraph.runs:
        run.font.size = Pt(8)


def render_docx(document):
    """The document as .docx bytes."""
    words = labels(document.language)
    word = docx.Document()
    section = word.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    properties = word.core_properties
    properties.title = document.title
    properties.subject = document.subtitle
    properties.author = document.author
    properties.language = _word_language(document.language)
    if document.generated_on:
        properties.created = datetime.combine(document.generated_on, time(), tzinfo=UTC)
    _set_language(word, _word_language(document.language))
    _footer(word, document, words)

    word.add_paragraph(document.title, style="Title")
    if document.subtitle:
        word.add_paragraph(document.subtitle, style="Subtitle")
    if document.generated_on:
        when = long_date(document.generated_on, document.language)
        word.add_paragraph(words["generated_on"].format(date=when)).runs[0].italic = True
    if document.table_of_contents:
        word.add_paragraph(words["contents"], style="TOC Heading")
        _field(word.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u', words["update_contents"])
        _update_fields_on_open(word)
        word.add_page_break()
    figures = 0
    for block in document.blocks:
        if isinstance(block, Heading):
            word.add_heading(block.text, level=block.level)
        elif isinstance(block, Paragraph):
            word.add_paragraph(block.text)
        elif isinstance(block, BulletList):
            for item in block.items:
                word.add_paragraph(item, style="List Bullet")
        elif isinstance(block, Table):
            _table(word, block)
        elif isinstance(block, Figure):
            figures += 1
            _figure(word, block, figures, words)
        elif isinstance(block, PageBreak):
            word.add_page_break()
        else:
            raise TypeError(f"Unknown document block: {block!r}")
    output = io.BytesIO()
    word.save(output)
    return output.getvalue()
