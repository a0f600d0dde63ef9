"""The fetch guard against SSRF: IPv6 forms that embed a private IPv4 address, ports, connection
pools keyed by host name, and DNS rebinding -- with real sockets and a local server, the resolver
replaced where a test needs a name to answer as a hostile DNS server would."""

from __future__ import annotations

import http.server
import ipaddress
import socket
import subprocess
import threading
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from borderwatch.ingest import Fetcher, FetchError
from borderwatch.ingest.guard import embedded_ipv4, is_public

from .conftest import borderwatch_command

REFUSED = "a private, loopback or link-local address; refused (pass --allow-private to read it)"
# IPv6 addresses that carry a non-public IPv4 address inside them, with that address.
EMBEDDING = [
    ("64:ff9b::7f00:1", "127.0.0.1"),  # NAT64 well-known prefix
    ("64:ff9b::a9fe:a9fe", "169.254.169.254"),
    ("64:ff9b::a00:1", "10.0.0.1"),
    ("2002:7f00:1::", "127.0.0.1"),  # 6to4
    ("2002:a9fe:a9fe::1", "169.254.169.254"),
    ("2002:c0a8:101::", "192.168.1.1"),
    ("::7f00:1", "127.0.0.1"),  # IPv4-compatible (deprecated, still routed by some stacks)
    ("::a9fe:a9fe", "169.254.169.254"),
    ("::a00:1", "10.0.0.1"),
]
TEREDO = "2001:0:4136:e378:8000:63bf:3fff:fdd2"
# The NAT64 local-use prefix (not globally reachable), the IPv4 at /96 or after a /48 prefix.
LOCAL_NAT64 = ["64:ff9b:1::7f00:1", "64:ff9b:1:7f00:0:100::", "64:ff9b:1::808:808"]


@pytest.mark.parametrize(("address", "inner"), EMBEDDING)
def test_ipv6_forms_of_private_ipv4_are_not_public(address: str, inner: str) -> None:
    parsed = ipaddress.IPv6Address(address)
    assert embedded_ipv4(parsed) == [ipaddress.IPv4Address(inner)]
    assert not is_public(parsed)


@pytest.mark.parametrize("address", ["64:ff9b::808:808", "2002:808:808::1", "2606:4700::1111"])
def test_ipv6_forms_of_public_ipv4_stay_public(address: str) -> None:
    assert is_public(ipaddress.IPv6Address(address))


@pytest.mark.parametrize("address", [TEREDO, *LOCAL_NAT64])
def test_teredo_and_local_use_nat64_are_refused(address: str) -> None:
    assert not is_public(ipaddress.IPv6Address(address))
    with Fetcher(max_bytes=1000) as client, pytest.raises(FetchError) as caught:
        client.get(f"http://[{address}]/")
    assert str(caught.value) == f"{address} is at {address}, {REFUSED}"


@pytest.mark.parametrize(("address", "inner"), EMBEDDING)
def test_fetcher_refuses_them_with_the_guards_message(address: str, inner: str) -> None:
    with Fetcher(max_bytes=1000) as client, pytest.raises(FetchError) as caught:
        client.get(f"http://[{address}]/latest/meta-data")
    assert str(caught.value) == f"{address} is at {address} (embedding {inner}), {REFUSED}"


def test_the_cli_refuses_them_in_one_line_each(cli_env: dict[str, str]) -> None:
    urls = [f"http://[{a}]/latest/meta-data" for a in ("64:ff9b::a9fe:a9fe", "2002:7f00:1::")]
    urls += ["http://[::a00:1]/", f"http://[{TEREDO}]/", "http://1.2.3.4:6379/"]
    done = subprocess.run(
        borderwatch_command() + ["ingest", *urls],
        env=cli_env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == len(urls)
    for url, line in zip(urls[:4], errors, strict=False):
        assert line.startswith(f"error: {url}: fetch: ") and line.endswith(REFUSED), line
    assert "embedding 169.254.169.254" in errors[0]
    assert errors[4] == (
        "error: http://1.2.3.4:6379/: fetch: port 6379 refused: only ports 80 and 443 are read "
        "(pass --allow-port 6379 to read it)"
    )


# --- ports -------------------------------------------------------------------------------------


def ok(seen: list[httpx.Request]) -> httpx.MockTransport:
    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, text="ok", headers={"Content-Type": "text/plain"})

    return httpx.MockTransport(answer)


