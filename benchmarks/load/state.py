"""What benchmarks/load/run asks the production database (the production settings from the environment):

- `planner-path`: the planner page of the demo organisation;
- `submit-solve`: a solve of the demo's first plan queued again as a job, its id printed;
- `job ID`: that job's status and attempts, as JSON.
"""

import json
import sys

import django


def main(command, *args):
    django.setup()
    from teletravail.apps.jobs.models import Job
    from teletravail.apps.planner.models import TeamPlan
    from teletravail.apps.planner.services import submit_solve

    plan = TeamPlan.objects.select_related("team__organisation").order_by("pk").first()
    if command == "planner-path":
        print(f"/planning/{plan.team.organisation.pk}/")
    elif command == "submit-solve":
        admin = plan.team.organisation.memberships.filter(role="employer_admin").first().user
        # The demo queued its own solve of this team at creation: it is the one to follow if still queued.
        job, _queued_now = submit_solve(team=plan.team, actor=admin, plan=plan)
        print(job.pk)
    elif command == "job":
        job = Job.objects.get(pk=int(args[0]))
        print(json.dumps({"status": job.status, "attempts": job.attempts}))
    else:
        sys.exit(f"unknown command {command}")


if __name__ == "__main__":
    main(*sys.argv[1:])
