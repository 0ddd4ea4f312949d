"""Test settings: fast hashing, in-memory e-mail, no throttling state shared between tests."""

import tempfile

from teletravail.settings.base import *  # noqa: F403
from teletravail.settings.base import PASSWORD_HASHERS


PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Small plans solve at once; one solver thread and a fixed seed give the same plan on every run.
PLANNER_SOLVER_TIME_LIMIT_SECONDS = 5.0
PLANNER_SOLVER_WORKERS = 1
# A job a service failed is tried again at once (the tests run the queue in batches).
JOBS_RETRY_DELAY_SECONDS = 0.0
# Documents rendered by the tests' jobs go to a folder of their own, never into the working copy.
MEDIA_ROOT = tempfile.mkdtemp(prefix="teletravail-test-media-")
