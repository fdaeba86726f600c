"""The JSON a hospital's integration pushes to ``POST /api/channels/<id>/interactions/``, and its validation.

Written by hand to keep the dependencies few. The schema, as the token page documents it::

    {
      "interactions": [                        at most 500 items
        {
          "id": "1789_2231",                   required; the platform's id, 1-300 characters
          "kind": "comment",                   comment | direct_message | mention | review | user_post
                                               (optional, default "comment")
          "text": "Tak for en god behandling", required; 1-10,000 characters
          "author": "Jens Hansen",             optional; at most 200 characters
          "url": "https://facebook.com/...",   optional; an http(s) address of at most 1,000 characters
          "written_at": "2026-03-02T09:15:00+01:00",  required; ISO 8601 with a UTC offset (or Z)
          "health_data": false                 optional; true when the text holds personal or health data
        }
      ]
    }

Unknown keys are refused, at the top and in every item; optional keys may be omitted or null. Strings may not hold
NUL characters (PostgreSQL cannot store them). Either every item is valid and the payload is taken, or nothing is
stored and every error is returned as ``{"index": i, "field": "...", "message": "..."}`` (``index`` is null for an
error in the envelope). The messages are English: they are read by the integration's developers, not the wards.
"""

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone

from monitoring.models import TEXT_MAX_LENGTH, Interaction
from monitoring.services.intake import IncomingInteraction

MAX_ITEMS = 500
ID_MAX_LENGTH = 300
AUTHOR_MAX_LENGTH = 200
URL_MAX_LENGTH = 1000
DEFAULT_KIND = Interaction.Kind.COMMENT
EARLIEST_WRITTEN_AT = datetime(2000, 1, 1, tzinfo=UTC)
FUTURE_LEEWAY = timedelta(days=1)  # clocks differ; a comment written tomorrow does not exist
ITEM_FIELDS = frozenset({"id", "kind", "text", "author", "url", "written_at", "health_data"})
ENVELOPE_FIELDS = frozenset({"interactions"})
FIELD_NAME_ECHO_LIMIT = 100  # an unknown key is named in the error, cut to this many characters

_url_validator = URLValidator(schemes=["http", "https"])


class PayloadNotJSON(ValueError):
    """The body is not one well-formed UTF-8 JSON document (or repeats a key in an object)."""


@dataclass(frozen=True)
class SchemaError:
    index: int | None  # the item's position in "interactions"; None for the envelope
    field: str
    message: str

    def as_dict(self) -> dict:
        return asdict(self)


def _reject_constant(name: str):
    raise PayloadNotJSON(f"{name} is not JSON")


def _object_without_duplicate_keys(pairs: list[tuple[str, object]]) -> dict:
    result = {}
    for key, value in pairs:
        if key in result:
            raise PayloadNotJSON("an object repeats a key")
        result[key] = value
    return result


def payload_parse(payload: bytes) -> object:
    """The body as Python values; PayloadNotJSON for anything but strict UTF-8 JSON."""
    try:
        text = payload.decode("utf-8")
        return json.loads(text, object_pairs_hook=_object_without_duplicate_keys, parse_constant=_reject_constant)
    except PayloadNotJSON:
        raise
    except UnicodeDecodeError:
        raise PayloadNotJSON("the body is not UTF-8") from None
    except RecursionError:
        raise PayloadNotJSON("the JSON is nested too deeply") from None
    except ValueError as error:  # JSONDecodeError, and integers longer than Python converts
        message = error.msg if isinstance(error, json.JSONDecodeError) else "a number is too long"
        raise PayloadNotJSON(message) from None


def _field_name(key: object) -> str:
    return str(key)[:FIELD_NAME_ECHO_LIMIT]


