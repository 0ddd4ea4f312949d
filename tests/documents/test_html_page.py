from html.parser import HTMLParser

from teletravail.documents import Document, Paragraph, Table, render_html


class _Tags(HTMLParser):
    """Start tags with their attributes, and every text node."""

    def __init__(self):
        super().__init__()
        self.tags, self.texts = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.texts.append(data)


def _parse(page):
    parser = _Tags()
    parser.feed(page)
    return parser


def test_a_standalone_page_with_language_title_and_heading_levels(full_document):
    page = render_html(full_document)
    assert page.startswith("<!DOCTYPE html>")
    tags = _parse(page).tags
    assert ("html", {"lang": "fr"}) in tags
    assert [tag for tag, _ in tags if tag in {"h1", "h2", "h3"}] == ["h1", "h2", "h2", "h3", "h2"]
    assert "<title>Rapport d&#x27;impact du télétravail</title>" in page
    contents_links = [attrs["href"] for tag, attrs in tags if tag == "a"]
    heading_ids = [attrs["id"] for tag, attrs in tags if tag in {"h2", "h3"} and attrs.get("id", "").startswith("s")]
    assert contents_links == [f"#{anchor}" for anchor in heading_ids]


def test_tables_have_a_caption_and_scoped_headers(full_document):
    page = render_html(full_document)
    assert "<caption>Tous les effets</caption>" in page
    assert '<th scope="col">Unité</th>' in page
    assert '<th scope="row">Kilomètres évités</th><td>3\u202f456</td>' in page


def test_the_chart_is_inline_svg_announced_as_an_image(full_document):
    tags = _parse(render_html(full_document)).tags
    [svg] = [attrs for tag, attrs in tags if tag == "svg"]
    assert svg["role"] == "img"
    assert svg["aria-label"] == "Émissions évitées 1 235 kg, rebond −300 kg, net 935 kg"
    assert sum(1 for tag, _ in tags if tag == "rect") == 3


def test_all_text_is_escaped():
    attack = '<script>alert("x")</script>'
    document = Document(attack, (Paragraph(attack), Table((attack,), ((attack,),), caption=attack)))
    page = render_html(document)
    assert "<script" not in page
    assert page.count("&lt;script&gt;") == 6  # title, h1, paragraph, caption, header, cell
    assert attack in _parse(page).texts
