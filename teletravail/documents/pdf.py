"""PDF rendering with fpdf2: A4, DejaVu Sans (Unicode), bookmarks, contents, repeated table headers, page numbers."""

import io
from datetime import UTC, datetime, time
from pathlib import Path

from fpdf import FPDF, FontFace, TextStyle, ViewerPreferences
from fpdf.enums import TableHeadingsDisplay, XPos, YPos
from fpdf.errors import FPDFException
from fpdf.outline import TableOfContents

from teletravail.documents.labels import labels
from teletravail.documents.model import BulletList, Figure, Heading, PageBreak, Paragraph, Table
from teletravail.documents.svg import height_ratio, svg_for_pdf
from teletravail.french import long_date


FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FAMILY = "DejaVu Sans"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}

MARGIN = 20  # mm, all sides
# Text is ragged right: fpdf2 justifies by default, which stretches spaces in narrow measures and table cells.
LINE = 5.2  # mm, body text line height at 10 pt
TABLE_LINE = 4.6
TITLE_COLOUR = (0, 0, 145)  # DSFR blue France
MUTED_COLOUR = (102, 102, 102)
TEXT_COLOUR = (30, 30, 30)
HEADER_FILL = (236, 236, 254)
# Headings move to the next page when less than this height remains, so that they never end a page alone.
KEEP_WITH_NEXT = 30
# Tables shrink their text down to this size rather than break a word of a header or a cell across lines.
TABLE_FONT_SIZES = (8.5, 8, 7.5, 7, 6.5)
TABLE_PADDING = 1.2  # mm, each side of a cell


