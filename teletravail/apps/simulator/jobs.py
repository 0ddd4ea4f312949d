"""The simulator's jobs: a territory simulation and a large staff file's employer simulation, off the request, and
who may download the employer page's report (registered by `SimulatorConfig.ready()`)."""

from teletravail.apps.jobs.documents import register_document_access
from teletravail.apps.jobs.registry import register_kind
from teletravail.apps.simulator.selectors import EMPLOYER_PAGE, employer_page_access
from teletravail.apps.simulator.services import (
    STAFF_JOB,
    TERRITORY_JOB,
    compute_staff_job,
    compute_territory_job,
    store_staff_job,
    store_territory_job,
)


register_kind(TERRITORY_JOB, compute=compute_territory_job, store=store_territory_job)
register_kind(STAFF_JOB, compute=compute_staff_job, store=store_staff_job)
register_document_access(EMPLOYER_PAGE, employer_page_access)
