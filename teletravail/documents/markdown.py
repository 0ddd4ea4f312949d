"""GitHub-flavoured Markdown: headings, paragraphs, lists and pipe tables; figures become their caption and alt."""

import re

from teletravail.documents.labels import labels
from teletravail.documents.model import BulletList, Figure, Heading, PageBreak, Paragraph, Table
from teletravail.french import long_date


# Characters that would start a Markdown construct where plain text is meant.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_BLOCK_START = re.compile(r"^( *)([#>+\-=]|\d+[.)])")
# Line breaks and tabs only: no-break spaces (U+00A0, U+202F) are part of French typography and stay.
_LINE_BREAKS = re.compile(r"[ \t\r\n]+")


def escape(text):
    """Plain text as Markdown that shows the same text: one line, special characters backslash-escaped."""
    text = _LINE_BREAKS.sub(" ", str(text)).strip(" ")
    return _BLOCK_START.sub(r"\1\\\2", _INLINE_SPECIAL.sub(r"\\\1", text))


def anchor(text, seen):
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens, -1, -2… if repeated."""
    slug = re.sub(r"[^\w\- ]", "", text.lower()).replace(" ", "-")
    count = seen.get(slug, 0)
    seen[slug] = count + 1
    return f"{slug}-{count}" if count else slug


def _table(block):
    lines = []
    if block.caption:
        lines += [f"**{escape(block.caption)}**", ""]
    lines.append("| " + " | ".join(escape(header) for header in block.headers) + " |")
    lines.append("|" + "|".join(" --- " for _ in block.headers) + "|")
    lines += ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in block.rows]
    return "\n".join(lines)


def render_markdown(document):
    """The document as Markdown text (blocks separated by blank lines, ending with a newline)."""
    words = labels(document.language)
    parts = [f"# {escape(document.title)}"]
    if document.subtitle:
        parts.append(f"*{escape(document.subtitle)}*")
    if document.generated_on:
        parts.append(escape(words["generated_on"].format(date=long_date(document.generated_on, document.language))))
    if document.table_of_contents:
        seen = {}
        entries = [
            f"{'  ' * (heading.level - 1)}- [{escape(heading.text)}](#{anchor(heading.text, seen)})"
            for heading in document.headings()
        ]
        parts.append(f"**{words['contents']}**\n\n" + "\n".join(entries))
    figures = 0
    for block in document.blocks:
        if isinstance(block, Heading):
            parts.append(f"{'#' * (block.level + 1)} {escape(block.text)}")
        elif isinstance(block, Paragraph):
            parts.append(escape(block.text))
        elif isinstance(block, BulletList):
            parts.append("\n".join(f"- {escape(item)}" for item in block.items))
        elif isinstance(block, Table):
            parts.append(_table(block))
        elif isinstance(block, Figure):
            figures += 1
            caption = f"{words['figure']} {figures}" + (f" : {block.caption}" if block.caption else "")
            parts.append(f"**{escape(caption)}**\n\n*{escape(words['chart_not_drawn'])}.* {escape(block.alt)}")
        elif isinstance(block, PageBreak):
            continue  # Markdown has no pages
        else:
            raise TypeError(f"Unknown document block: {block!r}")
    return "\n\n".join(parts) + "\n"
