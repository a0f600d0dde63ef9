"""Refuse URLs that point inside the machine's own networks (SSRF), and pin the checked address.

A URL given to ``ingest``, ``watch`` or the API must not become a way to reach services on
loopback, private or link-local addresses (a database admin page, a cloud metadata endpoint).
The host name is resolved once here and every address checked -- IPv6 addresses that carry an
IPv4 address inside them (IPv4-mapped, NAT64, 6to4, IPv4-compatible) are judged by that IPv4
address too, and Teredo tunnels are refused -- and the connection is then made to the checked
address itself (see ``pinned``), so a DNS answer that changes between the check and the
connection (DNS rebinding) cannot slip past the check.  Only the web's ports (80, 443) are read
unless the caller allows others: a public host's mail, cache or database port is not a page.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit, urlunsplit

from ..errors import IngestError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
DEFAULT_PORTS = {"http": 80, "https": 443}
# Prefixes whose addresses embed an IPv4 address (RFC 6052 NAT64, RFC 8215 its local-use range,
# RFC 4291 s2.5.5 IPv4-compatible; 6to4 and IPv4-mapped are known to ``ipaddress``).
NAT64_WELL_KNOWN = ipaddress.IPv6Network("64:ff9b::/96")
NAT64_LOCAL_USE = ipaddress.IPv6Network("64:ff9b:1::/48")
IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")


class FetchError(IngestError):
    """A URL could not be read; the message is the one-line reason shown next to the URL."""


class URLRefused(FetchError):
    """A URL the guard will not read at all (malformed, not http(s), a refused port or a
    non-public address): the asker's mistake, not the remote server's failure."""


@dataclass(frozen=True)
class Target:
    """A checked URL: the host name as given, the port and the address to connect to; and, for
    clients that connect by URL, the URL with its host replaced by that address, with the Host
    header and TLS server name to send (``Fetcher`` pins by name instead: see ``pinned``)."""

    host: str
    port: int
    address: IPAddress
    url: str
    host_header: str
    server_name: str


def pin(url: str, *, allow_private: bool, allowed_ports: Iterable[int] = ()) -> Target:
    """Resolve ``url``'s host once, refuse non-public addresses and ports other than 80 and 443
    or ``allowed_ports`` (unless ``allow_private``, which lifts both); return where to connect."""
    parts = _split(url)
    host = parts.hostname or ""
    port = parts.port or DEFAULT_PORTS[parts.scheme]
    address = _checked_address(host, port, allow_private=allow_private)
    if not allow_private and port not in {*DEFAULT_PORTS.values(), *allowed_ports}:
        raise URLRefused(
            f"port {port} refused: only ports 80 and 443 are read "
            f"(pass --allow-port {port} to read it)"
        )
    literal = f"[{address}]" if address.version == 6 else str(address)
    shown_host = f"[{host}]" if ":" in host else host
    netloc, host_header = (
        (f"{literal}:{parts.port}", f"{shown_host}:{parts.port}")
        if parts.port
        else (literal, shown_host)
    )
    pinned = urlunsplit(parts._replace(netloc=netloc))
    return Target(host, port, address, pinned, host_header, server_name=host)


def _split(url: str) -> SplitResult:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError as exc:
        raise URLRefused(f"malformed URL ({exc})") from exc
    if parts.scheme not in DEFAULT_PORTS:
        raise URLRefused("only http:// and https:// URLs can be read")
    if not parts.hostname:
        raise URLRefused("URL has no host name")
    return parts


def _checked_address(host: str, port: int, *, allow_private: bool) -> IPAddress:
    addresses = resolve(host, port)
    if not allow_private:
        for address in addresses:
            if not is_public(address):
                inner = ", ".join(str(a) for a in embedded_ipv4(address))
                shown = f"{address} (embedding {inner})" if inner else str(address)
                raise URLRefused(
                    f"{host} is at {shown}, a private, loopback or link-local address; "
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
    """True for globally routable unicast addresses whose embedded IPv4 addresses (if any) are
    public too; Teredo addresses (a tunnel to an IPv4 host we cannot check) never are."""
    if isinstance(address, ipaddress.IPv6Address) and (
        address.teredo is not None or address in NAT64_LOCAL_USE  # IANA: not globally reachable
    ):
        return False
    if not address.is_global or address.is_multicast:
        return False
    return all(a.is_global and not a.is_multicast for a in embedded_ipv4(address))


def embedded_ipv4(address: IPAddress) -> list[ipaddress.IPv4Address]:
    """The IPv4 address an IPv6 address carries: IPv4-mapped, NAT64 well-known prefix, 6to4,
    IPv4-compatible.  (The NAT64 local-use prefix, whose IPv4 position depends on the network's
    prefix length, is refused whole by :func:`is_public`.)"""
    if not isinstance(address, ipaddress.IPv6Address):
        return []
    bits = int(address)
    if address.ipv4_mapped is not None:
        return [address.ipv4_mapped]
    if address.sixtofour is not None:
        return [address.sixtofour]
    if address in NAT64_WELL_KNOWN or (address in IPV4_COMPATIBLE and bits > 1):  # not ::, ::1
        return [ipaddress.IPv4Address(bits & 0xFFFFFFFF)]
    return []
