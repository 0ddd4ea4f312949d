"""Home-to-work flows at national scale: the synthetic table (~8.9 M rows), its load and the territory simulation.

The table is generated once by `teletravail.impact.flows.synthetic` and cached in the temporary directory (keyed
by the generator version, the seed and the content of flows.yaml and communes_france.csv). Each step runs in a
fresh child process (multiprocessing "spawn") so that its peak memory is its own: peak resident memory is read
with `resource.getrusage(RUSAGE_SELF).ru_maxrss` in the child (it counts NumPy, Polars and Arrow buffers, which
tracemalloc would not see).

Baselines, measured in the same run and the same child:
- load: PyArrow reading only the two numeric columns (`workers`, `distance_km`) of the same file, the floor of
  any load;
- territory simulation: a plain NumPy single pass over the same columns (Σ workers × distance and, per home
  commune, `np.bincount` of workers and of workers × distance), on home codes already turned into integers;
- memory: the child's resident memory after its imports, before touching the file;
- generation: NumPy drawing as many uniform numbers as the table has rows and placing them (sorted, as the
  generator's are) with one `searchsorted` in a 35-million-cell cumulative table (the floor of the sampling step).
"""

import multiprocessing
import tempfile
import time
from pathlib import Path

from benchmarks import Measure


SEED = 2026
MB = 1024  # ru_maxrss is in KiB on Linux


def _peak_mb():
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / MB


def _cache_path():
    from teletravail.impact.flows.synthetic import synthetic_table_name

    return Path(tempfile.gettempdir()) / "teletravail-bench" / synthetic_table_name(SEED)


def _generate(path, queue):
    idle = _peak_mb()
    from teletravail.impact.flows.synthetic import synthesize, write_synthetic

    start = time.perf_counter()
    table = synthesize(seed=SEED)
    write_synthetic(table, path)
    seconds = time.perf_counter() - start
    rows = table.frame.height
    del table

    import numpy as np

    rng = np.random.default_rng(SEED)
    grid = np.cumsum(rng.random(35_000_000))
    queries = np.sort(rng.random(rows)) * grid[-1]
    start = time.perf_counter()
    rng.random(rows)
    np.searchsorted(grid, queries)
    floor = time.perf_counter() - start
    queue.put({"seconds": seconds, "peak_mb": _peak_mb(), "idle_mb": idle, "rows": rows, "floor": floor})


def _load_and_simulate(path, queue):
    import numpy as np
    import polars as pl
    import pyarrow.parquet as pq

    from teletravail.impact.flows import STANDARD_COLUMNS, read_flows
    from teletravail.uploads import UNBOUNDED

    try:
        from teletravail.impact.territory import TerritoryScenario, prepare_flows, simulate_territory
    except ImportError:
        simulate_territory = None
    result = {"idle_mb": _peak_mb()}

    start = time.perf_counter()
    numbers = pq.read_table(path, columns=["workers", "distance_km"])
    workers, distance = (numbers.column(name).to_numpy() for name in ("workers", "distance_km"))
    result["arrow_load"] = time.perf_counter() - start
    del numbers

    start = time.perf_counter()
    flows = pl.read_parquet(path, columns=list(STANDARD_COLUMNS))
    result["load"] = time.perf_counter() - start
    result["rows"] = flows.height

    home = flows["home"].cast(pl.Categorical).to_physical().to_numpy()
    start = time.perf_counter()
    total = float(np.dot(workers, distance))
    per_home_workers = np.bincount(home, weights=workers)
    per_home_km = np.bincount(home, weights=workers * distance)
    result["numpy_pass"] = time.perf_counter() - start
    result["numpy_total_worker_km"] = total
    result["numpy_communes"] = int(np.count_nonzero(per_home_workers))
    assert abs(per_home_km.sum() - total) <= 1e-6 * total
    del home, workers, distance

    if simulate_territory is not None:
        scenario = TerritoryScenario(telework_days_per_week=2, adoption=0.5)
        start = time.perf_counter()
        # The first scenario pays every check and per-mode sum (prepare_flows and its cached profile).
        prepared = prepare_flows(flows)
        territory = simulate_territory(prepared, scenario, by_commune=True)
        result["simulate"] = time.perf_counter() - start
        result["communes"] = territory.by_commune.height if territory.by_commune is not None else 0
        # A user changing the scenario on the data already loaded and prepared.
        start = time.perf_counter()
        simulate_territory(prepared, TerritoryScenario(telework_days_per_week=1, adoption=0.8), by_commune=True)
        result["new_scenario"] = time.perf_counter() - start
        start = time.perf_counter()
        simulate_territory(prepared, scenario, by_commune=False, monte_carlo=1000, seed=SEED)
        result["monte_carlo"] = time.perf_counter() - start
        del prepared
    result["peak_mb"] = _peak_mb()
    del flows

    start = time.perf_counter()
    read_flows(path, limits=UNBOUNDED)  # the national table, read as the command line does: not an upload
    result["read_flows"] = time.perf_counter() - start
    result["peak_read_flows_mb"] = _peak_mb()
    queue.put(result)


def _in_child(target, path):
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=target, args=(str(path), queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def run():
    path = _cache_path()
    measures = []
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")
        generated = _in_child(_generate, partial)
        partial.rename(path)
        measures += [
            Measure(
                f"flows: synthesize-flows ({generated['rows'] / 1e6:.1f} M rows)",
                generated["seconds"],
                "s",
                "NumPy uniform draws + searchsorted",
                generated["floor"],
                "< 180 s on 2 cores",
            ),
            Measure(
                "flows: synthesize-flows peak memory",
                generated["peak_mb"],
                "MB",
                "child after imports",
                generated["idle_mb"],
                "< 6 GB",
            ),
        ]
    result = _in_child(_load_and_simulate, path)
    rows = f"{result['rows'] / 1e6:.1f} M rows"
    measures += [
        Measure(
            f"flows: Parquet load ({rows})", result["load"], "s", "PyArrow, 2 numeric columns", result["arrow_load"]
        ),
        Measure("flows: read_flows (validated)", result["read_flows"], "s", "Parquet load", result["load"]),
    ]
    if "simulate" in result:
        measures += [
            Measure(
                f"flows: simulate_territory ({result['communes']} communes)",
                result["simulate"],
                "s",
                "NumPy single pass, same columns",
                result["numpy_pass"],
            ),
            Measure(
                "flows: new scenario on loaded data",
                result["new_scenario"],
                "s",
                "NumPy single pass, same columns",
                result["numpy_pass"],
                "≤ 1 s",
            ),
            Measure(
                "flows: 1,000-draw Monte Carlo, national commune pairs",
                result["monte_carlo"],
                "s",
                "NumPy single pass, same columns",
                result["numpy_pass"],
                "≤ 120 s",
            ),
            Measure(
                "flows: load + territory simulation",
                result["load"] + result["simulate"],
                "s",
                "PyArrow load + NumPy pass",
                result["arrow_load"] + result["numpy_pass"],
                "≤ 3 s",
            ),
        ]
    measures.append(
        Measure(
            "flows: peak memory, load + simulation",
            result["peak_mb"],
            "MB",
            "child after imports",
            result["idle_mb"],
            "≤ 3 GB",
        )
    )
    return measures


if __name__ == "__main__":
    for measure in run():
        print(
            f"{measure.name:<48} {measure.value:>10.4g} {measure.unit:<3} "
            f"{measure.baseline_name} = {measure.baseline_value:.4g} (x{measure.ratio:.2f}) {measure.target}"
        )
