"""Plan settings and solved plans for the tests: the world to plan is `tests.world.build_world`."""

from teletravail.apps.jobs.models import Job, JobStatus
from teletravail.apps.jobs.services import run_job
from teletravail.apps.planner import services
from teletravail.apps.planner.demo import demo_plan_settings as plan_settings
from teletravail.apps.planner.demo import next_monday
from teletravail.apps.planner.models import TeamPlan


__all__ = ["PLAN_FORM", "next_monday", "plan_settings", "run_solve", "solved_plan"]


def run_solve(*, team, actor, **overrides):
    """Submit the solve of a new plan (`plan_settings(**overrides)`) as the pages do and run its job here, as a worker
    would: the job, ended."""
    job, _queued = services.submit_solve(team=team, actor=actor, plan_settings=plan_settings(**overrides))
    run_job(job_id=job.pk, task_id=job.task_id)
    return Job.objects.get(pk=job.pk)


def solved_plan(*, team, actor, **overrides):
    """A new plan of the team, solved through its job: a test about what is done with a plan starts from it."""
    job = run_solve(team=team, actor=actor, **overrides)
    assert job.status == JobStatus.SUCCEEDED, job.failure_detail
    return TeamPlan.objects.get(pk=job.result["plan"])


# The plan form as a team's manager fills it: two weeks, one person on site a day, the rules' usual ceilings.
PLAN_FORM = {
    "weeks": "2",
    "days": ["lun", "mar", "mer", "jeu", "ven"],
    "min_on_site": "1",
    "anchor_days": "1",
    "min_on_site_exceptionnel": "1",
    "max_telework_days_per_week": "3",
    "min_on_site_days_per_week": "2",
    "isolation_weeks": "2",
}
