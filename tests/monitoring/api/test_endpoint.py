"""POST /api/channels/<id>/interactions/: the token-authenticated JSON endpoint a hospital's integration pushes to."""

import json
import logging

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from channels_plan.models import Channel
from channels_plan.services import channel_status_set
from monitoring.api.views import MAX_BODY_BYTES, body_within_limit, channel_interactions
from monitoring.models import Interaction
from monitoring.services.ingest import ingest_token_issue, ingest_token_revoke
from tests.hostile_inputs import HOSTILE_INPUTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def channel(demo) -> Channel:
    return Channel.objects.get()


@pytest.fixture
def token(channel, people) -> str:
    return ingest_token_issue(channel=channel, acting_user=people["flowmanager"])


def url_of(channel_or_id) -> str:
    return reverse("monitoring_api:channel_interactions", args=[getattr(channel_or_id, "pk", channel_or_id)])


def item(number: int = 1, **overrides) -> dict:
    written = timezone.now().replace(microsecond=0) - timezone.timedelta(hours=1)
    return {"id": f"fb-{number}", "text": f"Kommentar {number}", "written_at": written.isoformat(), **overrides}


def body_of(*items: dict) -> bytes:
    return json.dumps({"interactions": list(items)}).encode()


def push(client, channel, token, body: bytes, *, content_type="application/json", **headers):
    auth = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return client.post(url_of(channel), data=body, content_type=content_type, headers={**auth, **headers})


def test_a_push_is_stored_as_interactions_of_the_channel(client, channel, token):
    body = body_of(
        item(1, kind="review", author="Jens", url="https://example.org/r/1", health_data=True),
        item(2),
    )
    response = push(client, channel, token, body)
    assert response.status_code == 201
    assert response.json() == {"created": 2, "skipped": 0}
    review = Interaction.objects.get(external_id="fb-1")
    assert (review.channel, review.hospital, review.unit) == (channel, channel.unit.hospital, channel.unit)
    assert (review.source, review.kind, review.author_handle, review.url, review.has_health_data) == (
        "api",
        "review",
        "Jens",
        "https://example.org/r/1",
        True,
    )
    assert review.status == Interaction.Status.NEW
    assert review.history.get().history_user is None  # the integration, not a person
    assert Interaction.objects.get(external_id="fb-2").kind == "comment"


def test_pushing_the_same_items_again_stores_nothing_new(client, channel, token):
    body = body_of(item(1), item(2))
    assert push(client, channel, token, body).status_code == 201
    again = push(client, channel, token, body)
    assert (again.status_code, again.json()) == (200, {"created": 0, "skipped": 2})
    mixed = push(client, channel, token, body_of(item(2), item(3), item(3)))
    assert (mixed.status_code, mixed.json()) == (201, {"created": 1, "skipped": 2})
    assert Interaction.objects.count() == 3


def test_an_empty_list_is_nothing_new(client, channel, token):
    response = push(client, channel, token, body_of())
    assert (response.status_code, response.json()) == (200, {"created": 0, "skipped": 0})


# Authentication


@pytest.mark.parametrize(
    "authorization", [None, "", "Bearer", "Bearer ", "Token abc", "Basic dXNlcjpwYXNz", "Bearer a b"]
)
def test_no_or_a_malformed_authorization_is_401(client, channel, token, authorization):
    headers = {"Authorization": authorization} if authorization is not None else {}
    response = client.post(url_of(channel), data=body_of(item()), content_type="application/json", headers=headers)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert "error" in response.json()
    assert not Interaction.objects.exists()


def test_a_wrong_token_is_401(client, channel, token):
    response = push(client, channel, token[:-1] + ("A" if token[-1] != "A" else "B"), body_of(item()))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer error="invalid_token"'
    assert not Interaction.objects.exists()


def test_the_scheme_is_case_insensitive(client, channel, token):
    response = client.post(
        url_of(channel),
        data=body_of(item()),
        content_type="application/json",
        headers={"Authorization": f"bearer {token}"},
    )
    assert response.status_code == 201


def test_a_revoked_or_replaced_token_is_401(client, channel, token, people):
    ingest_token_issue(channel=channel, acting_user=people["lead"])
    assert push(client, channel, token, body_of(item())).status_code == 401
    new = ingest_token_issue(channel=channel, acting_user=people["lead"])
    ingest_token_revoke(channel=channel, acting_user=people["lead"])
    assert push(client, channel, new, body_of(item())).status_code == 401
    assert not Interaction.objects.exists()


