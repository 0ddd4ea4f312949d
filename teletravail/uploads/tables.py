"""One reader for every uploaded table (staff file, flows file, member import) and one input-error type.

Pure Python (no Django). A table is a CSV file (UTF-8 with or without BOM, or Windows-1252 as a French spreadsheet
saves it; separated by commas, semicolons, tabs or vertical bars) or the first sheet of an XLSX workbook.
`read_table` gives its rows with their line numbers, checked against the upload limits (`teletravail.uploads`) while
they are read; `opened_table` gives them one at a time, so that a large file on disk (a flows file) is never held
whole as text. A file it cannot read raises `TableInputError`, whose `errors` are `InputError`s (line, column,
French message).

    >>> table = read_table("nom;commune\\nLéa;69003\\n".encode("cp1252"))
    >>> table.header, table.rows, table.encoding, table.separator
    (['nom', 'commune'], [(2, ['Léa', '69003'])], 'cp1252', ';')
"""

import codecs
import csv
import io
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from teletravail.uploads import (
    UNBOUNDED,
    UploadLimitError,
    bounded_rows,
    check_archive,
    check_declared_size,
    check_xml_parts,
    fill,
    timed_bytes,
)


# Tried in this order: a file that is valid UTF-8 is UTF-8; any other byte string is Windows-1252, the encoding of
# « CSV (séparateur : point-virgule) » in a French Excel (Latin-1 is a subset of it for letters).
UTF8, WINDOWS_1252 = "utf-8", "cp1252"
SEPARATORS = (",", ";", "\t", "|")
HEADER_PROBE_CHARACTERS = 1 << 16
FILE_CHUNK_BYTES = 1 << 20
XLSX_SIGNATURE = b"PK\x03\x04"  # an .xlsx file is a zip archive
SPREADSHEET_NAMESPACE = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
SHEET_ROW, SHEET_CELL, SHEET_DIMENSION = (f"{SPREADSHEET_NAMESPACE}{tag}" for tag in ("row", "c", "dimension"))
CSV, XLSX = "csv", "xlsx"


@dataclass(frozen=True)
class InputError:
    """One problem of an uploaded file; `line` is the line in the file (the header is line 1), `column` the header
    as the user wrote it. `message` is French; with `params` it is a template (« %(name)s ») that the web layer
    translates through the catalogue before filling it in. `str()` is the French sentence shown to the user."""

    message: str
    line: int | None = None
    column: str | None = None
    params: dict = field(default_factory=dict, compare=False)

    @property
    def text(self):
        """The French message with its values filled in."""
        return fill(self.message, self.params)

    def __str__(self):
        if self.line is not None and self.column:
            return f"Ligne {self.line}, colonne {self.column} : {self.text}"
        if self.line is not None:
            return f"Ligne {self.line} : {self.text}"
        return self.text


# The message of a file that is neither UTF-8 nor Windows-1252 text, the same for every upload.
UNREADABLE_TEXT = InputError(
    "Le fichier n'est pas un texte lisible (encodages acceptés : UTF-8 et Windows-1252). Depuis votre "
    "tableur, enregistrez-le au format « CSV UTF-8 » puis importez-le de nouveau."
)
# No CSV holds a NUL byte: a UTF-16 or UTF-32 export (a spreadsheet's « Unicode text ») would otherwise decode as
# Windows-1252 and be refused for columns named « ÿþC O M M U N E ».
NUL = b"\x00"
# French templates of the reader's messages; the English catalogue translates them.
MALFORMED_LINE = "la ligne est mal formée (%(detail)s)."
CSV_CELL_MAX_CHARACTERS = 131_072  # the csv module's own default bound on one cell
UNREADABLE_WORKBOOK = "classeur XLSX illisible (%(kind)s)."


class TableInputError(ValueError):
    """An uploaded file that cannot be used, the one input error of every upload (member import, staff file, flows
    file): `errors` are InputErrors, each with its line, column and French message; `source` names the file when the
    reader knows its name."""

    source = None

    def __init__(self, errors, source=None):
        self.errors = list(errors)
        self.source = source
        super().__init__(" ; ".join(str(error) for error in self.errors))


def limit_input_error(error):
    """The InputError of an UploadLimitError (its template and values, so that the web layer can translate it)."""
    return InputError(error.template, params=error.params)


@dataclass
class Table:
    """The header and the data rows, each as (line number, cells as text), of an uploaded table."""

    header: list
    rows: list = field(default_factory=list)
    format: str = CSV
    encoding: str | None = None
    separator: str | None = None

    @property
    def is_empty(self):
        """No text at all, header included (a file of blank lines, a blank sheet)."""
        return not any(
            cell.strip() for cells in (self.header, *(cells for _line, cells in self.rows)) for cell in cells
        )


def decode_text(data):
    """(text, encoding) of an uploaded text file: UTF-8 (BOM dropped) or Windows-1252."""
    if NUL in data:
        raise TableInputError([UNREADABLE_TEXT])
    try:
        return data.decode("utf-8-sig"), UTF8
    except UnicodeDecodeError:
        pass
    # Five bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) have no character in Windows-1252: such a file is no text at all.
    try:
        return data.decode(WINDOWS_1252), WINDOWS_1252
    except UnicodeDecodeError:
        raise TableInputError([UNREADABLE_TEXT]) from None


def detect_separator(header_line):
    """The separator of a CSV header: the most frequent of SEPARATORS, a comma when there is none."""
    counts = {candidate: header_line.count(candidate) for candidate in SEPARATORS}
    best = max(counts, key=counts.get)
    return best if counts[best] else SEPARATORS[0]


