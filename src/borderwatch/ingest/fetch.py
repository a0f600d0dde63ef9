"""Fetch one URL with the limits a crawler of other people's servers needs.

Every request has timeouts (per phase and in total, so a server that drips one byte a second
cannot hold a batch forever), a size cap enforced while streaming (a 200 MB page is never read
into memory), a content-type check before the body is read, a bounded number of redirects (each
hop checked against the SSRF guard again, and connected to the address the check pinned) and a
user agent that says who is asking.  Conditional
requests (ETag / Last-Modified) let ``watch`` poll without downloading unchanged feeds.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urljoin

import httpx

from .. import __version__
from .guard import DEFAULT_PORTS, FetchError, pin
from .pinned import PinnedTransport

USER_AGENT = f"Borderwatch/{__version__} (news event database; python-httpx)"
PAGE_TYPES = {
    "text/html": "text/html",
    "application/xhtml+xml": "text/html",
    "text/plain": "text/plain",
    "text/markdown": "text/markdown",
}
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml"}
    | {"text/xml", "application/x-rss+xml"}
)
ACCEPT = (
    "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
    "application/xml;q=0.9, text/xml;q=0.9, text/plain;q=0.8"
)
MAX_REDIRECTS = 5
REDIRECTS = frozenset({301, 302, 303, 307, 308})
TOTAL_SECONDS = 60.0
TIMEOUT = httpx.Timeout(10.0, read=20.0)


@dataclass(frozen=True)
class Fetched:
    """One response: ``status`` 200, or 304 (``content`` empty) when the resource is unchanged."""

    url: str  # after redirects
    status: int
    content: bytes = b""
    media_type: str = ""  # lower-case media type from Content-Type; "" when the server sent none
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None


class Fetcher:
    """A reusable HTTP client with Borderwatch's limits; use as a context manager or ``close()``."""

    def __init__(
        self,
        *,
        max_bytes: int,
        allow_private: bool = False,
        allowed_ports: Iterable[int] = (),
        timeout: httpx.Timeout | float = TIMEOUT,
        total_seconds: float = TOTAL_SECONDS,
        max_redirects: int = MAX_REDIRECTS,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.max_bytes = max_bytes
        self.allow_private = allow_private
        self.allowed_ports = tuple(allowed_ports)
        self.total_seconds = total_seconds
        self.max_redirects = max_redirects
        headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT}
        # a transport given by a test (a mock) is used as is; otherwise connect to pinned addresses
        self._pinned = PinnedTransport() if transport is None else None
        self.client = httpx.Client(
            timeout=timeout,
            headers=headers,
            follow_redirects=False,
            trust_env=False,
            transport=transport if transport is not None else self._pinned,
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        """GET ``url`` following at most ``max_redirects`` redirects; raise ``FetchError``."""
        headers = {"If-None-Match": etag or "", "If-Modified-Since": last_modified or ""}
        headers = {k: v for k, v in headers.items() if v}
        current = url
        for _hop in range(self.max_redirects + 1):
            result = self._once(current, headers)
            if isinstance(result, Fetched):
                return result
            current = result
        raise FetchError(f"too many redirects (more than {self.max_redirects})")

    def _once(self, url: str, headers: dict[str, str]) -> Fetched | str:
        """One request: a response, or the next URL when the server redirects."""
        target = pin(url, allow_private=self.allow_private, allowed_ports=self.allowed_ports)
        try:
            request = self.client.build_request("GET", url, headers=headers)
        except httpx.InvalidURL as exc:
            raise FetchError(f"malformed URL ({exc})") from exc
        if self._pinned is not None:
            port = request.url.port or DEFAULT_PORTS[request.url.scheme]
            self._pinned.pin(request.url.host, port, target.address)
        try:
            response = self.client.send(request, stream=True)
        except httpx.TimeoutException as exc:
            raise FetchError(f"timed out ({type(exc).__name__})") from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"cannot connect ({_one_line(exc)})") from exc
        try:
            return self._response(url, response)
        finally:
            response.close()

    def _response(self, url: str, response: httpx.Response) -> Fetched | str:
        """Judge the status and type before reading a byte of the body."""
        if response.status_code in REDIRECTS:
            location = response.headers.get("location")
            if not location:
                raise FetchError(f"HTTP {response.status_code} redirect without a Location")
            return urljoin(url, location)
        validators = {
            "etag": response.headers.get("etag"),
            "last_modified": response.headers.get("last-modified"),
        }
        if response.status_code == 304:
            return Fetched(url, 304, **validators)
        if response.status_code != 200:
            raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".strip())
        media_type, charset = content_type(response.headers.get("content-type", ""))
        if media_type and media_type not in PAGE_TYPES and media_type not in FEED_TYPES:
            raise FetchError(f"unsupported content type {media_type!r}")
        body = self._read_capped(response)
        return Fetched(url, 200, body, media_type, charset, **validators)

    def _read_capped(self, response: httpx.Response) -> bytes:
        """The body, refused as soon as it passes the size cap or the total time limit (and
        before reading anything when the server announces a larger body)."""
        self._check_declared_size(response)
        deadline = time.monotonic() + self.total_seconds
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchError(f"response is over the {self.max_bytes:,}-byte limit")
                if time.monotonic() > deadline:
                    raise FetchError(f"timed out (body took over {self.total_seconds:g} s)")
                chunks.append(chunk)
        except httpx.TimeoutException as exc:
            raise FetchError(f"timed out reading the body ({type(exc).__name__})") from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"connection broke ({_one_line(exc)})") from exc
        return b"".join(chunks)

    def _check_declared_size(self, response: httpx.Response) -> None:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(
                f"response is {int(declared):,} bytes, over the {self.max_bytes:,} limit"
            )


def content_type(header: str) -> tuple[str, str | None]:
    """The media type (lower case) and charset of a Content-Type header value."""
    message = Message()
    message["content-type"] = header
    if not header.strip():
        return "", None
    charset = message.get_param("charset")
    return message.get_content_type().lower(), charset if isinstance(charset, str) else None


def _one_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