def test_another_channels_token_is_404(client, channel, token, people, make_active_channel):
    other = make_active_channel("Hjerteafdelingen på Instagram")
    other_token = ingest_token_issue(channel=other, acting_user=people["flowmanager"])
    assert push(client, channel, other_token, body_of(item())).status_code == 404
    assert push(client, other, token, body_of(item())).status_code == 404
    assert push(client, 999_999, token, body_of(item())).status_code == 404  # no such channel: the same answer
    assert not Interaction.objects.exists()
    assert push(client, other, other_token, body_of(item())).status_code == 201


@pytest.mark.parametrize("username", ["flowmanager", "lead", "admin"])
def test_a_signed_in_session_alone_is_401(client_as, channel, token, username):
    client = client_as(username)
    response = push(client, channel, None, body_of(item()))
    assert response.status_code == 401
    assert not Interaction.objects.exists()


def test_a_session_sent_along_with_the_token_names_no_one(client_as, channel, token):
    response = push(client_as("lead"), channel, token, body_of(item()))
    assert response.status_code == 201
    assert Interaction.objects.get().history.get().history_user is None


def test_no_csrf_token_is_needed(channel, token):
    client = Client(enforce_csrf_checks=True)
    assert push(client, channel, token, body_of(item())).status_code == 201


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_only_post(client, channel, token, method):
    response = getattr(client, method)(url_of(channel), headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 405


def test_responses_are_not_cached(client, channel, token):
    assert "no-store" in push(client, channel, token, body_of(item()))["Cache-Control"]


# The body


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml", ""])
def test_only_json_is_taken(client, channel, token, content_type):
    response = push(client, channel, token, body_of(item()), content_type=content_type)
    assert response.status_code == 415
    assert not Interaction.objects.exists()


def test_json_with_a_charset_is_taken(client, channel, token):
    response = push(client, channel, token, body_of(item()), content_type="application/json; charset=utf-8")
    assert response.status_code == 201


def test_a_body_over_one_megabyte_is_413(client, channel, token):
    body = body_of(item())
    padded = body + b" " * (MAX_BODY_BYTES - len(body))
    assert len(padded) == MAX_BODY_BYTES
    assert push(client, channel, token, padded + b" ").status_code == 413
    assert not Interaction.objects.exists()
    assert push(client, channel, token, padded).status_code == 201


def test_the_limit_holds_for_what_is_read_whatever_the_header_says(channel, token):
    request = RequestFactory().post(url_of(channel), data=b" " * (MAX_BODY_BYTES + 1), content_type="application/json")
    request.META["CONTENT_LENGTH"] = "10"  # a header that understates the body
    assert body_within_limit(request) is None
    small = RequestFactory().post(url_of(channel), data=b"{}", content_type="application/json")
    assert body_within_limit(small) == b"{}"


def test_a_content_length_that_is_no_number_is_400(channel, token):
    request = RequestFactory().post(
        url_of(channel),
        data=body_of(item()),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    request.META["CONTENT_LENGTH"] = "12abc"
    request.session = {}
    assert channel_interactions(request, channel_id=channel.pk).status_code == 400


@pytest.mark.parametrize("body", [b"  ", b"{", b"interactions", b"\xff", b'{"interactions": [], "interactions": []}'])
def test_a_body_that_is_no_json_is_400(client, channel, token, body):
    response = push(client, channel, token, body)
    assert response.status_code == 400
    assert response.json()["error"].startswith("The body is not valid JSON")


def test_a_schema_error_is_422_and_stores_nothing(client, channel, token):
    body = body_of(item(1), item(2, kind="like", likes=3), item(3, written_at="2026-03-02T09:15:00"), item(4))
    response = push(client, channel, token, body)
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"index": 1, "field": "likes", "message": "is not a known field"},
        {"index": 1, "field": "kind", "message": "must be one of comment, direct_message, mention, review, user_post"},
        {"index": 2, "field": "written_at", "message": "must name its UTC offset (for example +01:00 or Z)"},
    ]
    assert not Interaction.objects.exists()


