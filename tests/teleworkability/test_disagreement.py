"""The sentence that says why Dingel–Neiman and the JRC disagree strongly for an occupation."""

import csv

import pytest

from teletravail.parameters import load_parameters
from teletravail.teleworkability import search_professions
from teletravail.teleworkability.reference import DATA_DIR, ReferenceScores, disagreement_reason, reference_scores


def threshold():
    return load_parameters("teleworkability")["reference_disagreement_threshold"].at().central


@pytest.mark.parametrize(
    ("title", "words"),
    [
        ("professeure des écoles", "enseignement"),  # DN 1.0, JRC 0.61
        ("hôtesse d'accueil", "public"),  # DN 0, JRC 1.0
        ("vendeur à domicile", "domicile"),  # DN 0, JRC 0.33
        ("UX designer", "216"),  # DN 1.0, JRC 0.38
    ],
)
def test_the_issue_groups_carry_one_sentence_saying_why(title, words):
    match = search_professions(title, limit=1)[0]
    assert abs(match.scores.dingel_neiman - match.scores.jrc_physical) >= threshold()
    sentence = match.as_dict()["references_disagreement"]
    assert words in sentence
    assert sentence.endswith(".") and sentence.count(". ") == 0


def test_no_sentence_when_the_references_agree():
    match = search_professions("comptable unique", limit=1)[0]
    assert abs(match.scores.dingel_neiman - match.scores.jrc_physical) < threshold()
    assert match.as_dict()["references_disagreement"] is None


def test_the_threshold_comes_from_the_parameter_file():
    gap = threshold()
    just_below = ReferenceScores("2341", 0.5 + gap - 0.01, 4, 0.5, 0.5, 3)
    at_threshold = ReferenceScores("2341", 0.5 + gap, 4, 0.5, 0.5, 3)
    assert disagreement_reason(just_below) is None
    assert disagreement_reason(at_threshold)


def test_every_code_that_disagrees_strongly_has_a_sentence():
    codes = {
        row["isco08_4digit"].strip() for row in csv.DictReader((DATA_DIR / "isco08_4digit_dn_usweights.csv").open())
    }
    assert codes  # a loop over nothing would assert nothing
    for code in codes:
        if len(code) != 4:
            continue
        scores = reference_scores(code)
        if scores.jrc_physical is not None and abs(scores.dingel_neiman - scores.jrc_physical) >= threshold():
            assert disagreement_reason(scores), code
