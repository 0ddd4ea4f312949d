"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser) against live_server."""

import os
import shutil
from pathlib import Path

import pytest


# Playwright's sync API runs an event loop in the test thread; the ORM calls made by fixtures are still
# synchronous and safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
AXE_SCRIPT = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("Chromium de Debian est introuvable (/usr/bin/chromium) : lancez `make chromium`.")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def base_url():
    # pytest-playwright's own base_url fixture trips a pytest 9 deprecation; tests use live_server.url.
    return None


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A French-speaking visitor by default (Chromium would otherwise send Accept-Language: en).
    return {**browser_context_args, "locale": "fr-FR"}


@pytest.fixture
def csp_violations(page):
    """Console messages reporting a Content-Security-Policy violation, collected for the whole test."""
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return violations


def run_axe(page):
    """Serious and critical axe-core violations of the current page, as readable strings."""
    page.add_script_tag(content=AXE_SCRIPT.read_text(encoding="utf-8"))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    found = []
    for violation in results["violations"]:
        if violation["impact"] not in ("serious", "critical"):
            continue
        targets = "; ".join(str(node["target"]) for node in violation["nodes"][:5])
        found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {targets}")
    return found


@pytest.fixture
def job_worker(live_server):
    """`job_worker()` runs the queued jobs in a thread beside the live server, then stops (a worker in batch mode).
    Started once the job is queued, not polling all along: the tests' in-memory SQLite database is shared between
    connections at the cost of locks that fail at once instead of waiting, and a worker polling for work would take
    them all the time."""
    import threading

    from django.db import connections

    from teletravail.apps.jobs.management.commands.jobs_worker import SweepingWorker

    threads = []

    def run():
        try:
            SweepingWorker(
                queue_names=["default"],
                interval=0,
                batch=True,
                backend_name="default",
                startup_delay=False,
                max_tasks=None,
                worker_id="e2e",
                excluded_queue_names=[],
            ).run()
        finally:
            connections.close_all()

    def start():
        threads.append(threading.Thread(target=run, daemon=True))
        threads[-1].start()

    yield start
    for thread in threads:
        thread.join(timeout=120)
