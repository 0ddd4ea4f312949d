"""What benchmarks/load/run asks the production database (the production settings from the environment):

- `planner-path`: the planner page of the demo organisation;
- `kill-mid-job PID`: a solve of the demo's first plan queued again, and the job worker PID killed (SIGKILL) as soon
  as the job is running (the row is read every 10 ms: the demo's solve lasts about a second); prints the job's id;
- `solve`: a solve queued, waited for, its status and attempts printed as JSON;
- `wait-job ID`: the job's status and attempts once it has ended (or after two minutes), as JSON.
"""

import json
import os
import signal
import sys
import time

import django


POLL_SECONDS = 0.01
WAIT_SECONDS = 120


def _first_plan():
    from teletravail.apps.planner.models import TeamPlan

    return TeamPlan.objects.select_related("team__organisation").order_by("pk").first()


def _submit_solve():
    from teletravail.apps.planner.services import submit_solve

    plan = _first_plan()
    admin = plan.team.organisation.memberships.filter(role="employer_admin").first().user
    job, _queued_now = submit_solve(team=plan.team, actor=admin, plan=plan)
    return job


def _wait(job, until, seconds=WAIT_SECONDS, poll=0.5):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if until(job):
            return job
        time.sleep(poll)
    return job


def _ended(job):
    return not job.is_active


def _state(job):
    return json.dumps({"status": job.status, "attempts": job.attempts})


def main(command, *args):
    django.setup()
    from teletravail.apps.jobs.models import Job, JobStatus

    if command == "planner-path":
        print(f"/planning/{_first_plan().team.organisation.pk}/")
    elif command == "kill-mid-job":
        for _attempt in range(10):
            job = _wait(_submit_solve(), lambda job: job.status != JobStatus.QUEUED, poll=POLL_SECONDS)
            if job.status == JobStatus.RUNNING:
                os.kill(int(args[0]), signal.SIGKILL)
                print(job.pk)
                return
            _wait(job, _ended)  # ended before it was seen running: queue another
        sys.exit("no solve was seen running")
    elif command == "solve":
        print(_state(_wait(_submit_solve(), _ended)))
    elif command == "wait-job":
        print(_state(_wait(Job.objects.get(pk=int(args[0])), _ended)))
    else:
        sys.exit(f"unknown command {command}")


if __name__ == "__main__":
    main(*sys.argv[1:])
