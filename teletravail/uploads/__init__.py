"""Limits on uploaded files, checked before the work: a small file must not unpack or expand into gigabytes.

Pure Python (no Django). Every reader of an uploaded table or document (staff file, flows file, member import,
Word charter) takes its limits from `teletravail/parameters/data/uploads.yaml` and raises `UploadLimitError`, whose
message is French and names the limit, as soon as one is passed:

- `check_archive` reads a zip's directory (XLSX, DOCX) before anything is unpacked;
- `check_declared_size` compares a size a file declares (XLSX `<dimension>`, Parquet metadata) before reading it;
- `bounded_rows` passes rows on one by one and stops the reader at the first row beyond a limit, or when the
  `Deadline` is past; `xml_rows` gives the rows of an XML part (a sheet, a Word body) without keeping them, so that
  they are counted before a library builds them;
- `check_xml_parts` counts, that way, the rows of every XML part of an archive before a library parses them;
- `timed_bytes` hands a library (openpyxl, python-docx) the bytes of an archive through a reader that checks the
  deadline at every read, so that unpacking and parsing stop with it.

Uploaded tables themselves are read by `teletravail.uploads.tables.read_table` (CSV in UTF-8 or Windows-1252, any of
the usual separators, or XLSX), which applies these limits and reports problems as `InputError` (line, column,
French message).
"""

import io
import math
import time
import zipfile
from dataclasses import dataclass
from xml.etree.ElementTree import iterparse

from teletravail.french import significant
from teletravail.parameters import ParameterError, load_parameters


GROUP = "uploads"
MEGABYTE = 1024 * 1024
ROWS = "rows"
COLUMNS = "columns"
CELLS = "cells"
UNPACKED = "unpacked"
RATIO = "ratio"
ENTRIES = "entries"
SECONDS = "seconds"
KINDS = ("staff_file", "flows_file", "flows_file_job", "member_import", "charter_document")


