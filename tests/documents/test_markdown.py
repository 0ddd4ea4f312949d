import re

from teletravail.documents import Document, Heading, Paragraph, Table, render_markdown
from teletravail.documents.markdown import anchor, escape


def _unescape(text):
    return re.sub(r"\\(.)", r"\1", text)


def _cells(row):
    return tuple(_unescape(cell) for cell in re.split(r" (?<!\\)\| ", row[2:-2]))


def _read_back(markdown):
    """Headings (level, text) and tables (header, rows) of GitHub-flavoured Markdown, as a reader sees them."""
    headings, tables = [], []
    lines = markdown.splitlines()
    for index, line in enumerate(lines):
        heading = re.match(r"(#{1,6}) (.*)", line)
        if heading:
            headings.append((len(heading.group(1)), _unescape(heading.group(2))))
        if line.startswith("| ") and index + 1 < len(lines) and lines[index + 1].startswith("| ---"):
            rows = []
            for row_line in lines[index + 2 :]:
                if not row_line.startswith("| "):
                    break
                rows.append(row_line)
            tables.append((_cells(line), tuple(_cells(row) for row in rows)))
    return headings, tables


def test_headings_and_tables_read_back_as_written(full_document):
    headings, tables = _read_back(render_markdown(full_document))
    assert headings == [
        (1, full_document.title),
        (2, "Hypothèses"),
        (3, "Bilan détaillé"),
        (2, "Annexe : paramètres"),
    ]
    [table] = [block for block in full_document.blocks if isinstance(block, Table)]
    assert tables == [(table.headers, table.rows)]


def test_special_characters_stay_text():
    tricky = "1. | pipe * star # hash <b>"
    document = Document("Titre", (Heading("# pas un titre"), Paragraph(tricky), Table(("a | b",), ((tricky,),))))
    markdown = render_markdown(document)
    headings, tables = _read_back(markdown)
    assert headings == [(1, "Titre"), (2, "# pas un titre")]
    assert tables == [(("a | b",), ((tricky,),))]
    assert f"\n{escape(tricky)}\n" in markdown and "<b>" not in markdown


def test_the_contents_links_to_github_anchors(full_document):
    markdown = render_markdown(full_document)
    assert "- [Hypothèses](#hypothèses)" in markdown
    assert "  - [Bilan détaillé](#bilan-détaillé)" in markdown
    seen = {}
    assert [anchor("Article 1", seen), anchor("Article 1", seen)] == ["article-1", "article-1-1"]
