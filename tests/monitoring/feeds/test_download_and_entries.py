"""Fetching mention feeds from a real HTTP server on 127.0.0.1: entries become mentions once, as plain text with
the article's own link; conditional GET; every kind of failure recorded in the feed's state; the SSRF guard."""

import datetime
import gzip
import http.server
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from governance.models import Hospital
from monitoring import feeds
from monitoring.feeds import (
    ERROR_ADDRESS_REFUSED,
    ERROR_BAD_REDIRECT,
    ERROR_NOT_A_FEED,
    ERROR_TIMEOUT,
    ERROR_TOO_LARGE,
    ERROR_TOO_MANY_REDIRECTS,
    ERROR_UNEXPECTED,
    FeedFetchError,
    address_is_public,
    feed_error_label,
    host_addresses,
    link_unwrap,
    mention_feed_fetch,
    mention_feeds_fetch_all,
    plain_text,
)
from monitoring.models import Interaction, MentionFeed

SAMPLES = Path(__file__).parent / "samples"
NOW = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=datetime.UTC)
ATOM = "application/atom+xml; charset=utf-8"
RSS = "application/rss+xml; charset=utf-8"
TAG = re.compile(r"<[a-zA-Z!/?]")


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = RSS
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0
    etag: str = ""  # when set: sent, and a request naming it gets 304
    last_modified: str = ""
    send_length: bool = True  # False: no Content-Length, the body ends when the connection closes
    trickle: float = 0  # seconds between ten pieces of the body


