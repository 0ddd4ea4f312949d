"""Settings shared by every environment. Environment-specific modules import from here."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PACKAGE_DIR.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-secret-key-never-used-in-production")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "teletravail.apps.core.admin_apps.PlatformAdminConfig",
    "widget_tweaks",
    "dsfr",
    "ninja",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "teletravail.apps.core",
    "teletravail.apps.accounts",
    "teletravail.apps.audit",
    "teletravail.apps.geo",
    "teletravail.apps.jobs",
    "teletravail.apps.organisations",
    "teletravail.apps.notifications",
    "teletravail.apps.apitokens",
    "teletravail.apps.simulator",
    "teletravail.apps.planner",
    "teletravail.apps.diagnostic",
    "teletravail.apps.charters",
    "teletravail.apps.practices",
    "teletravail.apps.places",
    "teletravail.apps.actionplan",
    "teletravail.apps.telework_requests",
    "teletravail.apps.equality",
    "teletravail.apps.home",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "teletravail.apps.core.middleware.PrivateNoStoreMiddleware",
    "teletravail.apps.notifications.middleware.NotificationSeenMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "teletravail.urls"
WSGI_APPLICATION = "teletravail.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "teletravail.apps.core.context_processors.platform",
                "teletravail.apps.notifications.context_processors.unread_notifications",
            ],
        },
    },
]

# SQLite is the embedded default; DATABASE_URL selects PostgreSQL (production, CI).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
# SQLite serialises writers: a transaction takes the write lock as it starts (IMMEDIATE), so that two transactions
# never both read then try to write (which fails at once with « database is locked »), and a writer waits up to
# the timeout for the other one instead of failing.
# A write-ahead log (WAL): readers do not wait for the writer, a commit writes to the disk once, and a transaction
# may skip waiting for the disk without risking the database file (the rate limiter's counts, accounts.services).
SQLITE_OPTIONS = {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode = WAL"}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:dashboard"
LOGOUT_REDIRECT_URL = "core:home"

# While the database does not answer, pages and the API answer 503 with this Retry-After (seconds).
UNAVAILABLE_RETRY_AFTER_SECONDS = 30

# Throttling (accounts.services): per scope, `free` attempts within `window` seconds pass; each further attempt
# makes the next one wait `first_delay` seconds, doubled each time, at most `max_delay`. Sign-in failures are
# counted per (address, IP), per IP with short delays, and per (address, known browser); requests that send an
# e-mail (password reset, sign-up) per address and per IP; anonymous simulation calls of the API per IP.
THROTTLE_RULES = {
    "login-pair": {"free": 5, "window": 24 * 3600, "first_delay": 2, "max_delay": 15 * 60},
    "login-device": {"free": 5, "window": 24 * 3600, "first_delay": 2, "max_delay": 15 * 60},
    "login-ip": {"free": 20, "window": 3600, "first_delay": 1, "max_delay": 60},
    "password-reset-address": {"free": 3, "window": 3600, "first_delay": 5 * 60, "max_delay": 3600},
    "password-reset-ip": {"free": 10, "window": 3600, "first_delay": 60, "max_delay": 3600},
    "sign-up-address": {"free": 3, "window": 3600, "first_delay": 5 * 60, "max_delay": 3600},
    "sign-up-ip": {"free": 10, "window": 3600, "first_delay": 60, "max_delay": 3600},
    "api-anonymous-ip": {
        "free": int(os.environ.get("API_ANONYMOUS_CALLS_PER_MINUTE", "60")),
        "window": 60,
        "first_delay": 1,
        "max_delay": 60,
    },
    # Calls with one API token, wherever they come from.
    "api-token": {"free": 120, "window": 60, "first_delay": 1, "max_delay": 60},
}
# Personal API tokens: validity offered by default and at most, active tokens a person may hold, and how often a
# token's use is written to the audit log (seconds; its writes are always there, with its prefix).
API_TOKEN_DEFAULT_DAYS = 90
API_TOKEN_MAX_DAYS = 365
API_TOKEN_MAX_ACTIVE = 20
API_TOKEN_USE_AUDIT_INTERVAL = 3600
# The open places API (/api/v1/places): places per page by default and at most, places a nearest search gives at most.
PLACES_API_PAGE_SIZE = 50
PLACES_API_MAX_PAGE_SIZE = 500
PLACES_API_MAX_NEAREST = 50
# How long a browser where an address signed in stays known to the sign-in throttle.
KNOWN_DEVICE_COOKIE_AGE = 180 * 24 * 3600

# The client's IP address: REMOTE_ADDR unless a reverse proxy is declared. Behind one, name the header it sets
# (X-Forwarded-For, X-Real-IP…) and how many proxies append to it; the header is read only then (anyone can
# send it), and from the right: the address the outermost trusted proxy saw.
TRUSTED_PROXY_IP_HEADER = os.environ.get("DJANGO_TRUSTED_PROXY_IP_HEADER", "")
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "1"))

LANGUAGE_CODE = "fr"
# With a context: Django's own French catalogue would turn the bare "English" into « Anglais ».
LANGUAGES = [("fr", _("Français")), ("en", pgettext_lazy("nom de langue", "English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
FORMAT_MODULE_PATH = ["teletravail.settings.formats"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
# Files the platform writes (documents rendered by a job); production sets its own folder or an S3 store.
MEDIA_ROOT = BASE_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ne-pas-repondre@teletravail.localhost")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# No inline script anywhere: scripts come from our own origin, and the DSFR module loader gets a nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

DSFR_USE_INTEGRITY_CHECKSUMS = False
DSFR_MARK_OPTIONAL_FIELDS = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Who runs this instance: shown on the legal pages. Set them for any public deployment.
# The employer simulation answers within a request: 10,000 employees take about 0.5 s, each distinct job title
# (searched in the whole vocabulary) about 15 ms. Larger staff lists go through `teletravail simulate employer`.
SIMULATION_MAX_EMPLOYEES = int(os.environ.get("SIMULATION_MAX_EMPLOYEES", "5000"))
SIMULATION_MAX_JOB_TITLES = int(os.environ.get("SIMULATION_MAX_JOB_TITLES", "100"))
# The territory simulator's runs (the flows file sent and the result of its job) stay in the storage for the page's
# downloads, in a private folder removed after this many hours (the storage: MEDIA_ROOT above).
SIMULATION_KEPT_FILES_HOURS = float(os.environ.get("SIMULATION_KEPT_FILES_HOURS", "24"))
# The largest file of each kind of upload, in megabytes, refused from its size before it is read (the rows, cells
# and unpacked size it may hold are parameters, in teletravail/parameters/data/uploads.yaml).
UPLOAD_MAX_MEGABYTES = {
    "charter_document": float(os.environ.get("UPLOAD_MAX_MB_CHARTER_DOCUMENT", "5")),
    "member_import": float(os.environ.get("UPLOAD_MAX_MB_MEMBER_IMPORT", "5")),
    "staff_file": float(os.environ.get("UPLOAD_MAX_MB_STAFF_FILE", "5")),
    # A flows file read within a request (the API, a download posted with its file).
    "flows_file": float(os.environ.get("UPLOAD_MAX_MB_FLOWS_FILE", "50")),
    # Imported while the request waits, in one transaction: 2 MB is about 10,000 rows, well within a request's time.
    "places_file": float(os.environ.get("UPLOAD_MAX_MB_PLACES_FILE", "2")),
    # A flows file of the territory page: streamed to a temporary file by Django's upload handlers, then to the
    # storage, and simulated by a job; what it may hold is bounded by the `flows_file_job_*` parameters of
    # uploads.yaml (10 million rows).
    "flows_file_job": float(os.environ.get("UPLOAD_MAX_MB_FLOWS_FILE_JOB", "1024")),
}
# A territory simulation job: its expected duration per megabyte of flows file (for the progress shown; CSV read and
# simulated on a loaded 2-core machine), and at most how long it runs before its worker is taken for dead (reading a
# file is bounded by `flows_file_job_max_seconds`; generating the synthetic national table takes 25 to 60 s).
SIMULATION_TERRITORY_SECONDS_PER_MB = float(os.environ.get("SIMULATION_TERRITORY_SECONDS_PER_MB", "0.2"))
SIMULATION_TERRITORY_MAX_SECONDS = float(os.environ.get("SIMULATION_TERRITORY_MAX_SECONDS", "900"))
SIMULATION_NATIONAL_EXPECTED_SECONDS = float(os.environ.get("SIMULATION_NATIONAL_EXPECTED_SECONDS", "60"))
# Rows of the synthetic national table the territory page offers (empty: the national count, about 8.9 million).
SIMULATION_NATIONAL_FLOWS_ROWS = int(os.environ.get("SIMULATION_NATIONAL_FLOWS_ROWS") or 0) or None
# Parameters one API simulation may replace (each is checked against its file; the file holds about 110).
SIMULATION_API_MAX_OVERRIDES = int(os.environ.get("SIMULATION_API_MAX_OVERRIDES", "200"))
# Long work (the planner's solver…) runs off the request, as jobs of a queue kept in the database (Django's tasks
# API, `django-tasks-db`): no other server, on SQLite as on PostgreSQL, where several workers claim jobs with
# SKIP LOCKED. `manage.py jobs_worker` runs them (`make run` starts one beside the web server).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# A run whose worker died (its lease ran out) is queued again until it has had this many attempts, then failed.
JOBS_MAX_ATTEMPTS = int(os.environ.get("JOBS_MAX_ATTEMPTS", "2"))
# So is a job a service failed (the mail server refused or did not answer), after this delay.
JOBS_RETRY_DELAY_SECONDS = float(os.environ.get("JOBS_RETRY_DELAY_SECONDS", "60"))
# A run's lease is its longest expected duration plus this margin (reading its input, storing its result).
JOBS_LEASE_MARGIN_SECONDS = float(os.environ.get("JOBS_LEASE_MARGIN_SECONDS", "60"))
# How often an idle worker looks for a new job, and for runs whose worker died.
JOBS_WORKER_INTERVAL_SECONDS = float(os.environ.get("JOBS_WORKER_INTERVAL_SECONDS", "1"))
JOBS_SWEEP_INTERVAL_SECONDS = float(os.environ.get("JOBS_SWEEP_INTERVAL_SECONDS", "30"))
# The planner's solver runs as a job with the command line's quality: this time limit, on this many of the worker's
# cores (0: all of them).
PLANNER_SOLVER_TIME_LIMIT_SECONDS = float(os.environ.get("PLANNER_SOLVER_TIME_LIMIT_SECONDS", "20"))
PLANNER_SOLVER_WORKERS = int(os.environ.get("PLANNER_SOLVER_WORKERS", "0"))
# /sante/ reports the job queue failing when a job has waited longer than this (no worker is taking jobs).
HEALTH_MAX_QUEUE_WAIT_SECONDS = float(os.environ.get("HEALTH_MAX_QUEUE_WAIT_SECONDS", "600"))
AUDIT_LOG_EVENTS_PER_PAGE = int(os.environ.get("AUDIT_LOG_EVENTS_PER_PAGE", "50"))
# An organisation's data archive is built in memory while its admin waits: beyond this many rows, it is refused.
ORGANISATION_EXPORT_MAX_ROWS = int(os.environ.get("ORGANISATION_EXPORT_MAX_ROWS", "300000"))
# Commune and area searches: the most results one search may ask for (the API's `limit`), the results the search
# widget lists, and the candidates listed for an ambiguous commune (a postal code shared by many villages).
GEO_SEARCH_MAX_RESULTS = int(os.environ.get("GEO_SEARCH_MAX_RESULTS", "50"))
GEO_WIDGET_RESULTS = int(os.environ.get("GEO_WIDGET_RESULTS", "10"))
GEO_MAX_CANDIDATES = int(os.environ.get("GEO_MAX_CANDIDATES", "10"))
# The telework places shown around a person's home (their page, the planner, the person simulator).
PLACES_NEAR_HOME_RESULTS = int(os.environ.get("PLACES_NEAR_HOME_RESULTS", "5"))

PLATFORM_OPERATOR = os.environ.get("PLATFORM_OPERATOR", "Instance locale de la plateforme Télétravail")
PLATFORM_CONTACT_EMAIL = os.environ.get("PLATFORM_CONTACT_EMAIL", "contact@teletravail.localhost")

# The map of the places directory draws the platform's own outlines and needs no tile server. A deployment that has
# one gives its URL template (« https://tiles.example.org/{z}/{x}/{y}.png ») and the attribution its licence asks.
PLACES_MAP_TILE_URL = os.environ.get("PLACES_MAP_TILE_URL", "")
PLACES_MAP_TILE_ATTRIBUTION = os.environ.get("PLACES_MAP_TILE_ATTRIBUTION", "")
