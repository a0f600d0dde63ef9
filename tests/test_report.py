"""A clone without ../shared skips the accuracy tests; the test report must say so in words, not
only as an "s" among the dots."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_skipped_accuracy_tests_are_named_in_the_report(tmp_path: Path) -> None:
    env = {**os.environ, "BORDERWATCH_TEST_SHARED": str(tmp_path / "no-shared-here")}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_snippets.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:]
    assert "ACCURACY NOT CHECKED" in done.stdout.upper(), done.stdout[-2000:]
    assert "1 test skipped because ../shared is not present" in done.stdout
    assert "test_case2021_sub_event_accuracy" in done.stdout
