import pytest

from teletravail.geo import normalize, normalize_query


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Saint-Étienne", "saint etienne"),
        ("SAINT ÉTIENNE", "saint etienne"),
        ("L'Abergement-Clémenciat", "l abergement clemenciat"),
        ("L’Haÿ-les-Roses", "l hay les roses"),
        ("Œuilly", "oeuilly"),
        ("Cœuvres-et-Valsery", "coeuvres et valsery"),
        ("  Les   Trois -- Lacs (27)  ", "les trois lacs 27"),
        ("Ça, c'est Bâle!", "ca c est bale"),
        ("2A004", "2a004"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalize(text, expected):
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("st etienne", "saint etienne"),
        ("ST-ÉTIENNE", "saint etienne"),
        ("Ste-Foy-lès-Lyon", "sainte foy les lyon"),
        ("St.-Malo", "saint malo"),
        # Only whole words are expanded.
        ("Stenay", "stenay"),
        ("Estissac", "estissac"),
        ("saint etienne", "saint etienne"),
    ],
)
def test_normalize_query_expands_abbreviations(query, expected):
    assert normalize_query(query) == expected


def test_stored_names_are_not_expanded():
    # A stored name is never abbreviated; "st" inside it must stay as written.
    assert normalize("St") == "st"
