"""The files of deploy/: the systemd units parse (and pass `systemd-analyze verify` where it exists) and run commands
of this repository; the nginx example sends to gunicorn's documented address and serves collectstatic's folder."""

import configparser
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import get_commands

from teletravail import environment


REPO_ROOT = Path(__file__).resolve().parents[1]
DEPLOY = REPO_ROOT / "deploy"
INSTALL_DIR = "/srv/teletravail"
UNITS = ("teletravail-web.service", "teletravail-worker@.service")


def _unit(name):
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read_string((DEPLOY / name).read_text(encoding="utf-8"))
    return parser


def _exec_start(name):
    return shlex.split(_unit(name)["Service"]["ExecStart"].replace(INSTALL_DIR, str(REPO_ROOT)))


@pytest.mark.parametrize("name", UNITS)
def test_each_unit_runs_with_the_production_settings_and_the_environment_file(name):
    unit = _unit(name)
    assert set(unit.sections()) == {"Unit", "Service", "Install"}
    service = unit["Service"]
    assert service["Environment"] == "DJANGO_SETTINGS_MODULE=teletravail.settings.prod"
    assert service["EnvironmentFile"] == "/etc/teletravail/teletravail.env"
    assert service["WorkingDirectory"] == INSTALL_DIR
    assert service["User"] == "teletravail"
    assert unit["Install"]["WantedBy"] == "multi-user.target"


def test_the_web_unit_runs_gunicorn_on_the_project_application_with_the_repository_configuration():
    program, application, option, config = _exec_start("teletravail-web.service")
    assert program == str(REPO_ROOT / ".venv" / "bin" / "gunicorn")
    assert application == settings.WSGI_APPLICATION.replace(".application", ":application")
    assert option == "--config"
    assert Path(config) == DEPLOY / "gunicorn.conf.py"


def test_the_worker_unit_runs_the_job_worker_command():
    program, script, command = _exec_start("teletravail-worker@.service")
    assert program == str(REPO_ROOT / ".venv" / "bin" / "python")
    assert (REPO_ROOT / script).is_file()
    assert command in get_commands()


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
@pytest.mark.parametrize("name", UNITS)
def test_systemd_verifies_each_unit(name, tmp_path):
    """With the repository in place of the install folder (its programs must exist) and the template given an
    instance."""
    path = tmp_path / name.replace("@.", "@1.")
    path.write_text((DEPLOY / name).read_text(encoding="utf-8").replace(INSTALL_DIR, str(REPO_ROOT)), encoding="utf-8")
    completed = subprocess.run(["systemd-analyze", "verify", str(path)], capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr.strip() == ""


def test_the_gunicorn_configuration_gives_two_workers_per_core_plus_one_by_default(monkeypatch):
    for name in ("GUNICORN_WORKERS", "GUNICORN_THREADS", "GUNICORN_BIND"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("multiprocessing.cpu_count", lambda: 4)
    namespace = {}
    exec((DEPLOY / "gunicorn.conf.py").read_text(encoding="utf-8"), namespace)
    assert namespace["workers"] == 9
    assert namespace["threads"] == 2
    assert namespace["worker_class"] == "gthread"
    monkeypatch.setenv("GUNICORN_WORKERS", "3")
    exec((DEPLOY / "gunicorn.conf.py").read_text(encoding="utf-8"), namespace)
    assert namespace["workers"] == 3


def test_the_nginx_example_sends_to_gunicorn_and_serves_the_static_folder():
    text = (DEPLOY / "nginx-teletravail.conf").read_text(encoding="utf-8")
    code = re.sub(r"#.*", "", text)
    assert code.count("{") == code.count("}")
    assert all(line.strip().endswith((";", "{", "}")) for line in code.splitlines() if line.strip())
    upstream = re.search(r"upstream teletravail \{\s*server ([^;\s]+)", code).group(1)
    assert upstream == environment.BY_NAME["GUNICORN_BIND"].default
    static = re.search(r"location /static/ \{\s*alias ([^;]+);", code).group(1)
    assert static == f"{INSTALL_DIR}/{Path(settings.STATIC_ROOT).name}/"
    assert settings.STATIC_URL == "/static/"
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in code
