"""The job queue with real worker processes on PostgreSQL: several workers claim the queued jobs at once (SKIP
LOCKED), each job runs exactly once; a worker killed in the middle of a job leaves it to the next worker, which runs
it again once its lease has run out; a job submitted from several tabs at once is one job."""

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest
from django.urls import reverse
from django.utils import timezone

from teletravail.apps.jobs.models import Job, JobStatus
from teletravail.apps.jobs.services import sweep_stale_jobs
from teletravail.apps.planner import services as planner_services
from teletravail.apps.planner.models import MemberPlanningProfile, TeamPlan
from tests.apps.planner.factories import next_monday, plan_settings
from tests.factories import MembershipFactory, TeamFactory
from tests.server.client import simultaneously
from tests.server.conftest import REPO_ROOT, _database_url
from tests.world import build_world


pytestmark = [pytest.mark.server, pytest.mark.xdist_group("server"), pytest.mark.django_db(transaction=True)]

WORKERS = 3
TEAMS = 6


def _worker(*options, **environment):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "teletravail.settings.test",
        "DATABASE_URL": _database_url(),
        "DATABASE_CONN_MAX_AGE": "0",
        **environment,
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "jobs_worker", "--interval", "0.2", *options],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def _queue_solves(world, count):
    jobs = [planner_services.submit_solve(team=world.team, actor=world.admin.user, plan_settings=plan_settings())[0]]
    for index in range(count - 1):
        team = TeamFactory(organisation=world.organisation, site=world.site, name=f"Équipe {index}")
        for _member in range(2):
            MembershipFactory(organisation=world.organisation, role="employee", team=team)
        jobs.append(planner_services.submit_solve(team=team, actor=world.admin.user, plan_settings=plan_settings())[0])
    return jobs


def test_several_workers_run_each_job_exactly_once():
    world = build_world()
    jobs = _queue_solves(world, TEAMS)
    workers = [_worker("--batch") for _ in range(WORKERS)]
    for worker in workers:
        output, _ = worker.communicate(timeout=600)
        assert worker.returncode == 0, output.decode()
    assert jobs
    for job in jobs:
        job.refresh_from_db()
        assert (job.status, job.attempts) == (JobStatus.SUCCEEDED, 1), job.failure_detail
    assert TeamPlan.objects.count() == TEAMS
    assert sorted(TeamPlan.objects.values_list("team_id", flat=True)) == sorted(job.payload["team"] for job in jobs)


def _crowd(team, count):
    """Members with wishes that cannot all be met: the solver works its whole time limit on them."""
    rng = random.Random(0)
    days = ["lun", "mar", "mer", "jeu", "ven"]
    for _index in range(count):
        member = MembershipFactory(organisation=team.organisation, role="employee", team=team)
        remote = rng.sample(days, 2)
        MemberPlanningProfile.objects.create(
            membership=member,
            preferred_remote=remote,
            preferred_on_site=[rng.choice([day for day in days if day not in remote])],
        )


def test_a_job_whose_worker_is_killed_is_run_again_by_the_next_worker():
    world = build_world()
    _crowd(world.team, 40)
    job = planner_services.submit_solve(
        team=world.team,
        actor=world.admin.user,
        plan_settings=plan_settings(weeks=4, fair_rotation_days=["lun", "ven"], min_on_site=15),
    )[0]
    # A short lease, and a solve long enough to kill its worker in the middle.
    slow = {"JOBS_LEASE_MARGIN_SECONDS": "1", "PLANNER_SOLVER_TIME_LIMIT_SECONDS": "5"}
    Job.objects.filter(pk=job.pk).update(lease_seconds=3)
    first = _worker(**slow)
    deadline = time.monotonic() + 120
    while Job.objects.get(pk=job.pk).status != JobStatus.RUNNING:
        assert time.monotonic() < deadline and first.poll() is None
        time.sleep(0.1)
    first.send_signal(signal.SIGKILL)
    first.wait()
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING  # killed: nobody said otherwise
    time.sleep(max(0.0, (job.lease_until - timezone.now()).total_seconds()) + 0.5)
    assert sweep_stale_jobs() == 1
    second = _worker("--batch", **slow)
    output, _ = second.communicate(timeout=300)
    assert second.returncode == 0, output.decode()
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.SUCCEEDED, 2)
    assert TeamPlan.objects.filter(team=world.team).count() == 1


SUBMISSION_ROUNDS = 5
CLIENTS = 4


def test_a_solve_submitted_from_several_tabs_at_once_is_one_job(browser_for):
    """A double click, or the same form sent from several tabs, against gunicorn's workers at the same moment:
    every answer leads to the same job, and only one is queued. For a team's solve (its manager and an admin) and
    for the whole organisation's (four tabs of its admin)."""
    world = build_world()
    team_form = reverse(
        "planner:plan_create", kwargs={"organisation_id": world.organisation.pk, "team_id": world.team.pk}
    )
    organisation_form = reverse("planner:organisation_plan_create", kwargs={"organisation_id": world.organisation.pk})
    cases = [
        (team_form, [world.manager.user, world.manager.user, world.admin.user, world.admin.user]),
        (organisation_form, [world.admin.user] * CLIENTS),
    ]
    figures = Counter()
    for url, users in cases:
        browsers = [browser_for(user) for user in users]
        forms = [browser.form(url).set("start", next_monday().isoformat()) for browser in browsers]
        for _round in range(SUBMISSION_ROUNDS):
            before = set(Job.objects.values_list("pk", flat=True))
            answers = simultaneously(
                *[((lambda form=form: form), browser.submit) for browser, form in zip(browsers, forms, strict=True)]
            )
            figures["not a redirect"] += sum(answer.status != 302 for answer in answers)
            figures["different jobs shown"] += len({answer.location for answer in answers}) - 1
            created = Job.objects.exclude(pk__in=before)
            figures["duplicate jobs"] += max(created.count() - 1, 0)
            figures["no job"] += not created.exists()
            created.update(status=JobStatus.CANCELLED)  # the next round submits anew
    text = ", ".join(f"{name}: {count}" for name, count in figures.items())
    assert sum(figures.values()) == 0, text
