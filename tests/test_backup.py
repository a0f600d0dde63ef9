"""Backups an operator can trust: ``borderwatch backup`` taken while an ``ingest`` writes gives
a consistent store, ``restore`` checks the restored store against the backup's manifest and
refuses a copy that differs; PostgreSQL through pg_dump / pg_restore of one snapshot."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import time
from importlib import resources
from pathlib import Path

import pytest

from borderwatch.model import RawDocument
from borderwatch.pipeline import Pipeline
from borderwatch.store import Store
from borderwatch.store.backup import Fingerprint, fingerprint

from .conftest import borderwatch_command
from .test_postgres import pg_url  # noqa: F401  (the fixture)

INGEST_TIMEOUT = 600


def demo_dir() -> Path:
    with resources.as_file(resources.files("borderwatch") / "data" / "demo") as path:
        return Path(path)


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    command = [*borderwatch_command(), *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)


def test_backups_taken_during_an_ingest_restore_to_what_they_hold(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    db = tmp_path / "live.db"
    Store(str(db))  # migrated before the writer starts, so the first backups have tables
    cli_env["BORDERWATCH_DB"] = str(db)
    ingest = subprocess.Popen(
        [*borderwatch_command(), "ingest", str(demo_dir()), "--published", "2025-06-01"],
        env=cli_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    live = Store(str(db))
    taken: list[tuple[Path, Fingerprint]] = []
    deadline = time.monotonic() + INGEST_TIMEOUT
    while ingest.poll() is None and time.monotonic() < deadline:
        path = tmp_path / f"during-{len(taken)}.db"
        taken.append((path, live.backup(path)))
        time.sleep(0.2)
    assert ingest.wait(timeout=60) == 0
    final = fingerprint(live.engine)
    assert final.documents > 16
    # the ingest commits 16 documents at a time: some backup caught it between two commits
    assert any(0 < made.documents < final.documents for _, made in taken), taken
    path = tmp_path / "after.db"  # and the CLI's backup of the finished store
    assert run(cli_env, "backup", str(path)).returncode == 0
    taken.append((path, final))
    for i, (path, made) in enumerate(taken):
        target = tmp_path / f"restored-{i}.db"
        if i in (0, len(taken) - 1):  # the command, for the first and the finished store
            restored = run(cli_env, "restore", str(path), "--db", str(target), "--json")
            assert restored.returncode == 0, restored.stderr
            assert json.loads(restored.stdout)["events_digest"] == made.events_digest
        else:
            assert Store(str(target)).restore(path) == made
        with sqlite3.connect(target) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
            orphans = conn.execute(  # every event's mentions and their documents are there
                "SELECT count(*) FROM event_mentions em"
                " LEFT JOIN mentions m ON m.mention_id = em.mention_id"
                " LEFT JOIN documents d ON d.doc_key = m.doc_key WHERE d.doc_key IS NULL"
            ).fetchone()
            assert orphans == (0,)


def test_a_restore_that_differs_from_its_manifest_is_refused(
    tmp_path: Path, cli_env: dict[str, str], pipeline: Pipeline
) -> None:
    db = tmp_path / "source.db"
    store = Store(str(db))
    text = "Gunmen kidnapped two shepherds near Arsal on Tuesday, residents said."
    raw = RawDocument(source="a.txt", content=text.encode(), media_type="text/plain")
    assert pipeline.commit(store, pipeline.process(raw)).status == "stored"
    backup = tmp_path / "copy.db"
    assert run(cli_env, "backup", str(backup), "--db", str(db)).returncode == 0
    with sqlite3.connect(backup) as conn:  # the copy is damaged after the backup
        conn.execute("UPDATE events SET payload = replace(payload, 'Arsal', 'Hermel')")
    refused = run(cli_env, "restore", str(backup), "--db", str(tmp_path / "target.db"))
    assert refused.returncode == 1
    assert "differs: events_digest" in refused.stderr
    missing = run(cli_env, "restore", str(tmp_path / "none.db"), "--db", str(db))
    assert missing.returncode == 1 and "no such backup file" in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1


def test_a_restored_store_never_reads_a_revision_it_has_already_shown(
    tmp_path: Path, cli_env: dict[str, str], pipeline: Pipeline
) -> None:
    # a running serve keeps answers by the revision it last read: after a restore the
    # store's revision must be one it never had, or an answer about other events is kept
    db = tmp_path / "store.db"
    store = Store(str(db))
    texts = [
        "Gunmen kidnapped two shepherds near Arsal on Tuesday, residents said.",
        "Syrian army shelling killed three civilians in Qusayr on Monday, activists said.",
    ]
    raw = RawDocument(source="a.txt", content=texts[0].encode(), media_type="text/plain")
    assert pipeline.commit(store, pipeline.process(raw)).status == "stored"
    backup = tmp_path / "copy.db"
    assert run(cli_env, "backup", str(backup), "--db", str(db)).returncode == 0
    in_backup = store.revision()
    raw = RawDocument(source="b.txt", content=texts[1].encode(), media_type="text/plain")
    assert pipeline.commit(store, pipeline.process(raw)).status == "stored"
    shown = store.revision()
    assert shown > in_backup
    assert run(cli_env, "restore", str(backup), "--db", str(db)).returncode == 0
    assert Store(str(db)).revision() > shown


def test_postgres_backup_and_restore_of_one_snapshot(
    tmp_path: Path,
    pg_url: str,  # noqa: F811
    pipeline: Pipeline,
) -> None:
    if shutil.which("pg_dump") is None:
        pytest.skip("PostgreSQL's client tools are not installed")
    source = Store(pg_url)
    for i, place in enumerate(("Arsal", "Hermel", "Qusayr")):
        text = f"Gunmen kidnapped two shepherds near {place} on Tuesday, residents said."
        raw = RawDocument(source=f"{i}.txt", content=text.encode(), media_type="text/plain")
        pipeline.commit(source, pipeline.process(raw))
    made = source.backup(tmp_path / "pg.dump")
    assert made.events >= 1 and made.documents == 3
    source.engine.dispose()
    with Store(pg_url).engine.begin() as conn:  # the live store moves on after the backup
        conn.exec_driver_sql("DELETE FROM event_mentions")
        conn.exec_driver_sql("DELETE FROM events")
    back = Store(pg_url)
    assert back.restore(tmp_path / "pg.dump") == made
    assert fingerprint(back.engine) == made
    back.engine.dispose()