class _DocumentPDF(FPDF):
    def __init__(self, document):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.document = document
        self.words = labels(document.language)
        for style, file_name in FONT_FILES.items():
            self.add_font(FONT_FAMILY, style, str(FONT_DIR / file_name))
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN)
        self.set_text_color(*TEXT_COLOUR)
        self.figures = 0

    def header(self):
        if self.page_no() > 1:
            self.set_font(FONT_FAMILY, "", 8)
            self.set_text_color(*MUTED_COLOUR)
            self.set_y(10)
            self.cell(0, 4, self.document.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.set_y(MARGIN)
            self.set_text_color(*TEXT_COLOUR)

    def footer(self):
        self.set_y(-14)
        self.set_font(FONT_FAMILY, "", 8)
        self.set_text_color(*MUTED_COLOUR)
        page = self.words["page"].format(page=self.page_no(), pages=self.str_alias_nb_pages)
        if self.document.footer:
            self.cell(self.epw - 30, 4, self.document.footer)
            self.cell(30, 4, page, align="R")
        else:
            self.cell(0, 4, page, align="R")
        self.set_text_color(*TEXT_COLOUR)

    # --- blocks -------------------------------------------------------------------------------------------------

    def title_block(self):
        self.set_font(FONT_FAMILY, "B", 20)
        self.set_text_color(*TITLE_COLOUR)
        self.multi_cell(0, 9, self.document.title, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*TEXT_COLOUR)
        if self.document.subtitle:
            self.ln(1)
            self.set_font(FONT_FAMILY, "", 12)
            self.multi_cell(0, 6, self.document.subtitle, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if self.document.generated_on:
            self.ln(1)
            self.set_font(FONT_FAMILY, "I", 9)
            self.set_text_color(*MUTED_COLOUR)
            when = long_date(self.document.generated_on, self.document.language)
            self.multi_cell(
                0, 5, self.words["generated_on"].format(date=when), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
            self.set_text_color(*TEXT_COLOUR)
        self.ln(6)

    def heading(self, block):
        if self.will_page_break(KEEP_WITH_NEXT):
            self.add_page()
        self.ln(4 if block.level == 1 else 2)
        self.start_section(block.text, level=block.level - 1, strict=False)
        self.set_font(FONT_FAMILY, "B", 14 if block.level == 1 else 11.5)
        if block.level == 1:
            self.set_text_color(*TITLE_COLOUR)
        self.multi_cell(0, 7 if block.level == 1 else 6, block.text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*TEXT_COLOUR)
        self.ln(1.5)

    def paragraph(self, block):
        self.set_font(FONT_FAMILY, "", 10)
        self.multi_cell(0, LINE, block.text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2.5)

    def bullet_list(self, block):
        self.set_font(FONT_FAMILY, "", 10)
        for item in block.items:
            self.set_x(self.l_margin + 2)
            self.cell(5, LINE, "•")
            self.multi_cell(self.epw - 7, LINE, item, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.ln(0.8)
        self.ln(1.7)

    def table_block(self, block):
        if block.caption:
            if self.will_page_break(KEEP_WITH_NEXT):
                self.add_page()
            self.set_font(FONT_FAMILY, "B", 9.5)
            self.multi_cell(0, LINE, block.caption, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.ln(1)
        size, widths = self._table_layout(block)
        self.set_font(FONT_FAMILY, "", size)
        row_header = FontFace(emphasis="BOLD")
        with self.table(
            col_widths=widths,
            line_height=TABLE_LINE * size / TABLE_FONT_SIZES[0],
            text_align="LEFT",
            headings_style=FontFace(emphasis="BOLD", fill_color=HEADER_FILL),
            repeat_headings=TableHeadingsDisplay.ON_TOP_OF_EVERY_PAGE,
            padding=TABLE_PADDING,
            v_align="TOP",
        ) as table:
            heading_row = table.row()
            for header in block.headers:
                heading_row.cell(header)
            for cells in block.rows:
                row = table.row()
                for index, text in enumerate(cells):
                    row.cell(text, style=row_header if block.row_headers and index == 0 else None)
        self.ln(4)

    def _table_layout(self, block):
        """The font size and the column widths (mm) of a table: each column at least as wide as its longest word
        (in bold for the header row and the row headers), the room left shared out by the table's weights. The
        text shrinks, down to the smallest of TABLE_FONT_SIZES, until every column holds its longest word."""
        weights = block.widths or _column_weights(block)
        for size in TABLE_FONT_SIZES:
            minimums = [
                self._longest_word_width(block, index, size) + 2 * TABLE_PADDING + 0.5 for index in range(len(weights))
            ]
            if sum(minimums) <= self.epw or size == TABLE_FONT_SIZES[-1]:
                break
        total = sum(weights)
        widths = [max(minimum, self.epw * weight / total) for minimum, weight in zip(minimums, weights, strict=True)]
        # Columns held at their minimum keep it; the others share what is left in proportion to their weights.
        while sum(widths) > self.epw + 0.01:
            free = [index for index, width in enumerate(widths) if width > minimums[index] + 0.01]
            if not free:
                break
            excess = sum(widths) - self.epw
            free_weight = sum(weights[index] for index in free)
            for index in free:
                widths[index] = max(minimums[index], widths[index] - excess * weights[index] / free_weight)
        return size, tuple(widths)

    def _longest_word_width(self, block, index, size):
        widest = 0.0
        cells = [(block.headers[index], "B")] + [
            (row[index], "B" if block.row_headers and index == 0 else "") for row in block.rows
        ]
        for text, style in cells:
            self.set_font(FONT_FAMILY, style, size)
            widest = max([widest, *(self.get_string_width(word) for word in text.split())])
        return widest

    def figure(self, block):
        self.figures += 1
        svg = svg_for_pdf(block.svg, FONT_FAMILY)
        width = self.epw
        height = width * height_ratio(svg)
        caption = f"{self.words['figure']} {self.figures}" + (f" : {block.caption}" if block.caption else "")
        if self.will_page_break(height + 2 * LINE + 4):
            self.add_page()
        self.set_font(FONT_FAMILY, "B", 9.5)
        self.multi_cell(0, LINE, caption, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.image(io.BytesIO(svg.encode("utf-8")), w=width, h=height, alt_text=block.alt)
        self.ln(1)
        self.set_font(FONT_FAMILY, "I", 8.5)
        self.set_text_color(*MUTED_COLOUR)
        self.multi_cell(
            0,
            TABLE_LINE,
            f"{self.words['description']} : {block.alt}",
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.set_text_color(*TEXT_COLOUR)
        self.ln(4)

    def contents(self, pdf, outline):
        pdf.set_x(pdf.l_margin)  # drawn last: the position is wherever the final page ended
        pdf.set_font(FONT_FAMILY, "B", 14)
        pdf.set_text_color(*TITLE_COLOUR)
        pdf.cell(0, 8, self.words["contents"], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(*TEXT_COLOUR)
        pdf.ln(2)
        TableOfContents(text_style=TextStyle(font_family=FONT_FAMILY, font_size_pt=10), level_indent=6).render_toc(
            pdf, outline
        )


def _column_weights(table):
    """Relative column widths from the longest cell of each column, bounded so that no column crushes another."""
    weights = []
    for index, header in enumerate(table.headers):
        longest = max([len(header), *(len(row[index]) for row in table.rows)])
        weights.append(min(max(longest, 6), 45))
    return tuple(weights)


def render_pdf(document):
    """The document as PDF bytes.

    The table of contents is drawn last, on pages reserved after the title, once every heading's page is known.
    fpdf2 can insert pages for a contents that outgrows its reservation, but the pages drawn already keep their
    numbers then (the contents would send the reader one page too early); so the document is drawn again with
    one more reserved page until the contents fits exactly.
    """
    contents_pages = 1
    while True:
        try:
            return _render(document, contents_pages)
        except FPDFException as error:
            if "too many page breaks" not in str(error):
                raise
            contents_pages += 1


def _render(document, contents_pages):
    pdf = _DocumentPDF(document)
    pdf.set_title(document.title)
    pdf.set_lang(document.language)
    pdf.set_subject(document.subtitle)
    pdf.set_author(document.author)
    pdf.set_creator("teletravail")
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
    if document.generated_on:
        pdf.set_creation_date(datetime.combine(document.generated_on, time(), tzinfo=UTC))
    pdf.add_page()
    pdf.title_block()
    if document.table_of_contents:
        pdf.insert_toc_placeholder(pdf.contents, pages=contents_pages)
    for block in document.blocks:
        if isinstance(block, Heading):
            pdf.heading(block)
        elif isinstance(block, Paragraph):
            pdf.paragraph(block)
        elif isinstance(block, BulletList):
            pdf.bullet_list(block)
        elif isinstance(block, Table):
            pdf.table_block(block)
        elif isinstance(block, Figure):
            pdf.figure(block)
        elif isinstance(block, PageBreak):
            pdf.add_page()
        else:
            raise TypeError(f"Unknown document block: {block!r}")
    return bytes(pdf.output())
