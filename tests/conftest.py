"""Shared fixtures: the heavy pipeline is built once per test session."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from borderwatch.pipeline import Pipeline
from borderwatch.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
# The dev samples and data beside the clone; BORDERWATCH_TEST_SHARED points elsewhere (a test
# of the report uses it to play a clone without them).
SHARED = Path(os.environ.get("BORDERWATCH_TEST_SHARED") or ROOT.parent / "shared")
SAMPLES = SHARED / "samples"
DATA = SHARED / "data"
# The base URL of in-process API clients: a loopback name, which the server's Host check accepts
# (TestClient's own default, "testserver", is a foreign name to it).
LOCAL = "http://127.0.0.1"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def pipeline(settings: Settings) -> Pipeline:
    return Pipeline(settings)


@pytest.fixture(scope="session")
def extractor(pipeline: Pipeline):  # type: ignore[no-untyped-def]
    return pipeline.extractor


@pytest.fixture()
def cli_env(tmp_path: Path) -> dict[str, str]:
    """Environment for running the real CLI in a subprocess against a fresh database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BORDERWATCH_")}
    env["BORDERWATCH_DB"] = str(tmp_path / "cli.db")
    return env


def borderwatch_command() -> list[str]:
    exe = shutil.which("borderwatch", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "borderwatch.cli"]


def samples_available() -> bool:
    return (SAMPLES / "gold.json").is_file()


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: Any) -> None:
    """Say in words when accuracy tests were skipped for want of ../shared: a green run on a
    clone without the dev data has not checked accuracy at all."""
    missing = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if "../shared" in str(getattr(report, "longrepr", ""))
    ]
    if not missing:
        return
    terminalreporter.write_sep("=", "accuracy not checked", yellow=True, bold=True)
    count = f"{len(missing)} test{'s' if len(missing) != 1 else ''}"
    terminalreporter.write_line(f"{count} skipped because ../shared is not present ({SHARED}):")
    for report in missing:
        terminalreporter.write_line(f"  {report.nodeid}")
