"""The integration endpoint's writes: each channel's ingest token, and the payloads pushed with it.

A token is ``secrets.token_urlsafe(32)``, shown once to the person who issues it; only its SHA-256 is stored, so a
copy of the database lets nobody push. Issuing again replaces the token (the old one stops working at once);
revoking deletes it. Both are audited in the token's history, which never holds the hash.
"""

import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from channels_plan.models import Channel
from channels_plan.permissions import can_manage_channel
from governance.audit import delete_as, save_as
from governance.models import User
from governance.permissions import actor_for
from monitoring.api.schema import PayloadNotJSON, SchemaError, payload_parse, payload_validate
from monitoring.models import IngestToken, Interaction
from monitoring.services.intake import interactions_intake

logger = logging.getLogger("monitoring.ingest")

TOKEN_BYTES = 32
TOKEN_MAX_LENGTH = 100  # token_urlsafe(32) is 43 characters; anything much longer is not one of ours
OPEN_STATUSES = frozenset({Channel.Status.ACTIVE, Channel.Status.PLANNED})


class IngestRefused(Exception):
    """The channel takes no interactions in its state (paused or closed)."""


@dataclass(frozen=True)
class IngestResult:
    created: int = 0
    skipped: int = 0  # seen before on the channel (same platform id), or repeated within the payload
    errors: tuple[SchemaError, ...] = ()  # the payload broke the schema: nothing was stored
    invalid_json: str = ""  # why the body is not JSON; nothing was stored

    @property
    def accepted(self) -> bool:
        return not self.errors and not self.invalid_json


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def channel_accepts_ingest(channel: Channel) -> bool:
    return channel.status in OPEN_STATUSES


def _check_may_manage(*, channel: Channel, acting_user: User) -> None:
    if not can_manage_channel(actor_for(acting_user), channel):
        raise PermissionDenied("You may not manage this channel's integration.")


@transaction.atomic
def ingest_token_issue(*, channel: Channel, acting_user: User) -> str:
    """A new token for the channel, replacing its old one; the plaintext is returned here and never again."""
    channel = Channel.objects.select_for_update().select_related("unit").get(pk=channel.pk)
    _check_may_manage(channel=channel, acting_user=acting_user)
    old = IngestToken.objects.filter(channel=channel).first()
    if old is not None:
        delete_as(old, acting_user)
    plaintext = secrets.token_urlsafe(TOKEN_BYTES)
    save_as(IngestToken(channel=channel, token_hash=token_hash(plaintext), created_by=acting_user), acting_user)
    logger.info("ingest token issued for channel %s", channel.pk)
    return plaintext


@transaction.atomic
def ingest_token_revoke(*, channel: Channel, acting_user: User) -> bool:
    """Delete the channel's token; False when it had none."""
    channel = Channel.objects.select_for_update().select_related("unit").get(pk=channel.pk)
    _check_may_manage(channel=channel, acting_user=acting_user)
    token = IngestToken.objects.filter(channel=channel).first()
    if token is None:
        return False
    delete_as(token, acting_user)
    logger.info("ingest token revoked for channel %s", channel.pk)
    return True


def ingest_token_channel(*, token: str) -> Channel | None:
    """The channel the token belongs to, or None; notes when the token was last used.

    The lookup is by the token's SHA-256, so the database compares hashes, never the secret: its timing tells an
    attacker nothing about the token. The stored hash is compared again in constant time all the same.
    """
    if not token or len(token) > TOKEN_MAX_LENGTH or not token.isascii():
        return None
    digest = token_hash(token)
    stored = IngestToken.objects.select_related("channel__unit__hospital").filter(token_hash=digest).first()
    if stored is None or not hmac.compare_digest(stored.token_hash, digest):
        return None
    stored.last_used_at = timezone.now()
    # Use is no audited change (last_used_at is outside the history): no history row per push.
    stored.save_without_historical_record(update_fields=["last_used_at"])
    return stored.channel


def ingest_payload(*, channel: Channel, payload: bytes) -> IngestResult:
    """Validate the pushed JSON (monitoring.api.schema) and take its items in, all of them or none.

    Never logs the payload or any interaction's text: only the channel's id and counts.
    """
    if not channel_accepts_ingest(channel):
        raise IngestRefused(channel.status)
    try:
        document = payload_parse(payload)
    except PayloadNotJSON as error:
        logger.info("ingest for channel %s refused: not JSON", channel.pk)
        return IngestResult(invalid_json=str(error))
    items, errors = payload_validate(document)
    if errors:
        logger.info("ingest for channel %s refused: %d schema errors", channel.pk, len(errors))
        return IngestResult(errors=tuple(errors))
    result = interactions_intake(
        hospital=channel.unit.hospital, items=items, source=Interaction.Source.API, channel=channel
    )
    created = len(result.created)
    logger.info("ingest for channel %s: %d created, %d skipped", channel.pk, created, result.skipped)
    return IngestResult(created=created, skipped=result.skipped)
