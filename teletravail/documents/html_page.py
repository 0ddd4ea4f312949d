"""A standalone, accessible HTML page: language, one h1, real tables with caption and scopes, inline SVG figures."""

from html import escape

from teletravail.documents.labels import labels
from teletravail.documents.model import BulletList, Figure, Heading, PageBreak, Paragraph, Table
from teletravail.documents.svg import chart_stylesheet, svg_for_html
from teletravail.french import long_date


PAGE_STYLE = """
body { font-family: Marianne, Arial, sans-serif; line-height: 1.5; color: #1e1e1e; max-width: 52rem;
       margin: 2rem auto; padding: 0 1rem; }
h1, h2 { color: #000091; }
table { border-collapse: collapse; margin: 1rem 0; width: 100%; }
caption { font-weight: bold; text-align: left; padding-bottom: .25rem; }
th, td { border: 1px solid #ddd; padding: .25rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #ececfe; }
figure { margin: 1.5rem 0; }
figure svg { width: 100%; height: auto; }
figcaption { font-weight: bold; }
.description { font-style: italic; color: #666; }
.page-break { break-after: page; }
@media print { body { margin: 0; max-width: none; } }
"""


def _table(block):
    caption = f"<caption>{escape(block.caption)}</caption>" if block.caption else ""
    head = "".join(f'<th scope="col">{escape(header)}</th>' for header in block.headers)
    rows = []
    for cells in block.rows:
        rendered = [
            f'<th scope="row">{escape(text)}</th>' if block.row_headers and index == 0 else f"<td>{escape(text)}</td>"
            for index, text in enumerate(cells)
        ]
        rows.append(f"<tr>{''.join(rendered)}</tr>")
    return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _figure(block, number, words):
    caption = f"{words['figure']} {number}" + (f" : {block.caption}" if block.caption else "")
    return (
        f"<figure>{svg_for_html(block.svg, block.alt)}<figcaption>{escape(caption)}</figcaption>"
        f'<p class="description">{escape(words["description"])} : {escape(block.alt)}</p></figure>'
    )


def render_html(document):
    """The document as a complete HTML5 page (UTF-8 text)."""
    words = labels(document.language)
    body = [f"<h1>{escape(document.title)}</h1>"]
    if document.subtitle:
        body.append(f'<p class="subtitle">{escape(document.subtitle)}</p>')
    if document.generated_on:
        when = long_date(document.generated_on, document.language)
        body.append(
            f'<p><time datetime="{document.generated_on.isoformat()}">'
            f"{escape(words['generated_on'].format(date=when))}</time></p>"
        )
    anchors = {}  # position of each heading among the blocks → its id in the page
    for position, block in enumerate(document.blocks):
        if isinstance(block, Heading):
            anchors[position] = f"section-{len(anchors) + 1}"
    if document.table_of_contents and anchors:
        entries = "".join(
            f'<li class="level-{document.blocks[position].level}"><a href="#{anchor}">'
            f"{escape(document.blocks[position].text)}</a></li>"
            for position, anchor in anchors.items()
        )
        body.append(
            f'<nav aria-labelledby="contents-title"><h2 id="contents-title">{escape(words["contents"])}</h2>'
            f"<ul>{entries}</ul></nav>"
        )
    content = []
    figures = 0
    for position, block in enumerate(document.blocks):
        if isinstance(block, Heading):
            tag = f"h{block.level + 1}"
            content.append(f'<{tag} id="{anchors[position]}">{escape(block.text)}</{tag}>')
        elif isinstance(block, Paragraph):
            content.append(f"<p>{escape(block.text)}</p>")
        elif isinstance(block, BulletList):
            content.append("<ul>" + "".join(f"<li>{escape(item)}</li>" for item in block.items) + "</ul>")
        elif isinstance(block, Table):
            content.append(_table(block))
        elif isinstance(block, Figure):
            figures += 1
            content.append(_figure(block, figures, words))
        elif isinstance(block, PageBreak):
            content.append('<div class="page-break"></div>')
        else:
            raise TypeError(f"Unknown document block: {block!r}")
    language = escape(document.language)
    return (
        f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(document.title)}</title>\n"
        + (f'<meta name="author" content="{escape(document.author)}">\n' if document.author else "")
        + f"<style>{PAGE_STYLE}{chart_stylesheet()}\n</style>\n</head>\n<body>\n<header>\n"
        + "\n".join(body)
        + "\n</header>\n<main>\n"
        + "\n".join(content)
        + "\n</main>\n"
        + (f"<footer><p>{escape(document.footer)}</p></footer>\n" if document.footer else "")
        + "</body>\n</html>\n"
    )
