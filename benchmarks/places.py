"""Places directory: import of the bundled CGET 2019 list, then the open API's bounding-box and nearest-places
queries over 20,000 places (the real ones and generated ones spread over real communes), through the HTTP stack
(Django's test client: URL routing, middleware, authentication, rate limiting, JSON encoding).

Baselines, measured in the same run: reading the CGET file with `csv.reader` only, and a plain Python linear scan
over the 20,000 positions held in memory (the same box, or the same distance ranking).
"""

import csv
import random

from benchmarks import Measure, latencies_ms, percentile, timed


SEED = 2026
PLACES = 20_000
QUERIES = 300
WARM_UP_QUERIES = 20
# A box of about 11 × 8 km at French latitudes: a town and its surroundings, as a map shows it.
BOX_DEGREES = 0.1
# Generated places lie within this of their commune's centre (degrees, about 2 km).
JITTER_DEGREES = 0.02


def _read_csv_only(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return sum(1 for _row in csv.reader(handle))


def _generate(count, rng):
    """`count` published places spread over real communes, more where more people live (as places are)."""
    from teletravail.apps.geo.models import Commune
    from teletravail.apps.places.models import Place, PlaceStatus
    from teletravail.places.vocabulary import KINDS, SERVICES

    communes = list(
        Commune.objects.filter(latitude__isnull=False, kind="COM").values_list(
            "code", "latitude", "longitude", "population"
        )
    )
    chosen = rng.choices(communes, weights=[max(1, population) for *_rest, population in communes], k=count)
    Place.objects.bulk_create(
        (
            Place(
                name=f"Lieu {number}",
                kind=rng.choice(KINDS),
                commune_id=code,
                latitude=latitude + rng.uniform(-JITTER_DEGREES, JITTER_DEGREES),
                longitude=longitude + rng.uniform(-JITTER_DEGREES, JITTER_DEGREES),
                services=rng.sample(SERVICES, 3),
                source="bench",
                licence="Licence Ouverte 2.0",
                status=PlaceStatus.PUBLISHED,
            )
            for number, (code, latitude, longitude, _population) in enumerate(chosen)
        ),
        batch_size=2000,
    )


def _get(client, url, query):
    response = client.get(url, query)
    # A benchmark of error pages would be meaningless: stop at the first one.
    if response.status_code != 200:
        raise RuntimeError(f"{url} {query} answered {response.status_code}: {response.content[:200]}")
    return response


def _scan_box(positions, box):
    min_lon, min_lat, max_lon, max_lat = box
    return [row for row in positions if min_lat <= row[1] <= max_lat and min_lon <= row[2] <= max_lon]


def _scan_nearest(positions, latitude, longitude, limit=10):
    from teletravail.geo import great_circle_km

    return sorted(positions, key=lambda row: great_circle_km(latitude, longitude, row[1], row[2]))[:limit]


def run():
    from django.conf import settings
    from django.test import Client, override_settings

    from teletravail.apps.geo.models import Commune
    from teletravail.apps.geo.services import import_reference_geography
    from teletravail.apps.places.models import Place
    from teletravail.apps.places.services import import_places
    from teletravail.places.readers import CGET_FILE, read_cget2019

    if not Commune.objects.exists():
        import_reference_geography()
    Place.objects.all().delete()
    lines, read_seconds = timed(_read_csv_only, CGET_FILE)
    report, import_seconds = timed(lambda: import_places(read_cget2019()))
    measures = [
        Measure(
            name=f"places: CGET 2019 import, {report.created} created, {len(report.rejected)} rejected",
            value=import_seconds,
            unit="s",
            baseline_name=f"csv.reader only, {lines} lines",
            baseline_value=read_seconds,
            target="≤ 5 s",
        )
    ]

    rng = random.Random(SEED)
    _generate(PLACES - Place.objects.count(), rng)
    positions = list(Place.objects.values_list("pk", "latitude", "longitude"))
    centres = rng.sample(positions, QUERIES)
    half = BOX_DEGREES / 2
    boxes = [
        (longitude - half, latitude - half, longitude + half, latitude + half) for _pk, latitude, longitude in centres
    ]
    communes = rng.sample(
        list(Commune.objects.filter(latitude__isnull=False, kind="COM").values_list("code", "latitude", "longitude")),
        QUERIES,
    )
    client = Client(HTTP_HOST="127.0.0.1")
    # Anonymous calls are rate-limited per IP; the benchmark's are all from one: count them, never refuse them.
    anonymous = {**settings.THROTTLE_RULES["api-anonymous-ip"], "free": 10**9}
    rules = {**settings.THROTTLE_RULES, "api-anonymous-ip": anonymous}
    with override_settings(THROTTLE_RULES=rules):

        def bbox_query(box):
            return _get(client, "/api/v1/places", {"bbox": ",".join(f"{value:.6f}" for value in box)})

        def nearest_query(commune):
            return _get(client, "/api/v1/places/nearest", {"commune": commune[0], "limit": 10})

        for box, commune in zip(boxes[:WARM_UP_QUERIES], communes[:WARM_UP_QUERIES], strict=True):
            bbox_query(box)
            nearest_query(commune)
        box_ms = latencies_ms(bbox_query, boxes)
        nearest_ms = latencies_ms(nearest_query, communes)
    found = [len(_scan_box(positions, box)) for box in boxes]
    scan_box_ms = latencies_ms(lambda box: _scan_box(positions, box), boxes)
    scan_nearest_ms = latencies_ms(lambda commune: _scan_nearest(positions, commune[1], commune[2]), communes)
    measures += [
        Measure(
            name=f"places: API bbox p95, {len(positions)} places, {QUERIES} boxes, median {percentile(found, 0.5)} in",
            value=percentile(box_ms, 0.95),
            unit="ms",
            baseline_name="Python linear scan p95",
            baseline_value=percentile(scan_box_ms, 0.95),
            target="p95 ≤ 50 ms",
        ),
        Measure(
            name=f"places: API nearest 10 p95, {len(positions)} places, {QUERIES} communes",
            value=percentile(nearest_ms, 0.95),
            unit="ms",
            baseline_name="Python scan and sort p95",
            baseline_value=percentile(scan_nearest_ms, 0.95),
            target="p95 ≤ 20 ms",
        ),
    ]
    return measures
