import pytest

from teletravail.charter.assembly import render
from teletravail.charter.catalogue import load_catalogue
from teletravail.charter.checker import check_file, check_text, split_sections
from teletravail.charter.errors import CharterInputError
from tests.charter.conftest import WHEN


L1222_9_II = ["ELIG-02", "ELIG-03", "ORG-04", "ORG-05", "ELIG-10", "ELIG-11", "ELIG-12", "ELIG-08"]


def remove_article(markdown, title):
    """The Markdown without the article titled `title` (its section and its entry in the table of contents)."""
    lines, skipping = [], False
    for line in markdown.splitlines():
        if line.startswith("## "):
            skipping = line.endswith(f"– {title}")
        if not skipping and not (line.startswith("- [") and f"– {title}]" in line):
            lines.append(line)
    return "\n".join(lines)


@pytest.mark.parametrize("sector", ["prive", "public"])
def test_generated_markdown_passes_the_checker(default_charters, default_markdown, sector):
    report = check_text(default_markdown[sector], sector, when=WHEN)
    assert report.errors == []
    assert report.missing == []
    assert {item.id for item in report.covered} == set(default_charters[sector].clause_ids)


@pytest.mark.parametrize("output_format", ["html", "docx", "pdf"])
@pytest.mark.parametrize("sector", ["prive", "public"])
def test_rendered_documents_pass_the_checker_through_extraction(default_charters, sector, output_format):
    content = render(default_charters[sector].document, output_format)
    data = content.encode() if isinstance(content, str) else content
    report = check_file(data=data, name=f"charte.{output_format}", sector=sector, when=WHEN)
    assert report.errors == []
    assert {item.id for item in report.covered} == set(default_charters[sector].clause_ids)


@pytest.mark.parametrize("clause_id", L1222_9_II)
def test_removing_a_l1222_9_item_is_reported_as_exactly_that_item(default_markdown, clause_id):
    clause = load_catalogue().clause(clause_id)
    text = remove_article(default_markdown["prive"], clause.topic_for("prive"))
    assert text != default_markdown["prive"]
    report = check_text(text, "prive", when=WHEN)
    assert [item.id for item in report.missing] == [clause_id]
    assert report.warnings == [] and report.suggestions == []
    [missing] = report.as_dict()["missing"]
    assert missing["legal_basis"] == clause.legal_basis_for("prive")
    assert missing["text"] and missing["message"].startswith(clause.topic_for("prive"))


def test_covered_clauses_show_the_passage_in_words_and_keep_the_pattern_for_tools(default_markdown):
    report = check_text(default_markdown["prive"], "prive", when=WHEN)
    pregnancy = next(item for item in report.covered if item.id == "ELIG-11")
    assert "enceinte" in pregnancy.passage
    assert pregnancy.section.endswith("Salariées enceintes")
    assert pregnancy.passage in pregnancy.message and pregnancy.pattern not in pregnancy.message
    # Quoted as written (accents, capitals), not in the folded form the patterns read.
    assert pregnancy.passage.strip("…") in " ".join(default_markdown["prive"].split())
    assert any(char in pregnancy.passage for char in "éèàçÉ") or any(char.isupper() for char in pregnancy.passage)
    assert pregnancy.as_dict()["pattern"] == pregnancy.pattern


def test_an_unstructured_text_is_read_by_paragraph():
    text = "Les salariées enceintes ont priorité.\n\nLes plages horaires de contact sont de 9 h à 17 h."
    sections = split_sections(text)
    assert len(sections) == 2
    covered = {item.id for item in check_text(text, "prive", when=WHEN).covered}
    assert {"ELIG-11", "ORG-05"} <= covered


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Le salarié laisse sa webcam allumée en permanence pendant ses heures de travail.", True),
        ("Un logiciel réalise des captures d'écran périodiques du poste.", True),
        ("La surveillance permanente par webcam est exclue.", False),
        ("Aucun enregistreur de frappe n'est installé.", False),
    ],
)
def test_prohibited_monitoring_is_flagged_unless_excluded(default_markdown, sentence, expected):
    text = default_markdown["prive"] + f"\n\n## Article 99 – Outils\n\n{sentence}\n"
    errors = [(f.id, f.rule) for f in check_text(text, "prive", when=WHEN).errors]
    assert (("EQ-09", 9) in errors) is expected


