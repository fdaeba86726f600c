import pytest
from django.utils import translation

from tests.celery_fixtures import broker_unreachable, celery_worker_process, eager_celery  # noqa: F401  (fixtures)
from tests.shared_demo import (  # noqa: F401  (fixtures)
    client_as,
    database_without_the_demo,
    demo,
    demo_media,
    django_db_setup,
    media_in_a_temporary_folder,
    people,
)


@pytest.fixture(autouse=True)
def english_outside_requests():
    """Messages raised by services read in English in assertions; each request still picks its own language."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def pages_in_english(client):
    """Pages default to Danish; tests that read the English source texts ask for English like a browser would."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
