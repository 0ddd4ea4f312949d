"""Telework charter / agreement engine: clause catalogue, assembly, legal validation, checker of existing documents.

Pure Python (no Django). Options (validated, French messages) → an assembled `teletravail.documents.Document`
with numbered articles → findings of the validation rules; an existing DOCX / PDF / text document → the clauses it
covers, the missing ones and its risky clauses.

    >>> from datetime import date
    >>> from teletravail.charter import assemble, default_options, render
    >>> charter = assemble(default_options("public"), when=date(2026, 9, 1))
    >>> charter.errors
    []
    >>> render(charter.document, "md").startswith("# Délibération")
    True
"""

from teletravail.charter.annexes import (
    exceptional_circumstances_notice,
    individual_agreement_form,
    public_authorisation_form,
    reversibility_letter,
)
from teletravail.charter.assembly import FORMATS, Charter, assemble, render
from teletravail.charter.catalogue import load_catalogue
from teletravail.charter.checker import CheckReport, check_file, check_text
from teletravail.charter.errors import CharterInputError
from teletravail.charter.extract import extract_text
from teletravail.charter.options import CharterOptions, default_options, load_options_file, parse_options
from teletravail.charter.rules import Derogation, Facts, Finding, validate


__all__ = [
    "FORMATS",
    "Charter",
    "CharterInputError",
    "CharterOptions",
    "CheckReport",
    "Derogation",
    "Facts",
    "Finding",
    "assemble",
    "check_file",
    "check_text",
    "default_options",
    "exceptional_circumstances_notice",
    "extract_text",
    "individual_agreement_form",
    "load_catalogue",
    "load_options_file",
    "parse_options",
    "public_authorisation_form",
    "render",
    "reversibility_letter",
    "validate",
]
