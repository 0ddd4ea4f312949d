"""Files sent to the browser: one way to attach a file, and the CSV layout French spreadsheet software opens as is
(semicolons, UTF-8 with a byte order mark so that accents survive)."""

import csv
import io

from django.http import HttpResponse
from django.utils.http import content_disposition_header


CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def file_download(content, filename, content_type):
    """An attachment named `filename` (accents allowed: the header is encoded as RFC 6266 asks)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


def csv_text(rows):
    """Rows (the header first) as semicolon-separated text starting with a byte order mark."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def csv_download(rows, filename):
    return file_download(csv_text(rows), filename, CSV_CONTENT_TYPE)
