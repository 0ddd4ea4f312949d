"""The client's IP address: REMOTE_ADDR unless a trusted reverse proxy is declared, then its header only."""

import pytest
from django.test import RequestFactory

from teletravail.apps.audit.services import client_ip


def request(**meta):
    return RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", **meta)


def test_without_a_declared_proxy_a_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_IP_HEADER = ""
    assert client_ip(request(HTTP_X_FORWARDED_FOR="203.0.113.5", HTTP_X_REAL_IP="203.0.113.6")) == "10.0.0.1"


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (1, "203.0.113.5", "203.0.113.5"),
        # The client wrote the left part itself: only what the trusted proxy appended counts.
        (1, "198.51.100.66, 203.0.113.5", "203.0.113.5"),
        (2, "198.51.100.66, 203.0.113.5, 10.0.0.9", "203.0.113.5"),
        (1, "2001:db8::1", "2001:db8::1"),
        # Missing, too short or not an address: the proxy did not set it, so REMOTE_ADDR.
        (1, "", "10.0.0.1"),
        (2, "203.0.113.5", "10.0.0.1"),
        (1, "pas-une-adresse", "10.0.0.1"),
    ],
)
def test_behind_a_declared_proxy_its_header_is_read_from_the_right(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_IP_HEADER = "X-Forwarded-For"
    settings.TRUSTED_PROXY_COUNT = count
    meta = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    assert client_ip(request(**meta)) == expected


def test_another_declared_header_is_the_only_one_read(settings):
    settings.TRUSTED_PROXY_IP_HEADER = "X-Real-IP"
    assert client_ip(request(HTTP_X_REAL_IP="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.1")) == "203.0.113.7"