class FeedServer:
    """A threaded HTTP server on 127.0.0.1 and a random port that serves the routes a test sets."""

    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append((self.path, {name.lower(): value for name, value in self.headers.items()}))
                route = server.routes.get(self.path, Route(status=404, body=b"not found", content_type="text/plain"))
                if route.delay:
                    time.sleep(route.delay)
                try:
                    if route.etag and self.headers.get("If-None-Match") == route.etag:
                        self.send_response(304)
                        self.send_header("ETag", route.etag)
                        self.end_headers()
                        return
                    self.send_response(route.status)
                    self.send_header("Content-Type", route.content_type)
                    if route.etag:
                        self.send_header("ETag", route.etag)
                    if route.last_modified:
                        self.send_header("Last-Modified", route.last_modified)
                    for name, value in route.headers.items():
                        self.send_header(name, value)
                    if route.send_length:
                        self.send_header("Content-Length", str(len(route.body)))
                    self.end_headers()
                    if not route.trickle:
                        self.wfile.write(route.body)
                        return
                    step = max(1, len(route.body) // 10)
                    for start in range(0, len(route.body), step):
                        self.wfile.write(route.body[start : start + step])
                        self.wfile.flush()
                        time.sleep(route.trickle)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up, as it should on a body too large

            def log_message(self, *args):
                pass

        class Server(http.server.ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                pass

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def paths_requested(self) -> list[str]:
        return [path for path, _headers in self.requests]

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def feed_server():
    server = FeedServer()
    yield server
    server.stop()


@pytest.fixture
def hospital(demo) -> Hospital:
    return demo


def make_feed(hospital: Hospital, url: str, **fields) -> MentionFeed:
    """Straight into the table: the service refuses addresses on 127.0.0.1, which these tests need."""
    return MentionFeed.objects.create(hospital=hospital, name=fields.pop("name", "Testfeed"), url=url, **fields)


def fetch(feed: MentionFeed, **kwargs):
    kwargs.setdefault("now", NOW)
    kwargs.setdefault("allow_private_addresses", True)
    result = mention_feed_fetch(feed=feed, **kwargs)
    feed.refresh_from_db()
    return result


# --- Entries -----------------------------------------------------------------------------------------------------


def test_google_alerts_entries_become_mentions_with_clean_text_and_unwrapped_links(hospital, feed_server):
    feed_server.routes["/alerts"] = Route(sample("google_alerts.atom"), content_type=ATOM)
    feed = make_feed(hospital, feed_server.url("/alerts"))

    result = fetch(feed)

    assert result.ok and result.created == 2 and result.skipped == 0 and not result.error
    mentions = {item.external_id: item for item in Interaction.objects.filter(feed=feed)}
    first = mentions["tag:google.com,2013:googlealerts/feed:10000000000000000001"]
    assert first.hospital == hospital
    assert first.kind == Interaction.Kind.MENTION
    assert first.source == Interaction.Source.FEED
    assert first.channel is None
    assert first.unit.kind == "communication"
    assert first.text == (
        "Demohospitalet åbner ny hjerteafdeling\n\n"
        "Patienter på Demohospitalet kan fra i dag & fremover få hjertescanning samme dag."
    )
    assert first.url == "https://nyheder.example.com/artikel/hjerte?id=7"  # Google's ?url= redirect unwrapped
    assert first.occurred_at == datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)
    second = mentions["tag:google.com,2013:googlealerts/feed:10000000000000000002"]
    assert second.url == "https://avis.example.org/ventetider"  # the ?q= variant on google.dk
    assert second.text == "Ventetider på Demohospitalet falder\n\nVentetiden er faldet med to uger."
    assert feed.last_success_at == NOW and feed.last_fetched_at == NOW
    assert feed.consecutive_failures == 0 and feed.last_error == ""
    _path, headers = feed_server.requests[0]
    assert "hospital-some" in headers["user-agent"]
    assert "if-none-match" not in headers


def test_news_rss_entries_keep_guid_author_and_date(hospital, feed_server):
    feed_server.routes["/news"] = Route(sample("news.rss"))
    feed = make_feed(hospital, feed_server.url("/news"))

    assert fetch(feed).created == 2

    prize = Interaction.objects.get(feed=feed, external_id="nyheder-4711")
    assert prize.url == "https://nyheder.example.com/pris"
    assert (
        prize.text
        == "Demohospitalet får pris for patientinddragelse\n\nHospitalet får prisen for sit arbejde med brugerråd."
    )
    assert prize.author_handle == "redaktion@nyheder.example.com (Redaktionen)"
    assert prize.occurred_at == datetime.datetime(2026, 3, 2, 6, 0, tzinfo=datetime.UTC)
    parking = Interaction.objects.get(feed=feed, external_id="https://nyheder.example.com/parkering")  # no guid
    assert parking.occurred_at == NOW  # no date: when it was found


def test_second_fetch_is_conditional_and_a_304_brings_nothing_new(hospital, feed_server):
    modified = "Mon, 02 Mar 2026 09:15:00 GMT"
    feed_server.routes["/alerts"] = Route(
        sample("google_alerts.atom"), content_type=ATOM, etag='W/"v1"', last_modified=modified
    )
    feed = make_feed(hospital, feed_server.url("/alerts"))
    assert fetch(feed).created == 2
    assert (feed.etag, feed.last_modified) == ('W/"v1"', modified)

    later = NOW + datetime.timedelta(minutes=15)
    result = fetch(feed, now=later)

    _path, headers = feed_server.requests[-1]
    assert headers["if-none-match"] == 'W/"v1"'
    assert headers["if-modified-since"] == modified
    assert result.ok and result.not_modified and result.created == 0
    assert Interaction.objects.filter(feed=feed).count() == 2
    assert feed.last_success_at == later and feed.etag == 'W/"v1"'


def test_the_same_entries_served_again_are_not_stored_twice(hospital, feed_server):
    feed_server.routes["/news"] = Route(sample("news.rss"))  # no ETag: the whole feed comes every time
    feed = make_feed(hospital, feed_server.url("/news"))
    assert fetch(feed).created == 2

    again = fetch(feed)

    assert again.ok and again.created == 0 and again.skipped == 2
    assert Interaction.objects.filter(feed=feed).count() == 2


def test_two_feeds_may_bring_the_same_entry(hospital, feed_server):
    """Dedup is per feed: the same article found by two searches shows which searches found it."""
    feed_server.routes["/a"] = Route(sample("news.rss"))
    feed_server.routes["/b"] = Route(sample("news.rss"))
    assert fetch(make_feed(hospital, feed_server.url("/a"))).created == 2
    assert fetch(make_feed(hospital, feed_server.url("/b"))).created == 2


def test_hostile_markup_is_stored_as_plain_text_and_javascript_links_are_dropped(hospital, feed_server):
    feed_server.routes["/hostile"] = Route(sample("hostile.rss"), content_type="text/xml")
    feed = make_feed(hospital, feed_server.url("/hostile"))

    assert fetch(feed).created == 3

    mentions = list(Interaction.objects.filter(feed=feed))
    for mention in mentions:
        assert not TAG.search(mention.text), mention.text
        assert "alert" not in mention.text and "javascript" not in mention.text.lower()
        assert mention.url == ""  # javascript:, file:, and a Google link wrapping javascript:
    texts = {mention.text for mention in mentions}
    assert "Overskrift\n\nTekst klik dobbelt" in texts  # markup gone, the words kept apart, double escaping too


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<b>Demo</b>hospitalet &amp; co", "Demohospitalet & co"),
        ("<p>a</p><p>b</p>", "a b"),
        ("&lt;b&gt;twice&lt;/b&gt;", "twice"),
        ("<script>alert(1)</script>text<style>p{}</style>", "text"),
        ("a < b and c > d", "a < b and c > d"),
        ("line\nbreaks\t and   spaces\x00\x07", "line breaks and spaces"),
        ("&amp;amp;amp;amp;amp;lt;b&amp;amp;amp;amp;amp;gt;deep", "&amp;lt;b&amp;gt;deep"),  # beyond any feed
    ],
)
def test_plain_text(raw, expected):
    assert plain_text(raw) == expected
    assert not TAG.search(plain_text(raw))


