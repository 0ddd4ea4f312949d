"""Tests against a real server: gunicorn with several workers and threads, on the test database (PostgreSQL).

The server reads the database the test commits to (`django_db(transaction=True)`), so these tests need a database
another process can open: on SQLite (an in-memory test database) they are deselected, and said so.
"""

import http.client
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from django.test import Client

from tests.server.client import Browser


HOST = "127.0.0.1"
WORKERS = 4
THREADS = 2
STARTUP_SECONDS = 60
REPO_ROOT = Path(__file__).resolve().parents[2]


def _postgresql():
    from django.conf import settings

    return "postgresql" in settings.DATABASES["default"]["ENGINE"]


def pytest_collection_modifyitems(config, items):
    if _postgresql():
        return
    deselected = [item for item in items if item.get_closest_marker("server")]
    if deselected:
        items[:] = [item for item in items if not item.get_closest_marker("server")]
        config.hook.pytest_deselected(items=deselected)
        config._server_tests_deselected = len(deselected)


def pytest_terminal_summary(terminalreporter, config):
    count = getattr(config, "_server_tests_deselected", 0)
    if count:
        terminalreporter.write_line(
            f"{count} server test(s) deselected: they need PostgreSQL (set DATABASE_URL), see `make test-db`."
        )


def _database_url():
    """The test database as a URL for the server process (pytest-django has renamed it by now)."""
    params = connection.settings_dict
    credentials = quote(params["USER"], safe="")
    if params.get("PASSWORD"):
        credentials += ":" + quote(params["PASSWORD"], safe="")
    port = f":{params['PORT']}" if params.get("PORT") else ""
    return f"postgres://{credentials}@{params['HOST'] or 'localhost'}{port}/{params['NAME']}"


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker):
    """A gunicorn server on a port chosen by the system (the socket is bound here and handed over, so no other
    process can take it in between); yields (host, port)."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((HOST, 0))
    listener.listen(128)
    listener.set_inheritable(True)
    port = listener.getsockname()[1]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "teletravail.settings.test",
        "DATABASE_URL": _database_url(),
        "DATABASE_CONN_MAX_AGE": "0",
    }
    log = tempfile.TemporaryFile(mode="w+")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "tests.server.wsgi:application",
            f"--bind=fd://{listener.fileno()}",
            f"--workers={WORKERS}",
            "--worker-class=gthread",
            f"--threads={THREADS}",
            "--preload",
            "--log-level=warning",
        ],
        cwd=REPO_ROOT,
        env=env,
        pass_fds=[listener.fileno()],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    listener.close()
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if process.poll() is not None:
                log.seek(0)
                pytest.fail(f"gunicorn stopped at start-up:\n{log.read()}")
            # The socket accepts connections from the start: ready is when a worker answers.
            try:
                connection = http.client.HTTPConnection(HOST, port, timeout=5)
                connection.request("GET", "/")
                connection.getresponse().read()
                connection.close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("gunicorn did not answer in time")
                time.sleep(0.2)
        yield HOST, port
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.seek(0)
        errors = log.read()
        log.close()
        if "Traceback" in errors:
            sys.stderr.write(f"gunicorn log:\n{errors}\n")


@pytest.fixture
def browser_for(server):
    """browser_for(user): a new signed-in session of the user on the server."""

    def make(user):
        client = Client()
        client.force_login(user)
        return Browser(*server, client.cookies["sessionid"].value)

    return make