class _Item:
    """Reads one item, collecting its errors."""

    def __init__(self, index: int, raw: dict):
        self.index, self.raw, self.errors = index, raw, []

    def error(self, field: str, message: str) -> None:
        self.errors.append(SchemaError(self.index, field, message))

    def string(self, field: str, *, max_length: int, required: bool) -> str:
        value = self.raw.get(field)
        if value is None:
            if required:
                self.error(field, "is required")
            return ""
        if not isinstance(value, str):
            self.error(field, "must be a string")
            return ""
        if required and not value.strip():
            self.error(field, "must not be empty")
        elif len(value) > max_length:
            self.error(field, f"must be at most {max_length} characters")
        elif "\x00" in value:
            self.error(field, "must not contain NUL characters")
        return value

    def kind(self) -> str:
        value = self.raw.get("kind")
        if value is None:
            return DEFAULT_KIND
        if not isinstance(value, str) or value not in Interaction.Kind.values:
            self.error("kind", "must be one of " + ", ".join(Interaction.Kind.values))
            return DEFAULT_KIND
        return value

    def url(self) -> str:
        value = self.string("url", max_length=URL_MAX_LENGTH, required=False)
        if value and not any(error.field == "url" for error in self.errors):
            try:
                _url_validator(value)
            except ValidationError:
                self.error("url", "must be an http or https address")
        return value

    def written_at(self, now: datetime) -> datetime | None:
        value = self.raw.get("written_at")
        if value is None:
            self.error("written_at", "is required")
            return None
        if not isinstance(value, str) or len(value) > 40:
            self.error("written_at", "must be an ISO 8601 date and time with an offset")
            return None
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            self.error("written_at", "must be an ISO 8601 date and time with an offset")
            return None
        if moment.tzinfo is None or moment.utcoffset() is None:
            self.error("written_at", "must name its UTC offset (for example +01:00 or Z)")
            return None
        if moment < EARLIEST_WRITTEN_AT or moment > now + FUTURE_LEEWAY:
            self.error("written_at", "must lie between the year 2000 and now")
            return None
        return moment

    def boolean(self, field: str) -> bool:
        value = self.raw.get(field)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.error(field, "must be true or false")
            return False
        return value


def _item_read(index: int, raw: object, now: datetime) -> tuple[IncomingInteraction | None, list[SchemaError]]:
    if not isinstance(raw, dict):
        return None, [SchemaError(index, "", "must be an object")]
    item = _Item(index, raw)
    for key in sorted(set(raw) - ITEM_FIELDS):
        item.error(_field_name(key), "is not a known field")
    external_id = item.string("id", max_length=ID_MAX_LENGTH, required=True)
    kind = item.kind()
    text = item.string("text", max_length=TEXT_MAX_LENGTH, required=True)
    author = item.string("author", max_length=AUTHOR_MAX_LENGTH, required=False)
    url = item.url()
    occurred_at = item.written_at(now)
    has_health_data = item.boolean("health_data")
    if item.errors:
        return None, item.errors
    incoming = IncomingInteraction(
        kind=kind,
        text=text,
        occurred_at=occurred_at,
        author_handle=author,
        url=url,
        external_id=external_id,
        has_health_data=has_health_data,
    )
    return incoming, []


def payload_validate(document: object, *, now: datetime | None = None) -> tuple[list[IncomingInteraction], list]:
    """The items the document holds, or the errors that make it unacceptable (then no items)."""
    now = now or timezone.now()
    if not isinstance(document, dict):
        return [], [SchemaError(None, "", "the body must be a JSON object")]
    errors = [
        SchemaError(None, _field_name(key), "is not a known field") for key in sorted(set(document) - ENVELOPE_FIELDS)
    ]
    raw_items = document.get("interactions")
    if raw_items is None:
        return [], [*errors, SchemaError(None, "interactions", "is required")]
    if not isinstance(raw_items, list):
        return [], [*errors, SchemaError(None, "interactions", "must be a list")]
    if len(raw_items) > MAX_ITEMS:
        return [], [*errors, SchemaError(None, "interactions", f"must hold at most {MAX_ITEMS} items")]
    items = []
    for index, raw in enumerate(raw_items):
        item, item_errors = _item_read(index, raw, now)
        errors += item_errors
        if item is not None:
            items.append(item)
    return ([], errors) if errors else (items, [])
