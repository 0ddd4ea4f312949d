"""`make run`: the web server and one job worker together; Ctrl-C (or SIGTERM) stops both, and if either stops by
itself the other is stopped too."""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand


# How long each process gets to stop cleanly (the worker ends the job it runs) before it is killed: a job killed
# midway is queued again by the next worker.
STOP_GRACE_SECONDS = 10


def _stop(processes, grace):
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + grace
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Command(BaseCommand):
    help = "Sert la plateforme et exécute ses calculs en arrière-plan ; Ctrl-C arrête les deux."

    def add_arguments(self, parser):
        parser.add_argument("address", nargs="?", default="127.0.0.1:8000", help="Adresse et port du serveur web.")

    def handle(self, *, address, **options):
        environment = {**os.environ, "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE}
        django = [sys.executable, "-m", "django"]
        processes = [
            subprocess.Popen([*django, "runserver", "--noreload", address], env=environment),
            subprocess.Popen([*django, "jobs_worker"], env=environment),
        ]
        stopping = []

        def on_signal(signum, frame):
            stopping.append(signum)

        previous = {signum: signal.signal(signum, on_signal) for signum in (signal.SIGINT, signal.SIGTERM)}
        try:
            while not stopping and all(process.poll() is None for process in processes):
                time.sleep(0.2)
        finally:
            _stop(processes, STOP_GRACE_SECONDS)
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        self.stdout.write("Serveur web et calculs arrêtés.")
