"""`make bench`: production's behaviour on plain http at 127.0.0.1, so that the numbers mean production.

As production: DEBUG off, no demo data, the same middleware, security headers, session length, hashed and
compressed static files (collected into ``var/bench-static`` by the benchmark run) and database connection
handling (``DATABASE_CONN_MAX_AGE``, 0 unless set). Unlike production: a fixed secret key (the bench database holds
nothing but synthetic data), local hosts only, no HTTPS redirect or secure-only cookies, and a URLconf with the
benchmark's floor view.
"""

from .base import *  # noqa: F403
from .base import STORAGES, VAR_DIR

SECRET_KEY = "bench-only-key-for-synthetic-data-on-127.0.0.1-never-used-in-production"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "hospital_some.benchmark.urls"
DEMO_DATA_ALLOWED = False

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_AGE = 60 * 60 * 10

STATIC_ROOT = VAR_DIR / "bench-static"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
