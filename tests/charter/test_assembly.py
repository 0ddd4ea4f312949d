import io
import re
from pathlib import Path

import pytest
from docx import Document as WordDocument

from teletravail.charter.assembly import assemble, render
from teletravail.charter.catalogue import load_catalogue
from teletravail.charter.options import load_options_file, parse_options
from teletravail.charter.text import french_amount
from teletravail.documents import BulletList, Heading, Paragraph
from teletravail.parameters import load_parameters
from tests.charter.conftest import WHEN
from tests.charter.helpers import answered


EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


@pytest.mark.parametrize("sector", ["prive", "public"])
def test_defaults_give_a_document_without_errors_and_numbered_articles(default_charters, sector):
    charter = default_charters[sector]
    assert charter.errors == []
    headings = [block.text for block in charter.document.blocks if isinstance(block, Heading)]
    assert headings == [
        f"Article {n} – {load_catalogue().clause(cid).topic_for(sector)}"
        for n, cid in enumerate(charter.clause_ids, start=1)
    ]
    assert {clause.id for clause in load_catalogue().for_sector(sector)} - set(charter.clause_ids) <= {"DOC-09"}


def test_blocks_are_built_from_the_templates_without_leftover_placeholders(default_charters):
    assert default_charters  # a loop over nothing would assert nothing
    for charter in default_charters.values():
        assert charter.document.blocks  # a loop over nothing would assert nothing
        for block in charter.document.blocks:
            texts = block.items if isinstance(block, BulletList) else (block.text,)
            assert all("{" not in text and "}" not in text for text in texts), texts


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("charte-*.yaml")), ids=lambda path: path.name)
def test_example_files_generate_without_errors(path):
    charter = assemble(load_options_file(path), when=WHEN)
    assert charter.errors == []
    assert charter.document.subtitle == charter.options.organisation.name


def test_omitting_a_mandatory_clause_is_reported_with_its_text():
    charter = assemble(parse_options(answered({"omit": ["ELIG-11"]})), when=WHEN)
    assert "ELIG-11" not in charter.clause_ids
    [error] = charter.errors
    assert (error.id, error.rule) == ("ELIG-11", 1)
    assert "enceinte" in error.text


def test_options_drive_the_rules():
    charter = assemble(parse_options(answered({"allowance": {"mode": "par_jour", "amount_eur": 4}})), when=WHEN)
    assert [(f.id, f.severity) for f in charter.findings] == [("EQ-03", "avertissement")]
    charter = assemble(parse_options({"sector": "public", "rhythm": {"telework_days": 4}}), when=WHEN)
    assert ("ORG-01", "erreur") in [(f.id, f.severity) for f in charter.errors]
    charter = assemble(parse_options(answered({"monitoring": {"tools": ["enregistreur_frappe"]}})), when=WHEN)
    assert [(f.id, f.rule) for f in charter.errors] == [("EQ-09", 9)]
    charter = assemble(parse_options({"organisation": {"has_cse": True}}), when=WHEN)
    assert [(f.id, f.rule) for f in charter.errors] == [("DOC-01", 2), ("EQ-09", 9)]
    consulted = {
        "organisation": {"has_cse": True, "cse_opinion_date": "2026-06-18"},
        "monitoring": {"cse_consulted": True},
    }
    assert assemble(parse_options(consulted), when=WHEN).errors == []


def test_public_forfait_comes_from_the_dated_parameters(default_charters):
    text = " ".join(b.text for b in default_charters["public"].document.blocks if isinstance(b, Paragraph))
    forfait = load_parameters("charter")["public_forfait.per_day"].at(WHEN).central
    assert f"à raison de {french_amount(forfait)} par jour" in text


def test_conditional_clause_follows_its_option():
    charter = assemble(parse_options(answered({"organisation": {"pre_2017_contract_clauses": True}})), when=WHEN)
    assert "DOC-09" in charter.clause_ids


def test_docx_rendering_has_numbered_article_headings(default_charters):
    word = WordDocument(io.BytesIO(render(default_charters["prive"].document, "docx")))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    numbered = [text for text in headings if re.match(r"Article \d+ – ", text)]
    assert len(numbered) == len(default_charters["prive"].clause_ids)


def test_unknown_format_is_refused(default_charters):
    with pytest.raises(ValueError, match="Unknown output format"):
        render(default_charters["prive"].document, "odt")


@pytest.mark.parametrize(
    "name, expected",
    [("Atelier Démo", "au sein d'Atelier Démo"), ("Coopérative Durand", "au sein de Coopérative Durand")],
)
def test_the_organisation_name_after_de_is_elided_as_french_wants(name, expected):
    charter = assemble(parse_options({"organisation": {"name": name, "has_cse": True}}), when=WHEN)
    text = " ".join(b.text for b in charter.document.blocks if isinstance(b, Paragraph))
    assert expected in text
    assert "de Atelier" not in text


@pytest.mark.parametrize("years, sentence", [(1, "Sa durée est de 1 an ;"), (2, "Sa durée est de 2 ans ;")])
def test_the_duration_agrees_in_number(years, sentence):
    document = render(assemble(parse_options(answered({"sector": "prive", "duration_years": years}))).document, "md")
    assert sentence in document
