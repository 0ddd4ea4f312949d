"""Production logs: one JSON object per line, and one line per request with its route, status and duration, and no
personal data."""

import json
import logging
import sys

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import resolve

from teletravail.apps.core.json_logs import JsonFormatter
from teletravail.apps.core.middleware import RequestLogMiddleware


def _record(message, *args, exc_info=None, **extra):
    record = logging.LogRecord("teletravail.test", logging.WARNING, __file__, 1, message, args, exc_info)
    record.__dict__.update(extra)
    return record


def test_a_record_is_one_line_of_json_with_its_extra_fields():
    line = JsonFormatter().format(_record("Calcul %s terminé", 12, status=200, duration_ms=3.5))
    assert "\n" not in line
    entry = json.loads(line)
    assert entry.pop("time").endswith("+00:00")
    assert entry == {
        "level": "WARNING",
        "logger": "teletravail.test",
        "message": "Calcul 12 terminé",
        "status": 200,
        "duration_ms": 3.5,
    }


def test_an_exception_is_in_the_same_line():
    try:
        raise ValueError("valeur refusée")
    except ValueError:
        line = JsonFormatter().format(_record("échec", exc_info=sys.exc_info()))
    entry = json.loads(line)
    assert "ValueError: valeur refusée" in entry["exception"]


@pytest.mark.parametrize("status", [200, 404])
def test_each_request_is_logged_with_its_route_status_and_duration_not_its_path(caplog, status):
    request = RequestFactory().get("/planning/calendrier/jeton-secret.ics")
    request.resolver_match = resolve("/planning/calendrier/jeton-secret.ics")
    middleware = RequestLogMiddleware(lambda request: HttpResponse(status=status))
    with caplog.at_level(logging.INFO, logger="teletravail.requests"):
        middleware(request)
    [record] = caplog.records
    assert record.status == status
    assert record.method == "GET"
    assert record.route == "planning/calendrier/<str:token>.ics"
    assert record.view == "planner:ical_feed"
    assert record.duration_ms >= 0
    assert "jeton-secret" not in JsonFormatter().format(record)
