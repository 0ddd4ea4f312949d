"""A document as a sequence of blocks, independent of any output format.

Builders (the charter generator, the simulator's reports) assemble a `Document`; the renderers of this package
turn it into PDF, Word, HTML or Markdown. Every block is a frozen dataclass holding plain text: renderers escape
it for their format, so builders never write markup.
"""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Heading:
    """A title: level 1 for an article or a section, level 2 for a sub-heading."""

    text: str
    level: int = 1

    def __post_init__(self):
        if self.level not in (1, 2):
            raise ValueError(f"Heading level must be 1 or 2, not {self.level!r} (« {self.text} »).")


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table with one header row. With `row_headers`, the first cell of each row names the row.

    `widths` gives relative column widths for paged formats (PDF); by default they follow the cells' lengths.
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""
    row_headers: bool = True
    widths: tuple[float, ...] = ()

    def __post_init__(self):
        if self.widths and len(self.widths) != len(self.headers):
            raise ValueError(f"Table « {self.caption} »: {len(self.widths)} widths for {len(self.headers)} headers.")
        for number, row in enumerate(self.rows, start=1):
            if len(row) != len(self.headers):
                raise ValueError(
                    f"Table « {self.caption} »: row {number} has {len(row)} cells for {len(self.headers)} headers."
                )


@dataclass(frozen=True)
class Figure:
    """An SVG chart drawn by the platform; `alt` describes it for people who cannot see it."""

    svg: str
    alt: str
    caption: str = ""


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Document:
    """Title, blocks, and what the renderers put in the metadata, the header and the footer."""

    title: str
    blocks: tuple
    subtitle: str = ""
    language: str = "fr"
    table_of_contents: bool = False
    author: str = ""
    footer: str = ""  # a short line at the bottom of every page (PDF, Word) or of the page (HTML)
    generated_on: date | None = None  # shown under the title and stored as the creation date

    def headings(self):
        return [block for block in self.blocks if isinstance(block, Heading)]


BLOCK_TYPES = {block.__name__: block for block in (Heading, Paragraph, BulletList, Table, Figure, PageBreak)}


def _plain(value):
    """Tuples as lists, dates as ISO text, any other text (a translation still to be made) as text: what JSON
    holds."""
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)


def _tuples(value):
    return tuple(_tuples(item) for item in value) if isinstance(value, list) else value


def document_to_data(document):
    """The document as JSON data, to be rendered elsewhere (by a job) as `document_from_data` gives it back."""
    fields = {name: _plain(value) for name, value in vars(document).items() if name != "blocks"}
    blocks = [
        {"type": type(block).__name__, **{k: _plain(v) for k, v in vars(block).items()}} for block in document.blocks
    ]
    return {**fields, "blocks": blocks}


def document_from_data(data):
    blocks = tuple(
        BLOCK_TYPES[block["type"]](**{k: _tuples(v) for k, v in block.items() if k != "type"})
        for block in data["blocks"]
    )
    fields = {k: v for k, v in data.items() if k != "blocks"}
    if fields.get("generated_on"):
        fields["generated_on"] = date.fromisoformat(fields["generated_on"])
    return Document(blocks=blocks, **fields)