def read_table(source, limits=UNBOUNDED, *, deadline=None, row_noun="lignes"):
    """The `Table` of `source` (bytes of a CSV or XLSX file, or CSV text), or TableInputError.

    `limits` bound the rows, columns, cells, unpacked size and reading time (UploadLimitError past one of them, raised
    as soon as it is passed: nothing beyond is read). Rows left blank are kept (each caller decides what they mean).
    """
    with opened_table(source, limits, deadline=deadline, row_noun=row_noun) as table:
        table.rows = list(table.rows)
    return table


@contextmanager
def opened_table(source, limits=UNBOUNDED, *, deadline=None, row_noun="lignes", separator=None):
    """As `read_table`, but the `Table`'s `rows` are an iterator read while the context is open, and `source` may
    also be the Path of a file: a CSV file is then read from disk as it goes. `separator` forces the CSV separator
    (detected from the header otherwise)."""
    deadline = deadline or limits.deadline()
    if isinstance(source, Path):
        with source.open("rb") as handle:
            is_workbook = handle.read(len(XLSX_SIGNATURE)) == XLSX_SIGNATURE
        if not is_workbook:
            encoding = file_encoding(source, deadline)
            with source.open(encoding="utf-8-sig" if encoding == UTF8 else encoding, newline="") as text:
                yield _csv_table(text, encoding, separator, limits, deadline, row_noun)
            return
        source = source.read_bytes()
    if isinstance(source, bytes) and source.startswith(XLSX_SIGNATURE):
        rows = enumerate(_xlsx_rows(source, limits, deadline, row_noun), start=1)
        yield _with_header(Table(header=[], format=XLSX), rows)
        return
    text, encoding = decode_text(source) if isinstance(source, bytes) else (str(source).lstrip("\ufeff"), None)
    yield _csv_table(io.StringIO(text, newline=""), encoding, separator, limits, deadline, row_noun)


def file_encoding(path, deadline):
    """UTF8 or WINDOWS_1252, as `decode_text` decides, for a file read by chunks (a flows file may be large)."""
    for encoding in ("utf-8-sig", WINDOWS_1252):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with path.open("rb") as handle:
                while chunk := handle.read(FILE_CHUNK_BYTES):
                    if NUL in chunk:
                        raise TableInputError([UNREADABLE_TEXT])
                    decoder.decode(chunk)
                    deadline.check()
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return UTF8 if encoding == "utf-8-sig" else WINDOWS_1252
    raise TableInputError([UNREADABLE_TEXT])


def _csv_table(stream, encoding, separator, limits, deadline, row_noun):
    """The Table of a CSV text stream, its rows read lazily."""
    lines = stream.read(HEADER_PROBE_CHARACTERS).splitlines()
    stream.seek(0)
    separator = separator or detect_separator(lines[0] if lines else "")
    # The csv module's cell bound is process-wide and other libraries raise it (frictionless does on import):
    # set ours for each read, so that a huge cell is always a malformed line, never a value echoed in a message.
    csv.field_size_limit(CSV_CELL_MAX_CHARACTERS)
    reader = csv.reader(stream, delimiter=separator)
    table = Table(header=[], format=CSV, encoding=encoding, separator=separator)
    return _with_header(table, _csv_rows(reader, limits, deadline, row_noun))


def _with_header(table, numbered):
    """`table` with the first of the (line, cells) of `numbered` as its header and the others as its rows."""
    first = next(numbered, None)
    if first is not None:
        table.header = first[1]
    table.rows = numbered
    return table


def _csv_rows(reader, limits, deadline, row_noun):
    """(line, cells) of a CSV reader; the line is where the row starts, a quoted cell may span several lines."""
    line = 1
    try:
        for cells in bounded_rows(reader, limits, deadline, row_noun=row_noun):
            yield line, cells
            line = reader.line_num + 1
    except csv.Error as exc:
        raise TableInputError([InputError(MALFORMED_LINE, reader.line_num, params={"detail": str(exc)})]) from None


def _xlsx_cell(value):
    """A spreadsheet cell as the text a CSV would hold (12.0 → « 12 »)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_rows(data, limits, deadline, row_noun):
    """Rows of the first sheet of an .xlsx workbook, as lists of text. The archive, then the rows of every sheet
    that does not declare its size (openpyxl would parse it to the end just to size it), then the first sheet's
    declared size are checked against `limits` before openpyxl reads a row; rows stop at the first one beyond them."""
    import openpyxl  # only needed for spreadsheets

    try:
        if limits.unpacked_bytes is not None:
            check_archive(data, limits)
        check_xml_parts(
            data, limits, deadline, rows={SHEET_ROW}, cell=SHEET_CELL, stop=SHEET_DIMENSION, row_noun=row_noun
        )
        workbook = openpyxl.load_workbook(timed_bytes(data, deadline), read_only=True, data_only=True)
    except UploadLimitError:
        raise
    except Exception as exc:  # zipfile, the XML parsers and openpyxl raise many kinds of errors for a damaged archive
        raise TableInputError([InputError(UNREADABLE_WORKBOOK, params={"kind": exc.__class__.__name__})]) from exc
    try:
        sheet = workbook.worksheets[0]
        # openpyxl pads every row to the declared width and yields the rows the file skips: a few bytes of
        # <dimension> would otherwise make millions of empty cells.
        if sheet.max_row and sheet.max_column:
            check_declared_size(sheet.max_row - 1, sheet.max_column, limits, row_noun)
        rows = bounded_rows(sheet.iter_rows(values_only=True), limits, deadline, row_noun=row_noun)
        return [[_xlsx_cell(value) for value in row] for row in rows]
    finally:
        workbook.close()
