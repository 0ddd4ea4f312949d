"""Monte Carlo over the uncertain parameters: seeded PERT draws, percentiles.

Each parameter with a range (low < high) that the user did not override is drawn independently from a
PERT distribution (a Beta distribution rescaled to [low, high] whose mode is the central value, shape λ = 4):
α = 1 + 4 (central − low) / (high − low), β = 1 + 4 (high − central) / (high − low). A missing bound
defaults to the central value. Draws are made in sorted parameter-name order from one NumPy PCG64
generator seeded by the user, so a seed reproduces the run exactly.
"""

import numpy as np

from teletravail.impact.errors import ImpactInputError


PERT_SHAPE = 4.0
PERCENTILES = (5, 50, 95)
INTERVAL = PERCENTILES[-1] - PERCENTILES[0]  # share of the draws an interval holds, in %
MAX_DRAWS = 100_000


def check_draws(n_draws, seed):
    if isinstance(n_draws, bool) or not isinstance(n_draws, int) or n_draws < 0:
        raise ImpactInputError(
            f"« tirages Monte-Carlo » : un nombre entier positif est attendu, « {n_draws} » trouvé."
        )
    if n_draws > MAX_DRAWS:
        raise ImpactInputError(f"« tirages Monte-Carlo » : au plus {MAX_DRAWS} tirages.")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or seed < 0):
        raise ImpactInputError(f"« seed » : un entier positif ou nul est attendu, « {seed} » trouvé.")


def pert(rng, low, mode, high, size):
    """`size` draws of a PERT(low, mode, high) variable."""
    if high <= low:
        return np.full(size, float(mode))
    alpha = 1.0 + PERT_SHAPE * (mode - low) / (high - low)
    beta = 1.0 + PERT_SHAPE * (high - mode) / (high - low)
    return low + (high - low) * rng.beta(alpha, beta, size)


def draw_parameters(params, n_draws, seed=None, names=None):
    """name → array of `n_draws` values, for every uncertain parameter (or those of `names` among them)."""
    check_draws(n_draws, seed)
    rng = np.random.Generator(np.random.PCG64(seed))
    uncertain = params.uncertain_names()
    if names is not None:
        wanted = set(names)
        uncertain = [name for name in uncertain if name in wanted]
    draws = {}
    for name in uncertain:
        value = params[name]
        low = value.central if value.low is None else value.low
        high = value.central if value.high is None else value.high
        draws[name] = pert(rng, low, value.central, high, n_draws)
    return draws


def drawn_getter(params, draws):
    """A getter name → drawn array (uncertain parameters) or central value (the others)."""

    def getter(name):
        if name in draws:
            return draws[name]
        return params.value(name)

    return getter


def summarize(samples, central):
    """name → {p5, p50, p95, mean, low, high, central_side} for the arrays of draws of the effects that move.

    An effect that no drawn parameter moves gets no entry: it has no interval. `low`–`high` holds 90 % of the
    draws and the central value (`central`: name → value of the reference case): it is p5–p95, unless the central
    value lies outside, which happens when a parameter's reference value sits at one end of its range (ADEME's
    video-call figure is the top of its own). The window of 90 % of the draws then moves just far enough to reach
    the central value, and `central_side` says where that value lies: "low", "high", or None inside p5–p95.
    """
    summary = {}
    for name, values in samples.items():
        values = np.asarray(values, dtype=float)
        reference = float(central[name])
        scale = max(1.0, abs(reference), float(np.abs(values).max()))
        if np.ptp(values) <= 1e-12 * scale:
            continue
        p5, p50, p95 = np.percentile(values, PERCENTILES)
        tie = np.abs(values - reference) <= 1e-9 * scale
        rank = 100.0 * (np.count_nonzero((values < reference) & ~tie) + 0.5 * np.count_nonzero(tie)) / values.size
        side, start = None, PERCENTILES[0]
        if rank < PERCENTILES[0]:
            side, start = "low", rank
        elif rank > PERCENTILES[-1]:
            side, start = "high", rank - INTERVAL
        low, high = np.percentile(values, (start, start + INTERVAL))
        summary[name] = {
            "p5": float(p5),
            "p50": float(p50),
            "p95": float(p95),
            "mean": float(values.mean()),
            "low": min(float(low), reference),
            "high": max(float(high), reference),
            "central_side": side,
        }
    return summary


def uncertainty_block(percentiles, draws, seed):
    """The `uncertainty` member of a result's JSON: None when no Monte Carlo ran."""
    if not percentiles:  # no Monte Carlo ran, or no drawn parameter moves any effect
        return None
    return {"draws": draws, "seed": seed, "distribution": "PERT", "percentiles": percentiles}
