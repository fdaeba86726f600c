"""The test suite: PostgreSQL when DATABASE_URL is set, SQLite otherwise."""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, MIDDLEWARE

SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DEMO_DATA_ALLOWED = True
AXES_ENABLED = True

# django-zeal raises on N+1 queries in every test.
INSTALLED_APPS = [*INSTALLED_APPS, "zeal"]
MIDDLEWARE = [*MIDDLEWARE, "zeal.middleware.zeal_middleware"]
ZEAL_RAISE = True
# Django's own logout loads the session and then deletes it: two reads of one row, not an N+1.
ZEAL_ALLOWLIST = [{"model": "sessions.Session"}]
WHITENOISE_AUTOREFRESH = True
