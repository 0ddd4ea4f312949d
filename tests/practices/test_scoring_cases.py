"""The scoring rules, checked on the cases of `cases/*.yaml` (answers in, scores by theme out, computed by hand)."""

from pathlib import Path

import pytest
import yaml

from teletravail.practices import load_questionnaires, theme_scores


CASES_DIR = Path(__file__).parent / "cases"
CASES = [
    pytest.param(case, id=f"{path.stem}: {case['name']}")
    for path in sorted(CASES_DIR.glob("*.yaml"))
    for case in yaml.safe_load(path.read_text(encoding="utf-8"))
]


def test_there_are_cases_for_every_scored_questionnaire():
    covered = {case.values[0]["questionnaire"] for case in CASES}
    scored = {
        id for id, questionnaire in load_questionnaires().items() if any(t.scored_items for t in questionnaire.themes)
    }
    assert scored <= covered


@pytest.mark.parametrize("case", CASES)
def test_scoring_case(case):
    questionnaire = load_questionnaires()[case["questionnaire"]]
    scores = theme_scores(questionnaire, case["answers"])
    assert case["expected"]
    for theme, expected in case["expected"].items():
        if expected is None:
            assert scores[theme] is None, theme
        else:
            assert scores[theme] == pytest.approx(expected), theme
