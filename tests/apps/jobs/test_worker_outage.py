"""Issue 19: a job worker outlives a database restart. It stopped at the first OperationalError that was not a lock
(its loop is django-tasks-db's), and its sweeping thread ended silently at the first failed sweep."""

import threading

import pytest
from django.db import OperationalError

from teletravail.apps.jobs.management.commands import jobs_worker


class FlakyWorker:
    """A worker whose database stops answering `failures` times before its loop ends normally (asked to stop)."""

    def __init__(self, failures):
        self.failures = failures
        self.runs = 0
        self.running = True

    def run(self):
        self.runs += 1
        if self.runs <= self.failures:
            raise OperationalError("server closed the connection unexpectedly")


def test_the_worker_waits_for_the_database_and_runs_again(monkeypatch):
    monkeypatch.setattr(threading.Event, "wait", lambda self, timeout=None: False)
    worker = FlakyWorker(failures=2)
    jobs_worker._run_until_stopped(worker, interval=1)
    assert worker.runs == 3


def test_a_worker_asked_to_stop_while_the_database_is_down_stops():
    worker = FlakyWorker(failures=1)
    worker.running = False
    jobs_worker._run_until_stopped(worker, interval=1)
    assert worker.runs == 1


def test_the_sweeping_thread_outlives_a_sweep_the_database_did_not_answer(monkeypatch):
    sweeps = []

    def sweep():
        sweeps.append(1)
        if len(sweeps) == 1:
            raise OperationalError("connection refused")

    class TwoRounds:
        rounds = 0

        def wait(self, interval):
            self.rounds += 1
            return self.rounds > 2

    monkeypatch.setattr(jobs_worker, "sweep_stale_jobs", sweep)
    jobs_worker._sweep_periodically(TwoRounds(), 0)
    assert len(sweeps) == 2


@pytest.mark.parametrize("error", [ValueError("a bug")])
def test_any_other_error_still_stops_the_worker(error):
    class Broken(FlakyWorker):
        def run(self):
            raise error

    with pytest.raises(ValueError):
        jobs_worker._run_until_stopped(Broken(0), interval=1)
