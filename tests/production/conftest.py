"""Browser smoke tests against a running production set-up (gunicorn with the production settings on PostgreSQL,
and a job worker), started by `.ci/production-smoke`, which gives its address in PRODUCTION_BASE_URL. Without it
they are deselected, and said so."""

import os

import pytest

from tests.e2e.conftest import base_url, browser_context_args, browser_type_launch_args  # noqa: F401  (fixtures)


def pytest_collection_modifyitems(config, items):
    if os.environ.get("PRODUCTION_BASE_URL"):
        return
    deselected = [item for item in items if item.get_closest_marker("production")]
    if deselected:
        items[:] = [item for item in items if not item.get_closest_marker("production")]
        config.hook.pytest_deselected(items=deselected)
        config._production_tests_deselected = len(deselected)


def pytest_terminal_summary(terminalreporter, config):
    count = getattr(config, "_production_tests_deselected", 0)
    if count:
        terminalreporter.write_line(
            f"{count} production smoke test(s) deselected: they run against the server .ci/production-smoke starts."
        )


@pytest.fixture(scope="session")
def production():
    """(base URL, demo admin's e-mail, password) of the running production server."""
    return (
        os.environ["PRODUCTION_BASE_URL"].rstrip("/"),
        os.environ["PRODUCTION_ADMIN_EMAIL"],
        os.environ["PRODUCTION_ADMIN_PASSWORD"],
    )
