"""The application the server tests run: every URL module (hence every view and engine) imported before gunicorn
forks its workers, so that no worker spends the first rounds importing."""

from django.urls import get_resolver

from teletravail.wsgi import application


PATTERNS = get_resolver().url_patterns

__all__ = ["PATTERNS", "application"]
