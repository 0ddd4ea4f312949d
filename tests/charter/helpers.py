"""Word files built for the tests: a small valid one, and copies with some parts replaced or added."""

import copy
import io
import zipfile

from docx import Document as WordDocument


def word_bytes(text="Article 1 – Plages horaires"):
    word = WordDocument()
    word.add_paragraph(text)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def rezipped(data, replaced=None, added=None):
    """The zip `data` with some members replaced and others added ({name: bytes})."""
    replaced, added = replaced or {}, added or {}
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            target.writestr(member.filename, replaced.get(member.filename, source.read(member)))
        for name, content in added.items():
            target.writestr(name, content)
    return buffer.getvalue()


def answered(given=None, has_cse=False):
    """Private-sector options with the question that has no default answered (is there a CSE?), as the form and the
    options files always give it."""
    given = copy.deepcopy(given or {})
    given.setdefault("organisation", {}).setdefault("has_cse", has_cse)
    return given
