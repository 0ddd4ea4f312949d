"""Text of an existing document: DOCX (python-docx), PDF (pypdf), HTML, Markdown or plain text.

A PDF without any text layer (a scan), a file that cannot be read or a DOCX beyond the limits of a charter document
(uploads.yaml: unpacked size, paragraphs, table cells, reading time) raises CharterInputError with a French message.
"""

import io
from html.parser import HTMLParser
from pathlib import Path

from teletravail.charter.errors import CharterInputError
from teletravail.uploads import UNPACKED, UploadLimitError, check_archive, check_xml_parts, timed_bytes, upload_limits


TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm")
WORD_NAMESPACE = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WORD_PARAGRAPH, WORD_ROW, WORD_CELL = (f"{WORD_NAMESPACE}{tag}" for tag in ("p", "tr", "tc"))
ROW_NOUN = "paragraphes et lignes de tableau"
# Elements after which the text of an HTML page starts a new line.
_BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "div", "section", "article", "br", "caption"}
_SKIPPED_TAGS = {"script", "style", "nav", "head"}


class _HTMLText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_text(markup):
    parser = _HTMLText()
    parser.feed(markup)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n\n".join(line for line in lines if line)


def _decode(data, name):
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CharterInputError(f"« {name} » : encodage du texte illisible (UTF-8 attendu).")


def docx_text(data, name, limits=None):
    """The text of a Word document; `limits` (those of a charter document in uploads.yaml by default) are checked
    on the archive, then on a streamed count of the paragraphs and table cells of its XML parts, before python-docx
    reads it."""
    from docx import Document as WordDocument

    limits = limits or upload_limits("charter_document")
    deadline = limits.deadline()
    try:
        check_archive(data, limits)
        check_xml_parts(
            data, limits, deadline, rows={WORD_PARAGRAPH, WORD_ROW}, cell=WORD_CELL, header=False, row_noun=ROW_NOUN
        )
        word = WordDocument(timed_bytes(data, deadline))
        paragraphs = [paragraph.text for paragraph in word.paragraphs]
        for table in word.tables:
            for row in table.rows:
                paragraphs.append(" | ".join(cell.text for cell in row.cells))
        deadline.check()
    except UploadLimitError as exc:
        hint = " ; enregistrez-le sans images" if exc.measure == UNPACKED else ""
        raise CharterInputError(f"« {name} » : {exc}{hint}.") from None
    except Exception as exc:  # zipfile, the XML parsers, python-docx: each has its own errors for a damaged file
        raise CharterInputError(
            f"« {name} » : document Word illisible ou endommagé ({exc.__class__.__name__})."
        ) from exc
    return "\n\n".join(text for text in paragraphs if text.strip())


def pdf_text(data, name):
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise CharterInputError(f"« {name} » : PDF protégé par un mot de passe ; enregistrez-le sans protection.")
        pages = [page.extract_text() or "" for page in reader.pages]
    except CharterInputError:
        raise
    except Exception as exc:  # pypdf's own errors (limits reached, bad streams…) and the built-in ones it lets through
        raise CharterInputError(f"« {name} » : PDF illisible ou endommagé ({exc.__class__.__name__}).") from exc
    return "\n".join(pages)


def extract_text(path=None, data=None, name=None):
    """The text of a document given by its path, or by its bytes and file name (an upload).

    The format is chosen from the content (DOCX and PDF signatures), then from the suffix of the name.
    """
    if path is not None:
        path = Path(path)
        name = name or path.name
        if not path.is_file():
            raise CharterInputError(f"« {name} » : fichier introuvable.")
        data = path.read_bytes()
    name = name or "document"
    if not data:
        raise CharterInputError(f"« {name} » : le fichier est vide.")
    suffix = Path(name).suffix.lower()
    if data.startswith(b"%PDF") or suffix == ".pdf":
        text = pdf_text(data, name)
        kind = "PDF"
    elif data.startswith(b"PK") or suffix == ".docx":
        text = docx_text(data, name)
        kind = "document Word"
    elif suffix in HTML_SUFFIXES:
        text = html_text(_decode(data, name))
        kind = "page HTML"
    elif suffix in TEXT_SUFFIXES or not suffix:
        if b"\x00" in data[:4096]:
            raise CharterInputError(f"« {name} » : fichier binaire non reconnu (DOCX, PDF, HTML ou texte attendu).")
        text = _decode(data, name)
        kind = "texte"
    else:
        raise CharterInputError(
            f"« {name} » : format « {suffix} » non pris en charge (DOCX, PDF, HTML, Markdown ou texte attendu)."
        )
    if not text.strip():
        if kind == "PDF":
            raise CharterInputError(
                f"« {name} » : ce PDF ne contient aucun texte (document numérisé ?). Fournissez un PDF issu d'un "
                "traitement de texte, le fichier Word, ou passez le document dans un logiciel de reconnaissance de "
                "caractères (OCR)."
            )
        raise CharterInputError(f"« {name} » : le {kind} ne contient aucun texte.")
    return text
