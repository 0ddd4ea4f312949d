"""The before/after of the six-month review and its confidence intervals."""

import pytest

from teletravail.practices import THRESHOLD, before_after, load_questionnaires
from teletravail.practices.review import PAIRED, WELCH, paired_bootstrap_interval, welch_interval
from teletravail.practices.stats import student_t_quantile


def organisation(value):
    return {
        "practices.rules_known": value,
        "practices.activities_shared": value,
        "practices.clear_goals": value,
        "practices.days_conflict": 6 - value,
    }


@pytest.mark.parametrize(
    "freedom, quantile",
    # Student's t table, 97.5 % quantile.
    [(1, 12.706), (2, 4.303), (5, 2.571), (8, 2.306), (10, 2.228), (30, 2.042), (120, 1.980)],
)
def test_the_t_quantile_matches_the_table(freedom, quantile):
    assert student_t_quantile(0.975, freedom) == pytest.approx(quantile, abs=5e-4)


def test_the_welch_interval_of_a_case_computed_by_hand():
    # means 50 and 75, difference 25; each variance (2 × 50² + 2 × 25²) / 4 = 6250 / 4 = 1562.5;
    # standard error √(1562.5 / 5 + 1562.5 / 5) = √625 = 25;
    # Welch degrees 625² / (2 × 312.5² / 4) = 390625 / 48828.125 = 8; t(0.975, 8) = 2.306004;
    # interval 25 ± 2.306004 × 25 = 25 ± 57.6501 → [-32.6501, 82.6501].
    low, high = welch_interval([0, 25, 50, 75, 100], [25, 50, 75, 100, 125])
    assert low == pytest.approx(-32.6501, abs=1e-3)
    assert high == pytest.approx(82.6501, abs=1e-3)


def test_the_paired_bootstrap_of_equal_changes_is_that_change():
    assert paired_bootstrap_interval([10.0] * 8, 2000) == (10.0, 10.0)


def test_the_paired_bootstrap_agrees_with_the_normal_interval_on_a_large_sample():
    # 400 changes of -10 and +30 in equal numbers: mean 10, standard deviation 20 (population), so the normal
    # interval of the mean is 10 ± 1.96 × 20 / √400 = 10 ± 1.96; the bootstrap lands within a few tenths of it.
    changes = [-10.0, 30.0] * 200
    low, high = paired_bootstrap_interval(changes, 2000)
    assert low == pytest.approx(8.04, abs=0.3)
    assert high == pytest.approx(11.96, abs=0.3)
    assert paired_bootstrap_interval(changes, 2000) == (low, high)  # fixed seed: the same report every time


@pytest.fixture(scope="module")
def practices():
    return load_questionnaires()["practices"]


def change_of(changes, theme="organisation"):
    return next(change for change in changes if change.theme == theme)


def test_linked_people_give_a_paired_change(practices):
    # 6 people each go from 2 (25) to 4 (75) on every item: every paired change is +50.
    wave0 = [(f"p{i}", organisation(2)) for i in range(6)]
    wave1 = [(f"p{i}", organisation(4)) for i in range(6)]
    change = change_of(before_after(practices, wave0, wave1))
    assert (change.n0, change.n1, change.n_linked, change.method) == (6, 6, 6, PAIRED)
    assert (change.mean0, change.mean1, change.difference) == (25.0, 75.0, 50.0)
    assert (change.ci_low, change.ci_high) == (50.0, 50.0)


def test_unlinked_waves_are_compared_with_welch(practices):
    # Wave 0: three at 1 (0) and three at 3 (50); wave 1: three at 3 (50) and three at 5 (100); no one linked.
    wave0 = [(f"a{i}", organisation(1 if i < 3 else 3)) for i in range(6)]
    wave1 = [(f"b{i}", organisation(3 if i < 3 else 5)) for i in range(6)]
    change = change_of(before_after(practices, wave0, wave1))
    assert (change.n_linked, change.method, change.difference) == (0, WELCH, 50.0)
    # variances 6 × 25² / 5 = 750 each; se √(750/6 + 750/6) = √250; degrees 10; t(0.975, 10) = 2.228139.
    margin = 2.228139 * 250**0.5
    assert change.ci_low == pytest.approx(50 - margin, abs=1e-3)
    assert change.ci_high == pytest.approx(50 + margin, abs=1e-3)


def test_a_theme_under_the_threshold_at_either_wave_is_hidden(practices):
    wave0 = [(f"p{i}", organisation(2)) for i in range(6)]
    wave1 = [(f"p{i}", organisation(4)) for i in range(4)]
    change = change_of(before_after(practices, wave0, wave1))
    assert (change.n0, change.n1, change.hidden_reason) == (6, 4, THRESHOLD)
    assert (change.mean0, change.mean1, change.difference, change.ci_low) == (None, None, None, None)


def test_the_organisation_s_self_assessment_changes_without_an_interval():
    # One employer answer per wave: level4 runs 1 → 0, 4 → 100; security goes from 0 to 100.
    questionnaire = load_questionnaires()["digital_organisation"]
    items = ("two_factor", "updates_backups", "incident_procedure")
    wave0 = [("employer", {f"digital_organisation.{item}": 1 for item in items})]
    wave1 = [("employer", {f"digital_organisation.{item}": 4 for item in items})]
    change = change_of(before_after(questionnaire, wave0, wave1), "security")
    assert (change.n0, change.n1, change.hidden_reason) == (1, 1, None)
    assert (change.mean0, change.mean1, change.difference, change.ci_low, change.method) == (
        0.0,
        100.0,
        100.0,
        None,
        None,
    )
