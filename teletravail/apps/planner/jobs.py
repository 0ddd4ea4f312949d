"""The planner's job: solving a plan off the request (registered by `PlannerConfig.ready()`)."""

from teletravail.apps.jobs.registry import register_kind
from teletravail.apps.planner.models import ORGANISATION_SOLVE_JOB, SOLVE_JOB
from teletravail.apps.planner.services import (
    compute_organisation_solve_job,
    compute_solve_job,
    store_organisation_solve_job,
    store_solve_job,
)


register_kind(SOLVE_JOB, compute=compute_solve_job, store=store_solve_job)
register_kind(ORGANISATION_SOLVE_JOB, compute=compute_organisation_solve_job, store=store_organisation_solve_job)
