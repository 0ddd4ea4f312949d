"""`teletravail charter …` through typer's CliRunner (no database)."""

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from teletravail.charter.cli import charter_app
from tests.charter.helpers import rezipped, word_bytes


runner = CliRunner()
DATE = ["--date", "2026-09-01"]
PRIVATE_DEFAULTS = ["generate", "--defaults", "--sector", "prive"]
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def invoke(*args):
    return runner.invoke(charter_app, [str(arg) for arg in args])


@pytest.mark.parametrize("sector", ["prive", "public"])
def test_generate_defaults_then_check_it(tmp_path, sector):
    output = tmp_path / "charte.md"
    cse = ["--cse", "non"] if sector == "prive" else []
    result = invoke("generate", "--defaults", "--sector", sector, *cse, "--format", "md", "-o", output, *DATE)
    assert result.exit_code == 0, result.output
    assert output.read_text(encoding="utf-8").count("## Article ") > 30
    result = invoke("check", output, "--sector", sector, "--format", "json", *DATE)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["missing"] == []
    assert all(item["severity"] != "erreur" for item in data["warnings"])
    assert data["covered"] and all({"id", "legal_basis", "message"} <= set(item) for item in data["covered"])


def test_generate_an_example_as_docx(tmp_path):
    output = tmp_path / "charte.docx"
    result = invoke(
        "generate", "--options", EXAMPLES / "charte-pme-prive.yaml", "--format", "docx", "-o", output, *DATE
    )
    assert result.exit_code == 0, result.output
    assert output.read_bytes().startswith(b"PK")


def test_check_reports_missing_items_with_basis_and_message(tmp_path):
    document = tmp_path / "charte.txt"
    document.write_text(
        "Article 1 – Objet\n\nLes salariées enceintes ont un accès prioritaire au télétravail.\n", encoding="utf-8"
    )
    result = invoke("check", document, "--sector", "prive", *DATE)
    data = json.loads(result.stdout)
    missing = {item["id"]: item for item in data["missing"]}
    assert "ELIG-11" not in missing and "ORG-05" in missing
    assert missing["ORG-05"]["legal_basis"] == "C. trav. L1222-9 II 4°"
    assert "plages horaires" in missing["ORG-05"]["message"] and missing["ORG-05"]["text"]


def test_check_lists_errors_with_section_and_passage_in_json_and_table():
    document = Path(__file__).resolve().parent / "corpus" / "charte_privee_illicite.md"
    data = json.loads(invoke("check", document, "--sector", "prive", "--format", "json", *DATE).stdout)
    assert list(data) == ["sector", "errors", "missing", "warnings", "covered", "suggestions", "disclaimer"]
    refusal = next(item for item in data["errors"] if item["id"] == "ELIG-06")
    assert {"id", "legal_basis", "section", "passage", "message"} <= set(refusal)
    assert refusal["section"] == "Article 10 – Refus du salarié"
    assert refusal["legal_basis"] == "C. trav. L1222-9 III"
    table = invoke("check", document, "--sector", "prive", "--format", "table", *DATE).stdout.splitlines()
    assert len(data["errors"]) > 1 and table[0].startswith(f"{len(data['errors'])} clauses contraires à la loi")
    assert "(s)" not in table[0]
    assert "    « Article 10 – Refus du salarié » : « Le refus du salarié" in "\n".join(table)
    assert table[-1] == data["disclaimer"] and "pas un avis juridique" in table[-1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["generate", "--format", "md", "-o", "x.md"], "indiquez un fichier d'options, ou --defaults"),
        (["generate", "--defaults", "--format", "md", "-o", "x.md"], "« --sector » : prive ou public"),
        ([*PRIVATE_DEFAULTS, "--cse", "non", "--format", "odt", "-o", "x.odt"], "« --format » : « odt »"),
        ([*PRIVATE_DEFAULTS, "--cse", "non", "--format", "md"], "« --output »"),
        ([*PRIVATE_DEFAULTS, "--cse", "non", "--date", "demain", "-o", "x.md"], "« --date »"),
        ([*PRIVATE_DEFAULTS, "-o", "x.md"], "« --cse » : indiquez si l'entreprise a un comité social"),
        ([*PRIVATE_DEFAULTS, "--cse", "peut-être", "-o", "x.md"], "« --cse » : oui ou non"),
        (["check", "absent.pdf"], "fichier introuvable"),
        (["annex", "contrat", "--defaults", "--sector", "prive", "-o", "x.md"], "« KIND » : « contrat » inconnu"),
        (["notice", "--organisation", "Mairie", "--reason", "crue", "-o", "x.md"], "« --start »"),
        (["clauses", "--sector", "mixte"], "« --sector »"),
    ],
)
def test_bad_input_exits_2_with_a_french_message(tmp_path, args, message):
    result = runner.invoke(charter_app, args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_bad_options_file_exits_2_naming_the_file_and_option(tmp_path):
    options = tmp_path / "options.yaml"
    options.write_text(yaml.safe_dump({"rhythm": {"telework_days": 9}}), encoding="utf-8")
    result = invoke("generate", "--options", options, "--format", "md", "-o", tmp_path / "x.md")
    assert result.exit_code == 2
    assert "options.yaml, « rhythm.telework_days » : au plus 7 jours" in result.stderr


def test_rule_errors_block_the_document_unless_forced(tmp_path):
    options = tmp_path / "options.yaml"
    options.write_text(yaml.safe_dump({"sector": "public", "rhythm": {"telework_days": 4}}), encoding="utf-8")
    output = tmp_path / "acte.md"
    result = invoke("generate", "--options", options, "--format", "md", "-o", output, *DATE)
    assert result.exit_code == 1
    assert "Erreur [ORG-01, Décret n° 2016-151, art. 3 et 4]" in result.stderr
    assert not output.exists()
    result = invoke("generate", "--options", options, "--format", "md", "-o", output, "--force", *DATE)
    assert result.exit_code == 0 and output.exists()


def test_a_text_less_pdf_upload_is_a_french_error(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    scan = tmp_path / "scan.pdf"
    with scan.open("wb") as handle:
        writer.write(handle)
    result = invoke("check", scan, "--sector", "public")
    assert result.exit_code == 2
    assert "ce PDF ne contient aucun texte" in result.stderr


def test_a_damaged_docx_exits_2_with_a_french_message(tmp_path):
    damaged = tmp_path / "charte.docx"
    damaged.write_bytes(rezipped(word_bytes(), replaced={"word/document.xml": b"<w:document"}))
    result = invoke("check", damaged)
    assert result.exit_code == 2
    assert "« charte.docx » : document Word illisible ou endommagé" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["annex", "demande", "--defaults", "--sector", "prive", "--cse", "oui"],
        ["annex", "reversibilite", "--defaults", "--sector", "public", "--initiative", "salarie"],
        ["annex", "autorisation", "--defaults", "--sector", "public"],
        ["notice", "--organisation", "Mairie", "--reason", "crue", "--start", "2026-12-01", "--sector", "public"],
    ],
)
def test_annexes_and_notice_are_written(tmp_path, args):
    output = tmp_path / "annexe.html"
    result = invoke(*args, "--format", "html", "-o", output)
    assert result.exit_code == 0, result.output
    assert "<h" in output.read_text(encoding="utf-8")


def test_clauses_lists_the_catalogue_per_sector():
    data = json.loads(invoke("clauses", "--sector", "public").stdout)
    assert {row["sector"] for row in data} == {"public"}
    assert {"id", "topic", "legal_basis", "status"} <= set(data[0])
