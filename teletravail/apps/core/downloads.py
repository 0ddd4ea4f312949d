"""Files sent to the browser: one way to attach a file, and the CSV layout French spreadsheet software opens as is
(semicolons, UTF-8 with a byte order mark so that accents survive)."""

import csv
import io
import re

from django.http import HttpResponse
from django.utils.http import content_disposition_header


CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A text cell starting with one of these is run as a formula by spreadsheet software (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A number as written in text cells: « -12 », « -3,5 », « -1 234,5 » (French grouping), « 2e-3 ».
NUMBER = re.compile(r"[+-]?(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,]\d+)?(?:[eE][+-]?\d+)?")


def file_download(content, filename, content_type):
    """An attachment named `filename` (accents allowed: the header is encoded as RFC 6266 asks)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


def csv_cell(value):
    """The value, with an apostrophe before text a spreadsheet would run as a formula (names, titles and comments
    typed by users end up here). Numbers, written as such or as text, stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_text(rows):
    """Rows (the header first) as semicolon-separated text starting with a byte order mark."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(
        [csv_cell(cell) for cell in row] for row in rows
    )
    return buffer.getvalue()


def csv_download(rows, filename):
    return file_download(csv_text(rows), filename, CSV_CONTENT_TYPE)
