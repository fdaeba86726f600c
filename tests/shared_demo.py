"""The demo hospital, seeded once per test database and shared by every test that uses the database.

pytest-django runs each database test in a transaction that is rolled back at its end, so every test sees the seed
as it was made. The few tests that need the database as a fresh installation has it (the benchmarks' own hospital,
``seed_demo`` on an empty database) ask for ``database_without_the_demo``: the rows the seed added are deleted inside
the test's transaction and come back with its rollback.
"""

import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection
from django.test import override_settings

from governance.models import Hospital, User
from hospital_some.demo.seed import DEMO_HOSPITAL, demo_seed

# Per table, the primary keys that were there before the seed (the scale, the roles and the triage diagram that the
# migrations load).
_rows_before_the_seed: dict[str, tuple[str, set]] = {}


def _tables() -> list[tuple[str, str, type]]:
    models = apps.get_models(include_auto_created=True)
    return [(model._meta.db_table, model._meta.pk.column, model) for model in models if model._meta.managed]


@pytest.fixture(scope="session")
def demo_media(tmp_path_factory) -> Path:
    """The files the seed uploads (a proposal's attachment); each test gets a copy in its own media folder."""
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, demo_media):
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=demo_media):
        for table, pk_column, model in _tables():
            _rows_before_the_seed[table] = (pk_column, set(model._base_manager.values_list("pk", flat=True)))
        demo_seed()


@pytest.fixture(autouse=True)
def media_in_a_temporary_folder(settings, tmp_path, demo_media):
    settings.MEDIA_ROOT = tmp_path / "media"
    shutil.copytree(demo_media, settings.MEDIA_ROOT)


@pytest.fixture
def demo(db) -> Hospital:
    """The demo hospital. A transactional test (a live server, a real Celery worker) empties the database when it
    ends; a test after one seeds the demo again, inside its own rolled-back transaction."""
    return Hospital.objects.filter(name=DEMO_HOSPITAL).first() or demo_seed()


@pytest.fixture
def database_without_the_demo(db) -> None:
    """The database as the migrations leave it: every row the demo seed added is deleted in this test's transaction
    (foreign keys are checked at commit, which a rolled-back test never reaches)."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, pk_column, _model in _tables():
            before = _rows_before_the_seed.get(table, (pk_column, set()))[1]
            sql = f"DELETE FROM {quote(table)}"  # names from the models, values as parameters
            if before:
                sql += f" WHERE {quote(pk_column)} NOT IN ({', '.join(['%s'] * len(before))})"
            cursor.execute(sql, list(before))


@pytest.fixture
def people(demo) -> dict[str, User]:
    """The demo's people by username."""
    return {user.username: user for user in User.objects.all()}


@pytest.fixture
def client_as(client, demo):
    """A test client logged in as one of the demo personas."""

    def log_in(username: str):
        client.force_login(User.objects.get(username=username))
        return client

    return log_in
