"""Production settings: everything comes from the environment, checked against the list of
`teletravail.environment` before anything is read (a start stops with every problem, in French); HTTPS only,
static files by whitenoise, files in a local folder or an S3-compatible store, e-mail by SMTP, JSON logs."""

import os

from django.core.exceptions import ImproperlyConfigured

from teletravail import environment


ENVIRONMENT, _problems = environment.read(os.environ)
if _problems:
    raise ImproperlyConfigured(environment.describe_problems(_problems))

from teletravail.settings.base import *  # noqa: E402, F403
from teletravail.settings.base import DATABASES, MIDDLEWARE  # noqa: E402


DEBUG = False
SECRET_KEY = ENVIRONMENT["DJANGO_SECRET_KEY"]
ALLOWED_HOSTS = ENVIRONMENT["DJANGO_ALLOWED_HOSTS"]
# A connection kept between requests is checked before use: a restarted database costs one request a reconnection,
# not an error.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# The request log comes first, so that its duration covers every other middleware.
MIDDLEWARE = ["teletravail.apps.core.middleware.RequestLogMiddleware", *MIDDLEWARE]

if ENVIRONMENT["TELETRAVAIL_STORAGE"] == "s3":
    DEFAULT_FILE_STORAGE_BACKEND = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": ENVIRONMENT["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": ENVIRONMENT["AWS_S3_ENDPOINT_URL"] or None,
            "region_name": ENVIRONMENT["AWS_S3_REGION_NAME"] or None,
            "access_key": ENVIRONMENT["AWS_ACCESS_KEY_ID"],
            "secret_key": ENVIRONMENT["AWS_SECRET_ACCESS_KEY"],
            # Files are private: no public ACL (S3-compatible stores such as Garage refuse ACLs anyway), and
            # downloads go through signed, expiring addresses.
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    MEDIA_ROOT = ENVIRONMENT["DJANGO_MEDIA_ROOT"]
    DEFAULT_FILE_STORAGE_BACKEND = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": DEFAULT_FILE_STORAGE_BACKEND,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False

SECURE_SSL_REDIRECT = ENVIRONMENT["DJANGO_SECURE_SSL_REDIRECT"]
# The health endpoint answers the front server's or the supervisor's probe over plain HTTP on loopback.
SECURE_REDIRECT_EXEMPT = [r"^sante/$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"

EMAIL_BACKEND = ENVIRONMENT["DJANGO_EMAIL_BACKEND"]
EMAIL_HOST = ENVIRONMENT["EMAIL_HOST"]
EMAIL_PORT = ENVIRONMENT["EMAIL_PORT"]
EMAIL_HOST_USER = ENVIRONMENT["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = ENVIRONMENT["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = ENVIRONMENT["EMAIL_USE_TLS"]
DEFAULT_FROM_EMAIL = ENVIRONMENT["DEFAULT_FROM_EMAIL"]
SERVER_EMAIL = DEFAULT_FROM_EMAIL
PLATFORM_OPERATOR = ENVIRONMENT["PLATFORM_OPERATOR"]
PLATFORM_CONTACT_EMAIL = ENVIRONMENT["PLATFORM_CONTACT_EMAIL"]

# One JSON object per line on standard output (journald or any collector reads them): one line per request, the
# job worker's events, and every warning or error.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "teletravail.apps.core.json_logs.JsonFormatter"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}},
    "root": {"handlers": ["stdout"], "level": "WARNING"},
    "loggers": {
        name: {"handlers": ["stdout"], "level": ENVIRONMENT["DJANGO_LOG_LEVEL"], "propagate": False}
        for name in ("teletravail", "django_tasks", "django_tasks_db")
    },
}
