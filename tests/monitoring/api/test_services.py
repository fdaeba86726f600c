"""A channel's ingest token: issued once in plain text, stored as a hash, replaced, revoked, audited."""

import hashlib

import pytest
from django.core.exceptions import PermissionDenied

from channels_plan.models import Channel
from monitoring.models import IngestToken, Interaction
from monitoring.services.ingest import (
    IngestRefused,
    ingest_payload,
    ingest_token_channel,
    ingest_token_issue,
    ingest_token_revoke,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def channel(demo) -> Channel:
    return Channel.objects.get()


def test_the_plaintext_is_never_stored(channel, people):
    plaintext = ingest_token_issue(channel=channel, acting_user=people["flowmanager"])
    stored = IngestToken.objects.get(channel=channel)
    assert len(plaintext) >= 43
    assert stored.token_hash == hashlib.sha256(plaintext.encode()).hexdigest()
    assert stored.created_by == people["flowmanager"]
    for row in IngestToken.objects.values_list():
        assert plaintext not in {str(value) for value in row}
    history = stored.history.get()
    assert not hasattr(history, "token_hash")
    assert history.history_user == people["flowmanager"]
    assert ingest_token_channel(token=plaintext) == channel


def test_issuing_again_replaces_the_token(channel, people):
    old = ingest_token_issue(channel=channel, acting_user=people["flowmanager"])
    new = ingest_token_issue(channel=channel, acting_user=people["lead"])
    assert old != new
    assert ingest_token_channel(token=old) is None
    assert ingest_token_channel(token=new) == channel
    assert IngestToken.objects.get().created_by == people["lead"]
    assert list(IngestToken.history.order_by("history_id").values_list("history_type", "history_user__username")) == [
        ("+", "flowmanager"),
        ("-", "lead"),
        ("+", "lead"),
    ]


def test_revoking_deletes_the_token(channel, people):
    plaintext = ingest_token_issue(channel=channel, acting_user=people["producer"])  # the channel's back-up
    assert ingest_token_revoke(channel=channel, acting_user=people["community"]) is True
    assert ingest_token_channel(token=plaintext) is None
    assert not IngestToken.objects.exists()
    assert ingest_token_revoke(channel=channel, acting_user=people["community"]) is False
    assert IngestToken.history.filter(history_type="-", history_user=people["community"]).exists()


@pytest.mark.parametrize("username", ["manager", "admin"])
def test_only_those_who_manage_the_channel_issue_or_revoke(channel, people, username):
    with pytest.raises(PermissionDenied):
        ingest_token_issue(channel=channel, acting_user=people[username])
    ingest_token_issue(channel=channel, acting_user=people["flowmanager"])
    with pytest.raises(PermissionDenied):
        ingest_token_revoke(channel=channel, acting_user=people[username])
    assert IngestToken.objects.exists()


def test_using_a_token_notes_when_without_a_history_row(channel, people):
    plaintext = ingest_token_issue(channel=channel, acting_user=people["flowmanager"])
    assert IngestToken.objects.get().last_used_at is None
    ingest_token_channel(token=plaintext)
    assert IngestToken.objects.get().last_used_at is not None
    assert IngestToken.history.count() == 1


@pytest.mark.parametrize("token", ["", "x", "é" * 43, "a" * 5000])
def test_anything_else_is_no_token(channel, people, token):
    ingest_token_issue(channel=channel, acting_user=people["flowmanager"])
    assert ingest_token_channel(token=token) is None


def test_a_closed_channel_takes_nothing(channel):
    channel.status = Channel.Status.CLOSED
    with pytest.raises(IngestRefused):
        ingest_payload(channel=channel, payload=b'{"interactions": []}')
    assert not Interaction.objects.exists()
