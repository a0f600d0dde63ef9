"""Failures keyed by (document, stage): updated, not duplicated; cleared when the document is
stored; an old database's duplicates folded by the migration; ``failures`` and ``retry``."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from importlib import resources
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from borderwatch.model import Skipped
from borderwatch.store import Store

from .conftest import borderwatch_command
from .test_alerts_end_to_end import FIRST


def test_a_repeated_failure_updates_its_row(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "f.db"))
    store.record_failure(Skipped("a.txt", "extract", "first reason"))
    store.record_failure(Skipped("a.txt", "extract", "second reason"))
    store.record_failure(Skipped("a.txt", "clean", "no article text"))
    rows = {(r["stage"], r["reason"], r["attempts"]) for r in store.failures()}
    assert rows == {("extract", "second reason", 2), ("clean", "no article text", 1)}
    assert [r["stage"] for r in store.failures(["clean"])] == ["clean"]


def test_the_migration_folds_duplicates_of_an_old_database(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("borderwatch.store") / "migrations")
    )
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:  # the schema as the previous version left it
        config.attributes["connection"] = conn
        command.upgrade(config, "0007")
    with sqlite3.connect(path) as conn:
        for n in range(3):
            conn.execute(
                "INSERT INTO failures (source, stage, reason, at) VALUES (?, ?, ?, ?)",
                ("b.txt", "extract", f"attempt {n}", f"2025-03-0{n + 1} 08:00:00"),
            )
    [row] = Store(str(path)).failures()
    assert (row["source"], row["reason"]) == ("b.txt", "attempt 2")


def test_retry_stores_what_works_now_and_clears_its_failure(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    article = tmp_path / "report.txt"
    article.write_text(FIRST, encoding="utf-8")
    store = Store(cli_env["BORDERWATCH_DB"])
    # as an older extractor left it: the document read fine, extraction failed
    store.record_failure(Skipped(str(article), "extract", "an older extractor failed"))
    store.record_failure(Skipped(str(tmp_path / "gone.txt"), "extract", "failed"))
    store.record_failure(Skipped(str(tmp_path / "x.bin"), "clean", "binary file, not text"))

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*borderwatch_command(), *args],
            env=cli_env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    listed = json.loads(run("failures", "--json", "--stage", "extract").stdout)
    assert sorted(Path(r["source"]).name for r in listed) == ["gone.txt", "report.txt"]
    done = run("retry")
    assert done.returncode == 1  # gone.txt cannot be read again
    assert "gone.txt: cannot be read again" in done.stderr and "1 stored" in done.stderr
    assert store.count_events() == 1
    left = {(Path(r["source"]).name, r["stage"]) for r in store.failures()}
    assert left == {("gone.txt", "extract"), ("x.bin", "clean")}  # clean is not retried
    for name in ("failures", "retry"):
        assert "Example:" in run(name, "--help").stdout


def test_ingest_first_reads_again_what_failed_under_an_older_version(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    stale, current = tmp_path / "stale.txt", tmp_path / "current.txt"
    stale.write_text(FIRST, encoding="utf-8")
    current.write_text(FIRST.replace("Arsal", "Hermel"), encoding="utf-8")
    store = Store(cli_env["BORDERWATCH_DB"])
    store.record_failure(Skipped(str(stale), "extract", "an older extractor failed"))
    store.record_failure(Skipped(str(current), "extract", "this version failed too"))
    store.record_failure(Skipped(str(tmp_path / "x.bin"), "clean", "binary file, not text"))
    with store.engine.begin() as conn:  # as the previous version recorded them
        conn.execute(
            sa.text("UPDATE failures SET version = '0.0.9' WHERE source != :keep"),
            {"keep": str(current)},
        )
    assert store.failed_under_older_versions() == [str(stale)]  # clean failures are not retried
    french = tmp_path / "fr.txt"
    french.write_text(
        "L'armée libanaise a annoncé mardi avoir arrêté trois hommes soupçonnés de contrebande "
        "de carburant près du poste-frontière. Selon un communiqué, les suspects transportaient "
        "plus de 4000 litres de mazout.",
        encoding="utf-8",
    )
    command = [*borderwatch_command(), "ingest", str(french)]
    done = subprocess.run(command, env=cli_env, capture_output=True, text=True, timeout=300)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "retrying 1 documents that failed under an older version" in output
    assert "1 stored" in output and store.count_events() == 1
    left = {(Path(r["source"]).name, r["stage"]) for r in store.failures()}
    assert left == {("current.txt", "extract"), ("x.bin", "clean")}
    again = subprocess.run(command, env=cli_env, capture_output=True, text=True, timeout=300)
    assert "retrying" not in again.stdout + again.stderr
