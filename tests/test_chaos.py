"""The chaos harness (``bench/chaos.py``) in short: a few SIGKILLs of the real CLI (ingest, batch,
watch, alert delivery to a real local webhook receiver, review) on SQLite, and on PostgreSQL when
a server answers (as in ``test_postgres``), each followed by a normal run, then the store and the
deliveries compared with a clean run's.  And the harness's own comparison, shown to catch what
it is there to catch: a lost row, an extra one, one twice, a changed one, a webhook sent under
two ids, an alert never delivered.
"""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT
from .test_postgres import ADMIN_URL, REQUIRED, _server_answers

sys.path.insert(0, str(ROOT / "bench"))

from chaos_compare import check_deliveries, compare, key_of  # noqa: E402
from chaos_world import Delivery  # noqa: E402

# The short scenario: every kind of writer the harness kills, on a small corpus.
STEPS = "ingest,alerts deliver,batch local,watch,review edit"


def _chaos(tmp_path: Path, database: str, seed: int) -> dict[str, Any]:
    result = tmp_path / "chaos.json"
    command = [sys.executable, str(ROOT / "bench" / "chaos.py"), "--kills", "3", "--no-ray"]
    command += ["--articles", "6", "--seed", str(seed), "--steps", STEPS]
    command += ["--database", database, "--json", str(result), "--keep", str(tmp_path / "work")]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert result.exists(), done.stderr[-3000:]
    found: dict[str, Any] = json.loads(result.read_text())
    differing = [v for v in found["verdicts"] if not v["ok"]]
    assert done.returncode == 0 and not differing, json.dumps(differing, indent=1)
    return found


def _landed(result: dict[str, Any]) -> list[str]:
    return [k["step"] for k in result["kills"] if k["landed"]]


def test_killed_commands_leave_what_a_clean_run_leaves_on_sqlite(tmp_path: Path) -> None:
    result = _chaos(tmp_path, "sqlite", seed=11)
    assert _landed(result), "no kill landed before its command finished: nothing was tested"
    checked = {v["what"]: v for v in result["verdicts"]}
    assert checked["events"]["clean"] > 0 and checked["outbox (alerts)"]["clean"] > 0
    assert checked["webhook deliveries"]["chaos"] == checked["outbox (alerts)"]["chaos"]


def test_killed_commands_leave_what_a_clean_run_leaves_on_postgresql(tmp_path: Path) -> None:
    problem = _server_answers()
    if problem:
        if REQUIRED:
            pytest.fail(problem)
        pytest.skip(problem)
    result = _chaos(tmp_path, ADMIN_URL, seed=12)
    assert _landed(result) and result["database"] == "postgresql"
    import psycopg

    names = [url.rpartition("/")[2] for url in result["stores"]]
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        left = conn.execute(
            "SELECT datname FROM pg_database WHERE datname = ANY(%s)", (names,)
        ).fetchall()
    assert names and left == [], "the run's two databases are dropped after it"


def test_the_harness_help_has_an_example() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "chaos.py"), "--help"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0 and "Example:" in done.stdout and "--kills" in done.stdout


# --- the comparison itself --------------------------------------------------------------------


def test_compare_names_rows_lost_extra_twice_and_changed() -> None:
    clean = [("a", "1"), ("b", "2"), ("c", "3")]
    chaos = [("a", "1"), ("b", "2"), ("b", "2"), ("c", "4"), ("d", "5")]
    verdict = compare("rows", clean, chaos)
    assert (verdict.lost, verdict.extra, verdict.twice) == ([], ["d"], ["b"])
    assert [line.split(":")[0] for line in verdict.changed] == ["c"]
    assert not verdict.ok
    assert compare("rows", clean, list(reversed(clean))).ok
    assert compare("rows", clean, clean[:2]).lost == ["c"]


def _sent(search: str, event: str, revision: int, alert_id: str, body: str = "b") -> Delivery:
    return Delivery(f"/{search}", alert_id, search, event, revision, "new", body)


def test_deliveries_must_match_the_outbox_once_per_key() -> None:
    outbox = [(key_of("s", "E1", 1), "x"), (key_of("s", "E1", 2), "x")]
    clean = [_sent("s", "E1", 1, "E1-1-t"), _sent("s", "E1", 2, "E1-2-t")]
    assert check_deliveries(clean, list(clean), outbox, resend_kills=0).ok
    resent = [*clean, clean[1]]  # the same id and bytes again after a kill: allowed
    verdict = check_deliveries(clean, resent, outbox, resend_kills=1)
    assert verdict.ok and "1 resent" in verdict.note
    assert not check_deliveries(clean, resent, outbox, resend_kills=0).ok  # with no kill: twice
    other_id = [*clean, _sent("s", "E1", 2, f"E1-2-{uuid.uuid4().hex[:6]}")]
    assert not check_deliveries(clean, other_id, outbox, resend_kills=1).ok
    other_body = [*clean, _sent("s", "E1", 2, "E1-2-t", body="c")]
    assert not check_deliveries(clean, other_body, outbox, resend_kills=1).ok
    lost = check_deliveries(clean, clean[:1], outbox, resend_kills=0)
    assert lost.lost and not lost.ok
