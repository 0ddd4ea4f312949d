"""The job worker: runs the queued jobs one at a time, and sweeps the runs whose worker died (at start, before each
job, and every JOBS_SWEEP_INTERVAL_SECONDS while idle)."""

import logging
import threading

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import InterfaceError, OperationalError, connection, connections
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from teletravail.apps.jobs.services import sweep_stale_jobs


logger = logging.getLogger(__name__)
# A database that does not answer (restarting, unreachable): the worker waits for it instead of stopping.
UNAVAILABLE = (OperationalError, InterfaceError)


class SweepingWorker(Worker):
    def run_task(self, db_task_result):
        sweep_stale_jobs()
        super().run_task(db_task_result)


def _sweep_periodically(stop, interval):
    while not stop.wait(interval):
        try:
            sweep_stale_jobs()
        except UNAVAILABLE as error:
            logger.warning("Sweep of stale jobs skipped, the database did not answer: %s", error)
        finally:
            connection.close()  # this thread's own connection


def _run_until_stopped(worker, interval):
    """`worker.run()` again after the database stopped answering, once it answers (a job running then is failed by
    its own attempt, or swept and queued again), until the worker is asked to stop."""
    while True:
        try:
            worker.run()
            return
        except UNAVAILABLE as error:
            logger.warning("The database did not answer, the worker waits for it: %s", error)
            connections.close_all()
            if not worker.running:
                return
            threading.Event().wait(max(interval, 1.0))


class Command(BaseCommand):
    help = "Exécute les calculs en attente (planning…) ; Ctrl-C l'arrête après le calcul en cours."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Exécute les calculs en attente puis s'arrête.")
        parser.add_argument("--interval", type=float, default=settings.JOBS_WORKER_INTERVAL_SECONDS)

    def handle(self, *, batch, interval, **options):
        sweep_stale_jobs()
        worker = SweepingWorker(
            queue_names=["default"],
            interval=interval,
            batch=batch,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=get_random_string(32),
            excluded_queue_names=[],
        )
        if batch:
            worker.run()
            return
        stop = threading.Event()
        sweeper = threading.Thread(
            target=_sweep_periodically, args=(stop, settings.JOBS_SWEEP_INTERVAL_SECONDS), daemon=True
        )
        sweeper.start()
        worker.configure_signals()
        try:
            _run_until_stopped(worker, interval)
        finally:
            stop.set()
