"""One way to show a table: the view or selector gives its caption, columns and rows, `core/_table.html` draws
them (DSFR markup in a scrolling wrapper, headers with their scope, numbers aligned right, a line when it is empty).

    {% include "core/_table.html" with table=members_table %}
"""

from dataclasses import dataclass, field

from django.utils.translation import get_language

from teletravail import french


@dataclass(frozen=True)
class Column:
    label: str
    numeric: bool = False


@dataclass(frozen=True)
class Cell:
    text: object
    href: str = ""
    numeric: bool = False
    header: bool = False  # the row's header (the first cell, by default)
    hidden_suffix: str = ""  # said to screen readers after a link's text (« Résultats » of which campaign)


@dataclass(frozen=True)
class Table:
    caption: str
    columns: tuple
    rows: list = field(default_factory=list)
    empty: str = ""
    caption_hidden: bool = False


def table(caption, columns, rows, *, empty="", caption_hidden=False, row_headers=True):
    """A Table from `columns` (labels or Column) and `rows` (sequences of values or Cell): plain values become cells
    aligned as their column says, the first one the row's header when `row_headers`."""
    columns = tuple(column if isinstance(column, Column) else Column(column) for column in columns)
    shown = []
    for row in rows:
        cells = []
        for index, value in enumerate(row):
            numeric = columns[index].numeric if index < len(columns) else False
            header = row_headers and index == 0
            if isinstance(value, Cell):
                cells.append(Cell(**{**value.__dict__, "numeric": value.numeric or numeric, "header": header}))
            else:
                cells.append(Cell("—" if value in (None, "") else value, numeric=numeric, header=header))
        shown.append(cells)
    return Table(caption, columns, shown, empty, caption_hidden)


def number(value, kind="integer", **options):
    """A number written as the active language writes it (`teletravail.french`): kind is integer, decimal, percent,
    money, km, kg, hours or significant."""
    return getattr(french, kind)(value, language=get_language() or "fr", **options)
