"""Mention feeds: fetch an RSS or Atom source (a news search, a Google Alerts feed) and store its entries as mentions.

The address is the hospital's, the content a stranger's. ``download`` fetches it bounded (timeouts, a deadline, a
maximum size, at most three redirects), conditionally (ETag/Last-Modified) and only from public http(s) addresses
(the SSRF guard); ``entries`` turns the body into plain-text mentions with the article's own link. This module fetches
and records: ``mention_feed_fetch`` stores the new entries through ``interactions_intake`` (which dedupes them on the
entry's id per feed), ``mention_feeds_fetch_all`` runs it for every active feed (Celery beat).

Each fetch records the feed's state: ``consecutive_failures`` and a short, content-free ``last_error`` (the monitoring
sweep raises an alert after three failures in a row). Logs name the feed's id and the error, never its address (a
Google Alerts address is personal) nor its content.

The names other modules use are re-exported here; ``ALLOW_PRIVATE_ADDRESSES`` is defined and read here (tests patch
``monitoring.feeds``), the download limits in ``monitoring.feeds.download`` (tests patch that module).
"""

import datetime
import http.client
import logging
import socket
import ssl
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from governance.audit import save_as
from monitoring.feeds.download import (
    ERROR_ADDRESS_CHANGED,
    ERROR_ADDRESS_REFUSED,
    ERROR_BAD_ADDRESS,
    ERROR_BAD_REDIRECT,
    ERROR_BAD_RESPONSE,
    ERROR_CONNECTION,
    ERROR_HOST_NOT_FOUND,
    ERROR_LABELS,
    ERROR_NOT_A_FEED,
    ERROR_STORE,
    ERROR_TIMEOUT,
    ERROR_TLS,
    ERROR_TOO_LARGE,
    ERROR_TOO_MANY_REDIRECTS,
    ERROR_UNEXPECTED,
    FETCH_TIMEOUT_SECONDS,
    FeedDownload,
    FeedFetchError,
    address_is_public,
    feed_download,
    feed_error_label,
    host_addresses,
)
from monitoring.feeds.entries import feed_entries, link_unwrap, plain_text
from monitoring.models import Interaction, MentionFeed
from monitoring.services.intake import IncomingInteraction, interactions_intake

__all__ = [
    "ALLOW_PRIVATE_ADDRESSES",
    "ERROR_ADDRESS_CHANGED",
    "ERROR_ADDRESS_REFUSED",
    "ERROR_BAD_ADDRESS",
    "ERROR_BAD_REDIRECT",
    "ERROR_BAD_RESPONSE",
    "ERROR_CONNECTION",
    "ERROR_HOST_NOT_FOUND",
    "ERROR_LABELS",
    "ERROR_NOT_A_FEED",
    "ERROR_STORE",
    "ERROR_TIMEOUT",
    "ERROR_TLS",
    "ERROR_TOO_LARGE",
    "ERROR_TOO_MANY_REDIRECTS",
    "ERROR_UNEXPECTED",
    "FeedDownload",
    "FeedFetchError",
    "FeedFetchResult",
    "address_is_public",
    "feed_download",
    "feed_entries",
    "feed_error_label",
    "host_addresses",
    "link_unwrap",
    "mention_feed_fetch",
    "mention_feeds_fetch_all",
    "plain_text",
]

logger = logging.getLogger(__name__)

ETAG_MAX_LENGTH = MentionFeed._meta.get_field("etag").max_length
LAST_MODIFIED_MAX_LENGTH = MentionFeed._meta.get_field("last_modified").max_length
# Tests point feeds at a server on 127.0.0.1: they turn the guard off here or per call. It is on everywhere else.
ALLOW_PRIVATE_ADDRESSES = False


@dataclass(frozen=True)
class FeedFetchResult:
    feed_id: int
    ok: bool
    created: int = 0
    skipped: int = 0  # entries seen before
    not_modified: bool = False  # the server answered 304
    error: str = ""


def _failure_message(error: Exception) -> str:
    if isinstance(error, FeedFetchError):
        return str(error)
    if isinstance(error, TimeoutError):
        return ERROR_TIMEOUT
    if isinstance(error, ssl.SSLError | ssl.CertificateError):
        return ERROR_TLS
    if isinstance(error, socket.gaierror):
        return ERROR_HOST_NOT_FOUND
    if isinstance(error, http.client.HTTPException):
        return ERROR_BAD_RESPONSE
    if isinstance(error, OSError):
        return ERROR_CONNECTION
    return ERROR_UNEXPECTED


def _tracked_state(feed: MentionFeed) -> tuple:
    return feed.last_error, feed.consecutive_failures


def _save_state(feed: MentionFeed, acting_user, before: tuple) -> None:
    """Save; a history row only when the state the history tracks changed (failing, recovered), not per fetch."""
    if _tracked_state(feed) != before:
        save_as(feed, acting_user)
        return
    feed.skip_history_when_saving = True  # simple-history skips when the attribute exists, whatever its value
    try:
        save_as(feed, acting_user)
    finally:
        del feed.skip_history_when_saving


