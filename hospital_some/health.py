"""Probes for /healthz: the database, the Celery broker and the scheduler's heartbeat."""

import logging

from django.conf import settings
from django.db import connection

from hospital_some.celery import app as celery_app
from monitoring.selectors import heartbeat_status

logger = logging.getLogger(__name__)


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("Health check: database unreachable")
        return False


def broker_ok() -> bool:
    """Connect to the broker with a short timeout, so a dead Redis answers 503 instead of hanging."""
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=settings.CELERY_BROKER_CONNECTION_TIMEOUT)
        return True
    except Exception as error:
        logger.warning("Health check: broker unreachable (%s)", type(error).__name__)
        return False


def health_report() -> dict:
    checks = {
        "database": {"ok": database_ok(), "vendor": connection.vendor},
        "broker": {"ok": broker_ok(), "transport": celery_app.connection_for_write().transport_cls},
        "heartbeat": heartbeat_status(),
    }
    return {"ok": all(check["ok"] for check in checks.values()), "checks": checks}
