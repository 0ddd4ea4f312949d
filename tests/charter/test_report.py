"""The checker's report as a document: the four groups of the JSON, in order, with the passages and the texts to
add, and the closing sentence that it is not a legal opinion."""

from pathlib import Path

from teletravail.charter.checker import check_file
from teletravail.charter.report import report_document
from teletravail.documents import BulletList, Heading, Paragraph, Table, render_markdown
from tests.charter.conftest import WHEN


CORPUS = Path(__file__).resolve().parent / "corpus"


def test_the_report_document_holds_the_four_groups_of_the_json():
    data = check_file(CORPUS / "charte_privee_illicite.md", sector="prive", when=WHEN).as_dict()
    document = report_document(data, "charte_privee_illicite.md", WHEN)
    headings = [block.text for block in document.blocks if isinstance(block, Heading)]
    assert headings[:4] == [
        "Clauses contraires à la loi",
        "Clauses obligatoires manquantes",
        "Points d'attention et passages à relire",
        "Clauses couvertes",
    ]
    texts = [block.text for block in document.blocks if isinstance(block, Paragraph)]
    assert data["errors"]  # a loop over nothing would assert nothing
    for item in data["errors"]:
        assert f"[{item['id']}, {item['legal_basis']}] {item['message']}" in texts
        assert f"Dans « {item['section']} » : « {item['passage']} »" in texts
    [table] = [block for block in document.blocks if isinstance(block, Table)]
    assert len(table.rows) == len(data["covered"])
    assert texts[0].startswith(f"{len(data['errors'])} clauses contraires à la loi")
    assert texts[-1] == data["disclaimer"]


def test_a_suggested_clause_keeps_its_list_and_a_single_count_is_singular():
    data = {
        "sector": "public",
        "errors": [],
        "missing": [
            {
                "id": "ELIG-01",
                "legal_basis": "Décret n° 2016-151, art. 7 1°",
                "message": "Éligibilité : clause absente.",
                "text": "Sont éligibles les activités suivantes :\n– instruction des dossiers ;\n– rédaction.",
            }
        ],
        "warnings": [],
        "covered": [],
        "suggestions": [],
        "disclaimer": "Ce n'est pas un avis juridique.",
    }
    document = report_document(data, "acte.docx", WHEN)
    assert document.subtitle == "acte.docx — secteur public"
    [bullets] = [block for block in document.blocks if isinstance(block, BulletList)]
    assert bullets.items == ("instruction des dossiers ;", "rédaction.")
    markdown = render_markdown(document)
    assert "0 clause contraire à la loi, 1 clause obligatoire manquante, 0 point d'attention" in markdown
    assert "Texte à ajouter : Sont éligibles les activités suivantes :" in markdown


def test_the_report_document_of_an_english_page_is_in_english_but_for_the_french_it_quotes():
    """The downloads of the English checker page were French."""
    data = check_file(CORPUS / "charte_privee_illicite.md", sector="prive", when=WHEN).as_dict()
    document = report_document(data, "charte_privee_illicite.md", WHEN, "en")
    assert (document.title, document.subtitle, document.language) == (
        "Verification report",
        "charte_privee_illicite.md — private sector",
        "en",
    )
    headings = [block.text for block in document.blocks if isinstance(block, Heading)]
    assert headings[:4] == [
        "Unlawful clauses",
        "Missing mandatory clauses",
        "Points of attention and passages to reread",
        "Covered clauses",
    ]
    texts = [block.text for block in document.blocks if isinstance(block, Paragraph)]
    assert data["errors"] and data["missing"]
    for item in data["errors"] + data["missing"]:
        assert f"[{item['id']}, {item['legal_basis']}] {item['message_en']}" in texts
    assert "Text to add, in French, as it goes in the charter:" in render_markdown(document)
    assert texts[0].startswith(f"{len(data['errors'])} unlawful clauses")
    assert texts[-1].startswith("This report is a reading aid") and "not legal advice" in texts[-1]
