"""The `teletravail` command run by a person before the platform is set up: one French sentence, no traceback."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from teletravail.cli import NOT_SET_UP


def run_teletravail(args, database_url):
    """The installed command in its own process, as a person runs it (Django set up by the command itself)."""
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    env["DATABASE_URL"] = database_url
    command = Path(sys.executable).with_name("teletravail")
    return subprocess.run([command, *args], capture_output=True, text=True, env=env, timeout=120, check=False)


@pytest.mark.parametrize(
    "args",
    [["geo", "search", "69003"], ["geo", "load"], ["geo", "distance", "69123", "42218"], ["demo", "create"]],
)
def test_a_database_command_before_set_up_says_what_to_run(tmp_path, args):
    database = tmp_path / "absent.sqlite3"

    result = run_teletravail(args, f"sqlite:///{database}")

    assert result.returncode == NOT_SET_UP
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.strip().startswith("La base de données n'est pas initialisée")
    assert "make setup" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_database_command_s_help_needs_no_database(tmp_path):
    result = run_teletravail(["geo", "search", "--help"], f"sqlite:///{tmp_path / 'absent.sqlite3'}")

    assert result.returncode == 0
    assert "Cherche des communes" in result.stdout


def test_an_unreachable_database_is_one_sentence_too():
    # Nothing listens on port 9 (discard) of the loopback: the connection is refused at once.
    result = run_teletravail(["geo", "search", "69003"], "postgres://nobody:nothing@127.0.0.1:9/none")

    assert result.returncode == NOT_SET_UP
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.startswith("La base de données ne répond pas")
