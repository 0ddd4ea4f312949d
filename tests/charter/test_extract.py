import io

import pytest
from docx import Document as WordDocument
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, NameObject, NumberObject

from teletravail.charter.errors import CharterInputError
from teletravail.charter.extract import MAX_DOCX_UNPACKED_BYTES, extract_text
from tests.charter.helpers import rezipped, word_bytes


def test_docx_paragraphs_and_tables_are_read(tmp_path):
    word = WordDocument()
    word.add_heading("Article 1 – Plages horaires", level=1)
    word.add_paragraph("Joignable de 9 h à 12 h.")
    word.add_table(rows=1, cols=2).rows[0].cells[0].text = "Lieu"
    path = tmp_path / "charte.docx"
    word.save(path)
    text = extract_text(path)
    assert "Article 1 – Plages horaires" in text and "Joignable" in text and "Lieu" in text


def test_html_and_text_are_read():
    html = b"<html><head><style>p{}</style></head><body><h2>Article 1</h2><p>Texte&nbsp;lu.</p></body></html>"
    assert extract_text(data=html, name="charte.html") == "Article 1\n\nTexte lu."
    assert extract_text(data="Déconnexion".encode("cp1252"), name="charte.txt") == "Déconnexion"


def test_a_pdf_without_text_is_a_clear_french_error():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(CharterInputError, match="ce PDF ne contient aucun texte \\(document numérisé \\?\\)"):
        extract_text(data=buffer.getvalue(), name="scan.pdf")


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"PK\x03\x04 pas vraiment un zip", "charte.docx", "document Word illisible"),
        (b"%PDF-1.4 tronque", "charte.pdf", "PDF illisible"),
        (b"", "charte.txt", "le fichier est vide"),
        (b"\x00\x01\x02", "charte.txt", "fichier binaire non reconnu"),
        (b"texte", "charte.odt", "format « .odt » non pris en charge"),
    ],
)
def test_unreadable_files_are_french_errors_naming_the_file(data, name, message):
    with pytest.raises(CharterInputError, match=message) as error:
        extract_text(data=data, name=name)
    assert f"« {name} »" in str(error.value)


def test_a_docx_whose_xml_is_broken_is_a_french_error():
    damaged = rezipped(word_bytes(), replaced={"word/document.xml": b"<w:document><w:body><w:p>"})
    with pytest.raises(CharterInputError, match="« charte.docx » : document Word illisible ou endommagé"):
        extract_text(data=damaged, name="charte.docx")


def test_a_pdf_that_reaches_a_limit_of_pypdf_is_a_french_error():
    # pypdf refuses an array of more than 100 000 items with its LimitReachedError, not a PdfReadError.
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    page[NameObject("/Padding")] = ArrayObject([NumberObject(0)] * 100_001)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(CharterInputError, match="« charte.pdf » : PDF illisible ou endommagé"):
        extract_text(data=buffer.getvalue(), name="charte.pdf")


def test_a_docx_that_would_unpack_beyond_the_limit_is_refused():
    padded = rezipped(word_bytes(), added={"word/media/image1.png": bytes(1024 * 1024)})
    assert extract_text(data=padded, name="charte.docx") == "Article 1 – Plages horaires"
    bomb = rezipped(word_bytes(), added={"word/media/image1.png": bytes(MAX_DOCX_UNPACKED_BYTES)})
    assert len(bomb) < MAX_DOCX_UNPACKED_BYTES // 100
    with pytest.raises(CharterInputError, match="« charte.docx » : document Word trop volumineux une fois déc"):
        extract_text(data=bomb, name="charte.docx")


def test_missing_file(tmp_path):
    with pytest.raises(CharterInputError, match="fichier introuvable"):
        extract_text(tmp_path / "absente.pdf")
