"""The server answers only to its own names (DNS rebinding): loopback names by default, the names
in the ``allowed_hosts`` setting for a deployment -- checked in the app and through the real
``borderwatch serve``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from borderwatch.serve import create_app
from borderwatch.settings import Settings, load_settings
from borderwatch.store import Store

from .serving import served as serve_real


@pytest.fixture()
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "hosts.db")
    Store(path)
    return path


def status(settings: Settings, host: str) -> int:
    with TestClient(create_app(settings), base_url="http://127.0.0.1") as client:
        return client.get("/api/meta", headers={"Host": host}).status_code


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "127.0.0.1:8000", "localhost", "LOCALHOST:8000", "[::1]:8000", "[::1]"]
)
def test_loopback_names_are_answered_by_default(db: str, host: str) -> None:
    assert status(Settings(db=db), host) == 200


@pytest.mark.parametrize(
    "host", ["rebound.attacker.example", "rebound.attacker.example:8000", "127.0.0.1.nip.io", ""]
)
def test_other_names_are_refused_by_default(db: str, host: str) -> None:
    assert status(Settings(db=db), host) == 400


def test_refusal_says_why(db: str) -> None:
    with TestClient(create_app(Settings(db=db)), base_url="http://127.0.0.1") as client:
        answer = client.get("/", headers={"Host": "rebound.attacker.example"})
    assert answer.status_code == 400
    assert "rebound.attacker.example" not in answer.text  # nothing echoed back
    assert "allowed_hosts" in answer.json()["detail"]


def test_a_deployment_names_its_hosts(db: str) -> None:
    settings = Settings(db=db, allowed_hosts=("monitor.example.org",))
    assert status(settings, "monitor.example.org") == 200
    assert status(settings, "Monitor.Example.org:443") == 200
    assert status(settings, "127.0.0.1:8000") == 200
    assert status(settings, "rebound.attacker.example") == 400


def test_the_bound_address_is_a_name_of_the_server(db: str) -> None:
    assert status(Settings(db=db, host="192.0.2.7"), "192.0.2.7:8000") == 200
    assert status(Settings(db=db, host="0.0.0.0"), "0.0.0.0") == 400


def test_allowed_hosts_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)  # no borderwatch.toml here
    monkeypatch.delenv("BORDERWATCH_CONFIG", raising=False)
    monkeypatch.setenv("BORDERWATCH_ALLOWED_HOSTS", "a.example, b.example")
    assert load_settings().allowed_hosts == ("a.example", "b.example")


@pytest.fixture()
def served(db: str) -> Iterator[str]:
    with serve_real(db) as base:
        yield base


def test_the_real_server_refuses_a_foreign_host_header(served: str) -> None:
    """What a page on attacker.example sees after rebinding its name to 127.0.0.1."""
    for path in ("/api/events", "/api/meta", "/"):
        foreign = httpx.get(served + path, headers={"Host": "attacker.example:8000"})
        assert foreign.status_code == 400, path
        assert "event" not in foreign.text.lower()
    assert httpx.get(served + "/api/events").status_code == 200
