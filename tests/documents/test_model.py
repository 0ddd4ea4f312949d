import pytest

from teletravail.documents import Document, Heading, Paragraph, Table


def test_a_heading_is_of_level_one_or_two():
    assert Heading("Article 1").level == 1
    with pytest.raises(ValueError, match="Article 3"):
        Heading("Article 3", level=3)


def test_a_table_row_must_have_one_cell_per_header():
    with pytest.raises(ValueError, match="row 2 has 1 cells for 2 headers"):
        Table(("Effet", "Valeur"), (("a", "1"), ("b",)), caption="Effets")


def test_document_headings_in_order():
    document = Document("Charte", (Heading("Préambule"), Paragraph("Texte"), Heading("Article 1", level=2)))
    assert [heading.text for heading in document.headings()] == ["Préambule", "Article 1"]


def test_table_widths_are_one_per_column():
    assert Table(("Effet", "Valeur"), (), widths=(3, 1)).widths == (3, 1)
    with pytest.raises(ValueError, match="1 widths for 2 headers"):
        Table(("Effet", "Valeur"), (), caption="Effets", widths=(1,))


def test_a_document_comes_back_whole_from_its_json_data():
    import json
    from datetime import date

    from teletravail.documents import (
        BulletList,
        Document,
        Figure,
        Heading,
        PageBreak,
        Paragraph,
        Table,
        document_from_data,
        document_to_data,
    )

    document = Document(
        "Rapport",
        (
            Heading("Partie", 2),
            Paragraph("Texte « accentué »."),
            BulletList(("un", "deux")),
            Table(("A", "B"), (("1", "2"), ("3", "4")), caption="Chiffres", row_headers=False, widths=(1.0, 2.0)),
            Figure("<svg/>", "Un graphique", "Légende"),
            PageBreak(),
        ),
        subtitle="Sous-titre",
        language="en",
        table_of_contents=True,
        author="Équipe",
        footer="Pied",
        generated_on=date(2026, 12, 7),
    )
    assert document_from_data(json.loads(json.dumps(document_to_data(document)))) == document
