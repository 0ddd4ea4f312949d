import pytest

from teletravail.charter.catalogue import CatalogueError, load_catalogue, parse_catalogue


CHECKLIST = (
    [f"DOC-{n:02d}" for n in range(1, 11)]
    + [f"ELIG-{n:02d}" for n in range(1, 14)]
    + [f"ORG-{n:02d}" for n in range(1, 9)]
    + [f"EQ-{n:02d}" for n in range(1, 11)]
    + ["RIGHTS-01", "EXC-01", "EXC-02"]
)
# L1222-9 II 1° to 7° (1° is two clauses: switching to telework, and returning without it).
L1222_9_II = {
    "ELIG-02": "1°",
    "ELIG-08": "1°",
    "ELIG-03": "2°",
    "ORG-04": "3°",
    "ORG-05": "4°",
    "ELIG-10": "5°",
    "ELIG-11": "6°",
    "ELIG-12": "7°",
}


def test_every_checklist_item_is_in_the_catalogue_once():
    assert sorted(load_catalogue().ids()) == sorted(CHECKLIST)


@pytest.mark.parametrize(("clause_id", "item"), L1222_9_II.items())
def test_the_l1222_9_items_are_mandatory_in_the_private_sector(clause_id, item):
    clause = load_catalogue().clause(clause_id)
    assert clause.applies["prive"].status == "obligatoire"
    assert clause.applies["prive"].if_missing == "erreur"
    assert f"L1222-9 II {item}" in clause.legal_basis_for("prive") or f"II {item}" in clause.legal_basis_for("prive")


def test_every_clause_has_a_text_and_a_basis_for_each_of_its_sectors():
    assert load_catalogue().clauses  # a loop over nothing would assert nothing
    for clause in load_catalogue().clauses:
        assert clause.applies  # a loop over nothing would assert nothing
        for sector in clause.applies:
            assert clause.pieces_for(sector), clause.id
            assert clause.legal_basis_for(sector), clause.id
            assert clause.topic_for(sector), clause.id
            english = clause.topic_in(sector, "en")
            assert english and english != clause.topic_for(sector), clause.id
            assert clause.topic_in(sector, "fr") == clause.topic_for(sector)


VALID = {
    "id": "X-01",
    "topic": "T",
    "topic_en": "E",
    "requirement": "R",
    "requirement_en": "R",
    "legal_basis": "L",
    "applies": {"prive": {"status": "obligatoire"}},
    "text": {"common": ["Texte."]},
    "detect": ["texte"],
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"applies": {"prive": {"status": "facultatif"}}}, "statut attendu"),
        ({"detect": ["(non fermé"]}, "expression invalide"),
        ({"text": {"public": ["Texte."]}}, "pas de texte pour le secteur privé"),
        ({"topic": None}, "topic"),
        ({"topic_en": None}, "topic_en"),
    ],
)
def test_malformed_clauses_are_refused_with_the_clause_named(change, message):
    with pytest.raises(CatalogueError, match=message) as error:
        parse_catalogue({"clauses": [{**VALID, **change}]}, {})
    assert "X-01" in str(error.value)


def test_each_clause_says_what_it_must_state_in_english_and_each_prohibited_practice_is_named_in_english():
    catalogue = load_catalogue()
    assert catalogue.clauses
    for clause in catalogue.clauses:
        assert clause.applies, clause.id
        for sector in clause.applies:
            english = clause.requirement_for(sector, "en")
            assert english and english != clause.requirement_for(sector) and "{" not in english, clause.id
    prohibited = [tool for tool in catalogue.choices["monitoring_tools"].values() if tool["prohibited"]]
    assert prohibited and all(tool.get("text_en") for tool in prohibited)


def test_a_clause_without_its_english_requirement_is_refused():
    clause = {key: value for key, value in VALID.items() if key != "requirement_en"}
    with pytest.raises(CatalogueError, match="champ\\(s\\) manquant\\(s\\) : requirement_en"):
        parse_catalogue({"clauses": [clause]}, {})


def test_duplicate_ids_are_refused():
    with pytest.raises(CatalogueError, match="en double : X-01"):
        parse_catalogue({"clauses": [VALID, VALID]}, {})
