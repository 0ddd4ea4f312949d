"""A synthetic national commuter table, FD_MOBPRO-like, calibrated to the published national aggregates.

THE TABLE IS SYNTHETIC: no INSEE flow is in it. It is built from the real commune populations and centroids
(bundled COG 2026 table) with a singly constrained gravity model (docs/methodology/synthetic-flows.md):

- residents in employment of zone i: W_i = population_i × target_workers / Σ population;
- probability that a resident of i works in j, among the `gravity_candidate_destinations` nearest zones of
  the same territory (metropolitan France, or one DROM):
  p_ij ∝ population_j^β × exp(−d_ij / L) × (k if j is in the commune of i else 1),
  d_ij the one-way road km of teletravail.impact.flows.distances (inside a commune: a fraction of the radius
  of the disc of its area, geo.yaml);
- L (decay length) and k (preference for the own commune) are calibrated so that the share of people working
  in their commune and the mean round trip match flows.yaml; then the mode by distance band is calibrated by
  iterative proportional fitting to the national modal shares, and « aucun » (no transport) is given to a share
  of the people working in their own place of residence;
- rows are drawn with a seeded NumPy generator: n_i ≈ W_i / synthetic_mean_weight person rows per zone, each
  with weight IPONDI = W_i / n_i, a work place drawn from p_i· and a mode drawn from the band of its distance.
"""

import hashlib
import json
import math
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import polars as pl

from teletravail.impact.flows.codes import ARM_NOT_APPLICABLE, MODE_TO_TRANS, MODES, STANDARD_COLUMNS, TRAVEL_MODES
from teletravail.impact.flows.distances import intra_commune_km, zone_pair_km
from teletravail.impact.flows.modes import (
    band_index,
    calibrate_mode_table,
    no_transport_share_of_stayers,
    prior_table,
    target_vector,
)
from teletravail.impact.flows.parameters import flows_parameters
from teletravail.impact.flows.reference import DEFAULT_COMMUNES_FILE, load_reference
from teletravail.impact.flows.residents import workers_by_residence
from teletravail.parameters import DATA_DIR as PARAMETERS_DIR


GENERATOR = "teletravail.impact.flows.synthetic"
GENERATOR_VERSION = "1"
DEFAULT_SEED = 2026
FD_COLUMNS = ("COMMUNE", "ARM", "DCLT", "TRANS", "IPONDI")
# Origins per block of the nearest-neighbour search: bounds the memory of one distance block (~150 MB).
NEIGHBOUR_BLOCK = 1024
# Root finding of the calibration (bisection on log L, inner bisection on log k).
DECAY_BRACKET_KM = (0.5, 200.0)
STAY_BRACKET = (1e-4, 1e5)
CALIBRATION_RELATIVE_TOLERANCE = 1e-5
CALIBRATION_MAX_ITERATIONS = 60


def _noop_progress(description, completed=None, total=None):
    return None


@dataclass
class Network:
    """Zones (communes, PLM arrondissements) and, per territory, the candidate work places of each zone."""

    codes: np.ndarray  # zone code (str objects)
    communes: np.ndarray  # commune of the zone (the parent for an arrondissement)
    is_arm: np.ndarray
    population: np.ndarray
    workers: np.ndarray  # W_i
    imputed: np.ndarray
    blocks: list = field(default_factory=list)  # one _Block per territory


@dataclass
class _Block:
    territory: str
    origins: np.ndarray  # zone indices (n,)
    destinations: np.ndarray  # zone indices (n, K) int32
    distance_km: np.ndarray  # (n, K) float32
    same_commune: np.ndarray  # (n, K) bool
    same_place: np.ndarray  # (n, K) bool
    log_attraction: np.ndarray  # (n, K) float32, β log population_j (−inf for empty zones)


@dataclass(frozen=True)
class Calibration:
    decay_km: float
    stay_factor: float
    same_commune_share: float
    mean_round_trip_km: float
    same_place_share: float
    no_transport_share_of_stayers: float
    mode_table: tuple  # bands × travel modes (tuple of tuples)
    mode_ipf_iterations: int
    mode_ipf_gap: float
    decay_iterations: int
    travellers_by_band: tuple
    workers_share_within_2km: float
    workers_share_within_5km: float
    edge_weight_share: float  # share of the flows on the farthest candidate of each zone (truncation indicator)

    def as_dict(self):
        return asdict(self)


