"""Writes refused because another one happened at the same moment: a duplicate stopped by a unique constraint, or
an edit made on a state that has changed since the page was shown. Views answer them with 409 and the service's
French message, never with an error 500."""

from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError


CONFLICT_STATUS = 409


class Conflict(ValidationError):
    def __init__(self, message, params=None):
        super().__init__(message, code="conflict", params=params)


@contextmanager
def duplicates_refused(message):
    """A unique constraint's IntegrityError as a Conflict with `message`. Put it around the atomic block (outermost
    or savepoint) that writes, so that the block is rolled back and the connection usable when the message shows."""
    try:
        yield
    except IntegrityError as error:
        raise Conflict(message) from error


def status_of(error, default):
    """The HTTP status of a page showing a service's ValidationError: 409 for a conflict."""
    return CONFLICT_STATUS if isinstance(error, Conflict) else default


def posted_revision(data, name="revision"):
    """The revision a form was shown with, as posted; -1 (which no revision matches) when missing or malformed."""
    try:
        return int(data.get(name, ""))
    except ValueError:
        return -1
