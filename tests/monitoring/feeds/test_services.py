"""The mention feed services: only the communication unit's reviewers write; addresses are checked; each write is
audited."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance.models import User
from monitoring import feeds
from monitoring.models import MentionFeed
from monitoring.services.feeds import (
    mention_feed_create,
    mention_feed_delete,
    mention_feed_update,
    mention_feed_url_clean,
)

URL = "https://news.example.com/rss"


def user(username: str) -> User:
    return User.objects.get(username=username)


@pytest.fixture
def feed(demo) -> MentionFeed:
    return mention_feed_create(hospital=demo, data={"name": "Nyheder", "url": URL}, acting_user=user("lead"))


@pytest.mark.parametrize("persona", ["flowmanager", "producer", "manager", "admin"])
def test_only_the_communication_units_reviewers_write(demo, feed, persona):
    with pytest.raises(PermissionDenied):
        mention_feed_create(
            hospital=demo, data={"name": "x", "url": "https://x.example.com/"}, acting_user=user(persona)
        )
    with pytest.raises(PermissionDenied):
        mention_feed_update(feed=feed, data={"name": "x", "url": URL}, acting_user=user(persona))
    with pytest.raises(PermissionDenied):
        mention_feed_delete(feed=feed, acting_user=user(persona))
    assert MentionFeed.objects.get().name == "Nyheder"


def test_create_is_audited_and_active_by_default(feed):
    assert feed.is_active
    row = feed.history.get()
    assert (row.history_type, row.history_user.username, row.url) == ("+", "lead", URL)


def test_a_duplicate_address_names_the_feed_that_has_it(demo, feed):
    with pytest.raises(ValidationError) as refused:
        mention_feed_create(hospital=demo, data={"name": "Igen", "url": URL}, acting_user=user("community"))
    assert refused.value.message_dict["url"] == ["The hospital already has a feed with this address: “Nyheder”."]


def test_a_duplicate_that_slips_past_the_check_gets_the_same_error(demo, feed, monkeypatch):
    """Two people adding the same address at once: the unique constraint decides, the message stays clear."""
    from monitoring.services import feeds as feed_services

    real_check, calls = feed_services._check_unique, []

    def check_late(**kwargs):
        calls.append(kwargs)
        if len(calls) > 1:  # the first check (before saving) sees nothing, as if the other save was not yet there
            real_check(**kwargs)

    monkeypatch.setattr(feed_services, "_check_unique", check_late)
    with pytest.raises(ValidationError) as refused:
        mention_feed_create(hospital=demo, data={"name": "Igen", "url": URL}, acting_user=user("community"))
    assert "already has a feed with this address" in refused.value.message_dict["url"][0]
    assert len(calls) == 2  # refused by the constraint, explained by the second check
    assert MentionFeed.objects.count() == 1


def test_update_keeps_the_state_when_the_address_stays(feed):
    feed.etag, feed.consecutive_failures, feed.last_error = '"v1"', 2, "HTTP 500"
    feed.save()
    updated = mention_feed_update(
        feed=feed, data={"name": "Nyt", "url": URL, "is_active": False}, acting_user=user("community")
    )
    assert (updated.name, updated.is_active, updated.etag, updated.consecutive_failures) == ("Nyt", False, '"v1"', 2)
    assert updated.history.first().history_user.username == "community"


def test_deleting_twice_is_refused_with_a_message(feed):
    mention_feed_delete(feed=feed, acting_user=user("lead"))
    with pytest.raises(ValidationError, match="no longer exists"):
        mention_feed_delete(feed=feed, acting_user=user("lead"))


@pytest.mark.parametrize(
    "url",
    [
        "https://www.google.com/alerts/feeds/0123456789/9876543210",
        "http://news.example.com/search.rss?q=Demohospitalet&lang=da",
        "https://nyheder.example.dk:8443/rss",
        "https://[2606:4700:4700::1111]/feed",
    ],
)
def test_good_addresses(url):
    assert mention_feed_url_clean(f"  {url} ") == url


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "ftp://example.com/feed",
        "file:///etc/passwd",
        "//example.com/feed",
        "example.com/feed",
        "https://",
        "https://exa mple.com/",
        "https://example.com:99999/",
        "http://10.1.2.3/feed",
        "http://[::1]/feed",
        "http://localhost:8000/feed",
        "http://169.254.169.254/latest/meta-data/",
        "https://user:pw@example.com/feed",
        "https://example.com/" + "x" * 1000,
    ],
)
def test_bad_addresses(url):
    with pytest.raises(ValidationError) as refused:
        mention_feed_url_clean(url)
    assert "url" in refused.value.message_dict


def test_tests_may_allow_local_addresses(monkeypatch):
    monkeypatch.setattr(feeds, "ALLOW_PRIVATE_ADDRESSES", True)
    assert mention_feed_url_clean("http://127.0.0.1:8000/feed") == "http://127.0.0.1:8000/feed"
