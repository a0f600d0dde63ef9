"""An HTTP transport that connects each host name only to the address the guard checked for it.

Requests keep their host name in the URL, so connection pools are keyed by name (a connection,
and over TLS the certificate verified for one name, is never reused for another name on the same
address) and TLS checks the certificate against that name as usual.  Only the socket connect is
redirected: it dials the address pinned for the name by the last check, never resolving the
name again, so DNS rebinding between the check and the connection gains nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

from .guard import IPAddress

# httpx's own pool limits (httpx.HTTPTransport's defaults).
LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20, keepalive_expiry=5.0)


class PinnedBackend(httpcore.SyncBackend):
    """httpcore's socket backend, dialling the pinned address of each (host, port)."""

    def __init__(self) -> None:
        self._pins: dict[tuple[str, int], str] = {}

    def pin(self, host: str, port: int, address: IPAddress) -> None:
        self._pins[(host.lower(), port)] = str(address)

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        address = self._pins.get((host.lower(), port))
        if address is None:  # a bug, not an input: every request is checked before it is sent
            raise httpcore.ConnectError(f"{host}:{port} was not checked by the guard")
        return super().connect_tcp(address, port, timeout, local_address, socket_options)


class PinnedTransport(httpx.HTTPTransport):
    """``httpx.HTTPTransport`` over a :class:`PinnedBackend`; call :meth:`pin` before each
    request with the address the guard checked."""

    def __init__(self) -> None:
        super().__init__(trust_env=False, limits=LIMITS)
        self.backend = PinnedBackend()
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=LIMITS.max_connections,
            max_keepalive_connections=LIMITS.max_keepalive_connections,
            keepalive_expiry=LIMITS.keepalive_expiry,
            network_backend=self.backend,
        )

    def pin(self, host: str, port: int, address: IPAddress) -> None:
        self.backend.pin(host, port, address)
