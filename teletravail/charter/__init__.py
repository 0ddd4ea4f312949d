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

from teletravail.lazy import lazy_exports


__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "Charter": "teletravail.charter.assembly",
        "CharterInputError": "teletravail.charter.errors",
        "CharterOptions": "teletravail.charter.options",
        "CheckReport": "teletravail.charter.checker",
        "Derogation": "teletravail.charter.rules",
        "FORMATS": "teletravail.charter.assembly",
        "Facts": "teletravail.charter.rules",
        "Finding": "teletravail.charter.rules",
        "assemble": "teletravail.charter.assembly",
        "check_file": "teletravail.charter.checker",
        "check_text": "teletravail.charter.checker",
        "default_options": "teletravail.charter.options",
        "exceptional_circumstances_notice": "teletravail.charter.annexes",
        "extract_text": "teletravail.charter.extract",
        "individual_agreement_form": "teletravail.charter.annexes",
        "load_catalogue": "teletravail.charter.catalogue",
        "load_options_file": "teletravail.charter.options",
        "parse_options": "teletravail.charter.options",
        "public_authorisation_form": "teletravail.charter.annexes",
        "render": "teletravail.charter.assembly",
        "reversibility_letter": "teletravail.charter.annexes",
        "validate": "teletravail.charter.rules",
    },
)

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
