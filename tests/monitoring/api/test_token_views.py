"""The token pages in the browser: who sees them, the token shown once, never cached, never kept in the session."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from channels_plan.models import Channel
from channels_plan.services import plan_create, plan_decide
from governance.models import Unit, User
from maturity.models import Level
from maturity.services import unit_maturity_set
from monitoring.models import IngestToken
from monitoring.services.ingest import ingest_token_channel, ingest_token_issue
from tests.factories import UnitFactory, UserFactory, membership_make, plan_submit_complete

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pages_in_english")]

PERSONAS = ["anonymous", "inactive", "producer", "flowmanager", "manager", "community", "lead", "admin"]


@pytest.fixture
def channel(demo) -> Channel:
    return Channel.objects.get()


@pytest.fixture
def persona_client(client, demo):
    User.objects.create_user(username="inactive", password="unused-password-1", is_active=False)

    def as_persona(persona: str):
        if persona != "anonymous":
            client.force_login(User.objects.get(username=persona))
        return client

    return as_persona


# The rows for tests/architecture/test_permission_matrix.py: the demo channel's owner (flowmanager), back-up
# (producer) and the communication unit's reviewers (lead, community) manage it; the manager and the superuser see
# it but do not manage it; anonymous and inactive go to the login page. The endpoint takes only a token.
MANAGERS = {"producer", "flowmanager", "community", "lead"}


def managed(status: int) -> dict[str, int]:
    return {p: 302 if p in {"anonymous", "inactive"} else status if p in MANAGERS else 403 for p in PERSONAS}


def methods_only(status: int) -> dict[str, int]:
    return {p: 302 if p in {"anonymous", "inactive"} else status for p in PERSONAS}


MATRIX = {
    "monitoring_api:token_manage": {"GET": managed(200), "POST": methods_only(405)},
    "monitoring_api:token_issue": {"GET": methods_only(405), "POST": managed(200)},
    "monitoring_api:token_revoke": {"GET": methods_only(405), "POST": managed(302)},
    "monitoring_api:channel_interactions": {"GET": dict.fromkeys(PERSONAS, 405), "POST": dict.fromkeys(PERSONAS, 401)},
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_who_gets_what(persona_client, channel, url_name, persona):
    url = reverse(url_name, args=[channel.pk])
    for method, statuses in MATRIX[url_name].items():
        client = persona_client(persona)
        response = client.get(url) if method == "GET" else client.post(url)
        assert response.status_code == statuses[persona], f"{method} {url} as {persona}"


def test_the_page_says_whether_there_is_a_token(client_as, channel, people):
    client = client_as("flowmanager")
    url = reverse("monitoring_api:token_manage", args=[channel.pk])
    page = client.get(url).content.decode()
    assert "no token" in page
    assert reverse("monitoring_api:channel_interactions", args=[channel.pk]) in page
    assert "Authorization: Bearer" in page and "written_at" in page
    plaintext = ingest_token_issue(channel=channel, acting_user=people["lead"])
    ingest_token_channel(token=plaintext)
    page = client.get(url).content.decode()
    assert "Revoke the token" in page and "Last used" in page and "Never" not in page
    assert plaintext not in page
    assert IngestToken.objects.get().token_hash not in page


def test_issuing_shows_the_token_once(client_as, channel):
    client = client_as("flowmanager")
    response = client.post(reverse("monitoring_api:token_issue", args=[channel.pk]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    plaintext = response.context["plaintext_token"]
    assert plaintext in response.content.decode()
    assert ingest_token_channel(token=plaintext) == channel
    assert plaintext not in str(dict(client.session))
    assert not [str(message) for message in get_messages(response.wsgi_request)]
    page = client.get(reverse("monitoring_api:token_manage", args=[channel.pk])).content.decode()
    assert plaintext not in page


def test_issuing_again_says_the_old_token_stops(client_as, channel, people):
    old = ingest_token_issue(channel=channel, acting_user=people["lead"])
    response = client_as("producer").post(reverse("monitoring_api:token_issue", args=[channel.pk]))
    assert "no longer works" in response.content.decode()
    assert ingest_token_channel(token=old) is None


def test_revoking(client_as, channel, people):
    plaintext = ingest_token_issue(channel=channel, acting_user=people["lead"])
    client = client_as("community")
    response = client.post(reverse("monitoring_api:token_revoke", args=[channel.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("monitoring_api:token_manage", args=[channel.pk])
    assert "The token is revoked" in response.content.decode()
    assert ingest_token_channel(token=plaintext) is None


def test_the_issue_and_revoke_forms_need_csrf(channel, people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["flowmanager"])
    assert client.post(reverse("monitoring_api:token_issue", args=[channel.pk])).status_code == 403
    assert client.post(reverse("monitoring_api:token_revoke", args=[channel.pk])).status_code == 403
    assert not IngestToken.objects.exists()


def _foreign_channel(people) -> Channel:
    """A channel of a department the demo personas do not belong to (as tests/architecture/test_idor.py builds it)."""
    unit = UnitFactory(hospital=Unit.objects.get(name="Akutafdelingen").hospital, name="Fremmed afdeling")
    producer = UserFactory(username="foreign-producer")
    membership_make(user=producer, unit=unit, role_code="producer")
    membership_make(user=UserFactory(username="foreign-flow"), unit=unit, role_code="flowmanager")
    level = Level.objects.get(number=3)
    unit_maturity_set(unit=unit, current_level=level, target_level=level, acting_user=None)
    plan = plan_create(unit=unit, data={"title": "Fremmed kanal", "platform": "x"}, acting_user=producer)
    plan_submit_complete(plan=plan, acting_user=producer)
    plan_decide(plan=plan, decision="approve", comment="", acting_user=people["lead"])
    return Channel.objects.get(plan=plan)


def test_another_departments_channel_is_404(client, people):
    """What tests/architecture/test_idor.py asks of the token pages (the endpoint answers 401 without a token)."""
    foreign = _foreign_channel(people)
    client.force_login(people["producer"])
    for name in ("token_manage", "token_issue", "token_revoke"):
        url = reverse(f"monitoring_api:{name}", args=[foreign.pk])
        assert {client.get(url).status_code, client.post(url).status_code} <= {404, 405}
        assert 404 in {client.get(url).status_code, client.post(url).status_code}
    assert not IngestToken.objects.exists()


def test_the_communication_unit_manages_every_departments_channel(client, people):
    foreign = _foreign_channel(people)
    client.force_login(people["lead"])
    assert client.get(reverse("monitoring_api:token_manage", args=[foreign.pk])).status_code == 200