def _record_failure(feed: MentionFeed, error: str, *, now: datetime.datetime, acting_user) -> FeedFetchResult:
    with transaction.atomic():
        locked = MentionFeed.objects.select_for_update().filter(pk=feed.pk).first()
        if locked is None:  # deleted while we fetched
            return FeedFetchResult(feed_id=feed.pk, ok=False, error=error)
        before = _tracked_state(locked)
        locked.last_fetched_at = now
        locked.consecutive_failures += 1
        locked.last_error = error[: MentionFeed._meta.get_field("last_error").max_length]
        _save_state(locked, acting_user, before)
    logger.warning("Mention feed %s failed (%s), %d in a row", feed.pk, error, locked.consecutive_failures)
    return FeedFetchResult(feed_id=feed.pk, ok=False, error=error)


def _header(download: FeedDownload, name: str, max_length: int) -> str | None:
    """A validator the server sent (None: it sent none); "" when it cannot be stored or sent back (then it is not
    used: the next fetch is unconditional)."""
    value = download.headers.get(name)
    if value is None:
        return None
    value = value.strip()
    if len(value) > max_length or any(ord(char) < 32 or ord(char) == 127 for char in value):
        return ""
    return value


def _record_success(
    feed: MentionFeed,
    download: FeedDownload,
    items: list[IncomingInteraction],
    *,
    now: datetime.datetime,
    acting_user,
) -> FeedFetchResult:
    with transaction.atomic():
        locked = MentionFeed.objects.select_for_update().select_related("hospital").filter(pk=feed.pk).first()
        if locked is None:
            return FeedFetchResult(feed_id=feed.pk, ok=False, error=ERROR_STORE)
        if locked.url != feed.url:  # someone gave it another address meanwhile: what we fetched is not its content
            return FeedFetchResult(feed_id=feed.pk, ok=False, error=ERROR_ADDRESS_CHANGED)
        intake = (
            interactions_intake(
                hospital=locked.hospital,
                items=items,
                source=Interaction.Source.FEED,
                feed=locked,
                acting_user=acting_user,
            )
            if items
            else None
        )
        before = _tracked_state(locked)
        if (etag := _header(download, "etag", ETAG_MAX_LENGTH)) is not None:
            locked.etag = etag
        if (modified := _header(download, "last-modified", LAST_MODIFIED_MAX_LENGTH)) is not None:
            locked.last_modified = modified
        locked.last_fetched_at = now
        locked.last_success_at = now
        locked.consecutive_failures = 0
        locked.last_error = ""
        _save_state(locked, acting_user, before)
    created = len(intake.created) if intake else 0
    logger.info("Mention feed %s fetched: %d new", feed.pk, created)
    return FeedFetchResult(
        feed_id=feed.pk,
        ok=True,
        created=created,
        skipped=intake.skipped if intake else 0,
        not_modified=download.not_modified,
    )


def mention_feed_fetch(
    *,
    feed: MentionFeed,
    now: datetime.datetime | None = None,
    timeout: float = FETCH_TIMEOUT_SECONDS,
    allow_private_addresses: bool | None = None,
    acting_user=None,
) -> FeedFetchResult:
    """Fetch one feed, store its new entries as mentions and record the outcome in the feed's state.

    Network first, outside any transaction; then one short transaction that locks the feed, stores and records.
    ``allow_private_addresses`` (default: ALLOW_PRIVATE_ADDRESSES, False) lets tests reach a local server.
    """
    now = now or timezone.now()
    allow_private = ALLOW_PRIVATE_ADDRESSES if allow_private_addresses is None else allow_private_addresses
    try:
        download = feed_download(
            feed.url,
            etag=feed.etag,
            last_modified=feed.last_modified,
            timeout=timeout,
            allow_private=allow_private,
        )
        items = [] if download.not_modified else feed_entries(download, now=now)
    except Exception as error:  # every failure is the feed's state; only its kind is recorded
        message = _failure_message(error)
        if message == ERROR_UNEXPECTED:
            logger.error("Mention feed %s: unexpected %s while fetching", feed.pk, type(error).__name__)
        return _record_failure(feed, message, now=now, acting_user=acting_user)
    try:
        return _record_success(feed, download, items, now=now, acting_user=acting_user)
    except Exception as error:
        logger.error("Mention feed %s: %s while storing its entries", feed.pk, type(error).__name__)
        return _record_failure(feed, ERROR_STORE, now=now, acting_user=acting_user)


def mention_feeds_fetch_all() -> list[FeedFetchResult]:
    """Fetch every active feed, one after the other; one failing feed never stops the others."""
    results = []
    for feed in MentionFeed.objects.filter(is_active=True).order_by("pk"):
        try:
            results.append(mention_feed_fetch(feed=feed))
        except Exception as error:  # e.g. the database went away while recording the failure
            logger.error("Mention feed %s: %s; its state could not be recorded", feed.pk, type(error).__name__)
            results.append(FeedFetchResult(feed_id=feed.pk, ok=False, error=ERROR_UNEXPECTED))
    return results
