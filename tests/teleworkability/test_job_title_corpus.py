"""The job-title search against a corpus of job-board titles: no confident wrong answer, few refusals.

`data/job_titles_corpus.csv`: one title per line with the PCS 2020 codes (or groups) it may be coded to,
separated by « | », or « incertain » when the title does not say enough (it must then not be confident).
Lots two to five of the file were each written before the vocabulary was tuned on them (see the methodology).
"""

import csv
from pathlib import Path

import pytest

from teletravail.teleworkability import search_professions


CORPUS = Path(__file__).parent / "data" / "job_titles_corpus.csv"
UNCERTAIN = "incertain"
# Share of the titles that must be coded (one or more codes expected, « incertain » not among them) that the search
# refuses (not confident): measured at 5.2 % on this corpus (23 of 440 titles), kept under 8 %.
MAX_REFUSAL_RATE = 0.08


def corpus():
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        return [(row["intitule"], row["attendu"].split("|")) for row in csv.DictReader(handle)]


def first(title):
    matches = search_professions(title, limit=3)
    return matches[0] if matches else None


def test_the_corpus_is_large_and_varied():
    rows = corpus()
    assert len(rows) >= 80
    assert sum(expected == [UNCERTAIN] for _, expected in rows) >= 10


def test_no_confident_wrong_answer():
    wrong = []
    for title, expected in corpus():
        match = first(title)
        if match and match.confident and not any(match.profession.pcs2020.startswith(code) for code in expected):
            wrong.append(f"{title} → {match.profession.pcs2020} ({match.matched_title}), attendu {'|'.join(expected)}")
    assert wrong == []


def test_few_refusals():
    coded = [title for title, expected in corpus() if UNCERTAIN not in expected]
    refused = [title for title in coded if not (first(title) and first(title).confident)]
    assert len(refused) / len(coded) <= MAX_REFUSAL_RATE, refused


@pytest.mark.parametrize(
    ("title", "pcs2020"),
    [
        ("agent des espaces verts", "63A1"),
        ("gestionnaire de stock", "65C1"),
        ("responsable RH", "37B3"),
        ("assistante RH", "46A3"),
        ("employée administrative", "54D2"),
        ("traductrice", "46E1"),
    ],
)
def test_the_titles_of_the_issue_are_coded_right_and_confidently(title, pcs2020):
    match = first(title)
    assert match.confident
    assert match.profession.pcs2020 == pcs2020


def test_a_btp_worker_is_no_longer_a_cleaner():
    match = first("ouvrier du BTP")
    assert match.profession.pcs2020 != "68D1"
    assert not match.confident or match.profession.pcs2020.startswith(("62", "63", "67", "68A"))


def test_translators_are_found_with_the_translators_isco_code():
    match = first("traductrice")
    assert match.isco08 == "2643"
    assert match.as_dict()["isco08"] == "2643"
    assert match.as_dict()["isco08_from_title"] is True


def test_the_title_refines_the_isco_code_a_sociology_researcher_is_not_a_biologist():
    researcher = first("chercheuse en sociologie")
    assert researcher.profession.pcs2020 == "34B2"
    assert researcher.profession.isco08 == "2131"  # the PCS group's code (life sciences)
    assert researcher.isco08 == "2632"  # sociologists
    assert researcher.scores.isco08 == "2632"
    assert first("chercheur").isco08 == "2131"


@pytest.mark.parametrize("title", ["manager", "chef", "responsable", "agent", "ingénieur", "consultant", "comptable"])
def test_vague_titles_are_not_confident(title):
    assert not first(title).confident
