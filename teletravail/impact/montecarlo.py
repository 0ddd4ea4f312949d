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
MAX_DRAWS = 100_000


def check_draws(n_draws, seed):
    if isinstance(n_draws, bool) or not isinstance(n_draws, int) or n_draws < 0:
        raise ImpactInputError(
            f"« monte_carlo » : un nombre entier de tirages positif est attendu, « {n_draws} » trouvé."
        )
    if n_draws > MAX_DRAWS:
        raise ImpactInputError(f"« monte_carlo » : au plus {MAX_DRAWS} tirages.")
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


def summarize(samples):
    """name → {p5, p50, p95, mean} for arrays of draws."""
    summary = {}
    for name, values in samples.items():
        values = np.asarray(values, dtype=float)
        p5, p50, p95 = np.percentile(values, PERCENTILES)
        summary[name] = {"p5": float(p5), "p50": float(p50), "p95": float(p95), "mean": float(values.mean())}
    return summary


def uncertainty_block(percentiles, draws, seed):
    """The `uncertainty` member of a result's JSON: None when no Monte Carlo ran."""
    if percentiles is None:
        return None
    return {"draws": draws, "seed": seed, "distribution": "PERT", "percentiles": percentiles}
