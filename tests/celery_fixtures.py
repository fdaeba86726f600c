"""Fixtures for faults around Celery: a real worker process on the real broker, and a broker that is gone.

CI runs them against the machine's Redis; locally they use the file-system broker.
"""

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import dj_database_url
import pytest
from django.db import connection

from hospital_some.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[1]
UNREACHABLE_BROKER = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def _test_database_url() -> str:
    """The URL of the database the tests run on (pytest-django's test database, not the configured one)."""
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings_dict['NAME']}"
    configured = dj_database_url.parse(os.environ["DATABASE_URL"])
    user, password = configured["USER"], configured["PASSWORD"]
    return f"postgres://{user}:{password}@{configured['HOST']}:{configured['PORT']}/{settings_dict['NAME']}"


def wait_until(condition: Callable[[], bool], *, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def celery_worker_process(transactional_db, django_db_serialized_rollback) -> Iterator[subprocess.Popen]:
    """A real `celery worker` in its own process, on this test's database and broker; killed afterwards.

    The database is committed to (the worker must see it) and restored afterwards with the scale's data.
    """
    celery_app.control.purge()  # no message of an earlier test may reach this worker
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hospital_some.settings.test",
        "DATABASE_URL": _test_database_url(),
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "hospital_some",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        yield worker
    finally:
        worker.kill()
        worker.wait(timeout=30)


def _forget_broker_connections() -> None:
    """Forget the app's cached pools (kombu keeps one per broker URL): the next publish uses the configured broker."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def broker_unreachable() -> Iterator[None]:
    """Point Celery at a broker that does not answer, as when Redis is down."""
    original_url = celery_app.conf.broker_url
    original_options = celery_app.conf.broker_transport_options
    celery_app.conf.broker_url = UNREACHABLE_BROKER
    celery_app.conf.broker_transport_options = {"socket_connect_timeout": 1, "socket_timeout": 1, "max_retries": 1}
    _forget_broker_connections()
    try:
        yield
    finally:
        celery_app.conf.broker_url = original_url
        celery_app.conf.broker_transport_options = original_options
        _forget_broker_connections()


@pytest.fixture
def eager_celery() -> Iterator[None]:
    """Run tasks in-process, as a worker would, where a test checks their outcome (e-mails sent)."""
    celery_app.conf.task_always_eager = True
    try:
        yield
    finally:
        celery_app.conf.task_always_eager = False
