"""Answer only to the server's own names: the defence against DNS rebinding.

A page on another site can point its own name at 127.0.0.1 after loading, and its scripts then
read this server as "same origin".  Browsers still send that other name in the ``Host`` header,
so a request whose Host is not one of the server's names is refused before any route runs:
loopback names always, the bound address when it is a specific one, and the ``allowed_hosts``
setting for a deployment behind a real name (``"*"`` there turns the check off, for a proxy
that checks names itself).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ..settings import Settings

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
WILDCARD_BINDS = frozenset({"", "0.0.0.0", "::"})
REFUSAL = json.dumps(
    {"detail": "unknown Host header; name this server in the allowed_hosts setting"}
).encode()


def server_names(settings: Settings) -> frozenset[str]:
    """The names requests may carry in ``Host`` (lower case, no port)."""
    names = set(LOOPBACK_NAMES) | {n.strip().lower().rstrip(".") for n in settings.allowed_hosts}
    bound = settings.host.strip("[]").lower()
    if bound not in WILDCARD_BINDS:
        names.add(bound)
    return frozenset(names)


def host_name(header: str) -> str:
    """The name in a ``Host`` header value, without the port and the brackets of IPv6."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else ""
    return value.rsplit(":", 1)[0].rstrip(".") if value.count(":") == 1 else value.rstrip(".")


class HostGuard:
    """ASGI middleware: HTTP and WebSocket requests with a foreign ``Host`` get a 400."""

    def __init__(self, app: Any, names: Iterable[str]) -> None:
        self.app = app
        self.names = frozenset(names)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket") or "*" in self.names:
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or ())
        if host_name(headers.get(b"host", b"").decode("latin-1")) in self.names:
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        await send(
            {
                "type": "http.response.start",
                "status": 400,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(REFUSAL)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": REFUSAL})
