"""One way to show a table: a presentation function gives its caption, columns and rows, `core/_table.html` draws
them (DSFR markup in a scrolling wrapper, headers with their scope, numbers aligned right, a line when it is empty).
Each app builds its tables in its `tables.py` (the simulator in `presentation.py`), the view passes them on:

    {% include "core/_table.html" with table=members_table %}

Every text is escaped by the template: a cell says what it holds (a link, a note, badges, buttons, a list), never
HTML. A cell that holds a form field names a small template that draws it (`Cell(template=…, context={…})`).
"""

from dataclasses import dataclass, field, replace
from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format

from teletravail import documents, french
from teletravail.apps.core.language import active_language


@dataclass(frozen=True)
class Column:
    label: str
    numeric: bool = False
    label_hidden: bool = False  # said to screen readers only (a column of colour swatches)


@dataclass(frozen=True)
class Badge:
    text: str
    level: str = ""  # DSFR badge: success, error, warning, info; none for a grey badge without icon


@dataclass(frozen=True)
class Action:
    """A button of a cell: a link, or a form posting `fields` (name → value) with its CSRF token."""

    label: str
    href: str
    hidden_suffix: str = ""  # said to screen readers after the label (« Modifier » whom)
    kind: str = "secondary"  # DSFR button: secondary, tertiary, "" for the primary one
    fields: tuple = ()  # (name, value) pairs; a form when given or when `post`
    post: bool = False


@dataclass(frozen=True)
class Cell:
    text: object = ""
    href: str = ""
    numeric: bool = False
    header: bool = False  # the row's header (the first cell, by default)
    hidden_suffix: str = ""  # said to screen readers after a link's text (« Résultats » of which campaign)
    datetime: str = ""  # the text is this moment (ISO 8601), written for people
    code: str = ""  # an identifier on a second line
    note: str = ""  # a remark on a second line, in small type
    badges: tuple = ()
    items: tuple = ()  # a list under the text (details, reasons)
    actions: tuple = ()
    template: str = ""  # draws the whole content instead, with `cell` (and `cell.context`) in its context
    context: dict = field(default_factory=dict)
    colspan: int = 1
    classes: str = ""


@dataclass(frozen=True)
class Row:
    cells: tuple
    attributes: tuple = ()  # (name, value) pairs set on the <tr>, a `data-` attribute for a script for example
    hidden: bool = False


@dataclass(frozen=True)
class Table:
    caption: str
    columns: tuple
    rows: list = field(default_factory=list)
    empty: str = ""
    caption_hidden: bool = False
    id: str = ""
    classes: str = ""  # added to the wrapper: spacing (fr-mb-3w), a page's own class
    download: Action | None = None  # a link under the table to the same data as a file


def table(caption, columns, rows, *, empty="", caption_hidden=False, row_header=0, **options):
    """A Table from `columns` (labels or Column) and `rows` (Row, or sequences of values or Cell): plain values become
    cells aligned as their column says, the one at `row_header` (None: none) the row's header. `options` are the
    other fields of Table (id, classes, download)."""
    columns = tuple(column if isinstance(column, Column) else Column(column) for column in columns)
    shown = []
    for row in rows:
        row = row if isinstance(row, Row) else Row(tuple(row))
        cells = []
        index = 0
        for value in row.cells:
            numeric = columns[index].numeric if index < len(columns) else False
            header = index == row_header
            if isinstance(value, Cell):
                cells.append(replace(value, numeric=value.numeric or numeric, header=header))
                index += value.colspan
            else:
                cells.append(Cell("—" if value in (None, "") else value, numeric=numeric, header=header))
                index += 1
        shown.append(replace(row, cells=tuple(cells)))
    return Table(caption, columns, shown, empty, caption_hidden, **options)


def document_table(shown):
    """The same table for a report (PDF, Word): the texts of its cells, a cell spanning columns followed by empty
    ones so that each row has a cell under each header."""
    rows = tuple(
        tuple(text for cell in row.cells for text in (str(cell.text), *[""] * (cell.colspan - 1)))
        for row in shown.rows
        if not row.hidden
    )
    return documents.Table(tuple(str(column.label) for column in shown.columns), rows, caption=str(shown.caption))


def number(value, kind="integer", **options):
    """A number written as the active language writes it (`teletravail.french`): kind is integer, decimal, percent,
    money, km, kg, hours or significant."""
    return getattr(french, kind)(value, language=active_language(), **options)


def moment(value, format="SHORT_DATE_FORMAT"):
    """A date or a moment written as the `date` template filter would (a moment in the current time zone)."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_format(value, format)
