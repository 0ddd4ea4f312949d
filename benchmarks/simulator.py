"""The person simulation through the HTTP API, next to the same engine call made directly in the same run."""

import json

from benchmarks import Measure, percentile, timed


REQUESTS = 300
PAYLOADS = [
    {"distance_km": 5 + (index % 60), "mode": mode, "telework_days": 1 + index % 3, "office_days": 2}
    for index, mode in enumerate(["voiture_thermique", "bus", "velo", "train", "covoiturage", "metro"] * 50)
]


def run():
    from django.conf import settings
    from django.test import override_settings

    # The anonymous rate limit would answer 429 once its free calls are spent: lift it, its bookkeeping stays timed.
    rule = {**settings.THROTTLE_RULES["api-anonymous-ip"], "free": 10**9}
    with override_settings(THROTTLE_RULES={**settings.THROTTLE_RULES, "api-anonymous-ip": rule}):
        return _measures()


def _measures():
    from django.test import Client

    from teletravail.impact.person import simulate_person

    client = Client(HTTP_HOST="127.0.0.1")

    def over_http(payload):
        response = client.post("/api/v1/simulations/person", json.dumps(payload), content_type="application/json")
        # A benchmark of error answers would be meaningless: stop at the first one.
        if response.status_code != 200:
            raise RuntimeError(f"API answered {response.status_code}: {response.content[:200]!r}")

    for payload in PAYLOADS[:20]:  # warm-up: imports, parameter files, URL resolver
        over_http(payload)
        simulate_person(payload)
    api = [timed(over_http, payload)[1] * 1000 for payload in PAYLOADS[:REQUESTS]]
    engine = [timed(simulate_person, payload)[1] * 1000 for payload in PAYLOADS[:REQUESTS]]
    return [
        Measure(
            f"simulator: person simulation through the API, p95 of {len(api)}",
            percentile(api, 0.95),
            "ms",
            "engine call alone, p95",
            percentile(engine, 0.95),
            "p95 ≤ 50 ms",
        )
    ]