@dataclass(frozen=True)
class SyntheticTable:
    frame: pl.DataFrame
    calibration: Calibration
    seed: int
    metadata: dict
    timings: dict


# --- network --------------------------------------------------------------------------------------------------


def build_network(params=None, reference=None, candidates=None, when=None, progress=_noop_progress):
    """Zones, workers and the `candidates` nearest work places of every zone (per territory)."""
    params = params or flows_parameters(when)
    reference = reference or load_reference()
    candidates = candidates or params.candidate_destinations
    zones = reference.zones()
    codes = zones["code"].to_numpy()
    population = zones["population"].fill_null(0.0).to_numpy().astype(np.float64)
    lat = zones["lat"].to_numpy()
    lon = zones["lon"].to_numpy()
    area = zones["area_km2"].to_numpy()
    territory = zones["territory"].to_numpy()
    communes = zones["commune"].to_numpy()
    workers = workers_by_residence(population, params.target_workers)
    network = Network(
        codes=codes,
        communes=communes,
        is_arm=(zones["type"] == "ARM").to_numpy(),
        population=population,
        workers=workers,
        imputed=zones["imputed"].to_numpy(),
    )
    commune_ids = np.unique(communes, return_inverse=True)[1].astype(np.int32)
    with np.errstate(divide="ignore"):
        log_attraction = (params.attractiveness_exponent * np.log(population)).astype(np.float32)
    intra = intra_commune_km(area, when=when)
    territories = sorted(set(territory.tolist()), key=lambda name: (name != "metro", name))
    total = len(codes)
    done = 0
    for name in territories:
        origins = np.flatnonzero(territory == name)
        k = min(candidates, len(origins))
        # Local equirectangular projection, only to choose the nearest candidates; exact distances follow.
        lat0 = math.radians(float(np.mean(lat[origins])))
        x = (np.radians(lon[origins]) * math.cos(lat0)).astype(np.float32)
        y = np.radians(lat[origins]).astype(np.float32)
        nearest = np.empty((len(origins), k), dtype=np.int32)
        for start in range(0, len(origins), NEIGHBOUR_BLOCK):
            stop = min(len(origins), start + NEIGHBOUR_BLOCK)
            d2 = (x[start:stop, None] - x[None, :]) ** 2 + (y[start:stop, None] - y[None, :]) ** 2
            if k < len(origins):
                part = np.argpartition(d2, k - 1, axis=1)[:, :k]
            else:
                part = np.broadcast_to(np.arange(len(origins)), (stop - start, k)).copy()
            own = np.arange(start, stop)
            missing = ~(part == own[:, None]).any(axis=1)
            if missing.any():  # several zones on the same point: keep the zone itself among its candidates
                farthest = np.argmax(np.take_along_axis(d2, part, axis=1), axis=1)
                part[missing, farthest[missing]] = own[missing]
            nearest[start:stop] = part
            done += stop - start
            progress("Recherche des communes voisines", done, total)
        destinations = origins[nearest]
        home = origins[:, None]
        same_place = destinations == home
        distance = zone_pair_km(lat, lon, intra, home, destinations, when).astype(np.float32)
        network.blocks.append(
            _Block(
                territory=name,
                origins=origins,
                destinations=destinations.astype(np.int32),
                distance_km=distance,
                same_commune=commune_ids[destinations] == commune_ids[home],
                same_place=same_place,
                log_attraction=log_attraction[destinations],
            )
        )
    return network


# --- calibration -----------------------------------------------------------------------------------------------


def _weights(block, decay_km):
    return np.exp(block.log_attraction - block.distance_km * np.float32(1.0 / decay_km))


def _sums(network, decay_km):
    """Per origin: Σ weights and Σ weights × km inside and outside the own commune (all territories)."""
    parts = []
    for block in network.blocks:
        weights = _weights(block, decay_km)
        inside = np.where(block.same_commune, weights, 0.0)
        outside = weights - inside
        parts.append(
            (
                block.origins,
                inside.sum(axis=1, dtype=np.float64),
                (inside * block.distance_km).sum(axis=1, dtype=np.float64),
                outside.sum(axis=1, dtype=np.float64),
                (outside * block.distance_km).sum(axis=1, dtype=np.float64),
            )
        )
    origins = np.concatenate([part[0] for part in parts])
    return origins, *(np.concatenate([part[i] for part in parts]) for i in range(1, 5))


