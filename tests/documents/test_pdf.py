import io
import re
from datetime import date

import pypdf
import pytest

from teletravail.charter.assembly import assemble
from teletravail.charter.options import default_options
from teletravail.documents import Document, Heading, Paragraph, Table, render_pdf
from tests.documents.layout import contents_entries, layout_problems


def _reader(document):
    return pypdf.PdfReader(io.BytesIO(render_pdf(document)))


def _outline_titles(outline):
    return [_outline_titles(item) if isinstance(item, list) else item.title for item in outline]


def test_the_text_keeps_headings_table_cells_and_french_typography(full_document):
    reader = _reader(full_document)
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in ("Hypothèses", "Bilan détaillé", "Annexe : paramètres", "Kilomètres évités", "km/an"):
        assert expected in text
    assert "« cœur »" in text
    # The narrow no-break space keeps its own glyph; the no-break space shares the space's glyph (read back as one).
    assert re.search("1\u202f234[\u00a0 ]€ économisés", text)
    assert "3\u202f456" in text
    assert "• Deux jours de télétravail" in text


def test_headings_are_bookmarks_and_the_contents_lists_them_with_their_page(full_document):
    reader = _reader(full_document)
    assert _outline_titles(reader.outline) == ["Hypothèses", ["Bilan détaillé"], "Annexe : paramètres"]
    first_page = reader.pages[0].extract_text()
    assert "Sommaire" in first_page
    annex_page = next(
        number for number, page in enumerate(reader.pages, 1) if "Sources : ADEME" in page.extract_text()
    )
    assert re.search(rf"Annexe : paramètres \.+ {annex_page}", first_page)


def test_metadata_language_title_and_page_numbers(full_document):
    reader = _reader(full_document)
    assert reader.metadata.title == full_document.title
    assert reader.metadata.subject == full_document.subtitle
    assert reader.trailer["/Root"]["/Lang"] == "fr"
    pages = len(reader.pages)
    assert reader.pages  # a loop over nothing would assert nothing
    for number, page in enumerate(reader.pages, start=1):
        assert f"Page {number} / {pages}" in page.extract_text()


def test_the_platform_chart_is_drawn_as_vector_paths_with_its_alt_text(full_document):
    data = render_pdf(full_document)
    page = next(page for page in pypdf.PdfReader(io.BytesIO(data)).pages if "Figure 1" in page.extract_text())
    stream = page.get_contents().get_data()
    figure = stream[stream.index(b"BDC") : stream.index(b"EMC")]  # the marked content that carries the alt text
    assert len(re.findall(rb" re f", figure)) == 3  # one filled rectangle per bar
    assert b"0 0 0.5686 rg" in figure  # the bars' blue, from the print stylesheet
    text = page.extract_text()
    assert "\u2212300 kg" in text and "Émissions de trajet évitées" in text
    assert "Description : Émissions évitées 1 235 kg, rebond −300 kg, net 935 kg" in text
    assert b"/Alt" in data


def test_a_long_table_repeats_its_header_row_on_every_page():
    rows = tuple((f"parametre_{number}", f"{number},5", "kg") for number in range(150))
    document = Document("Annexe", (Heading("Paramètres"), Table(("Paramètre", "Valeur", "Unité"), rows)))
    reader = _reader(document)
    assert len(reader.pages) >= 3
    assert reader.pages  # a loop over nothing would assert nothing
    for page in reader.pages:
        lines = page.extract_text().splitlines()
        assert "Paramètre Valeur Unité" in lines
        first_row = next(index for index, line in enumerate(lines) if line.startswith("parametre_"))
        assert lines.index("Paramètre Valeur Unité") < first_row
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "parametre_149 149,5 kg" in text


@pytest.mark.parametrize("sector", ["prive", "public"])
def test_the_generated_charter_lays_out_inside_its_pages_with_a_contents_that_matches(sector):
    charter = assemble(default_options(sector, has_cse=True), when=date(2026, 3, 1))
    data = render_pdf(charter.document)
    assert layout_problems(data) == []
    # Every article is listed, and the contents is long enough to need a second page in the private sector.
    assert contents_entries(data) == [heading.text for heading in charter.document.headings()]


def test_a_contents_longer_than_a_page_keeps_every_page_number_right():
    blocks = tuple(block for number in range(80) for block in (Heading(f"Article {number}"), Paragraph("Texte.")))
    data = render_pdf(Document("Long", blocks, table_of_contents=True, footer="Pied"))
    assert layout_problems(data) == []
    assert len(contents_entries(data)) == 80


def test_a_table_of_many_columns_shrinks_its_text_rather_than_break_a_word():
    headers = (
        "Poste",
        "PCS 2020",
        "Invités",
        "Décidés",
        "Télétravaillable",
        "Obstacles",
        "Conseillés",
        "Dingel–Neiman",
        "Technique",
    )
    document = Document("Tableau", (Table(headers, (tuple("—" for _ in headers),)),), footer="Pied")
    assert (
        layout_problems(render_pdf(document), whole_words=[word for header in headers for word in header.split()])
        == []
    )
