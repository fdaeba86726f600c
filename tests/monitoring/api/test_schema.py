"""The integration payload's schema, rule by rule (monitoring.api.schema): no database needed."""

import datetime
import json

import pytest

from monitoring.api.schema import MAX_ITEMS, PayloadNotJSON, payload_parse, payload_validate

MISSING = object()
NOW = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)


def item(**overrides) -> dict:
    base = {"id": "1", "text": "Tak for hjælpen", "written_at": "2026-03-02T09:15:00+01:00"}
    return {**base, **overrides}


def errors_of(document) -> list[tuple]:
    items, errors = payload_validate(document, now=NOW)
    assert not (items and errors)
    return [(error.index, error.field, error.message) for error in errors]


def test_a_full_item_is_read():
    items, errors = payload_validate(
        {
            "interactions": [
                item(kind="review", author="Jens", url="https://example.org/r/1", health_data=True),
                item(id="2", author=None, url=None, kind=None, health_data=None),
            ]
        },
        now=NOW,
    )
    assert errors == []
    first, second = items
    assert (first.external_id, first.kind, first.author_handle, first.url, first.has_health_data) == (
        "1",
        "review",
        "Jens",
        "https://example.org/r/1",
        True,
    )
    assert first.occurred_at == datetime.datetime(2026, 3, 2, 8, 15, tzinfo=datetime.UTC)
    assert (second.kind, second.author_handle, second.url, second.has_health_data) == ("comment", "", "", False)


def test_z_is_an_offset():
    items, errors = payload_validate({"interactions": [item(written_at="2026-03-02T08:15:00Z")]}, now=NOW)
    assert not errors and items[0].occurred_at.utcoffset() == datetime.timedelta(0)


def test_an_empty_list_is_valid():
    assert payload_validate({"interactions": []}, now=NOW) == ([], [])


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ([], [(None, "", "the body must be a JSON object")]),
        ({}, [(None, "interactions", "is required")]),
        ({"interactions": {}}, [(None, "interactions", "must be a list")]),
        ({"interactions": [], "extra": 1}, [(None, "extra", "is not a known field")]),
        ({"interactions": ["x"]}, [(0, "", "must be an object")]),
    ],
)
def test_the_envelope(document, expected):
    assert errors_of(document) == expected


def test_at_most_500_items():
    assert errors_of({"interactions": [item(id=str(i)) for i in range(MAX_ITEMS)]}) == []
    assert errors_of({"interactions": [item(id=str(i)) for i in range(MAX_ITEMS + 1)]}) == [
        (None, "interactions", "must hold at most 500 items")
    ]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("id", MISSING, "is required"),
        ("id", None, "is required"),
        ("id", "", "must not be empty"),
        ("id", "   ", "must not be empty"),
        ("id", 17, "must be a string"),
        ("id", "x" * 301, "must be at most 300 characters"),
        ("id", "a\x00b", "must not contain NUL characters"),
        ("kind", "like", "must be one of comment, direct_message, mention, review, user_post"),
        ("kind", 1, "must be one of comment, direct_message, mention, review, user_post"),
        ("text", MISSING, "is required"),
        ("text", "", "must not be empty"),
        ("text", ["a"], "must be a string"),
        ("text", "x" * 10_001, "must be at most 10000 characters"),
        ("author", "x" * 201, "must be at most 200 characters"),
        ("author", 5, "must be a string"),
        ("url", "javascript:alert(1)", "must be an http or https address"),
        ("url", "ftp://example.org/x", "must be an http or https address"),
        ("url", "not a url", "must be an http or https address"),
        ("url", "https://example.org/" + "x" * 1000, "must be at most 1000 characters"),
        ("written_at", MISSING, "is required"),
        ("written_at", "2026-03-02T09:15:00", "must name its UTC offset (for example +01:00 or Z)"),
        ("written_at", "2026-03-02", "must name its UTC offset (for example +01:00 or Z)"),
        ("written_at", "yesterday", "must be an ISO 8601 date and time with an offset"),
        ("written_at", 1767225600, "must be an ISO 8601 date and time with an offset"),
        ("written_at", "1999-12-31T23:00:00+00:00", "must lie between the year 2000 and now"),
        ("written_at", "2026-03-04T12:00:00+00:00", "must lie between the year 2000 and now"),
        ("health_data", "yes", "must be true or false"),
        ("health_data", 1, "must be true or false"),
        ("likes", 3, "is not a known field"),
    ],
)
def test_each_rule_of_an_item(field, value, message):
    bad = item(**{field: value})
    if value is MISSING:
        del bad[field]
    document = {"interactions": [item(id="ok"), bad]}
    assert errors_of(document) == [(1, field, message)]


def test_every_error_of_every_item_is_reported():
    document = {"interactions": [item(id=""), item(text=3, kind="x"), item()]}
    assert errors_of(document) == [
        (0, "id", "must not be empty"),
        (1, "kind", "must be one of comment, direct_message, mention, review, user_post"),
        (1, "text", "must be a string"),
    ]


def test_an_unknown_key_is_named_but_cut_short():
    [(index, field, _)] = errors_of({"interactions": [item(**{"k" * 5000: 1})]})
    assert (index, len(field)) == (0, 100)


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"{",
        b"not json",
        b"\xff\xfe{}",
        b'{"interactions": [], "interactions": []}',
        b'{"interactions": [{"id": NaN}]}',
        b"[" * 100_000 + b"]" * 100_000,
        b'{"n": ' + b"9" * 5000 + b"}",
    ],
    ids=["empty", "truncated", "words", "not-utf8", "duplicate-key", "nan", "deep", "huge-number"],
)
def test_only_strict_json_parses(body):
    with pytest.raises(PayloadNotJSON):
        payload_parse(body)


def test_json_parses():
    assert payload_parse(json.dumps({"interactions": [item()]}).encode()) == {"interactions": [item()]}
