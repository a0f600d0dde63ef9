"""``borderwatch alerts``: add, list, remove and deliver through the real CLI in a subprocess."""

from __future__ import annotations

import json
import subprocess

import pytest

from .conftest import borderwatch_command


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    command = [*borderwatch_command(), "alerts", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("command", ["add", "list", "remove", "deliver"])
def test_every_alerts_command_has_help_with_an_example(
    cli_env: dict[str, str], command: str
) -> None:
    done = _run(cli_env, command, "--help")
    assert done.returncode == 0 and "Example:" in done.stdout


def test_add_list_remove(cli_env: dict[str, str]) -> None:
    added = _run(
        cli_env,
        *("add", "arsal", "--place", "Arsal", "--radius-km", "25", "--min-fatalities", "1"),
        *("--webhook", "https://example.org/hook"),
    )
    assert added.returncode == 0, added.stderr
    secret = added.stdout.strip()
    assert len(secret) == 64 and "shown once" in added.stderr  # printed once, to stdout
    assert _run(cli_env, "add", "deadly", "--min-fatalities", "10").returncode == 0
    listed = json.loads(_run(cli_env, "list", "--json").stdout)
    assert [s["name"] for s in listed] == ["arsal", "deadly"]
    circle = listed[0]["filters"]
    assert circle["radius_km"] == 25 and 34 < circle["latitude"] < 34.3  # Arsal's centre
    assert secret not in json.dumps(listed)
    again = _run(cli_env, "add", "arsal")
    assert again.returncode == 1 and "exists" in again.stderr
    assert _run(cli_env, "remove", "arsal").returncode == 0
    gone = _run(cli_env, "remove", "arsal")
    assert gone.returncode == 1 and "no saved search named 'arsal'" in gone.stderr
    assert [s["name"] for s in json.loads(_run(cli_env, "list", "--json").stdout)] == ["deadly"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("bad name!",), "must be 1-100 letters"),
        (("r", "--radius-km", "5"), "needs a place"),
        (("p", "--place", "Nowhere-At-All-Xyz", "--radius-km", "5"), "no place found"),
        (("b", "--bbox", "1,2,3"), "WEST,SOUTH,EAST,NORTH"),
    ],
)
def test_bad_searches_are_one_line_errors(
    cli_env: dict[str, str], args: tuple[str, ...], message: str
) -> None:
    done = _run(cli_env, "add", *args)
    assert done.returncode == 1 and message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_deliver_with_nothing_pending(cli_env: dict[str, str]) -> None:
    done = _run(cli_env, "deliver")
    assert done.returncode == 0 and "0 delivered" in done.stderr
