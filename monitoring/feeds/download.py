"""Downloading a mention feed: bounded, conditional, and only from public http(s) addresses.

The address is the hospital's, the content a stranger's: every fetch is bounded (a connect/read timeout, a deadline
for the whole download, a maximum size, at most three redirects), only reaches public http(s) addresses (each host is
resolved, every address checked, and the connection made to the address checked, so a second DNS answer cannot point
it elsewhere), and asks with ETag/Last-Modified so an unchanged feed costs one 304.

The limits below are read here, at fetch time: a test that changes one patches this module
(``monitoring.feeds.download``), not the package. Whether private addresses are allowed is the caller's argument
(``allow_private``); its default for a fetch, ``ALLOW_PRIVATE_ADDRESSES``, lives in ``monitoring.feeds``.

A failure raises ``FeedFetchError`` whose message is one of the short, content-free ``ERROR_*`` texts stored in
``MentionFeed.last_error``; ``feed_error_label`` shows one in the reader's language.
"""

import http.client
import ipaddress
import re
import socket
import ssl
import time
import zlib
from dataclasses import dataclass, field
from urllib.parse import quote, urljoin, urlsplit

from django.utils.translation import gettext, gettext_lazy

FETCH_TIMEOUT_SECONDS = 10  # to connect, and for each read
FETCH_DEADLINE_SECONDS = 20  # for the whole download, redirects included ("fetch now" runs in a web request)
MAX_BODY_BYTES = 2 * 1024 * 1024
MAX_REDIRECTS = 3
USER_AGENT = "hospital-some/0.1 (mention feed reader)"
ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

# The short, content-free messages a failure leaves in ``MentionFeed.last_error``, stored in English and shown
# translated (``feed_error_label``).
ERROR_TIMEOUT = "Timed out"
ERROR_TOO_LARGE = "Too large"
ERROR_NOT_A_FEED = "Not a feed"
ERROR_ADDRESS_REFUSED = "Address not allowed"
ERROR_BAD_ADDRESS = "Not an http(s) address"
ERROR_TOO_MANY_REDIRECTS = "Too many redirects"
ERROR_BAD_REDIRECT = "Redirected to a bad address"
ERROR_HOST_NOT_FOUND = "Host not found"
ERROR_CONNECTION = "Could not connect"
ERROR_TLS = "Secure connection failed"
ERROR_BAD_RESPONSE = "Bad response"
ERROR_STORE = "Could not store the entries"
ERROR_UNEXPECTED = "Fetch failed"
ERROR_ADDRESS_CHANGED = "The address changed while fetching"  # reported, not recorded
ERROR_LABELS = {
    ERROR_TIMEOUT: gettext_lazy("Timed out"),
    ERROR_TOO_LARGE: gettext_lazy("Too large"),
    ERROR_NOT_A_FEED: gettext_lazy("Not a feed"),
    ERROR_ADDRESS_REFUSED: gettext_lazy("Address not allowed"),
    ERROR_BAD_ADDRESS: gettext_lazy("Not an http(s) address"),
    ERROR_TOO_MANY_REDIRECTS: gettext_lazy("Too many redirects"),
    ERROR_BAD_REDIRECT: gettext_lazy("Redirected to a bad address"),
    ERROR_HOST_NOT_FOUND: gettext_lazy("Host not found"),
    ERROR_CONNECTION: gettext_lazy("Could not connect"),
    ERROR_TLS: gettext_lazy("Secure connection failed"),
    ERROR_BAD_RESPONSE: gettext_lazy("Bad response"),
    ERROR_STORE: gettext_lazy("Could not store the entries"),
    ERROR_UNEXPECTED: gettext_lazy("Fetch failed"),
    ERROR_ADDRESS_CHANGED: gettext_lazy("The address changed while fetching"),
}
HTTP_ERROR = re.compile(r"^HTTP (\d{3})$")


def feed_error_label(error: str) -> str:
    """A stored ``last_error`` in the reader's language."""
    if match := HTTP_ERROR.match(error):
        return gettext("The server answered HTTP %(status)s") % {"status": match.group(1)}
    return str(ERROR_LABELS.get(error, error))


class FeedFetchError(Exception):
    """A fetch that failed for a reason the feed's state records; the message is one of the ERROR_* texts."""


@dataclass
class FeedDownload:
    url: str  # after redirects
    status: int
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    body: bytes = b""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


# --- Addresses -------------------------------------------------------------------------------------------------

NAT64_PREFIX = ipaddress.ip_network("64:ff9b::/96")


def address_is_public(address: str) -> bool:
    """True for an address on the public internet: never a private, loopback, link-local (cloud metadata lives at
    169.254.169.254), shared, reserved, multicast or unspecified one, nor a v6 address that wraps one of those."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])  # a v6 scope id ("fe80::1%eth0") names no other host
    except ValueError:
        return False
    if ip.version == 6:
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is None and ip in NAT64_PREFIX:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return address_is_public(str(embedded))
    return ip.is_global and not (
        ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_reserved or ip.is_unspecified
    )


def host_addresses(host: str, port: int, *, allow_private: bool = False) -> list[tuple]:
    """Resolve the host; refuse it if any of its addresses is not public. Returns getaddrinfo's entries."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FeedFetchError(ERROR_HOST_NOT_FOUND) from error
    if not found:
        raise FeedFetchError(ERROR_HOST_NOT_FOUND)
    if not allow_private and not all(address_is_public(entry[4][0]) for entry in found):
        raise FeedFetchError(ERROR_ADDRESS_REFUSED)
    return found


