"""The shared model: the uniform-days shortcut used by the territory level equals the row-by-row path."""

import numpy as np
import pytest

from teletravail.impact.core import (
    FEATURES,
    N_MODES,
    CommuteProfile,
    Structure,
    commute_features,
    sum_by_mode,
    uniform_commute_sums,
)
from teletravail.impact.params import ImpactParameters


@pytest.fixture(scope="module")
def structure():
    return Structure.from_parameters(ImpactParameters.load(when="2026-01-01"))


@pytest.fixture(scope="module")
def rows():
    rng = np.random.default_rng(7)
    count = 20_000
    # Distances from 0 to 120 km one way: yearly car km cross both barème thresholds (5,000 and 20,000 km).
    return rng.random(count) * 120, rng.integers(0, N_MODES, count), rng.random(count) * 3


@pytest.mark.parametrize(("telework", "office"), [(2, 3), (1, 4), (5, 0), (0, 5), (2.5, 2.5), (1, 2)])
def test_uniform_sums_equal_the_row_by_row_sums(structure, rows, telework, office):
    distance, mode_index, workers = rows
    # Places of work in Île-de-France, elsewhere, or unknown (NaN): the fares differ.
    ile_de_france = np.random.default_rng(11).choice([0.0, 1.0, np.nan], size=len(distance))
    expected = sum_by_mode(
        commute_features(distance, mode_index, telework, office, structure, ile_de_france=ile_de_france),
        mode_index,
        workers,
    )
    profile = CommuteProfile.from_rows(distance, mode_index, workers, ile_de_france)
    actual = uniform_commute_sums(profile, telework, office, structure)
    assert set(actual) == set(FEATURES) == set(expected)
    for name in FEATURES:
        np.testing.assert_allclose(actual[name], expected[name], rtol=1e-9, atol=1e-6, err_msg=name)


def test_the_barème_rows_fall_in_every_band(structure, rows):
    """Guard for the test above: the sample must really cross the thresholds, or it proves little."""
    distance, _, _ = rows
    yearly = distance * structure.trips_per_office_day * structure.working_weeks_per_year * 5
    first, second = structure.car_thresholds
    assert (yearly <= first).any() and ((yearly > first) & (yearly <= second)).any() and (yearly > second).any()
