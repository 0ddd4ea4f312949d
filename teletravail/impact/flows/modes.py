"""Transport mode as a function of the one-way road distance, from national shares by distance band.

Priors (flows.yaml, `mode_band_N_prior_*`) are the published shares by distance band among people who travel.
`calibrate_mode_table` adjusts them by iterative proportional fitting (IPF, odds ratios between bands kept) so
that a given distribution of travellers by band reproduces the national shares (`target_mode_share_*`).
People with « pas de transport » (TRANS 1, mode `aucun`) are drawn among those who work in their own place of
residence only (as in the census, where they are almost all in that case).
"""

import numpy as np
import polars as pl

from teletravail.impact.flows.codes import TRAVEL_MODES


IPF_MAX_ITERATIONS = 500
IPF_TOLERANCE = 1e-10


def band_index(distance_km, band_upper_km):
    """Band number (0-based) of each distance: band k covers [upper[k-1], upper[k])."""
    return np.searchsorted(np.asarray(band_upper_km, dtype=np.float64), np.asarray(distance_km), side="right")


def prior_table(params):
    """Array (bands × travel modes) of the prior shares, rows summing to 1."""
    return np.array([[prior[mode] for mode in TRAVEL_MODES] for prior in params.mode_priors], dtype=np.float64)


def target_vector(params):
    return np.array([params.target_mode_shares[mode] for mode in TRAVEL_MODES], dtype=np.float64)


def calibrate_mode_table(travellers_by_band, priors, targets):
    """Shares by band (rows sum to 1) closest to `priors` whose national mix over `travellers_by_band` is `targets`.

    Returns (table, iterations, largest gap to the targets).
    """
    travellers = np.asarray(travellers_by_band, dtype=np.float64)
    table = np.asarray(priors, dtype=np.float64).copy()
    targets = np.asarray(targets, dtype=np.float64) / np.sum(targets)
    total = travellers.sum()
    gap = np.inf
    iteration = 0
    while iteration < IPF_MAX_ITERATIONS and gap >= IPF_TOLERANCE:
        iteration += 1
        national = travellers @ table / total
        factors = np.divide(targets, national, out=np.ones_like(targets), where=national > 0)
        table = table * factors
        table /= table.sum(axis=1, keepdims=True)
        gap = float(np.max(np.abs(travellers @ table / total - targets)))
    return table, iteration, gap


def no_transport_share_of_stayers(no_transport_share, stayers_share):
    """Share of people working in their place of residence who declare no transport (mode `aucun`)."""
    if stayers_share <= 0:
        return 0.0
    return min(1.0, no_transport_share / stayers_share)


def split_by_mode(flows, params, table=None):
    """Expand a table without mode (`home`, `work`, `workers`, `distance_km`, `same_place`) into one row per
    mode, with `workers` spread by the shares of the distance band (priors unless `table` is given)."""
    table = prior_table(params) if table is None else table
    stayers = no_transport_share_of_stayers(params.target_no_transport_share, params.target_same_commune_share)
    bands = band_index(flows["distance_km"].to_numpy(), params.band_upper_km)
    same_place = flows["same_place"].to_numpy()
    travel = np.where(same_place, 1.0 - stayers, 1.0)
    columns = {"aucun": np.where(same_place, stayers, 0.0)}
    for position, mode in enumerate(TRAVEL_MODES):
        columns[mode] = table[bands, position] * travel
    shares = pl.DataFrame(columns)
    expanded = (
        pl.concat([flows, shares], how="horizontal")
        .unpivot(index=flows.columns, on=list(columns), variable_name="mode", value_name="mode_share")
        .filter(pl.col("mode_share") > 0)
        .with_columns(workers=pl.col("workers") * pl.col("mode_share"))
        .drop("mode_share")
    )
    return expanded
