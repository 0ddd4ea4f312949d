"""Plan settings and solved plans for the tests: the world to plan is `tests.world.build_world`."""

from datetime import date, timedelta

from teletravail.apps.jobs.models import Job, JobStatus
from teletravail.apps.jobs.services import run_job
from teletravail.apps.planner import services
from teletravail.apps.planner.models import TeamPlan
from teletravail.planning.holidays import holidays_between


def next_monday(weeks_ahead=1, *, clear_weeks=4):
    """A Monday at least `weeks_ahead` weeks ahead followed by `clear_weeks` weeks without a public holiday, so that
    tests not about holidays plan the same days whatever the date they run (holidays have their own tests)."""
    today = date.today()
    monday = today - timedelta(days=today.weekday()) + timedelta(weeks=weeks_ahead)
    while holidays_between(monday, monday + timedelta(weeks=clear_weeks, days=-1)):
        monday += timedelta(weeks=1)
    return monday


def plan_settings(**overrides):
    """Plan settings as the form gives them: two weeks, Monday to Friday, one on site every day, one anchor day."""
    values = {
        "start": next_monday(),
        "weeks": 2,
        "days": ["lun", "mar", "mer", "jeu", "ven"],
        "min_on_site": 1,
        "anchor_days": 1,
        "min_on_site_exceptionnel": 1,
        "max_telework_days_per_week": 3,
        "min_on_site_days_per_week": 2,
        "fixed_days": False,
        "fair_rotation_days": [],
        "isolation_weeks": 2,
    }
    values.update(overrides)
    return values


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
