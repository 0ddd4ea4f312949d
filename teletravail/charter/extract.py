"""Text of an existing document: DOCX (python-docx), PDF (pypdf), HTML, Markdown or plain text.

A PDF without any text layer (a scan), a file that cannot be read or a DOCX that would unpack to more than
MAX_DOCX_UNPACKED_BYTES raises CharterInputError with a French message.
"""

import io
import zipfile
from html.parser import HTMLParser
from pathlib import Path

from teletravail.charter.errors import CharterInputError


TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm")
MEGABYTE = 1024 * 1024
# A charter's DOCX unpacks to a few MB at most (its XML, and images stored as they are): beyond this it is a zip bomb,
# a small file that would unpack to gigabytes in python-docx.
MAX_DOCX_UNPACKED_BYTES = 50 * MEGABYTE
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


def _unpacked_size(data):
    """The size of a zip's members once unpacked, as its directory declares them (zipfile unpacks no member beyond
    its declared size, so the declaration bounds the work)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(member.file_size for member in archive.infolist())


def docx_text(data, name):
    from docx import Document as WordDocument

    try:
        unpacked = _unpacked_size(data)
        if unpacked > MAX_DOCX_UNPACKED_BYTES:
            raise CharterInputError(
                f"« {name} » : document Word trop volumineux une fois décompressé ({unpacked // MEGABYTE} Mo, "
                f"{MAX_DOCX_UNPACKED_BYTES // MEGABYTE} Mo au plus) ; enregistrez-le sans images."
            )
        word = WordDocument(io.BytesIO(data))
        paragraphs = [paragraph.text for paragraph in word.paragraphs]
        for table in word.tables:
            for row in table.rows:
                paragraphs.append(" | ".join(cell.text for cell in row.cells))
    except CharterInputError:
        raise
    except Exception as exc:  # zipfile, lxml, python-docx: each has its own errors for a damaged file
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
