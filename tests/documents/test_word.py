import io

import docx
from docx.oxml.ns import qn

from teletravail.documents import render_docx


def _reopen(document):
    return docx.Document(io.BytesIO(render_docx(document)))


def test_headings_use_word_heading_styles(full_document):
    word = _reopen(full_document)
    headings = [(p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings == [
        ("Title", "Rapport d'impact du télétravail"),
        ("Heading 1", "Hypothèses"),
        ("Heading 2", "Bilan détaillé"),
        ("Heading 1", "Annexe : paramètres"),
    ]


def test_the_table_has_a_repeated_header_row_and_its_cells(full_document):
    word = _reopen(full_document)
    [table] = word.tables
    assert [cell.text for cell in table.rows[0].cells] == ["Effet", "Valeur", "Unité"]
    assert [cell.text for cell in table.rows[1].cells] == ["Kilomètres évités", "3\u202f456", "km/an"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert any(p.style.name == "Caption" and p.text == "Tous les effets" for p in word.paragraphs)


def test_contents_field_properties_language_and_page_numbers(full_document):
    word = _reopen(full_document)
    body = word.element.body.xml
    assert 'TOC \\o "1-2"' in body
    assert word.core_properties.title == full_document.title
    assert word.core_properties.language == "fr-FR"
    defaults = word.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang")).get(qn("w:val")) == "fr-FR"
    footer = word.sections[0].footer.paragraphs[0]
    assert "NUMPAGES" in footer._p.xml and footer.text.startswith("Simulateur d'impact du télétravail — Page ")


def test_a_figure_becomes_its_caption_and_alt_text(full_document):
    texts = [paragraph.text for paragraph in _reopen(full_document).paragraphs]
    assert "Figure 1 : Bilan CO2e" in texts
    assert any("Émissions évitées 1 235 kg, rebond −300 kg" in text for text in texts)
