"""The simulator's job: a territory simulation off the request (registered by `SimulatorConfig.ready()`)."""

from teletravail.apps.jobs.registry import register_kind
from teletravail.apps.simulator.services import TERRITORY_JOB, compute_territory_job, store_territory_job


register_kind(TERRITORY_JOB, compute=compute_territory_job, store=store_territory_job)