def test_allowance_above_the_ceiling_in_a_text_is_a_warning(default_markdown):
    text = (
        default_markdown["prive"] + "\n\n## Article 99 – Indemnité\n\nUne allocation de 4,50 € par jour est versée.\n"
    )
    warnings = [(f.id, f.rule) for f in check_text(text, "prive", when=WHEN).warnings]
    assert warnings == [("EQ-03", 8)]


def test_public_text_with_four_days_a_week_is_an_error(default_markdown):
    text = default_markdown["public"].replace(
        "au plus de 2 jours de télétravail par semaine", "au plus de 4 jours de télétravail par semaine"
    )
    assert text != default_markdown["public"]
    errors = [(f.id, f.rule) for f in check_text(text, "public", when=WHEN).errors]
    assert errors == [("ORG-01", 5)]


def test_public_adaptation_period_read_from_the_text(default_markdown):
    text = default_markdown["public"].replace("période d'adaptation de 3\u00a0mois", "période d'adaptation de 6 mois")
    assert text != default_markdown["public"]
    assert [(f.id, f.rule) for f in check_text(text, "public", when=WHEN).errors] == [("ELIG-07", 6)]


def test_empty_document_and_unknown_sector_are_refused():
    with pytest.raises(CharterInputError, match="aucun texte"):
        check_text("   \n ", "prive")
    with pytest.raises(CharterInputError, match="« --sector » : « associatif » inconnu"):
        check_text("Texte.", "associatif")


def test_errors_are_told_apart_from_warnings_and_absences_with_their_section_and_passage(default_markdown):
    text = remove_article(default_markdown["prive"], load_catalogue().clause("ORG-02").topic_for("prive"))
    text += (
        "\n\n## Article 99 – Outils\n\n"
        "Le salarié laisse sa webcam allumée en permanence pendant ses heures de travail.\n\n"
        "Une allocation de 4,50 € par jour est versée.\n"
    )
    report = check_text(text, "prive", when=WHEN)
    assert [f.id for f in report.errors] == ["EQ-09"] and report.missing == []
    assert [f.id for f in report.warnings] == ["EQ-03"]
    data = report.as_dict()
    assert [item["id"] for item in data["errors"]] == ["EQ-09"]
    assert [item["id"] for item in data["warnings"]] == ["EQ-03"]
    [webcam] = data["errors"]
    assert webcam["section"] == "Article 99 – Outils"
    assert webcam["passage"] == "Le salarié laisse sa webcam allumée en permanence pendant ses heures de travail."
    [suggestion] = report.suggestions
    assert suggestion.id == "ORG-02" and suggestion.text.startswith("Les jours fixes de télétravail")


@pytest.mark.parametrize(
    "name, sector",
    [
        ("charte_privee_illicite.md", "prive"),
        ("charte_privee_conforme.md", "prive"),
        ("acte_public_illicite.md", "public"),
        ("acte_public_conforme.md", "public"),
        ("accord_entreprise_majuscules.txt", "prive"),
    ],
)
def test_the_report_of_a_real_document_speaks_english_when_asked(name, sector):
    """Findings, clause requirements and covered clauses were French on English pages; the suggested clause text
    stays French, as it goes in the French document."""
    from pathlib import Path

    text = (Path(__file__).parent / "corpus" / name).read_text(encoding="utf-8")
    report = check_text(text, sector, WHEN)
    english = report.in_language("en")
    assert english.findings and english.covered
    for french, translated in zip(report.findings, english.findings, strict=True):
        assert translated.message and translated.message != french.message, french.id
        assert translated.text == french.text and translated.passage == french.passage
    assert all(item.message_en.startswith("Covered in “") for item in english.covered)
    assert report.as_dict()["errors"] == [finding.as_dict() for finding in report.errors]