def test_plain_text_is_capped():
    assert len(plain_text("x" * 20_000)) == 10_000


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        (
            "https://www.google.com/url?rct=j&sa=t&url=https://a.example.com/x%3Fy%3D1&ct=ga",
            "https://a.example.com/x?y=1",
        ),
        ("https://www.google.com/url?q=https://a.example.com/q&sa=U", "https://a.example.com/q"),
        ("https://google.no/url?url=http://a.example.no/", "http://a.example.no/"),
        ("https://www.google.com/url?url=javascript:alert(1)", ""),
        ("https://www.google.com/url?sa=t", "https://www.google.com/url?sa=t"),  # nothing wrapped: kept as it is
        (
            "https://www.google.com/search?q=https://a.example.com/",
            "https://www.google.com/search?q=https://a.example.com/",
        ),
        (
            "https://notgoogle.example.com/url?url=https://a.example.com/",
            "https://notgoogle.example.com/url?url=https://a.example.com/",
        ),
        ("javascript:alert(1)", ""),
        ("JavaScript:alert(1)", ""),
        ("data:text/html,<script>alert(1)</script>", ""),
        ("file:///etc/passwd", ""),
        ("//a.example.com/x", ""),
        ("https://a.example.com/" + "x" * 1000, ""),
        ("", ""),
    ],
)
def test_link_unwrap(link, expected):
    assert link_unwrap(link) == expected


def test_an_entry_without_id_or_link_is_named_by_its_text(hospital, feed_server):
    body = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        b"<item><title>Uden id</title><description>Tekst</description></item></channel></rss>"
    )
    feed_server.routes["/noid"] = Route(body)
    feed = make_feed(hospital, feed_server.url("/noid"))
    assert fetch(feed).created == 1
    assert fetch(feed).skipped == 1
    assert Interaction.objects.get(feed=feed).external_id.startswith("sha256:")


def test_a_very_long_entry_id_is_hashed(hospital, feed_server):
    long_id = "urn:x:" + "a" * 400
    body = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        f'<item><title>Lang</title><guid isPermaLink="false">{long_id}</guid></item></channel></rss>'
    ).encode()
    feed_server.routes["/long"] = Route(body)
    feed = make_feed(hospital, feed_server.url("/long"))
    assert fetch(feed).created == 1
    external_id = Interaction.objects.get(feed=feed).external_id
    assert external_id.startswith("sha256:") and len(external_id) <= 300


def test_a_gzipped_answer_is_read(hospital, feed_server):
    feed_server.routes["/gz"] = Route(gzip.compress(sample("news.rss")), headers={"Content-Encoding": "gzip"})
    assert fetch(make_feed(hospital, feed_server.url("/gz"))).created == 2


def test_a_gzip_bomb_is_refused(hospital, feed_server):
    bomb = gzip.compress(b" " * (3 * 1024 * 1024))  # small on the wire, over the limit unpacked
    feed_server.routes["/bomb"] = Route(bomb, headers={"Content-Encoding": "gzip"})
    feed = make_feed(hospital, feed_server.url("/bomb"))
    assert fetch(feed).error == ERROR_TOO_LARGE


