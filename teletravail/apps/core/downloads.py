"""Files sent to the browser: one way to attach a file, the CSV layout French spreadsheet software opens as is
(semicolons, UTF-8 with a byte order mark so that accents survive), and XLSX workbooks whose names and cells are
cleaned the same way (no formula, no character the file format refuses)."""

import csv
import io
import re

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE as XML_ILLEGAL  # what XML 1.0 cannot hold; openpyxl refuses it
from openpyxl.styles import Font

from teletravail.apps.core.language import active_language
from teletravail.french import csv_number


CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A text cell starting with one of these is run as a formula by spreadsheet software (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Characters Excel refuses in a sheet name, and what stands for them.
SHEET_TITLE_CHARACTERS = str.maketrans({"[": "(", "]": ")", ":": "-", "*": "-", "?": "", "/": "-", "\\": "-"})
SHEET_TITLE_MAX_LENGTH = 31
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


def csv_text_cell(value):
    """A cell of a CSV file: a number with the decimal comma French spreadsheets read (a point in English), never
    « 1e-05 » nor 15 digits of float noise (`french.csv_number`); text protected as `csv_cell` says."""
    return csv_cell(csv_number(value, active_language()))


def xlsx_cell(value):
    """A cell of a workbook: text without the characters XML refuses, then protected as in a CSV (`csv_cell`), so
    that a name starting with « = » stays text instead of becoming a live formula."""
    if isinstance(value, str):
        return csv_cell(XML_ILLEGAL.sub("", value))
    return value


def sheet_title(name, taken=(), fallback="Feuille"):
    """A sheet name Excel accepts: no []:*?/\\ nor control character, no apostrophe at either end, 31 characters
    at most, and not one of `taken` (compared without case, as Excel does): « Support N1/N2 » → « Support N1-N2 »."""
    title = " ".join(XML_ILLEGAL.sub("", str(name)).translate(SHEET_TITLE_CHARACTERS).split()).strip("'")
    title = title[:SHEET_TITLE_MAX_LENGTH].rstrip().strip("'") or fallback
    used = {existing.casefold() for existing in taken}
    candidate, number = title, 1
    while candidate.casefold() in used:
        number += 1
        suffix = f" ({number})"
        candidate = title[: SHEET_TITLE_MAX_LENGTH - len(suffix)].rstrip() + suffix
    return candidate


def xlsx_bytes(rows, *, title):
    """A workbook of one sheet named after `title` holding `rows`, the first one (the header) in bold and frozen."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title(title)
    for row in rows:
        sheet.append([xlsx_cell(cell) for cell in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_download(rows, filename, *, title):
    return file_download(xlsx_bytes(rows, title=title), filename, XLSX_CONTENT_TYPE)


def csv_text(rows):
    """Rows (the header first) as semicolon-separated text starting with a byte order mark."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(
        [csv_text_cell(cell) for cell in row] for row in rows
    )
    return buffer.getvalue()


def csv_download(rows, filename):
    return file_download(csv_text(rows), filename, CSV_CONTENT_TYPE)
