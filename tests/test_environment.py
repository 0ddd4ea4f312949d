"""The production environment: one list of variables, checked at start with every problem in French, kept equal to
what the settings read, to the table of docs/deploy.md and to the example environment file."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

from django.core.management import call_command

from teletravail import environment


REPO_ROOT = Path(__file__).resolve().parents[1]
SETTINGS_DIR = REPO_ROOT / "teletravail" / "settings"
DEPLOY = REPO_ROOT / "deploy"
COMPLETE = {
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
    "DJANGO_ALLOWED_HOSTS": "teletravail.example.fr",
    "DATABASE_URL": "postgres://teletravail:secret@127.0.0.1:5432/teletravail",
    "DEFAULT_FROM_EMAIL": "ne-pas-repondre@example.fr",
    "PLATFORM_OPERATOR": "Direction de l'exemple",
    "PLATFORM_CONTACT_EMAIL": "contact@example.fr",
}


def _problems(**environ):
    return environment.read(environ)[1]


def test_a_complete_environment_has_no_problem_and_typed_values():
    values, problems = environment.read({**COMPLETE, "EMAIL_PORT": "465", "EMAIL_USE_TLS": "0"})
    assert problems == []
    assert values["DJANGO_ALLOWED_HOSTS"] == ["teletravail.example.fr"]
    assert values["EMAIL_PORT"] == 465
    assert values["EMAIL_USE_TLS"] is False
    assert values["TELETRAVAIL_STORAGE"] == "local"
    assert values["AWS_STORAGE_BUCKET_NAME"] is None


def test_every_missing_variable_is_named_at_once_in_french():
    problems = _problems()
    required = [variable.name for variable in environment.VARIABLES if variable.required]
    assert len(required) == 6
    assert [problem.split(" ")[0] for problem in problems] == required
    assert problems[0].startswith("DJANGO_SECRET_KEY manque : Clé secrète de Django")


def test_invalid_values_are_refused_with_the_reason():
    problems = _problems(
        **{
            **COMPLETE,
            "DJANGO_SECRET_KEY": "trop-courte",
            "DATABASE_URL": "sqlite:///db.sqlite3",
            "EMAIL_PORT": "vingt-cinq",
            "DJANGO_SECURE_SSL_REDIRECT": "oui",
            "TELETRAVAIL_STORAGE": "ftp",
            "DJANGO_TRUSTED_PROXY_COUNT": "0",
        }
    )
    assert problems == [
        "DJANGO_SECRET_KEY doit contenir au moins 50 caractères (en a 11).",
        "DJANGO_SECURE_SSL_REDIRECT doit valoir 1 ou 0 (reçu « oui »).",
        "DJANGO_TRUSTED_PROXY_COUNT doit valoir au moins 1 (reçu « 0 »).",
        "DATABASE_URL doit désigner une base PostgreSQL (postgres://…) en production.",
        "TELETRAVAIL_STORAGE doit valoir local ou s3 (reçu « ftp »).",
        "EMAIL_PORT doit être un nombre entier (reçu « vingt-cinq »).",
    ]


def test_the_s3_credentials_are_required_only_for_s3_storage():
    assert _problems(**COMPLETE) == []
    problems = _problems(**COMPLETE, TELETRAVAIL_STORAGE="s3")
    assert [problem.split(" ")[0] for problem in problems] == [
        "AWS_STORAGE_BUCKET_NAME",
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
    ]


def _run_with_production_settings(code, **environ):
    env = {key: value for key, value in os.environ.items() if key not in environment.BY_NAME}
    env.update(DJANGO_SETTINGS_MODULE="teletravail.settings.prod", **environ)
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_production_settings_stop_at_start_with_every_problem_in_french():
    completed = _run_with_production_settings("", DJANGO_SECRET_KEY="s" * 64, EMAIL_PORT="x")
    assert completed.returncode != 0
    assert "La configuration de production est incomplète ou invalide" in completed.stderr
    for name in ("DJANGO_ALLOWED_HOSTS", "DATABASE_URL", "DEFAULT_FROM_EMAIL", "EMAIL_PORT"):
        assert f"- {name} " in completed.stderr


def test_s3_storage_is_a_settings_change():
    completed = _run_with_production_settings(
        "from django.core.files.storage import storages; s = storages['default']; "
        "print(type(s).__name__, s.bucket_name, s.endpoint_url, s.default_acl)",
        **COMPLETE,
        TELETRAVAIL_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="teletravail",
        AWS_S3_ENDPOINT_URL="https://s3.example.fr",
        AWS_ACCESS_KEY_ID="key",
        AWS_SECRET_ACCESS_KEY="secret",
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.split() == ["S3Storage", "teletravail", "https://s3.example.fr", "None"]


def _settings_source():
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(SETTINGS_DIR.glob("*.py")))


def test_the_list_names_every_variable_the_settings_read_with_the_same_default():
    source = _settings_source()
    read = set(re.findall(r'os\.environ\.get\(\s*"([A-Z0-9_]+)"', source))
    read |= set(re.findall(r'ENVIRONMENT\["([A-Z0-9_]+)"\]', source))
    if "dj_database_url.config(" in source:
        read.add("DATABASE_URL")  # dj-database-url reads it
    listed = {variable.name for variable in environment.VARIABLES if variable.reader == "django"}
    assert read - set(environment.BY_NAME) == set(), "read by the settings but missing from the list"
    assert listed - read == set(), "listed but read by no setting"
    # The required ones have a development default in the base settings, which production never uses.
    defaults = re.findall(r'os\.environ\.get\(\s*"([A-Z0-9_]+)",\s*"([^"]*)"\)', source)
    assert defaults
    for name, default in defaults:
        if not environment.BY_NAME[name].required:
            assert environment.BY_NAME[name].default == default, name


def test_the_gunicorn_variables_are_the_ones_its_configuration_reads_with_the_same_defaults():
    source = (DEPLOY / "gunicorn.conf.py").read_text(encoding="utf-8")
    read = dict(re.findall(r'os\.environ\.get\("([A-Z_]+)",\s*"([^"]*)"\)', source))
    listed = {variable.name: variable.default for variable in environment.VARIABLES if variable.reader == "gunicorn"}
    assert read == listed


def test_docs_deploy_holds_the_reference_table_of_the_list():
    text = (REPO_ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    table = re.search(r"<!-- settings-reference -->\n(.*?)\n<!-- /settings-reference -->", text, re.DOTALL)
    assert table is not None
    assert table.group(1) == environment.reference_table(), "run `manage.py settings_reference` and paste it"


def test_the_settings_reference_command_prints_the_table(capsys):
    call_command("settings_reference")
    assert capsys.readouterr().out.strip() == environment.reference_table()


def test_the_example_environment_file_sets_every_required_variable_and_only_known_ones():
    text = (DEPLOY / "teletravail.env.example").read_text(encoding="utf-8")
    assigned = dict(re.findall(r"^#?([A-Z0-9_]+)=(.*)$", text, re.MULTILINE))
    assert set(assigned) <= set(environment.BY_NAME)
    active = dict(re.findall(r"^([A-Z0-9_]+)=(.*)$", text, re.MULTILINE))
    assert environment.read(active)[1] == []