# --- Failures ----------------------------------------------------------------------------------------------------


def test_a_slow_server_times_out_and_is_recorded_as_a_failure(hospital, feed_server):
    feed_server.routes["/slow"] = Route(sample("news.rss"), delay=2)
    feed = make_feed(hospital, feed_server.url("/slow"))

    started = time.monotonic()
    result = fetch(feed, timeout=0.3)

    assert time.monotonic() - started < 1.5
    assert not result.ok and result.error == ERROR_TIMEOUT
    assert feed.consecutive_failures == 1 and feed.last_error == "Timed out"
    assert feed.last_fetched_at == NOW and feed.last_success_at is None
    assert not Interaction.objects.filter(feed=feed).exists()


def test_a_server_trickling_its_answer_is_cut_off_at_the_deadline(hospital, feed_server, monkeypatch):
    monkeypatch.setattr(feeds.download, "FETCH_DEADLINE_SECONDS", 1)  # read where the download runs
    feed_server.routes["/trickle"] = Route(sample("news.rss"), trickle=0.4)  # each piece in time, the whole not
    feed = make_feed(hospital, feed_server.url("/trickle"))

    started = time.monotonic()
    result = fetch(feed, timeout=0.9)

    assert result.error == ERROR_TIMEOUT
    assert time.monotonic() - started < 2


def test_http_errors_count_up_and_a_success_resets_them(hospital, feed_server):
    feed_server.routes["/flaky"] = Route(b"<html>oops</html>", status=500, content_type="text/html")
    feed = make_feed(hospital, feed_server.url("/flaky"))

    assert fetch(feed).error == "HTTP 500"
    assert (feed.consecutive_failures, feed.last_error) == (1, "HTTP 500")
    feed_server.routes["/flaky"] = Route(b"", status=503)
    fetch(feed)
    assert (feed.consecutive_failures, feed.last_error) == (2, "HTTP 503")

    feed_server.routes["/flaky"] = Route(sample("news.rss"))
    result = fetch(feed)

    assert result.ok and result.created == 2
    assert (feed.consecutive_failures, feed.last_error, feed.last_success_at) == (0, "", NOW)


def test_a_404_is_a_failure(hospital, feed_server):
    feed = make_feed(hospital, feed_server.url("/missing"))
    assert fetch(feed).error == "HTTP 404"


@pytest.mark.parametrize("send_length", [True, False], ids=["announced", "streamed"])
def test_a_body_over_2_mb_is_refused(hospital, feed_server, send_length):
    padding = b"<!-- " + b"x" * (2 * 1024 * 1024) + b" -->"
    feed_server.routes["/big"] = Route(sample("news.rss") + padding, send_length=send_length)
    feed = make_feed(hospital, feed_server.url("/big"))

    result = fetch(feed)

    assert result.error == ERROR_TOO_LARGE and feed.last_error == "Too large"
    assert not Interaction.objects.filter(feed=feed).exists()


def test_an_html_page_is_not_a_feed(hospital, feed_server):
    feed_server.routes["/page"] = Route(sample("not_a_feed.html"), content_type="text/html; charset=utf-8")
    feed = make_feed(hospital, feed_server.url("/page"))
    assert fetch(feed).error == ERROR_NOT_A_FEED
    assert feed.consecutive_failures == 1 and feed.last_error == "Not a feed"


def test_a_body_naming_a_local_file_is_never_opened(hospital, feed_server, tmp_path):
    """feedparser opens a string that names a file: the body goes in as a stream, so it is only ever parsed."""
    secret = tmp_path / "secret.rss"
    secret.write_bytes(sample("news.rss"))
    feed_server.routes["/path"] = Route(str(secret).encode(), content_type="text/plain")
    feed = make_feed(hospital, feed_server.url("/path"))
    assert fetch(feed).error == ERROR_NOT_A_FEED
    assert not Interaction.objects.filter(feed=feed).exists()


def test_an_empty_but_valid_feed_is_a_success(hospital, feed_server):
    feed_server.routes["/empty"] = Route(
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Ingen nyheder</title></channel></rss>'
    )
    result = fetch(make_feed(hospital, feed_server.url("/empty")))
    assert result.ok and result.created == 0


