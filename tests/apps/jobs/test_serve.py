"""`make run`'s launcher (`manage.py serve`): the web server and a job worker start together, and Ctrl-C stops both;
if one of them stops by itself, the other is stopped too."""

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest


ROOT = Path(__file__).resolve().parents[3]
ADDRESS = "127.0.0.1:8161"
# Both tests on one xdist worker: they share the port and the database file.
pytestmark = pytest.mark.xdist_group("serve")


def _environment(database):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "teletravail.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
    }


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """A database of its own, on a file both processes open (the tests' database lives in this process only)."""
    path = tmp_path_factory.mktemp("serve") / "db.sqlite3"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=_environment(path), check=True, timeout=600
    )
    return path


def _children(pid):
    with open(f"/proc/{pid}/task/{pid}/children") as handle:
        return [int(child) for child in handle.read().split()]


def _command_line(pid):
    with open(f"/proc/{pid}/cmdline", "rb") as handle:
        return handle.read().replace(b"\0", b" ").decode()


def _alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _wait_for(condition, timeout=240):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False


def _answers():
    try:
        urllib.request.urlopen(f"http://{ADDRESS}/", timeout=5)
    except urllib.error.HTTPError:
        return True  # any answer shows the server is up
    except OSError:
        return False
    return True


def _start(database):
    return subprocess.Popen(
        [sys.executable, "manage.py", "serve", ADDRESS],
        cwd=ROOT,
        env=_environment(database),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: a failed test stops the launcher's children too
    )


def _stop_all(launcher):
    try:
        os.killpg(launcher.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    launcher.wait()


def test_serve_starts_the_web_server_and_a_worker_and_ctrl_c_stops_both(database):
    launcher = _start(database)
    try:
        assert _wait_for(lambda: len(_children(launcher.pid)) == 2 and _answers())
        children = _children(launcher.pid)
        commands = sorted(_command_line(pid) for pid in children)
        assert "jobs_worker" in commands[0] and "runserver" in commands[1]
        launcher.send_signal(signal.SIGINT)
        output, _ = launcher.communicate(timeout=60)
        assert launcher.returncode == 0, output
        assert not any(_alive(pid) for pid in children)
        assert not _answers()
    finally:
        _stop_all(launcher)


def test_when_the_worker_stops_the_web_server_stops_too(database):
    launcher = _start(database)
    try:
        assert _wait_for(lambda: len(_children(launcher.pid)) == 2 and _answers())
        children = _children(launcher.pid)
        worker = next(pid for pid in children if "jobs_worker" in _command_line(pid))
        os.kill(worker, signal.SIGKILL)
        launcher.communicate(timeout=60)
        assert not any(_alive(pid) for pid in children)
    finally:
        _stop_all(launcher)