def _connect_checked(host: str, port: int, timeout: float, allow_private: bool) -> socket.socket:
    """Connect to one of the host's checked addresses (not to the name again: no second, different DNS answer)."""
    last_error: OSError | None = None
    for family, kind, proto, _canonical, address in host_addresses(host, port, allow_private=allow_private):
        sock = socket.socket(family, kind, proto)
        try:
            sock.settimeout(timeout)
            sock.connect(address)
        except OSError as error:
            sock.close()
            last_error = error
            continue
        return sock
    raise last_error or FeedFetchError(ERROR_CONNECTION)


class _CheckedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, *, timeout: float, allow_private: bool):
        super().__init__(host, port, timeout=timeout)
        self.allow_private = allow_private

    def connect(self) -> None:
        self.sock = self.checked_sock = _connect_checked(self.host, self.port, self.timeout, self.allow_private)


class _CheckedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, *, timeout: float, allow_private: bool):
        self.tls = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self.tls)
        self.allow_private = allow_private

    def connect(self) -> None:
        sock = _connect_checked(self.host, self.port, self.timeout, self.allow_private)
        try:
            self.sock = self.checked_sock = self.tls.wrap_socket(sock, server_hostname=self.host)
        except BaseException:
            sock.close()
            raise


# --- Download --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Target:
    scheme: str
    host: str
    port: int
    path: str


def _target(url: str) -> _Target:
    """Split an http(s) address for http.client; anything else (or a malformed one) is refused."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
        host = (parts.hostname or "").encode("idna").decode("ascii")
    except (ValueError, UnicodeError) as error:
        raise FeedFetchError(ERROR_BAD_ADDRESS) from error
    if parts.scheme not in ("http", "https") or not host or parts.username or parts.password:
        raise FeedFetchError(ERROR_BAD_ADDRESS)
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    if parts.query:
        path += "?" + quote(parts.query, safe="/%:@!$&'()*+,;=-._~?")
    return _Target(parts.scheme, host, port or (443 if parts.scheme == "https" else 80), path)


def _time_left(deadline: float, timeout: float) -> float:
    """The timeout for the next wait: the read timeout, or less when the deadline is nearer."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise FeedFetchError(ERROR_TIMEOUT)
    return min(timeout, left)


def _read_body(
    connection: "_CheckedHTTPConnection | _CheckedHTTPSConnection",
    response: http.client.HTTPResponse,
    *,
    deadline: float,
    timeout: float,
) -> bytes:
    """Read in chunks; stop beyond MAX_BODY_BYTES or past the deadline (a server trickling bytes is cut off)."""
    length = response.getheader("Content-Length")
    if length and length.strip().isdigit() and int(length) > MAX_BODY_BYTES:
        raise FeedFetchError(ERROR_TOO_LARGE)
    chunks, size = [], 0
    while True:
        # The connection's own socket: http.client lets go of ``connection.sock`` once the response is to end
        # with the connection, but the response still reads from it.
        connection.checked_sock.settimeout(_time_left(deadline, timeout))
        chunk = response.read1(64 * 1024)
        if not chunk:
            break
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise FeedFetchError(ERROR_TOO_LARGE)
        chunks.append(chunk)
    body = b"".join(chunks)
    if (response.getheader("Content-Encoding") or "").strip().lower() in ("gzip", "x-gzip"):
        body = _gunzip(body)
    return body


def _gunzip(body: bytes) -> bytes:
    """Servers that gzip although not asked to: unpacked, but never beyond MAX_BODY_BYTES (no zip bombs)."""
    unpacker = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = unpacker.decompress(body, MAX_BODY_BYTES + 1)
    except zlib.error as error:
        raise FeedFetchError(ERROR_BAD_RESPONSE) from error
    if len(data) > MAX_BODY_BYTES or unpacker.unconsumed_tail:
        raise FeedFetchError(ERROR_TOO_LARGE)
    return data


def feed_download(
    url: str,
    *,
    etag: str = "",
    last_modified: str = "",
    timeout: float = FETCH_TIMEOUT_SECONDS,
    allow_private: bool = False,
) -> FeedDownload:
    """GET the feed, conditionally, following at most MAX_REDIRECTS redirects; raises FeedFetchError or OSError."""
    deadline = time.monotonic() + max(timeout, FETCH_DEADLINE_SECONDS)
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT, "Accept-Encoding": "identity"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    for hop in range(MAX_REDIRECTS + 1):
        try:
            target = _target(url)
        except FeedFetchError:
            raise FeedFetchError(ERROR_BAD_REDIRECT if hop else ERROR_BAD_ADDRESS) from None
        connection_class = _CheckedHTTPSConnection if target.scheme == "https" else _CheckedHTTPConnection
        connection = connection_class(
            target.host, target.port, timeout=_time_left(deadline, timeout), allow_private=allow_private
        )
        response = None
        try:
            connection.request("GET", target.path, headers=headers)
            response = connection.getresponse()
            status = response.status
            if status in REDIRECT_STATUSES:
                location = response.getheader("Location")
                if not location:
                    raise FeedFetchError(ERROR_BAD_RESPONSE)
                url = urljoin(url, location.strip())
                continue
            if status == 304:
                return FeedDownload(url=url, status=status, headers=_headers(response))
            if status >= 300:
                raise FeedFetchError(f"HTTP {status}")
            body = _read_body(connection, response, deadline=deadline, timeout=timeout)
            return FeedDownload(url=url, status=status, headers=_headers(response), body=body)
        finally:
            if response is not None:
                response.close()
            connection.close()
    raise FeedFetchError(ERROR_TOO_MANY_REDIRECTS)


def _headers(response: http.client.HTTPResponse) -> dict[str, str]:
    return {name.lower(): value for name, value in response.getheaders()}