def test_redirects_are_followed_up_to_three(hospital, feed_server):
    feed_server.routes["/old"] = Route(status=301, headers={"Location": "/newer"})
    feed_server.routes["/newer"] = Route(status=302, headers={"Location": feed_server.url("/newest")})
    feed_server.routes["/newest"] = Route(status=308, headers={"Location": "/news"})
    feed_server.routes["/news"] = Route(sample("news.rss"))
    assert fetch(make_feed(hospital, feed_server.url("/old"))).created == 2


def test_a_fourth_redirect_is_refused(hospital, feed_server):
    for number in range(4):
        feed_server.routes[f"/r{number}"] = Route(status=302, headers={"Location": f"/r{number + 1}"})
    feed_server.routes["/r4"] = Route(sample("news.rss"))
    feed = make_feed(hospital, feed_server.url("/r0"))
    assert fetch(feed).error == ERROR_TOO_MANY_REDIRECTS
    assert "/r4" not in feed_server.paths_requested()


@pytest.mark.parametrize("location", ["file:///etc/passwd", "ftp://ftp.example.com/feed", "gopher://x/"])
def test_a_redirect_to_another_scheme_is_refused(hospital, feed_server, location):
    feed_server.routes["/away"] = Route(status=302, headers={"Location": location})
    assert fetch(make_feed(hospital, feed_server.url("/away"))).error == ERROR_BAD_REDIRECT


def test_a_refused_connection_is_a_failure(hospital):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    feed = make_feed(hospital, f"http://127.0.0.1:{port}/feed")
    assert fetch(feed).error == "Could not connect"


def test_an_unexpected_error_is_recorded_without_its_details(hospital, feed_server, monkeypatch, caplog):
    feed_server.routes["/news"] = Route(sample("news.rss"))
    feed = make_feed(hospital, feed_server.url("/news"))

    def explode(*args, **kwargs):
        raise RuntimeError("Demohospitalet secret content")

    monkeypatch.setattr(feeds.entries.feedparser, "parse", explode)
    assert fetch(feed).error == ERROR_UNEXPECTED
    assert feed.consecutive_failures == 1
    assert "secret content" not in caplog.text and "127.0.0.1" not in caplog.text


def test_failures_are_logged_by_feed_id_never_by_address_or_content(hospital, feed_server, caplog):
    feed_server.routes["/news"] = Route(sample("news.rss"))
    feed_server.routes["/bad"] = Route(status=500)
    fetch(make_feed(hospital, feed_server.url("/news"), name="a"))
    fetch(make_feed(hospital, feed_server.url("/bad"), name="b"))
    assert "Demohospitalet" not in caplog.text and "/news" not in caplog.text and "/bad" not in caplog.text


# --- The SSRF guard ----------------------------------------------------------------------------------------------


def test_a_private_address_is_refused_by_default(hospital, feed_server):
    assert feeds.ALLOW_PRIVATE_ADDRESSES is False
    feed_server.routes["/news"] = Route(sample("news.rss"))
    feed = make_feed(hospital, feed_server.url("/news"))

    result = mention_feed_fetch(feed=feed, now=NOW)  # no override: the guard is on

    feed.refresh_from_db()
    assert result.error == ERROR_ADDRESS_REFUSED and feed.last_error == "Address not allowed"
    assert feed.consecutive_failures == 1
    assert feed_server.requests == []  # never connected


def test_localhost_by_name_is_refused_too(hospital, feed_server):
    feed_server.routes["/news"] = Route(sample("news.rss"))
    feed = make_feed(hospital, feed_server.url("/news").replace("127.0.0.1", "localhost"))
    assert mention_feed_fetch(feed=feed, now=NOW).error == ERROR_ADDRESS_REFUSED
    assert feed_server.requests == []


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.10",
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "169.254.169.254",  # cloud metadata
        "100.64.0.1",  # carrier-grade NAT
        "0.0.0.0",
        "224.0.0.1",
        "255.255.255.255",
        "192.0.2.1",
        "::1",
        "::",
        "fe80::1",
        "fe80::1%eth0",
        "fc00::1",
        "fd12:3456::1",
        "::ffff:127.0.0.1",  # v4-mapped
        "::ffff:10.0.0.1",
        "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
        "2002:7f00:1::",  # 6to4 of 127.0.0.1
        "ff02::1",
        "not an address",
    ],
)
def test_address_is_not_public(address):
    assert not address_is_public(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "2a00:1450:400f:80d::200e"])
