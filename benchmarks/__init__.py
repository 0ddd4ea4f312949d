"""Benchmarks run by `make bench`.

Each module listed in `MODULES` exposes `run()` returning a list of `Measure`. Every measure is printed
next to a baseline measured in the same run, as a ratio, so that figures from different machines compare.
"""

import os
import platform
import time
from dataclasses import dataclass


MODULES = [
    "benchmarks.geo",
    "benchmarks.simulator",
    "benchmarks.impact_flows",
    "benchmarks.planning",
    "benchmarks.places",
]


@dataclass(frozen=True)
class Measure:
    name: str
    value: float
    unit: str
    baseline_name: str
    baseline_value: float
    target: str = ""

    @property
    def ratio(self):
        return self.value / self.baseline_value if self.baseline_value else float("inf")


def timed(function, *args, **kwargs):
    """(result, seconds) of one call."""
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - start


def latencies_ms(function, queries):
    """Milliseconds of one call of `function` per query, in order."""
    return [timed(function, query)[1] * 1000 for query in queries]


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def machine_description():
    return f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
