"""A downloaded feed's entries as mentions, in plain text.

Entries become plain text: markup stripped (also markup escaped once or twice more), entities decoded, control
characters dropped; Google's redirect links unwrapped to the article's own address, anything but http(s) links
dropped. Each entry gets a stable ``external_id`` (its id, else its link, else a hash of its text) on which
``interactions_intake`` dedupes it per feed.
"""

import datetime
import hashlib
import html
import io
import re
import unicodedata
from urllib.parse import parse_qs, urlsplit

import feedparser
import nh3
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from monitoring.feeds.download import ERROR_NOT_A_FEED, FeedDownload, FeedFetchError
from monitoring.models import TEXT_MAX_LENGTH, Interaction
from monitoring.services.intake import IncomingInteraction

MAX_ENTRIES_PER_FETCH = 500
EXTERNAL_ID_MAX_LENGTH = Interaction._meta.get_field("external_id").max_length
LINK_MAX_LENGTH = Interaction._meta.get_field("url").max_length
AUTHOR_MAX_LENGTH = Interaction._meta.get_field("author_handle").max_length

BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|tr|td|th|table|blockquote|pre|section|article|header|footer|"
    r"figure|figcaption|img|iframe)\b[^>]*>",
    re.IGNORECASE,
)
TAG_LIKE = re.compile(r"<[!/?]?[a-zA-Z][^<>]*>?|<!--")
GOOGLE_HOST = re.compile(r"^(www\.)?google\.[a-z]{2,3}(\.[a-z]{2})?$")
_link_validator = URLValidator(schemes=["http", "https"])


def plain_text(value: str, *, max_length: int = TEXT_MAX_LENGTH) -> str:
    """Markup stripped (also markup escaped once or twice more), entities decoded, control characters dropped,
    whitespace collapsed, capped. The result holds no tag, whatever the input."""
    text = value or ""
    for _round in range(4):
        cleaned = html.unescape(nh3.clean(BLOCK_TAG.sub(r" \g<0>", text), tags=set()))  # "<p>a</p><p>b</p>": "a b"
        if cleaned == text:
            break
        text = cleaned
    else:
        text = TAG_LIKE.sub(" ", text)  # escaped more often than any feed would: what is left is dropped
    text = "".join(" " if unicodedata.category(char) == "Cc" else char for char in text)
    return " ".join(text.split())[:max_length].strip()


def link_unwrap(url: str) -> str:
    """The article's own address: Google's redirect links (``https://www.google.com/url?...&url=REAL``, or ``q=``)
    unwrapped; "" for anything that is not a valid http(s) address."""
    url = (url or "").strip()
    for _round in range(3):
        try:
            parts = urlsplit(url)
        except ValueError:
            return ""
        if not (GOOGLE_HOST.match((parts.hostname or "").lower()) and parts.path == "/url"):
            break
        query = parse_qs(parts.query)
        wrapped = (query.get("url") or query.get("q") or [""])[0].strip()
        if not wrapped:
            break
        url = wrapped
    if len(url) > LINK_MAX_LENGTH or urlsplit(url).scheme.lower() not in ("http", "https"):
        return ""
    try:
        _link_validator(url)
    except ValidationError:
        return ""
    return url


def _entry_id(entry, text: str) -> str:
    raw = (entry.get("id") or entry.get("link") or "").strip()
    if not raw:
        raw = "text:" + text  # no id, no link: the text itself names the entry, so it is stored once
    if len(raw) > EXTERNAL_ID_MAX_LENGTH or raw.startswith("text:") or "\x00" in raw:
        return "sha256:" + hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()
    return raw


def _entry_time(entry, now: datetime.datetime) -> datetime.datetime:
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                moment = datetime.datetime(*parsed[:6], tzinfo=datetime.UTC)
            except (TypeError, ValueError):
                continue
            return min(moment, now)  # a date in the future is a feed's mistake: it would sort above everything
    return now


def _entry_summary(entry) -> str:
    summary = entry.get("summary") or ""
    if not summary and entry.get("content"):
        summary = entry["content"][0].get("value") or ""
    return summary


def feed_entries(download: FeedDownload, *, now: datetime.datetime) -> list[IncomingInteraction]:
    """The feed's entries as mentions; FeedFetchError(ERROR_NOT_A_FEED) when the body is no feed."""
    response_headers = {"content-location": download.url}
    if download.headers.get("content-type"):
        response_headers["content-type"] = download.headers["content-type"]
    # A stream, never bytes: feedparser opens a string that names a file or an address.
    parsed = feedparser.parse(io.BytesIO(download.body), response_headers=response_headers)
    if not parsed.entries and (parsed.bozo or not parsed.version):
        raise FeedFetchError(ERROR_NOT_A_FEED)
    items = []
    for entry in parsed.entries[:MAX_ENTRIES_PER_FETCH]:
        title = plain_text(entry.get("title") or "")
        summary = plain_text(_entry_summary(entry))
        parts = [title] if summary in ("", title) else [part for part in (title, summary) if part]
        text = "\n\n".join(parts)[:TEXT_MAX_LENGTH].strip()
        if not text:
            continue
        items.append(
            IncomingInteraction(
                kind=Interaction.Kind.MENTION,
                text=text,
                occurred_at=_entry_time(entry, now),
                author_handle=plain_text(entry.get("author") or "", max_length=AUTHOR_MAX_LENGTH),
                url=link_unwrap(entry.get("link") or ""),
                external_id=_entry_id(entry, text),
            )
        )
    return items