@dataclass(frozen=True)
class UploadLimits:
    """The limits of one kind of upload; `unpacked_bytes` is None for kinds that are never compressed."""

    rows: float
    columns: float
    cells: float
    seconds: float
    unpacked_bytes: float | None = None
    archive_entries: float = math.inf
    compression_ratio: float = math.inf

    def deadline(self):
        return Deadline(self.seconds)

    def rows_within(self, columns):
        """The most data rows of `columns` columns a reader may take, or None when nothing bounds them."""
        bound = min(self.rows, self.cells // max(columns, 1))
        return None if math.isinf(bound) else int(bound)


UNBOUNDED = UploadLimits(rows=math.inf, columns=math.inf, cells=math.inf, seconds=math.inf, unpacked_bytes=math.inf)


def upload_limits(kind, when=None):
    """The limits in force on `when` for `kind` (one of KINDS), from uploads.yaml."""
    if kind not in KINDS:
        raise ValueError(f"Type de fichier inconnu : « {kind} » ({', '.join(KINDS)}).")
    parameters = load_parameters(GROUP)

    def value(name, required=True):
        if name not in parameters:
            if required:
                raise ParameterError(f"{GROUP}.yaml : paramètre « {name} » manquant.")
            return None
        return parameters[name].at(when).central

    unpacked = value(f"{kind}_max_unpacked_mb", required=False)
    return UploadLimits(
        rows=int(value(f"{kind}_max_rows")),
        columns=int(value(f"{kind}_max_columns")),
        cells=int(value(f"{kind}_max_cells")),
        seconds=value(f"{kind}_max_seconds"),
        unpacked_bytes=None if unpacked is None else int(unpacked * MEGABYTE),
        archive_entries=int(value("archive_max_entries")),
        compression_ratio=value("archive_max_compression_ratio"),
    )


def fill(template, params, language="fr"):
    """`template` (« %(name)s ») filled with `params`, numbers written as `language` writes them (« 100 000 »)."""
    if not params:
        return str(template)
    return template % {
        name: significant(value, language=language)
        if isinstance(value, int | float) and not isinstance(value, bool)
        else value
        for name, value in params.items()
    }


class UploadLimitError(ValueError):
    """A file beyond one of its limits. `measure` is one of ROWS, COLUMNS, CELLS, UNPACKED, RATIO, ENTRIES, SECONDS
    and `limit` its value, so that a caller may word the message in its own language; `str()` is French, the
    `template` filled with `params` (the web layer translates the template through the catalogue)."""

    def __init__(self, measure, limit, template, params):
        self.measure = measure
        self.limit = limit
        self.template = template
        self.params = params
        super().__init__(fill(template, params))


# French templates of the limit messages; the English catalogue translates them (the web layer fills them in).
LIMIT_TEMPLATES = {
    ROWS: "le fichier dépasse %(limit)s lignes, la limite de la plateforme",
    COLUMNS: "le fichier dépasse %(limit)s colonnes, la limite de la plateforme",
    CELLS: "le fichier dépasse %(limit)s cellules, la limite de la plateforme",
    UNPACKED: "le fichier dépasse %(limit)s Mo une fois décompressé, la limite de la plateforme",
    RATIO: "le fichier se décompresse en plus de %(limit)s fois sa taille, la limite de la plateforme",
    ENTRIES: "l'archive contient plus de %(limit)s éléments, la limite de la plateforme",
    SECONDS: "la lecture du fichier dépasse %(limit)s secondes, la limite de la plateforme",
}


def exceeded(measure, limit, row_noun="lignes"):
    """The UploadLimitError of a file beyond `limit` for `measure`."""
    template = LIMIT_TEMPLATES[measure]
    if measure == ROWS:
        template = template.replace("lignes", row_noun)
    shown = round(limit / MEGABYTE) if measure == UNPACKED else limit
    return UploadLimitError(measure, limit, template, {"limit": shown})


class Deadline:
    """The moment a reader must have finished by; `check()` raises UploadLimitError once it is past."""

    def __init__(self, seconds, clock=time.monotonic):
        self.seconds = seconds
        self.clock = clock
        self.end = clock() + seconds

    def check(self):
        if self.clock() >= self.end:
            raise exceeded(SECONDS, self.seconds)


def check_declared_size(rows, columns, limits, row_noun="lignes"):
    """Refuse a table that declares more data rows, columns or cells than `limits` allow, before it is read."""
    if rows > limits.rows:
        raise exceeded(ROWS, limits.rows, row_noun)
    if columns > limits.columns:
        raise exceeded(COLUMNS, limits.columns)
    if rows * columns > limits.cells:
        raise exceeded(CELLS, limits.cells)


def bounded_rows(rows, limits, deadline, *, header=True, row_noun="lignes"):
    """The rows of `rows` (sequences of cells), one by one; stops the reader with UploadLimitError at the first row
    past a limit. With `header`, the first row is the header: it counts for columns and cells, not for rows."""
    cells = 0
    for index, row in enumerate(rows, start=0 if header else 1):
        if index > limits.rows:
            raise exceeded(ROWS, limits.rows, row_noun)
        if len(row) > limits.columns:
            raise exceeded(COLUMNS, limits.columns)
        cells += len(row)
        if cells > limits.cells:
            raise exceeded(CELLS, limits.cells)
        deadline.check()
        yield row


def check_archive(data, limits):
    """Refuse a zip (XLSX, DOCX) whose directory announces too many members, too many bytes once unpacked or a
    compression ratio only a bomb reaches. Nothing is unpacked: zipfile never inflates a member beyond the size the
    directory declares for it, so the declaration bounds the work of every later reader."""
    if limits.unpacked_bytes is None:
        raise ValueError("Ces limites ne portent pas sur des archives (aucune taille décompressée).")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
    if len(members) > limits.archive_entries:
        raise exceeded(ENTRIES, limits.archive_entries)
    unpacked = sum(member.file_size for member in members)
    if unpacked > limits.unpacked_bytes:
        raise exceeded(UNPACKED, limits.unpacked_bytes)
    if unpacked > limits.compression_ratio * len(data):
        raise exceeded(RATIO, limits.compression_ratio)


class _TimedBytes(io.BytesIO):
    def __init__(self, data, deadline):
        super().__init__(data)
        self.deadline = deadline

    def read(self, size=-1):
        self.deadline.check()
        return super().read(size)

    def readinto(self, buffer):
        self.deadline.check()
        return super().readinto(buffer)


def timed_bytes(data, deadline):
    """A binary file of `data` whose every read first checks `deadline`: zipfile reads the compressed bytes of a
    member by small blocks as a parser asks for text, so a library reading an archive from it stops in time."""
    return _TimedBytes(data, deadline)


def xml_rows(stream, *, rows, cell, stop=None):
    """The rows of an XML stream, as tuples of as many None as the row has `cell` elements (one for a row without
    any, such as a paragraph), streamed: every element is dropped once its end is read, so memory holds one row.

    A row is an element whose tag is in `rows`, unless it is inside a `cell` (a paragraph in a table cell belongs
    to the table's row). The stream ends at the start of a `stop` element (a sheet's declared <dimension>)."""
    open_elements, widths, cell_depth = [], [], 0
    for event, element in iterparse(stream, events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag == stop:
                return
            open_elements.append(element)
            if tag == cell:
                cell_depth += 1
            elif tag in rows and not cell_depth:
                widths.append(0)
            continue
        open_elements.pop()
        if tag == cell:
            cell_depth -= 1
            if widths:
                widths[-1] += 1
        elif tag in rows and not cell_depth:
            yield (None,) * max(widths.pop(), 1)
        element.clear()
        if open_elements:
            open_elements[-1].remove(element)


def check_xml_parts(data, limits, deadline, *, rows, cell, stop=None, header=True, row_noun="lignes"):
    """Count the rows (see `xml_rows`) of every XML part of the archive `data`, all parts together, against `limits`
    before a library parses them; a part whose name hides what it is gets counted all the same."""
    with zipfile.ZipFile(timed_bytes(data, deadline)) as archive:
        names = [name for name in archive.namelist() if name.endswith(".xml")]

        def all_rows():
            for name in names:
                with archive.open(name) as part:
                    yield from xml_rows(part, rows=rows, cell=cell, stop=stop)

        for _row in bounded_rows(all_rows(), limits, deadline, header=header, row_noun=row_noun):
            pass