def _national(network, origins, s_in, d_in, s_out, d_out, stay):
    workers = network.workers[origins]
    total = s_in * stay + s_out
    valid = (workers > 0) & (total > 0)
    w = workers[valid]
    share = (s_in[valid] * stay) / total[valid]
    mean = (d_in[valid] * stay + d_out[valid]) / total[valid]
    return float((w * share).sum() / w.sum()), float((w * mean).sum() / w.sum())


def _solve_stay(network, sums, target_share):
    """k such that the national share working in their commune is `target_share` (monotone in k)."""
    low, high = (math.log(value) for value in STAY_BRACKET)
    for _ in range(CALIBRATION_MAX_ITERATIONS):
        middle = (low + high) / 2
        share, _mean = _national(network, *sums, math.exp(middle))
        if share < target_share:
            low = middle
        else:
            high = middle
        if high - low < 1e-7:
            break
    return math.exp((low + high) / 2)


def calibrate(network, params=None, when=None, progress=_noop_progress):
    """Fit L and k to the same-commune share and mean distance, then the modes to the national shares.

    Returns (Calibration, destination probabilities per block), the latter for `sample_rows`.
    """
    params = params or flows_parameters(when)
    target_share = params.target_same_commune_share
    target_one_way = params.target_mean_round_trip_km / 2
    low, high = (math.log(value) for value in DECAY_BRACKET_KM)
    decay = stay = None
    iterations = 0
    for iterations in range(1, CALIBRATION_MAX_ITERATIONS + 1):
        middle = (low + high) / 2
        decay = math.exp(middle)
        sums = _sums(network, decay)
        stay = _solve_stay(network, sums, target_share)
        _share, mean = _national(network, *sums, stay)
        progress(f"Calage du modèle gravitaire (L = {decay:.2f} km, k = {stay:.2f})", iterations, None)
        if abs(mean / target_one_way - 1) < CALIBRATION_RELATIVE_TOLERANCE:
            break
        # The mean distance grows with L along the curve share(L, k(L)) = target.
        if mean < target_one_way:
            low = middle
        else:
            high = middle
    probabilities = destination_probabilities(network, decay, stay)
    share, mean, same_place, by_band, edge = _expected(network, probabilities, params)
    stayers = no_transport_share_of_stayers(params.target_no_transport_share, same_place)
    travellers = by_band["same_place"] * (1 - stayers) + by_band["other"]
    table, ipf_iterations, gap = calibrate_mode_table(travellers, prior_table(params), target_vector(params))
    everyone = (by_band["same_place"] + by_band["other"]) / network.workers.sum()
    upper = params.band_upper_km

    def within(km):  # the thresholds of the Insee indicators target_share_within_2km / _5km
        return float(everyone[: upper.index(km) + 1].sum()) if km in upper else float("nan")

    return Calibration(
        decay_km=decay,
        stay_factor=stay,
        same_commune_share=float(share),
        mean_round_trip_km=float(2 * mean),
        same_place_share=float(same_place),
        no_transport_share_of_stayers=stayers,
        mode_table=tuple(tuple(float(value) for value in row) for row in table),
        mode_ipf_iterations=ipf_iterations,
        mode_ipf_gap=gap,
        decay_iterations=iterations,
        travellers_by_band=tuple(float(value) for value in travellers),
        workers_share_within_2km=within(2.0),
        workers_share_within_5km=within(5.0),
        edge_weight_share=float(edge),
    ), probabilities


def destination_probabilities(network, decay_km, stay_factor):
    """p_ij per block (float64, rows sum to 1; rows of empty zones are uniform and never sampled)."""
    result = []
    for block in network.blocks:
        weights = _weights(block, decay_km).astype(np.float64)
        weights[block.same_commune] *= stay_factor
        totals = weights.sum(axis=1, keepdims=True)
        empty = totals[:, 0] <= 0
        weights[empty] = 1.0
        totals[empty] = weights.shape[1]
        weights /= totals
        result.append(weights)
    return result


