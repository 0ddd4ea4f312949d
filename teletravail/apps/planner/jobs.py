"""The planner's job: solving a plan off the request (registered by `PlannerConfig.ready()`)."""

from teletravail.apps.jobs.registry import register_kind
from teletravail.apps.planner.models import SOLVE_JOB
from teletravail.apps.planner.services import compute_solve_job, store_solve_job


register_kind(SOLVE_JOB, compute=compute_solve_job, store=store_solve_job)
