"""Local development: `make run` serves with these settings."""

from teletravail.settings.base import *  # noqa: F403


DEBUG = True