def test_address_is_public(address):
    assert address_is_public(address)


def test_host_addresses_refuses_a_host_with_any_private_address():
    with pytest.raises(FeedFetchError, match=ERROR_ADDRESS_REFUSED):
        host_addresses("localhost", 80)
    with pytest.raises(FeedFetchError, match=ERROR_ADDRESS_REFUSED):
        host_addresses("127.0.0.1", 80)
    assert host_addresses("127.0.0.1", 80, allow_private=True)[0][4][0] == "127.0.0.1"


@pytest.mark.parametrize("url", ["ftp://example.com/feed", "file:///etc/passwd", "javascript:alert(1)", "http://"])
def test_only_http_addresses_are_fetched(hospital, url):
    feed = make_feed(hospital, url)
    assert fetch(feed).error == "Not an http(s) address"


# --- Every active feed -------------------------------------------------------------------------------------------


def test_fetch_all_fetches_active_feeds_and_one_failure_never_stops_the_others(hospital, feed_server, monkeypatch):
    monkeypatch.setattr(feeds, "ALLOW_PRIVATE_ADDRESSES", True)
    feed_server.routes["/broken"] = Route(status=500)
    feed_server.routes["/crash"] = Route(sample("news.rss"))
    feed_server.routes["/news"] = Route(sample("news.rss"))
    feed_server.routes["/paused"] = Route(sample("news.rss"))
    broken = make_feed(hospital, feed_server.url("/broken"), name="broken")
    crash = make_feed(hospital, feed_server.url("/crash"), name="crash")
    good = make_feed(hospital, feed_server.url("/news"), name="good")
    paused = make_feed(hospital, feed_server.url("/paused"), name="paused", is_active=False)
    real_fetch = feeds.mention_feed_fetch

    def fetch_or_crash(*, feed, **kwargs):
        if feed.pk == crash.pk:
            raise RuntimeError("the database went away")
        return real_fetch(feed=feed, **kwargs)

    monkeypatch.setattr(feeds, "mention_feed_fetch", fetch_or_crash)

    results = {result.feed_id: result for result in mention_feeds_fetch_all()}

    assert set(results) == {broken.pk, crash.pk, good.pk}
    assert results[broken.pk].error == "HTTP 500"
    assert results[crash.pk].error == ERROR_UNEXPECTED
    assert results[good.pk].ok and results[good.pk].created == 2
    assert "/paused" not in feed_server.paths_requested()
    paused.refresh_from_db()
    assert paused.last_fetched_at is None


def test_what_was_fetched_is_dropped_when_the_address_changed_meanwhile(hospital, feed_server):
    feed_server.routes["/news"] = Route(sample("news.rss"))
    feed = make_feed(hospital, feed_server.url("/news"))
    MentionFeed.objects.filter(pk=feed.pk).update(url="https://news.example.com/other.rss")  # an edit meanwhile

    result = mention_feed_fetch(feed=feed, now=NOW, allow_private_addresses=True)  # with the old address

    assert not result.ok and result.error == feeds.ERROR_ADDRESS_CHANGED
    assert not Interaction.objects.filter(feed=feed).exists()
    feed.refresh_from_db()
    assert (feed.last_fetched_at, feed.consecutive_failures) == (None, 0)


def test_history_records_state_changes_not_every_fetch(hospital, feed_server):
    feed_server.routes["/news"] = Route(sample("news.rss"))
    feed = make_feed(hospital, feed_server.url("/news"))
    rows = feed.history.count()
    fetch(feed)
    fetch(feed)
    assert feed.history.count() == rows  # all well, twice: nothing the history tracks changed
    feed_server.routes["/news"] = Route(status=500)
    fetch(feed)
    fetch(feed)
    assert feed.history.count() == rows + 2  # failing once, then twice
    latest = feed.history.first()
    assert (latest.consecutive_failures, latest.last_error, latest.history_user) == (2, "HTTP 500", None)


def test_error_labels_are_shown_in_the_readers_language():
    assert feed_error_label("HTTP 503") == "The server answered HTTP 503"
    assert feed_error_label("Timed out") == "Timed out"
    assert feed_error_label("Something else") == "Something else"
