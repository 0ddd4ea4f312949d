"""Reference geography: full import of the bundled CSV files, and commune search on the full table.

Baselines, measured in the same run: reading the same four CSV files with `csv.reader` only (the floor any
import pays), and a plain Python linear scan over the 34,920 normalised names held in memory (what a search
without the database would cost).
"""

import csv
import random

from benchmarks import Measure, latencies_ms, percentile, timed


SEED = 2026
WARM_UP_QUERIES = 20


def _read_csv_only(data_dir, files):
    rows = 0
    for name in files:
        with (data_dir / name).open(encoding="utf-8", newline="") as handle:
            for _row in csv.reader(handle):
                rows += 1
    return rows


def _queries(communes, rng):
    """At least 500 varied queries, as people type them: names, partial names, abbreviations, codes."""
    from teletravail.geo import normalize

    def sample(population, count):
        return rng.sample(population, min(count, len(population)))

    queries = []
    queries += [c.name for c in sample(communes, 150)]
    queries += [normalize(c.name).upper() for c in sample(communes, 100)]
    queries += [normalize(c.name)[: rng.randint(3, 6)] for c in sample(communes, 100)]
    saints = [c for c in communes if c.name.startswith(("Saint-", "Sainte-"))]
    queries += [
        c.name.replace("Sainte-", "Ste ", 1).replace("Saint-", "St ", 1).replace("-", " ") for c in sample(saints, 50)
    ]
    with_postal_codes = [c for c in communes if c.postal_codes]
    queries += [rng.choice(c.postal_codes.split()) for c in sample(with_postal_codes, 60)]
    queries += [c.code for c in sample(communes, 60)]
    queries += [f"{normalize(c.name).split()[-1]}" for c in sample(communes, 20)]
    rng.shuffle(queries)
    return [query for query in queries if len(query.strip()) >= 2]


def _linear_scan(names, query, limit=10):
    """The baseline: same normalisation and ranking, over a Python list instead of the database."""
    from teletravail.geo import normalize_query

    expanded = normalize_query(query)
    words = expanded.split()
    matches = [row for row in names if all(word in row[0] for word in words)]
    matches.sort(key=lambda row: (0 if row[0] == expanded else 1 if row[0].startswith(expanded) else 2, -row[2]))
    return matches[:limit]


def run():
    from teletravail.apps.geo.models import Commune
    from teletravail.apps.geo.selectors import search_communes
    from teletravail.apps.geo.services import DEFAULT_DATA_DIR, REQUIRED_COLUMNS, import_reference_geography

    files = list(REQUIRED_COLUMNS)
    # The baseline first: it also brings the files into the page cache for the import.
    rows, parse_seconds = timed(_read_csv_only, DEFAULT_DATA_DIR, files)
    was_empty = not Commune.objects.exists()
    report, import_seconds = timed(import_reference_geography)
    _again, reimport_seconds = timed(import_reference_geography)
    communes = report.communes.in_files
    measures = [
        Measure(
            name=f"geo: full import, {communes} communes" + ("" if was_empty else " (tables not empty)"),
            value=import_seconds,
            unit="s",
            baseline_name=f"csv.reader only, {rows} lines",
            baseline_value=parse_seconds,
            target="≤ 10 s",
        ),
        Measure(
            name="geo: re-import, nothing to write",
            value=reimport_seconds,
            unit="s",
            baseline_name=f"csv.reader only, {rows} lines",
            baseline_value=parse_seconds,
            target="≤ 10 s",
        ),
    ]

    all_communes = list(Commune.objects.only("code", "name", "postal_codes", "population"))
    queries = _queries(all_communes, random.Random(SEED))
    names = [(c.search_name, c.code, c.population) for c in Commune.objects.only("search_name", "code", "population")]
    for query in queries[:WARM_UP_QUERIES]:
        search_communes(query)
        _linear_scan(names, query)
    database = latencies_ms(search_communes, queries)
    scan = latencies_ms(lambda query: _linear_scan(names, query), queries)
    measures.append(
        Measure(
            name=f"geo: commune search p95, {len(queries)} queries",
            value=percentile(database, 0.95),
            unit="ms",
            baseline_name="Python linear scan p95",
            baseline_value=percentile(scan, 0.95),
            target="p95 ≤ 30 ms",
        )
    )

    # The same queries through the autocomplete's JSON endpoint: URL routing, middleware, JSON encoding.
    from django.test import Client
    from django.urls import reverse

    client, url = Client(HTTP_HOST="127.0.0.1"), reverse("geo:search")

    def search_over_http(query):
        response = client.get(url, {"q": query})
        # A benchmark of error pages would be meaningless: stop at the first one.
        if response.status_code != 200:
            raise RuntimeError(f"{url}?q={query} answered {response.status_code}")
        return response

    endpoint = latencies_ms(search_over_http, queries)
    measures.append(
        Measure(
            name=f"geo: autocomplete endpoint p95, {len(queries)} requests",
            value=percentile(endpoint, 0.95),
            unit="ms",
            baseline_name="Python linear scan p95",
            baseline_value=percentile(scan, 0.95),
            target="p95 ≤ 30 ms",
        )
    )
    return measures
