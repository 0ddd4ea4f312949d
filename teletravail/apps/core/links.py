"""Absolute addresses of the platform's pages, for e-mails."""

from django.conf import settings


# Used for links in e-mails sent without a request at hand (command line); requests use their own host.
DEFAULT_PLATFORM_URL = "http://127.0.0.1:8000"


def absolute_url(path, request=None):
    if request is not None:
        return request.build_absolute_uri(path)
    return getattr(settings, "PLATFORM_URL", DEFAULT_PLATFORM_URL).rstrip("/") + path
