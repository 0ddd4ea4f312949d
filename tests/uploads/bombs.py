"""Small files that expand into a lot of work, built in the tests: workbooks, Word documents and tables."""

import io
import time
import tracemalloc
import zipfile
from contextlib import contextmanager
from types import SimpleNamespace

import openpyxl
from docx import Document as WordDocument


MEGABYTE = 1024 * 1024
STAFF_HEADER = (
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>distance_km</t></is></c>'
    b'<c r="B1" t="inlineStr"><is><t>mode</t></is></c><c r="C1" t="inlineStr"><is><t>jours_teletravail</t></is></c>'
    b"</row>"
)


def rezipped(data, replaced):
    """The zip `data` with some members replaced ({name: bytes}), deflated at the highest level."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for member in source.infolist():
            target.writestr(member.filename, replaced.get(member.filename, source.read(member)))
    return buffer.getvalue()


def workbook_with_rows(sheet_data, dimension=None):
    """An .xlsx file whose first sheet holds `sheet_data` (the XML of its rows), written directly as a bomb would be:
    openpyxl's own writer would not write such a sheet. `dimension` is the declared range (« A1:C3 »), if any."""
    workbook = openpyxl.Workbook()
    buffer = io.BytesIO()
    workbook.save(buffer)
    head = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    if dimension:
        head += b'<dimension ref="' + dimension.encode() + b'"/>'
    sheet = head + b"<sheetData>" + sheet_data + b"</sheetData></worksheet>"
    return rezipped(buffer.getvalue(), {"xl/worksheets/sheet1.xml": sheet})


def staff_rows(count, start=2, numbered=True):
    """`count` rows of a valid staff file (distance, mode, telework days) as sheet XML. Unnumbered rows (no `r`
    attribute, as the format allows) are all alike and compress a thousand times, like the bomb of a real attack."""
    if not numbered:
        return b'<row><c><v>12</v></c><c t="inlineStr"><is><t>velo</t></is></c><c><v>2</v></c></row>' * count
    return b"".join(
        b'<row r="%d"><c r="A%d"><v>12</v></c><c r="B%d" t="inlineStr"><is><t>velo</t></is></c>'
        b'<c r="C%d"><v>2</v></c></row>' % (line, line, line, line)
        for line in range(start, start + count)
    )


def word_with_body(body_xml):
    """A .docx file whose body is `body_xml` (WordprocessingML with the `w:` prefix)."""
    word = WordDocument()
    word.add_paragraph("Charte")
    buffer = io.BytesIO()
    word.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        document = archive.read("word/document.xml")
    head, _, rest = document.partition(b"<w:body>")
    _, _, tail = rest.partition(b"<w:sectPr")
    return rezipped(buffer.getvalue(), {"word/document.xml": head + b"<w:body>" + body_xml + b"<w:sectPr" + tail})


def paragraphs(count, varied=True):
    """`count` paragraphs; `varied` ones hold distinct text, so that they compress like a real document."""
    return b"".join(
        b"<w:p><w:r><w:t>Article %d : le salari\xc3\xa9 t\xc3\xa9l\xc3\xa9travaille %d jours sur %d.</w:t></w:r></w:p>"
        % ((number, number % 5, number * 7919 % 1000) if varied else (1, 2, 3))
        for number in range(count)
    )


@contextmanager
def measured():
    """Wall-clock seconds and peak Python memory (MB, as tracemalloc sees it) of the block."""
    figures = SimpleNamespace(seconds=None, peak_mb=None)
    tracemalloc.start()
    start = time.perf_counter()
    try:
        yield figures
    finally:
        figures.seconds = time.perf_counter() - start
        figures.peak_mb = tracemalloc.get_traced_memory()[1] / MEGABYTE
        tracemalloc.stop()
