"""gunicorn's configuration for teletravail (the `teletravail-web` service runs `gunicorn --config` on this file).

Workers: (2 × cores) + 1 by default, the figure gunicorn's documentation starts from: while one worker waits on the
database or the network, another computes. Each worker is a process with its own database connection and memory
(about 215 MB resident, 135 MB of its own with preload_app, measured on 2026-12-07): lower GUNICORN_WORKERS on a
small server, never above what PostgreSQL's max_connections allows with the job workers. Threads (gthread): a
worker also answers other requests while one waits on the database.
"""

import multiprocessing
import os


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "0")) or 2 * multiprocessing.cpu_count() + 1
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# Imports the application (its views, engines and parameters) once, before the workers are forked.
preload_app = True
# A worker is replaced after this many requests (with some jitter), so that no slow leak builds up.
max_requests = 2000
max_requests_jitter = 200
# Django logs each request as one JSON line (settings.prod): no second access log. gunicorn's own messages go to
# standard error as JSON lines too.
accesslog = None
errorlog = "-"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "teletravail.apps.core.json_logs.JsonFormatter"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr", "formatter": "json"}},
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {"gunicorn.error": {"handlers": ["stderr"], "level": "INFO", "propagate": False}},
}
