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

# The demo's team on duty (hospital_some/demo/duty.py): every half hour it checks the demo hospital's active
# channels, as their owners would, so that the monitoring sweep finds the checks the demo's levels promise.
# Only here: production records real checks only.
CELERY_IMPORTS = ["hospital_some.demo.duty"]
CELERY_BEAT_SCHEDULE = {
    **CELERY_BEAT_SCHEDULE,  # noqa: F405
    "demo-team-checks-channels": {
        "task": "hospital_some.demo.duty.record_demo_checks",
        "schedule": 1800.0,
    },
}
