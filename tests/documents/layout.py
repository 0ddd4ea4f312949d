"""Checks on the pages of a generated PDF: what a reader would see as broken layout, listed so tests can assert none.

Text is located with pypdf (the text matrix times the current transformation matrix) and measured with the
document's own font through fpdf2, so a line running past the right margin is caught even where no glyph leaves
the page.
"""

import io
import re

import pypdf
from fpdf import FPDF

from teletravail.documents.pdf import FONT_DIR, FONT_FAMILY, FONT_FILES, MARGIN


POINTS_PER_MM = 72 / 25.4
TOLERANCE = 1.0  # pt: rounding of positions and of the measures of the two libraries
_PAGE_FOOTER = re.compile(r"Page (\d+) / (\d+)")
_CONTENTS_ENTRY = re.compile(r"^(?P<title>.+?) ?\.{3,} ?(?P<page>\d+)$")


def _measure():
    pdf = FPDF(unit="pt")
    for style, file_name in FONT_FILES.items():
        pdf.add_font(FONT_FAMILY, style, str(FONT_DIR / file_name))
    return pdf


def _text_runs(page):
    """(text, left, right, baseline) in points of every piece of text drawn on `page`."""
    measure = _measure()
    runs = []

    def visit(text, cm, tm, font, size):
        if not text.strip() or font is None:
            return
        # The text matrix, then the current transformation matrix: position and horizontal scale on the page.
        a, b, c, d, e, f = (float(x) for x in tm)
        ca, cb, cc, cd, ce, cf = (float(x) for x in cm)
        x = e * ca + f * cc + ce
        y = e * cb + f * cd + cf
        scale = (a * ca + b * cc, a * cb + b * cd)
        horizontal = (scale[0] ** 2 + scale[1] ** 2) ** 0.5
        style = "B" if "Bold" in str(font.get("/BaseFont", "")) else ""
        measure.set_font(FONT_FAMILY, style, float(size))
        runs.append((text, x, x + measure.get_string_width(text.rstrip()) * horizontal, y))

    page.extract_text(visitor_text=visit)
    return runs


def layout_problems(data, *, whole_words=()):
    """What is wrong with the pages of the PDF `data`, as sentences (an empty list when nothing is).

    - every piece of text lies inside the page and between the left and right margins;
    - no page is blank (nothing but the running header and the footer);
    - each footer says « Page n / N » with its own number and the real page count;
    - each entry of the table of contents gives the page its bookmark leads to;
    - each of `whole_words` is read whole somewhere (a table header broken mid-word is not).
    """
    reader = pypdf.PdfReader(io.BytesIO(data))
    problems = []
    count = len(reader.pages)
    left_edge, title = MARGIN * POINTS_PER_MM - TOLERANCE, reader.metadata.title if reader.metadata else None
    texts = []
    for number, page in enumerate(reader.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        right_edge = width - MARGIN * POINTS_PER_MM + TOLERANCE
        for text, left, right, baseline in _text_runs(page):
            if left < left_edge or right > right_edge or not 0 <= baseline <= height:
                problems.append(
                    f"page {number}: « {text.strip()[:40]} » lies outside the text area "
                    f"({left:.0f}–{right:.0f} pt across a {width:.0f} pt page, baseline {baseline:.0f} pt)"
                )
        text = page.extract_text() or ""
        texts.append(text)
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        footers = [match for line in lines if (match := _PAGE_FOOTER.search(line))]
        if not footers or footers[-1].groups() != (str(number), str(count)):
            found = footers[-1].group(0) if footers else "none"
            problems.append(f"page {number}: the footer should read « Page {number} / {count} », found {found}")
        content = [line for line in lines if line != title and not _PAGE_FOOTER.search(line)]
        if not content and not page.images:
            problems.append(f"page {number} is blank")
    bookmarks = {item.title: reader.get_destination_page_number(item) + 1 for item in _flat(reader.outline)}
    for number, text in enumerate(texts, start=1):
        for line in text.splitlines():
            entry = _CONTENTS_ENTRY.match(line.strip())
            if entry and entry["title"] in bookmarks and int(entry["page"]) != bookmarks[entry["title"]]:
                problems.append(
                    f"page {number}: the contents sends « {entry['title']} » to page {entry['page']}, "
                    f"its bookmark to page {bookmarks[entry['title']]}"
                )
    words = set(" ".join(texts).split())
    problems += [f"« {word} » is never read whole (broken across lines?)" for word in whole_words if word not in words]
    return problems


def contents_entries(data):
    """The titles listed by the table of contents, in order."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [
        entry["title"]
        for page in reader.pages
        for line in (page.extract_text() or "").splitlines()
        if (entry := _CONTENTS_ENTRY.match(line.strip()))
    ]


def _flat(outline):
    for item in outline:
        if isinstance(item, list):
            yield from _flat(item)
        else:
            yield item
