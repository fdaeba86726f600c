"""The test suite: PostgreSQL when DATABASE_URL is set, SQLite otherwise."""

import os

from .base import *  # noqa: F403
from .base import CELERY_BROKER_URL, DATABASES, INSTALLED_APPS, MIDDLEWARE, VAR_DIR, filesystem_broker_options

SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DEMO_DATA_ALLOWED = True
AXES_ENABLED = True

# django-zeal raises on N+1 queries in every test.
INSTALLED_APPS = [*INSTALLED_APPS, "zeal"]
MIDDLEWARE = [*MIDDLEWARE, "zeal.middleware.zeal_middleware"]
ZEAL_RAISE = True
ZEAL_ALLOWLIST = [
    # Django's own logout loads the session and then deletes it: two reads of one row, not an N+1.
    {"model": "sessions.Session"},
    # A form with two user choices (a plan's owner and back-up) validates each with its own get(): two, always.
    {"model": "governance.User", "field": "get()"},
]
WHITENOISE_AUTOREFRESH = True

# A file for SQLite's test database (not memory), so that a real Celery worker in another process sees it.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # One file per test run, so that two runs side by side do not share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-db-{os.getpid()}.sqlite3")}
# pytest-xdist runs the suite in several processes ("gw0", "gw1" …); each has its own broker so that one worker's
# purge or real Celery worker never takes another's messages. (Each also gets its own test database from pytest-django.)
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
# Tests keep their own file-system broker, apart from a `make run` worker's.
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = filesystem_broker_options(VAR_DIR / f"test-celery-broker{XDIST_WORKER}")
elif CELERY_BROKER_URL.startswith("redis://") and XDIST_WORKER.startswith("gw"):
    # Redis database 1 + the worker's number; the configured database (usually 0) stays the single-process run's.
    CELERY_BROKER_URL = f"{CELERY_BROKER_URL.rsplit('/', 1)[0]}/{1 + int(XDIST_WORKER[2:])}"
