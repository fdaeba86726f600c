import pytest
from django.utils import translation

from governance.models import User
from hospital_some.demo import demo_seed
from tests.celery_fixtures import broker_unreachable, celery_worker_process, eager_celery  # noqa: F401  (fixtures)


@pytest.fixture(autouse=True)
def english_outside_requests():
    """Messages raised by services read in English in assertions; each request still picks its own language."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def media_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def pages_in_english(client):
    """Pages default to Danish; tests that read the English source texts ask for English like a browser would."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def demo(db):
    return demo_seed()


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
