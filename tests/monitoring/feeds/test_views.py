"""Mention feed pages: the communication unit sees them, its reviewers (lead, community manager) manage them;
departments and administrators outside the unit get 403; another hospital's feed is 404."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from governance.models import Hospital, Unit, User
from governance.services import hospital_ensure
from monitoring import feeds
from monitoring.models import Interaction, MentionFeed
from monitoring.services.feeds import mention_feed_create
from tests.factories import UnitFactory, UserFactory, membership_make
from tests.monitoring.feeds.test_download_and_entries import FeedServer, Route, sample

pytestmark = pytest.mark.usefixtures("pages_in_english")

LIST = reverse("monitoring:feed_list")
CREATE = reverse("monitoring:feed_create")
READERS = ["lead", "community"]
OTHERS = ["flowmanager", "producer", "manager", "admin"]


@pytest.fixture
def feed_server():
    server = FeedServer()
    yield server
    server.stop()


@pytest.fixture
def feed(demo) -> MentionFeed:
    return mention_feed_create(
        hospital=demo,
        data={"name": "Google Alerts: Demohospitalet", "url": "https://www.google.com/alerts/feeds/1/2"},
        acting_user=User.objects.get(username="lead"),
    )


@pytest.fixture
def foreign_feed(demo) -> MentionFeed:
    hospital = hospital_ensure(name="Fremmed hospital", country=Hospital.Country.NORWAY)
    lead = UserFactory(username="foreign-lead")
    membership_make(
        user=lead, unit=UnitFactory(hospital=hospital, kind=Unit.Kind.COMMUNICATION), role_code="strategist"
    )
    return mention_feed_create(
        hospital=hospital, data={"name": "Fremmed", "url": "https://news.example.no/rss"}, acting_user=lead
    )


def edit_url(feed: MentionFeed) -> str:
    return reverse("monitoring:feed_edit", args=[feed.pk])


def fetch_url(feed: MentionFeed) -> str:
    return reverse("monitoring:feed_fetch_now", args=[feed.pk])


def delete_url(feed: MentionFeed) -> str:
    return reverse("monitoring:feed_delete", args=[feed.pk])


# --- Who sees what -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", READERS)
def test_the_communication_unit_sees_the_list_and_may_manage(client_as, feed, persona):
    response = client_as(persona).get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Google Alerts: Demohospitalet" in html
    assert "https://www.google.com/alerts/feeds/1/2" in html
    assert "Not fetched yet" in html
    assert CREATE in html and edit_url(feed) in html and fetch_url(feed) in html


@pytest.mark.parametrize("persona", OTHERS)
def test_everyone_else_is_refused(client_as, feed, persona):
    client = client_as(persona)
    assert client.get(LIST).status_code == 403
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, {"name": "x", "url": "https://a.example.com/rss"}).status_code == 403
    assert client.get(edit_url(feed)).status_code == 403
    assert client.post(edit_url(feed), {"name": "x", "url": "https://a.example.com/rss"}).status_code == 403
    assert client.post(fetch_url(feed)).status_code == 403
    assert client.post(delete_url(feed)).status_code == 403
    feed.refresh_from_db()
    assert feed.name == "Google Alerts: Demohospitalet" and feed.last_fetched_at is None
    assert MentionFeed.objects.count() == 1


def test_a_member_of_the_unit_who_is_no_reviewer_reads_but_does_not_manage(client, feed):
    reader = UserFactory(username="comms-reader")
    membership_make(user=reader, unit=Unit.objects.get(kind=Unit.Kind.COMMUNICATION), role_code="producer")
    client.force_login(User.objects.get(pk=reader.pk))  # as stored: the factory's password is never saved
    response = client.get(LIST)
    assert response.status_code == 200
    assert "Google Alerts: Demohospitalet" in response.content.decode()
    assert CREATE not in response.content.decode() and fetch_url(feed) not in response.content.decode()
    assert client.get(edit_url(feed)).status_code == 403
    assert client.post(fetch_url(feed)).status_code == 403


def test_anonymous_visitors_go_to_the_login_page(client, feed):
    assert client.get(LIST).status_code == 302
    assert client.post(fetch_url(feed)).status_code == 302


@pytest.mark.parametrize("persona", ["lead", "producer"])
def test_another_hospitals_feed_is_404(client_as, foreign_feed, persona):
    client = client_as(persona)
    for url in (edit_url(foreign_feed), fetch_url(foreign_feed), delete_url(foreign_feed)):
        assert client.post(url).status_code == 404
    assert client.get(edit_url(foreign_feed)).status_code == 404
    assert client.get(f"{LIST}?hospital={foreign_feed.hospital_id}").status_code == 404
    assert MentionFeed.objects.filter(pk=foreign_feed.pk).exists()


def test_the_list_does_not_show_another_hospitals_feeds(client_as, feed, foreign_feed):
    assert "Fremmed" not in client_as("lead").get(LIST).content.decode()


def test_get_is_not_allowed_on_fetch_and_delete(client_as, feed):
    client = client_as("lead")
    assert client.get(fetch_url(feed)).status_code == 405
    assert client.get(delete_url(feed)).status_code == 405


# --- Adding, changing, removing ----------------------------------------------------------------------------------


def test_the_lead_adds_a_feed(client_as, demo):
    response = client_as("lead").post(
        CREATE,
        {"name": "  Nyheder om   hospitalet ", "url": "https://news.example.com/search.rss?q=demo", "is_active": "on"},
    )
    assert response.status_code == 302 and response.url == f"{LIST}?hospital={demo.pk}"
    feed = MentionFeed.objects.get()
    assert (feed.hospital, feed.name, feed.url, feed.is_active) == (
        demo,
        "Nyheder om hospitalet",
        "https://news.example.com/search.rss?q=demo",
        True,
    )
    assert feed.history.get().history_user.username == "lead"


def test_the_add_form_renders(client_as, demo):
    response = client_as("community").get(CREATE)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="url"' in html and 'type="url"' in html and 'name="is_active"' in html and "checked" in html


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("javascript:alert(1)", "starts with https:// or http://"),
        ("https://exa mple.com/feed", "Enter a valid web address."),
        ("ftp://ftp.example.com/feed.xml", "starts with https:// or http://"),
        ("http://127.0.0.1:8000/feed", "private network"),
        ("http://localhost/feed", "private network"),
        ("http://169.254.169.254/latest/meta-data/", "private network"),
        ("https://user:secret@news.example.com/rss", "user names and passwords"),
        ("", "This field is required."),
    ],
)
def test_a_bad_address_keeps_the_form(client_as, demo, url, message):
    response = client_as("lead").post(CREATE, {"name": "Mit feed", "url": url})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'value="Mit feed"' in html  # what was typed stays
    assert 'aria-invalid="true"' in html
    assert not MentionFeed.objects.exists()


def test_the_same_address_twice_is_refused_with_a_clear_error(client_as, feed):
    response = client_as("community").post(CREATE, {"name": "Igen", "url": feed.url})
    assert response.status_code == 200
    assert "already has a feed with this address: “Google Alerts: Demohospitalet”" in response.content.decode()
    assert MentionFeed.objects.count() == 1


def test_a_reviewer_edits_a_feed_and_a_new_address_starts_afresh(client_as, feed):
    MentionFeed.objects.filter(pk=feed.pk).update(etag='"e"', consecutive_failures=4, last_error="HTTP 500")
    client = client_as("community")
    page = client.get(edit_url(feed))
    assert page.status_code == 200 and 'value="Google Alerts: Demohospitalet"' in page.content.decode()

    response = client.post(edit_url(feed), {"name": "Nyt navn", "url": "https://news.example.com/other.rss"})

    assert response.status_code == 302
    feed.refresh_from_db()
    assert (feed.name, feed.url, feed.is_active) == ("Nyt navn", "https://news.example.com/other.rss", False)
    assert (feed.etag, feed.consecutive_failures, feed.last_error) == ("", 0, "")
    assert feed.history.first().history_user.username == "community"


def test_editing_with_an_empty_form_shows_the_errors(client_as, feed):
    response = client_as("lead").post(edit_url(feed), {})
    assert response.status_code == 200
    assert "Please correct the following" in response.content.decode()


def test_removing_a_feed_keeps_its_mentions(client_as, feed):
    mention = Interaction.objects.create(
        hospital=feed.hospital, feed=feed, kind="mention", source="feed", text="x", occurred_at=timezone.now()
    )
    response = client_as("lead").post(delete_url(feed))
    assert response.status_code == 302
    assert not MentionFeed.objects.exists()
    mention.refresh_from_db()
    assert mention.feed is None
    deletion = MentionFeed.history.filter(id=feed.pk, history_type="-").get()
    assert deletion.history_user.username == "lead"


# --- Fetch now ---------------------------------------------------------------------------------------------------


def test_fetch_now_brings_the_mentions_in_and_says_so(client_as, demo, feed_server, monkeypatch):
    monkeypatch.setattr(feeds, "ALLOW_PRIVATE_ADDRESSES", True)
    feed_server.routes["/alerts"] = Route(sample("google_alerts.atom"), content_type="application/atom+xml")
    feed = MentionFeed.objects.create(hospital=demo, name="Alerts", url=feed_server.url("/alerts"))
    client = client_as("lead")

    response = client.post(fetch_url(feed), follow=True)

    assert response.status_code == 200
    html = response.content.decode()
    assert "“Alerts” is fetched: 2 new mentions (0 seen before)." in html
    assert Interaction.objects.filter(feed=feed).count() == 2
    feed.refresh_from_db()
    assert feed.last_success_at is not None
    row = html.split('<th scope="row">Alerts</th>')[1].split("</tr>")[0]
    assert "<td>2</td>" in row and "OK" in row


def test_fetch_now_reports_a_failure_and_the_list_shows_it(client_as, demo, feed_server, monkeypatch):
    monkeypatch.setattr(feeds, "ALLOW_PRIVATE_ADDRESSES", True)
    feed_server.routes["/down"] = Route(status=503)
    feed = MentionFeed.objects.create(hospital=demo, name="Nede", url=feed_server.url("/down"))
    client = client_as("community")

    client.post(fetch_url(feed))
    html = client.post(fetch_url(feed), follow=True).content.decode()

    assert "Fetching “Nede” failed: The server answered HTTP 503." in html
    assert "Failing 2 times in a row: The server answered HTTP 503" in html


def test_fetch_now_refuses_a_private_address_outside_tests(client_as, demo, feed_server):
    feed_server.routes["/news"] = Route(sample("news.rss"))
    feed = MentionFeed.objects.create(hospital=demo, name="Intern", url=feed_server.url("/news"))
    html = client_as("lead").post(fetch_url(feed), follow=True).content.decode()
    assert "Fetching “Intern” failed: Address not allowed." in html
    assert feed_server.requests == []


# --- The list page -----------------------------------------------------------------------------------------------


def test_feed_names_and_addresses_are_escaped(client_as, demo):
    MentionFeed.objects.create(
        hospital=demo, name='<script>alert("n")</script>', url='https://a.example.com/?q="><script>x</script>'
    )
    html = client_as("lead").get(LIST).content.decode()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;n&quot;)&lt;/script&gt;" in html


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST).status_code == 200
    return len(queries)


def test_the_list_has_a_constant_number_of_queries(client_as, demo):
    client = client_as("lead")
    MentionFeed.objects.create(hospital=demo, name="Første", url="https://a.example.com/1")
    one = _list_queries(client)
    for number in range(2, 8):
        feed = MentionFeed.objects.create(
            hospital=demo,
            name=f"Feed {number}",
            url=f"https://a.example.com/{number}",
            consecutive_failures=number % 3,
            last_error="HTTP 500" if number % 3 else "",
            last_success_at=timezone.now(),
            is_active=number != 5,
        )
        for entry in range(number):
            Interaction.objects.create(
                hospital=demo,
                feed=feed,
                kind="mention",
                source="feed",
                text="x",
                external_id=f"{number}-{entry}",
                occurred_at=timezone.now(),
            )
    assert _list_queries(client) == one
