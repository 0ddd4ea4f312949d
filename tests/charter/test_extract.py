import io
import random
from dataclasses import replace

import pytest
from docx import Document as WordDocument
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, NameObject, NumberObject

from teletravail.charter.errors import CharterInputError
from teletravail.charter.extract import docx_text, extract_text
from teletravail.uploads import upload_limits
from tests.charter.helpers import rezipped, word_bytes
from tests.uploads.bombs import measured, paragraphs, word_with_body


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
    picture = random.Random(1).randbytes(1024 * 1024)  # a picture is stored already compressed
    padded = rezipped(word_bytes(), added={"word/media/image1.png": picture})
    assert extract_text(data=padded, name="charte.docx") == "Article 1 – Plages horaires"
    small = replace(upload_limits("charter_document"), unpacked_bytes=1024 * 1024)
    with pytest.raises(
        CharterInputError,
        match="^« charte.docx » : le fichier dépasse 1 Mo une fois décompressé, la limite de la plateforme ; "
        "enregistrez-le sans images.$",
    ):
        docx_text(padded, "charte.docx", limits=small)


def test_a_docx_whose_body_unpacks_hundreds_of_times_is_refused_from_its_directory():
    """93 KB whose document.xml unpacks to 18 MB of identical paragraphs, under the limit on the unpacked size."""
    bomb = word_with_body(paragraphs(200_000, varied=False))
    assert len(bomb) < 100_000
    with (
        measured() as cost,
        pytest.raises(CharterInputError, match="« charte.docx » : le fichier se décompresse en plus de 100 fois"),
    ):
        extract_text(data=bomb, name="charte.docx")
    assert cost.seconds < 2 and cost.peak_mb < 10


def test_paragraphs_beyond_the_limit_are_counted_before_python_docx_reads_them():
    """Distinct paragraphs compress like a real document (19 times): 25,000 of them pass the archive checks, and the
    streamed count stops at the 20,001st instead of python-docx building them all."""
    document = word_with_body(paragraphs(25_000))
    with (
        measured() as cost,
        pytest.raises(
            CharterInputError,
            match="« charte.docx » : le fichier dépasse 20\u202f000 paragraphes et lignes de tableau, la limite",
        ),
    ):
        extract_text(data=document, name="charte.docx")
    assert cost.seconds < 30 and cost.peak_mb < 10


def test_a_table_row_too_wide_and_paragraphs_hidden_in_another_part_are_counted():
    cells = b"".join(b"<w:tc><w:p><w:r><w:t>%d</w:t></w:r></w:p></w:tc>" % number for number in range(101))
    wide = word_with_body(b"<w:tbl><w:tr>" + cells + b"</w:tr></w:tbl>")
    with pytest.raises(CharterInputError, match="le fichier dépasse 100 colonnes"):
        extract_text(data=wide, name="charte.docx")
    header = b'<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">%s</w:hdr>'
    hidden = rezipped(word_bytes(), added={"word/header9.xml": header % paragraphs(20_001)})
    with pytest.raises(CharterInputError, match="le fichier dépasse 20\u202f000 paragraphes"):
        extract_text(data=hidden, name="charte.docx")


def test_a_docx_within_the_limits_keeps_its_text_and_tables():
    cells = b"".join(b"<w:tc><w:p><w:r><w:t>Case %d</w:t></w:r></w:p></w:tc>" % number for number in range(3))
    document = word_with_body(paragraphs(500) + b"<w:tbl><w:tr>" + cells + b"</w:tr></w:tbl>")
    text = extract_text(data=document, name="charte.docx")
    assert "Article 499 :" in text and "Case 0 | Case 1 | Case 2" in text


def test_reading_a_docx_past_the_time_limit_is_refused():
    no_time = replace(upload_limits("charter_document"), seconds=0)
    with pytest.raises(CharterInputError, match="la lecture du fichier dépasse 0 secondes"):
        docx_text(word_bytes(), "charte.docx", limits=no_time)


def test_missing_file(tmp_path):
    with pytest.raises(CharterInputError, match="fichier introuvable"):
        extract_text(tmp_path / "absente.pdf")
