import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.db import connection

from hospital_some.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deploy_check():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="hospital_some.settings.production",
        DJANGO_SECRET_KEY="".join(chr(33 + (i * 7) % 90) for i in range(64)),
        DJANGO_ALLOWED_HOSTS="some.hospital.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={
            **env,
            "DJANGO_SETTINGS_MODULE": "hospital_some.settings.production",
            "DJANGO_ALLOWED_HOSTS": "x",
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_migrations_match_the_models():
    result = _manage("makemigrations", "--check", "--dry-run", DJANGO_SETTINGS_MODULE="hospital_some.settings.test")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ci_runs_on_postgresql_and_redis():
    """In CI (CI is set) the suite must run against the real services, never the embedded defaults."""
    if os.environ.get("CI"):
        assert connection.vendor == "postgresql"
        assert celery_app.conf.broker_url.startswith("redis://")
    else:
        expected = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
        assert connection.vendor == expected
    assert settings.CELERY_BROKER_URL == celery_app.conf.broker_url