def test_501_items_are_422(client, channel, token):
    response = push(client, channel, token, body_of(*[item(n) for n in range(501)]))
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"index": None, "field": "interactions", "message": "must hold at most 500 items"}
    ]


@pytest.mark.parametrize("status", [Channel.Status.PAUSED, Channel.Status.CLOSED])
def test_a_paused_or_closed_channel_is_409(client, channel, token, people, status):
    channel_status_set(channel=channel, status=Channel.Status.ACTIVE, acting_user=people["lead"])
    channel_status_set(channel=channel, status=status, acting_user=people["lead"])
    response = push(client, channel, token, body_of(item()))
    assert response.status_code == 409
    assert not Interaction.objects.exists()


def test_an_active_channel_takes_pushes(client, channel, token, people):
    channel_status_set(channel=channel, status=Channel.Status.ACTIVE, acting_user=people["lead"])
    assert push(client, channel, token, body_of(item())).status_code == 201


# Hostile text

STORED_AS_IS = {name: value for name, value in HOSTILE_INPUTS.items() if name not in {"nul_byte", "one_megabyte"}}


@pytest.mark.parametrize("name", sorted(STORED_AS_IS))
def test_hostile_text_and_author_are_stored_verbatim(client, channel, token, name):
    value = HOSTILE_INPUTS[name]
    response = push(client, channel, token, body_of(item(1, text=value, author=value), item(2, text=f"x{value}x")))
    assert response.status_code == 201
    stored = Interaction.objects.get(external_id="fb-1")
    assert (stored.text, stored.author_handle) == (value, value)
    assert Interaction.objects.get(external_id="fb-2").text == f"x{value}x"


def test_a_nul_byte_is_refused_not_stored(client, channel, token):
    response = push(client, channel, token, body_of(item(text=HOSTILE_INPUTS["nul_byte"])))
    assert response.status_code == 422
    assert response.json()["errors"] == [{"index": 0, "field": "text", "message": "must not contain NUL characters"}]


def test_a_megabyte_of_text_is_too_large(client, channel, token):
    assert push(client, channel, token, body_of(item(text=HOSTILE_INPUTS["one_megabyte"]))).status_code == 413
    text = "x" * 10_001
    response = push(client, channel, token, body_of(item(text=text)))
    assert response.status_code == 422


def test_formulas_and_markup_are_kept_as_written(client, channel, token):
    values = [
        '=HYPERLINK("http://evil.example","klik")',
        "@SUM(1+1)",
        "<b>fed</b> &amp; <script>x()</script>",
        "{{ 7*7 }}",
    ]
    assert push(client, channel, token, body_of(*[item(n, text=v, author=v[:200]) for n, v in enumerate(values)]))
    assert sorted(Interaction.objects.values_list("text", flat=True)) == sorted(values)


def test_the_body_and_text_are_never_logged(client, channel, token, caplog):
    secret = "Min søn blev indlagt med hjertesvigt"
    with caplog.at_level(logging.DEBUG):
        push(client, channel, token, body_of(item(text=secret, author="Mor til patient")))
        push(client, channel, token, body_of(item(text=secret, kind="nope")))
        push(client, channel, token, b'{"text": "' + secret.encode() + b'"')
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert f"channel {channel.pk}: 1 created, 0 skipped" in logged
    for forbidden in (secret, "Mor til patient", token):
        assert forbidden not in logged


def _push_1_then_100(client, channel, token) -> tuple[list[str], list[str]]:
    with CaptureQueriesContext(connection) as one:
        assert push(client, channel, token, body_of(item(0))).status_code == 201
    with CaptureQueriesContext(connection) as hundred:
        assert push(client, channel, token, body_of(*[item(n) for n in range(1, 101)])).status_code == 201
    assert Interaction.objects.count() == 101
    return [q["sql"] for q in one.captured_queries], [q["sql"] for q in hundred.captured_queries]


# bulk_create splits 100 rows into a few INSERTs on SQLite (its limit on query parameters): one more per batch,
# for the interactions and for their history rows.
BATCH_ALLOWANCE = 6


def test_queries_do_not_grow_with_the_items(client, channel, token):
    one, hundred = _push_1_then_100(client, channel, token)
    assert len(hundred) <= len(one) + BATCH_ALLOWANCE
