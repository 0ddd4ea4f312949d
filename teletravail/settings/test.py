"""Test settings: fast hashing, in-memory e-mail, no throttling state shared between tests."""

from teletravail.settings.base import *  # noqa: F403
from teletravail.settings.base import PASSWORD_HASHERS


PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
