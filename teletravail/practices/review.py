"""The six-month review: per theme, the change between the two waves with its 95 % confidence interval.

Where enough people are linked across the waves (a dated parameter), the change is the mean of their paired
changes and its interval a percentile bootstrap of those pairs with a fixed seed, so that the report is the same
each time it is drawn. Otherwise the two waves are compared as independent samples (difference of means, Welch
interval). A theme is hidden when either wave has fewer scores than the theme's minimum group size.
"""

import math
from dataclasses import dataclass

import numpy as np

from teletravail.parameters import load_parameters
from teletravail.practices.linkage import link_waves
from teletravail.practices.scoring import THRESHOLD, anonymity_of, theme_scores
from teletravail.practices.stats import student_t_quantile


PAIRED = "paired_bootstrap"
WELCH = "welch"
BOOTSTRAP_SEED = 20260601  # fixed: the same answers always give the same interval
CONFIDENCE = 0.95


@dataclass(frozen=True)
class ThemeChange:
    """The change of one theme between the waves. `mean0` and `mean1` are the means of everyone who has a score at
    each wave; `difference` is the mean of the linked people's own changes when the method is the paired bootstrap
    (so it may differ from mean1 - mean0, which also reflects who came and went), else mean1 - mean0 (Welch).
    A hidden change ("threshold") carries only the counts."""

    theme: str
    n0: int
    n1: int
    n_linked: int
    mean0: float | None = None
    mean1: float | None = None
    difference: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    method: str | None = None
    hidden_reason: str | None = None


def before_after(questionnaire, wave0, wave1, when=None):
    """The change of every scored theme between two waves of (pseudonym, answers)."""
    parameters = load_parameters("practices")
    resamples = int(parameters["review.bootstrap_resamples"].at(when).central)
    min_linked = int(parameters["review.min_linked"].at(when).central)
    linkage = link_waves(wave0, wave1)
    scores0 = {key: theme_scores(questionnaire, answers) for key, answers in wave0}
    scores1 = {key: theme_scores(questionnaire, answers) for key, answers in wave1}
    changes = []
    for theme in questionnaire.themes:
        if not theme.scored_items:
            continue
        before = {key: scores[theme.id] for key, scores in scores0.items() if scores[theme.id] is not None}
        after = {key: scores[theme.id] for key, scores in scores1.items() if scores[theme.id] is not None}
        linked = [key for key in linkage.pairs if key in before and key in after]
        n0, n1, n_linked = len(before), len(after), len(linked)
        min_group = anonymity_of(questionnaire, theme)[0]
        if min(n0, n1) < min_group:
            changes.append(ThemeChange(theme.id, n0, n1, n_linked, hidden_reason=THRESHOLD))
            continue
        changes.append(_change(theme, before, after, linked, resamples, max(min_linked, theme.min_group)))
    return changes


def _change(theme, before, after, linked, resamples, min_linked):
    counts = (theme.id, len(before), len(after), len(linked))
    mean0, mean1 = _mean(before.values()), _mean(after.values())
    if min(len(before), len(after)) < 2:
        # The organisation's own self-assessment: one answer per wave, a change without an interval.
        return ThemeChange(*counts, mean0, mean1, mean1 - mean0)
    if len(linked) >= min_linked:
        paired = np.array([after[key] - before[key] for key in linked])
        low, high = paired_bootstrap_interval(paired, resamples)
        return ThemeChange(*counts, mean0, mean1, float(paired.mean()), low, high, PAIRED)
    low, high = welch_interval(list(before.values()), list(after.values()))
    return ThemeChange(*counts, mean0, mean1, mean1 - mean0, low, high, WELCH)


def _mean(values):
    values = list(values)
    return sum(values) / len(values)


def paired_bootstrap_interval(differences, resamples, seed=BOOTSTRAP_SEED, confidence=CONFIDENCE):
    """Percentile bootstrap interval of the mean of paired differences."""
    differences = np.asarray(differences, dtype=float)
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(differences), size=(resamples, len(differences)))
    means = differences[draws].mean(axis=1)
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    return float(low), float(high)


def welch_interval(sample0, sample1, confidence=CONFIDENCE):
    """Welch interval of mean(sample1) - mean(sample0) (unequal variances, Welch–Satterthwaite degrees)."""
    n0, n1 = len(sample0), len(sample1)
    mean0, mean1 = _mean(sample0), _mean(sample1)
    var0 = sum((x - mean0) ** 2 for x in sample0) / (n0 - 1)
    var1 = sum((x - mean1) ** 2 for x in sample1) / (n1 - 1)
    se2 = var0 / n0 + var1 / n1
    difference = mean1 - mean0
    if se2 == 0:
        return difference, difference
    freedom = se2**2 / ((var0 / n0) ** 2 / (n0 - 1) + (var1 / n1) ** 2 / (n1 - 1))
    margin = student_t_quantile(1 - (1 - confidence) / 2, freedom) * math.sqrt(se2)
    return difference - margin, difference + margin