def test_other_ports_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_dns(monkeypatch, lambda name, _n: "1.2.3.4" if name == "news.example" else None)
    seen: list[httpx.Request] = []
    with Fetcher(max_bytes=1000, transport=ok(seen)) as client:
        with pytest.raises(FetchError, match="port 8080 refused"):
            client.get("http://news.example:8080/story")
        with pytest.raises(FetchError, match="port 22 refused"):
            client.get("https://1.2.3.4:22/")
    assert seen == []


def test_allowed_ports_are_read() -> None:
    seen: list[httpx.Request] = []
    with Fetcher(max_bytes=1000, allowed_ports=(8080,), transport=ok(seen)) as client:
        assert client.get("http://1.2.3.4:8080/story").content == b"ok"
        assert client.get("https://1.2.3.4/story").content == b"ok"
    assert [str(r.url) for r in seen] == ["http://1.2.3.4:8080/story", "https://1.2.3.4/story"]


# --- a real server, names that resolve as the test says ----------------------------------------


class KeepAliveSite:
    """HTTP/1.1 with keep-alive on 127.0.0.1; counts TCP connections and requests (with Host)."""

    def __init__(self, body: bytes = b"the internal service") -> None:
        site = self
        self.connections = 0
        self.hosts: list[str] = []

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                site.connections += 1
                super().setup()

            def log_message(self, *_: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                site.hosts.append(self.headers.get("Host", ""))
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = int(self.server.server_address[1])
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def internal() -> Iterator[KeepAliveSite]:
    running = KeepAliveSite()
    yield running
    running.close()


def fake_dns(
    monkeypatch: pytest.MonkeyPatch, answers: Callable[[str, int], str | None]
) -> list[str]:
    """Make ``socket.getaddrinfo`` answer ``answers(name, n)`` (n: the name's lookups so far)
    for the names it knows, the real resolver for the rest; return the log of lookups of the
    names it knows."""
    real = socket.getaddrinfo
    log: list[str] = []

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else str(host)
        address = answers(name, log.count(name))
        if address is None:
            return real(host, port, *args, **kwargs)
        log.append(name)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, int(port or 0)))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return log


def test_connection_pools_are_keyed_by_host_name(
    monkeypatch: pytest.MonkeyPatch, internal: KeepAliveSite
) -> None:
    """Two names on one address get a connection each: a connection (and, over TLS, the
    certificate checked for one name) is never reused for another name."""
    fake_dns(monkeypatch, lambda name, _n: "127.0.0.1" if name.endswith(".example") else None)
    with Fetcher(max_bytes=1000, allow_private=True) as client:
        for name in ("one.example", "two.example", "one.example", "two.example"):
            assert client.get(f"http://{name}:{internal.port}/").content == b"the internal service"
    port = internal.port
    assert internal.hosts == [f"{n}.example:{port}" for n in ("one", "two", "one", "two")]
    assert internal.connections == 2


def test_dns_rebinding_cannot_turn_the_checked_name_into_loopback(
    monkeypatch: pytest.MonkeyPatch, internal: KeepAliveSite
) -> None:
    """The resolver answers a public address to the check and loopback to any later lookup: the
    connection goes to the checked address (here the "outside" site, reached through a stand-in
    for the network), and the internal service on loopback is never reached."""
    outside = KeepAliveSite(b"the public page")
    public = "1.2.3.4"
    log = fake_dns(
        monkeypatch,
        lambda name, n: (public if n == 0 else "127.0.0.1") if name == "news.example" else None,
    )
    real_connect = socket.create_connection
    dialled: list[Any] = []

    def create_connection(address: Any, *args: Any, **kwargs: Any) -> socket.socket:
        dialled.append(address)
        if address[0] == public:  # the network between us and the public address
            return real_connect(("127.0.0.1", outside.port), *args, **kwargs)
        return real_connect(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", create_connection)
    try:
        with Fetcher(max_bytes=1000, allowed_ports=(internal.port,)) as client:
            fetched = client.get(f"http://news.example:{internal.port}/story")
    finally:
        outside.close()
    assert fetched.content == b"the public page"
    assert dialled == [(public, internal.port)]
    assert log == ["news.example"]
    assert internal.hosts == [] and internal.connections == 0
    assert outside.hosts == [f"news.example:{internal.port}"]