def _expected(network, probabilities, params):
    """Expected national indicators of the model (before sampling)."""
    nbands = len(params.band_upper_km) + 1
    same = mean = same_place = edge = 0.0
    flows_same_place = np.zeros(nbands)
    flows_other = np.zeros(nbands)
    total = network.workers.sum()
    for block, p in zip(network.blocks, probabilities, strict=True):
        flows = p * network.workers[block.origins][:, None]
        same += flows[block.same_commune].sum()
        mean += (flows * block.distance_km).sum()
        same_place += flows[block.same_place].sum()
        farthest = np.argmax(block.distance_km, axis=1)
        edge += np.take_along_axis(flows, farthest[:, None], axis=1).sum()
        bands = band_index(block.distance_km, params.band_upper_km)
        flows_same_place += np.bincount(bands[block.same_place], weights=flows[block.same_place], minlength=nbands)
        other = ~block.same_place
        flows_other += np.bincount(bands[other], weights=flows[other], minlength=nbands)
    return (
        same / total,
        mean / total,
        same_place / total,
        {"same_place": flows_same_place, "other": flows_other},
        edge / total,
    )


# --- sampling ---------------------------------------------------------------------------------------------------


def sample_rows(network, probabilities, calibration, params, rows=None, seed=DEFAULT_SEED):
    """Draw the person rows: (origin zone, destination zone, distance, mode index in MODES, weight) arrays."""
    rng = np.random.default_rng(seed)
    total_workers = network.workers.sum()
    mean_weight = total_workers / rows if rows else params.synthetic_mean_weight
    table = np.asarray(calibration.mode_table)
    nbands = table.shape[0]
    stayers = calibration.no_transport_share_of_stayers
    # Cumulative mode probabilities (MODES order) for each band, for a trip inside / outside the place of residence.
    travel_columns = [MODES.index(mode) for mode in TRAVEL_MODES]
    cumulative = {}
    for inside in (True, False):
        for band in range(nbands):
            probs = np.zeros(len(MODES))
            probs[travel_columns] = table[band] * ((1 - stayers) if inside else 1.0)
            probs[MODES.index("aucun")] = stayers if inside else 0.0
            cumulative[inside, band] = np.cumsum(probs) / probs.sum()
    parts = []
    for block, p in zip(network.blocks, probabilities, strict=True):
        workers = network.workers[block.origins]
        counts = np.where(workers > 0, np.maximum(1, np.rint(workers / mean_weight)), 0).astype(np.int64)
        weight = np.divide(workers, counts, out=np.zeros_like(workers), where=counts > 0)
        row_of = np.repeat(np.arange(len(block.origins)), counts)
        k = p.shape[1]
        cum = np.cumsum(p, axis=1)
        cum /= cum[:, -1:]
        cum += np.arange(len(block.origins))[:, None]
        position = np.searchsorted(cum.ravel(), rng.random(len(row_of)) + row_of, side="right")
        column = np.clip(position - row_of * k, 0, k - 1)
        del cum
        distance = block.distance_km[row_of, column]
        inside = block.same_place[row_of, column]
        bands = band_index(distance, params.band_upper_km)
        mode = np.empty(len(row_of), dtype=np.int8)
        draws = rng.random(len(row_of))
        for (place, band), cum_modes in cumulative.items():
            chosen = (inside == place) & (bands == band)
            mode[chosen] = np.searchsorted(cum_modes, draws[chosen], side="right").clip(0, len(MODES) - 1)
        parts.append(
            (
                block.origins[row_of].astype(np.int32),
                block.destinations[row_of, column],
                distance.astype(np.float64),
                mode,
                weight[row_of],
            )
        )
    return tuple(np.concatenate([part[i] for part in parts]) for i in range(5))


