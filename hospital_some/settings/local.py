"""A developer's laptop and `make run`: debug on, demo data, embedded SQLite and file-system broker."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "local-only-insecure-key-never-used-in-production")
# `seed_demo` (known demo passwords) is allowed only here and in tests.
DEMO_DATA_ALLOWED = True
# Serve static files straight from the apps' folders, without `collectstatic`.
WHITENOISE_AUTOREFRESH = True
# E-mails are printed in the terminal of `make run`.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
