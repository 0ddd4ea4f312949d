import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import teletravail
from tests.test_environment import COMPLETE as PRODUCTION_ENVIRONMENT


PACKAGE = Path(teletravail.__file__).parent
ROOT = PACKAGE.parent


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", policy).group(1)
    assert "'unsafe-inline'" not in policy
    assert "'self'" in script_src and "'nonce-" in script_src
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Frame-Options"] == "DENY"


def test_templates_have_no_inline_script_style_or_handler():
    """The CSP forbids them; catching them here gives a clearer failure than a blank widget in a browser."""
    offenders = []
    for path in PACKAGE.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<script\b[^>]*>", text):
            if "src=" not in match.group(0):
                offenders.append(f"{path.relative_to(ROOT)}: inline <script>")
        if re.search(r"\sstyle\s*=", text):
            offenders.append(f"{path.relative_to(ROOT)}: style attribute")
        if re.search(r"\son[a-z]+\s*=\s*\"", text):
            offenders.append(f"{path.relative_to(ROOT)}: inline event handler")
    assert offenders == []


def test_production_settings_pass_the_deploy_checks():
    # The browser tests' conftest relaxes async safety for this process only; production must not inherit it.
    env = {
        **{key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        **PRODUCTION_ENVIRONMENT,
        "DJANGO_SETTINGS_MODULE": "teletravail.settings.prod",
        # The local files folder must exist and be writable (a deployment check of ours).
        "DJANGO_MEDIA_ROOT": str(ROOT),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_a_missing_secret_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "teletravail.settings.prod", "DJANGO_SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "- DJANGO_SECRET_KEY manque : Clé secrète de Django" in result.stderr


@pytest.mark.django_db
def test_forms_are_protected_against_cross_site_requests(user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/compte/connexion/", {"username": user.email, "password": "x"})
    assert response.status_code == 403