def rows_frame(network, origin, destination, distance, mode, weight):
    """The FD_MOBPRO-like columns (COMMUNE, ARM, DCLT, TRANS, IPONDI) and the standard ones."""
    codes = pl.Series("code", network.codes, dtype=pl.Utf8)
    communes = pl.Series("commune", network.communes, dtype=pl.Utf8)
    arm = pl.Series("arm", np.where(network.is_arm, network.codes, ARM_NOT_APPLICABLE), dtype=pl.Utf8)
    mode_names = pl.Series("mode", list(MODES), dtype=pl.Utf8)
    trans = pl.Series("trans", [MODE_TO_TRANS[m] for m in MODES], dtype=pl.Utf8)
    origin_idx = pl.Series(origin, dtype=pl.UInt32)
    destination_idx = pl.Series(destination, dtype=pl.UInt32)
    mode_idx = pl.Series(mode.astype(np.uint32), dtype=pl.UInt32)
    return pl.DataFrame(
        {
            "COMMUNE": communes.gather(origin_idx),
            "ARM": arm.gather(origin_idx),
            "DCLT": codes.gather(destination_idx),
            "TRANS": trans.gather(mode_idx),
            "IPONDI": pl.Series(weight, dtype=pl.Float64),
            "home": codes.gather(origin_idx),
            "work": codes.gather(destination_idx),
            "mode": mode_names.gather(mode_idx),
            "workers": pl.Series(weight, dtype=pl.Float64),
            "distance_km": pl.Series(distance, dtype=pl.Float64),
        }
    )


def synthesize(rows=None, seed=DEFAULT_SEED, params=None, reference=None, candidates=None, when=None, progress=None):
    """Build the calibrated synthetic table in memory (see `write_synthetic` to save it)."""
    progress = progress or _noop_progress
    params = params or flows_parameters(when)
    reference = reference or load_reference()
    timings = {}
    start = time.perf_counter()
    network = build_network(params, reference, candidates, when, progress)
    timings["network_s"] = time.perf_counter() - start
    start = time.perf_counter()
    calibration, probabilities = calibrate(network, params, when, progress)
    timings["calibration_s"] = time.perf_counter() - start
    start = time.perf_counter()
    progress("Tirage des lignes", None, None)
    arrays = sample_rows(network, probabilities, calibration, params, rows, seed)
    del probabilities
    frame = rows_frame(network, *arrays)
    timings["sampling_s"] = time.perf_counter() - start
    metadata = synthetic_metadata(calibration, seed, params, frame, candidates or params.candidate_destinations)
    return SyntheticTable(frame=frame, calibration=calibration, seed=seed, metadata=metadata, timings=timings)


def synthetic_metadata(calibration, seed, params, frame, candidates):
    """Key-value metadata stored in the Parquet file (all values are strings)."""
    return {
        "synthetic": "true",
        "description": (
            "TABLE SYNTHÉTIQUE de navettes domicile-travail (format proche de FD_MOBPRO) : aucune donnée de flux "
            "Insee ; tirée d'un modèle gravitaire calé sur les agrégats nationaux "
            "(docs/methodology/synthetic-flows.md). Ne pas présenter comme des données observées."
        ),
        "generator": GENERATOR,
        "generator_version": GENERATOR_VERSION,
        "seed": str(seed),
        "rows": str(frame.height),
        "candidate_destinations": str(candidates),
        "parameters": "teletravail/parameters/data/flows.yaml et geo.yaml"
        + (f" au {params.when}" if params.when else ""),
        "communes": "teletravail/data/communes/communes_france.csv (COG 2026, populations légales)",
        "calibration": json.dumps(calibration.as_dict(), ensure_ascii=False),
        "columns": ", ".join((*FD_COLUMNS, *STANDARD_COLUMNS)),
    }


def synthetic_table_name(seed=DEFAULT_SEED, rows=None):
    """The file name of the table `synthesize(rows, seed)` gives: it holds the generator version, the seed, the rows
    asked for and a digest of the files the table is drawn from, so that a table stored under it can be reused."""
    digest = hashlib.sha256()
    for path in (PARAMETERS_DIR / "flows.yaml", PARAMETERS_DIR / "geo.yaml", DEFAULT_COMMUNES_FILE):
        digest.update(path.read_bytes())
    sized = f"-rows{rows}" if rows else ""
    return f"synthetic-flows-v{GENERATOR_VERSION}-seed{seed}{sized}-{digest.hexdigest()[:12]}.parquet"


def write_synthetic(table, path):
    """Write the table to Parquet with its metadata (zstd, statistics)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    table.frame.write_parquet(path, metadata=table.metadata, row_group_size=1 << 20)
    return path
