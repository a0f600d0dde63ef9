"""Refuse URLs that point inside the machine's own networks (SSRF), and pin the checked address.

A URL given to ``ingest``, ``watch`` or (later) the API must not become a way to reach services
on loopback, private or link-local addresses (a database admin page, a cloud metadata endpoint).
The host name is resolved once here, every address checked, and the request is then sent to the
checked address itself (with the original Host header and TLS server name), so a DNS answer that
changes between the check and the connection (DNS rebinding) cannot slip past the check.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit, urlunsplit

from ..errors import IngestError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
DEFAULT_PORTS = {"http": 80, "https": 443}


class FetchError(IngestError):
    """A URL could not be read; the message is the one-line reason shown next to the URL."""


@dataclass(frozen=True)
class Target:
    """Where to connect for a URL: the URL with its host replaced by a checked address."""

    url: str
    host_header: str
    server_name: str


def pin(url: str, *, allow_private: bool) -> Target:
    """Resolve ``url``'s host, refuse non-public addresses unless allowed, return the target."""
    parts = _split(url)
    host = parts.hostname or ""
    port = parts.port or DEFAULT_PORTS[parts.scheme]
    address = _checked_address(host, port, allow_private=allow_private)
    literal = f"[{address}]" if address.version == 6 else str(address)
    netloc = f"{literal}:{parts.port}" if parts.port else literal
    shown_host = f"[{host}]" if ":" in host else host
    host_header = f"{shown_host}:{parts.port}" if parts.port else shown_host
    pinned = urlunsplit(parts._replace(netloc=netloc))
    return Target(url=pinned, host_header=host_header, server_name=host)


def _split(url: str) -> SplitResult:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError as exc:
        raise FetchError(f"malformed URL ({exc})") from exc
    if parts.scheme not in DEFAULT_PORTS:
        raise FetchError("only http:// and https:// URLs can be read")
    if not parts.hostname:
        raise FetchError("URL has no host name")
    return parts


def _checked_address(host: str, port: int, *, allow_private: bool) -> IPAddress:
    addresses = resolve(host, port)
    if not allow_private:
        for address in addresses:
            if not is_public(address):
                raise FetchError(
                    f"{host} is at {address}, a private, loopback or link-local address; "
                    "refused (pass --allow-private to read it)"
                )
    return sorted(addresses, key=lambda a: a.version)[0]


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address ``host`` resolves to (a literal address resolves to itself)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise FetchError(f"cannot resolve host {host!r} ({exc})") from exc
    found = {ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos}
    if not found:
        raise FetchError(f"cannot resolve host {host!r}")
    return sorted(found, key=str)


def is_public(address: IPAddress) -> bool:
    """True for globally routable unicast addresses (IPv4-mapped IPv6 judged as its IPv4)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast
