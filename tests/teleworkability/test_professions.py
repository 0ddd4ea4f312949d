"""French job-title search and the authored PCS 2020 → ISCO-08 link."""

import csv

import pytest

from teletravail.teleworkability.errors import TeleworkabilityInputError
from teletravail.teleworkability.professions import (
    CONFIDENCE_LEVELS,
    fold_word,
    profession,
    professions,
    search_professions,
    search_tokens,
)
from teletravail.teleworkability.reference import DATA_DIR, reference_scores


def top(text):
    return search_professions(text, limit=1)[0].profession


def pcs_level4_codes():
    with (DATA_DIR / "insee_pcs2020_nomenclature.csv").open(encoding="utf-8") as handle:
        return {row["code"]: row["label"] for row in csv.DictReader(handle) if row["level"] == "4"}


def test_every_pcs_2020_profession_is_mapped_once_with_its_official_label():
    official = pcs_level4_codes()
    assert len(official) == 311
    assert {code: item.label for code, item in professions().items()} == official


def test_every_mapping_row_is_reviewable():
    assert professions()  # a loop over nothing would assert nothing
    for item in professions().values():
        assert item.confidence in CONFIDENCE_LEVELS, item.pcs2020
        assert len(item.justification) > 10, item.pcs2020
        assert item.isco08.isdigit() and len(item.isco08) in (3, 4), item.pcs2020
        assert item.isco08_label, item.pcs2020


def test_every_mapped_isco_code_exists_in_the_score_tables():
    out_of_scope = set()
    assert professions()  # a loop over nothing would assert nothing
    for item in professions().values():
        scores = reference_scores(item.isco08)
        if item.isco08.startswith("0"):  # armed forces: excluded by both indices
            out_of_scope.add(item.pcs2020)
            continue
        assert scores.dingel_neiman_level == len(item.isco08), item.pcs2020
        assert scores.jrc_level == 3, item.pcs2020
        for value in (scores.dingel_neiman, scores.jrc_physical, scores.jrc_social):
            assert 0 <= value <= 1, item.pcs2020
    assert out_of_scope == {"33D1", "45B2", "53B2", "53B3"}


@pytest.mark.parametrize("title", ["comptable", "développeur"])
def test_office_jobs_score_high(title):
    matches = search_professions(title, limit=3)
    assert matches
    for match in matches:
        assert match.profession.scores.dingel_neiman >= 0.85, match.profession.pcs2020
        assert match.profession.scores.jrc_physical >= 0.99, match.profession.pcs2020


@pytest.mark.parametrize("title", ["infirmière", "caissier"])
def test_nurses_and_cashiers_score_near_zero(title):
    first = top(title)
    assert first.scores.dingel_neiman <= 0.05
    assert first.scores.jrc_physical <= 0.15


def test_expected_professions_come_first():
    assert top("assistante de direction").pcs2020 == "46A1"  # executive secretaries
    assert top("assistante de direction").isco08 == "3343"
    assert top("infirmière").isco08 == "2221"
    assert top("caissier").pcs2020 == "55D1"
    assert top("développeur").isco08 == "2512"
    assert {match.profession.pcs2020 for match in search_professions("comptable")} >= {"54A3", "46A2", "37C1"}


@pytest.mark.parametrize(
    ("variant", "reference"),
    [
        ("INFIRMIÈRE", "infirmier"),
        ("Infirmieres", "infirmier"),
        ("développeuse", "developpeur"),
        ("Caissière", "caissier"),
        ("ASSISTANTE DE DIRECTION", "assistant de direction"),
        ("aide soignante", "aide-soignant"),
        ("employée administrative", "employé administratif"),
        ("cheffe de rayon", "chef de rayon"),
        ("conseillère principale d'éducation", "conseiller principal d'éducation"),
        ("traductrice", "traducteur"),
    ],
)
def test_search_ignores_case_accents_gender_and_plural(variant, reference):
    def found(text):  # the unmatched words are echoed as typed
        return [(m.profession, m.relevance, m.matched_title, m.confident, m.isco08) for m in search_professions(text)]

    assert found(variant) == found(reference)


def test_word_folding():
    assert fold_word("infirmieres") == fold_word("infirmier") == "infirmier"
    assert fold_word("directrice") == fold_word("directeur") == "directeur"
    assert fold_word("technicienne") == fold_word("techniciens") == "technicien"
    assert search_tokens("Assistante de la direction") == ("assistant", "direction")
    assert fold_word("employee") == fold_word("employe")
    assert fold_word("cheffe") == fold_word("chef") == "chef"


@pytest.mark.parametrize(
    ("text", "spelled_out"),
    [
        ("Responsable RH (H/F)", "responsable ressources humaines"),
        ("DAF", "directeur administratif financier"),
        ("Ouvrier BTP", "ouvrier bâtiment travaux publics"),
        ("Développeur Python junior CDI", "développeur"),
        ("Cariste CACES 3", "cariste"),
        ("Technicien QHSE", "technicien qualité hygiène sécurité environnement"),
    ],
)
def test_abbreviations_are_expanded_and_advert_qualifiers_dropped(text, spelled_out):
    assert search_tokens(text) == search_tokens(spelled_out)
    assert len(search_tokens(text)) == len(spelled_out.split())


def test_partial_matches_rank_below_full_matches():
    matches = search_professions("assistante de direction")
    assert matches[0].relevance > matches[1].relevance
    assert [match.relevance for match in matches] == sorted((match.relevance for match in matches), reverse=True)


def test_limit_and_no_match():
    assert len(search_professions("vendeur", limit=2)) == 2
    assert search_professions("zzzyx") == []


@pytest.mark.parametrize(
    ("text", "limit", "message"),
    [("", 5, "Intitulé de poste vide"), ("de la", 5, "Intitulé de poste vide"), ("comptable", 0, "« limit »")],
)
def test_bad_search_input(text, limit, message):
    with pytest.raises(TeleworkabilityInputError, match=message):
        search_professions(text, limit=limit)


def test_profession_lookup():
    assert profession("46a1").label.startswith("Assistants, secrétaires de direction")
    with pytest.raises(TeleworkabilityInputError, match="Code PCS 2020 « 99Z9 » inconnu"):
        profession("99Z9")


def test_every_job_title_names_a_known_profession_and_a_scored_isco_code():
    from teletravail.teleworkability.professions import job_titles

    assert len(job_titles()) >= 300
    assert job_titles()  # a loop over nothing would assert nothing
    for title, code, isco in job_titles():
        assert code in professions(), title
        scores = reference_scores(isco)
        assert scores.dingel_neiman_level == 4, title
        assert scores.jrc_level == 3, title


def test_the_candidate_carries_its_own_confidence_next_to_the_mapping_confidence():
    data = search_professions("responsable RH", limit=2)[0].as_dict()
    assert data["confident"] is True
    assert data["confidence"] in CONFIDENCE_LEVELS
    assert list(data).index("confident") == list(data).index("relevance") + 1
    assert data["unmatched_words"] == []
    partial = search_professions("agent des espaces verts municipaux", limit=1)[0].as_dict()
    assert partial["confident"] is False
    assert partial["unmatched_words"] == ["municipaux"]
