"""Backups an operator can trust: a consistent copy taken while ``serve``, ``watch`` or an
``ingest`` keep writing, and a restore that proves the restored store answers the same events.

- SQLite: SQLite's online backup API copies the database page by page; a write committed during
  the copy makes it start over on the changed pages, so the copy is one committed state (the
  moment the copy finished), never a torn file.  WAL content not yet checkpointed is included.
- PostgreSQL: ``pg_dump --format=custom`` (one snapshot transaction: consistent while others
  write) and ``pg_restore --clean``, the documented path; both must be on PATH.

Beside every backup ``PATH`` a manifest ``PATH.manifest.json`` holds the backup's
:func:`fingerprint` (counts, and a digest of every event's id, last change and content), read
from the copy itself.  ``restore`` fingerprints the restored store and refuses to call it done
unless the two agree.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ..errors import StoreError
from .changes import log_everything
from .schema import documents, events, mentions, saved_searches

PAGES_PER_STEP = 1024  # pages copied per step of SQLite's backup: ~4 MB, then writers may go on
Progress = Callable[[int, int], None]  # (pages copied, pages in all)


@dataclass(frozen=True)
class Fingerprint:
    """What a store answers, in brief: equal fingerprints, equal events."""

    events: int
    documents: int
    mentions: int
    saved_searches: int
    events_digest: str

    def differences(self, other: Fingerprint) -> list[str]:
        mine, theirs = asdict(self), asdict(other)
        return [f"{k}: {mine[k]} != {theirs[k]}" for k in mine if mine[k] != theirs[k]]


def fingerprint(engine: Engine) -> Fingerprint:
    """Counts of documents, mentions, saved searches and events, and a SHA-256 over every
    event's id, last change and stored content in id order."""
    with engine.connect() as conn:
        return fingerprint_of(conn)


def fingerprint_of(conn: Connection) -> Fingerprint:
    """:func:`fingerprint`, read through ``conn`` (inside its transaction's snapshot)."""
    digest = hashlib.sha256()
    c = events.c
    n_events = 0
    rows = conn.execute(sa.select(c.event_id, c.updated_at, c.payload).order_by(c.event_id))
    for row in rows:
        n_events += 1
        digest.update(f"{row.event_id}\x1f{row.updated_at}\x1f{row.payload}\x1e".encode())
    counts = [
        conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
        for table in (documents, mentions, saved_searches)
    ]
    return Fingerprint(n_events, counts[0], counts[1], counts[2], digest.hexdigest())


def manifest_path(path: Path) -> Path:
    return path.with_name(path.name + ".manifest.json")


def backup(engine: Engine, dest: Path, progress: Progress | None = None) -> Fingerprint:
    """Copy the store behind ``engine`` to ``dest`` (a file; replaced) consistently while
    others write, write the manifest beside it, and return the copy's fingerprint."""
    dest = dest.expanduser()
    if dest.is_dir():
        raise StoreError(f"backup: {dest} is a directory; give a file path")
    dest.parent.mkdir(parents=True, exist_ok=True)
    if engine.dialect.name == "sqlite":
        _sqlite_copy(_sqlite_path(engine), dest, progress)
        copied = sa.create_engine(f"sqlite:///{dest}")
        try:
            print_ = fingerprint(copied)
        finally:
            copied.dispose()
    elif engine.dialect.name == "postgresql":
        print_ = _pg_dump(engine, dest)
    else:
        raise StoreError(f"backup: no backup for {engine.dialect.name} databases")
    manifest = {"format": engine.dialect.name, **asdict(print_)}
    manifest_path(dest).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return print_


def read_manifest(source: Path) -> tuple[str, Fingerprint]:
    path = manifest_path(source)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        kind = data.pop("format")
        return kind, Fingerprint(**data)
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise StoreError(f"restore: {path}: no readable manifest ({exc})") from exc


def restore(engine: Engine, source: Path, progress: Progress | None = None) -> Fingerprint:
    """Replace the store behind ``engine`` with the backup ``source`` and check that it
    answers what the backup's manifest says; a mismatch is a :class:`StoreError`."""
    source = source.expanduser()
    if not source.is_file():
        raise StoreError(f"restore: {source}: no such backup file")
    kind, expected = read_manifest(source)
    if kind != engine.dialect.name:
        raise StoreError(f"restore: {source} is a {kind} backup; this store is {engine.name}")
    seen = _revisions(engine)
    if kind == "sqlite":
        _sqlite_copy(source, _sqlite_path(engine), progress)
    else:
        target = _pg_url(engine)
        _pg_tool("pg_restore", "--clean", "--if-exists", "--no-owner", "-d", target, str(source))
    engine.dispose()  # pooled connections may hold the old pages
    _advance_revisions(engine, seen)  # at once: a running ``serve`` may read the store now
    found = fingerprint(engine)
    if found != expected:
        differences = "; ".join(found.differences(expected))
        raise StoreError(f"restore: {source}: the restored store differs: {differences}")
    return found


# The store's change counters (migration 0013): a running ``serve`` keeps answers by the
# revision it last read.  A restored store carries the backup's counters, which may equal a
# number the server has seen for other contents; each is set past both the store's and the
# backup's numbers, so every kept answer is read again.  The restored rows were not written
# through migration 0020's triggers: its log gets ``*`` at the new number (every answer).
store_changes = sa.table("store_changes", sa.column("id"), sa.column("n"))


def _revisions(engine: Engine) -> dict[int, int]:
    """The store's change counters before a restore ({} for a store without them yet)."""
    try:
        with engine.connect() as conn:
            rows = conn.execute(sa.select(store_changes.c.id, store_changes.c.n))
            return {int(i): int(n) for i, n in rows}
    except sa.exc.DBAPIError:
        return {}  # a new or unmigrated store: nobody has read a revision of it


def _advance_revisions(engine: Engine, seen: dict[int, int]) -> None:
    with engine.begin() as conn:
        rows = conn.execute(sa.select(store_changes.c.id, store_changes.c.n)).all()
        for counter, restored in rows:
            n = max(int(restored), seen.get(int(counter), 0)) + 1
            conn.execute(store_changes.update().where(store_changes.c.id == counter).values(n=n))
        log_everything(conn)


def _sqlite_path(engine: Engine) -> Path:
    database = engine.url.database
    if not database or database == ":memory:":
        raise StoreError("backup: an in-memory database has nothing to back up")
    return Path(database)


def _sqlite_copy(source: Path, dest: Path, progress: Progress | None) -> None:
    """SQLite's online backup of ``source`` into ``dest``, ``PAGES_PER_STEP`` at a time."""

    def report(_status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(total - remaining, total)

    try:
        with sqlite3.connect(source, timeout=30) as src, sqlite3.connect(dest, timeout=30) as dst:
            src.backup(dst, pages=PAGES_PER_STEP, progress=report)
    except sqlite3.Error as exc:
        raise StoreError(f"backup: {source} -> {dest}: {exc}") from exc


def _pg_dump(engine: Engine, dest: Path) -> Fingerprint:
    """``pg_dump`` of the snapshot this function's own transaction exports, fingerprinted in
    that same snapshot: the manifest describes exactly what the dump holds."""
    with engine.connect() as conn:
        conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            snapshot = conn.execute(sa.text("SELECT pg_export_snapshot()")).scalar_one()
            print_ = fingerprint_of(conn)
            _pg_tool(
                "pg_dump",
                "--format=custom",
                "--no-owner",
                f"--snapshot={snapshot}",
                f"--file={dest}",
                _pg_url(engine),
            )
    return print_


def _pg_url(engine: Engine) -> str:
    return engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


def _pg_tool(name: str, *args: str) -> None:
    if shutil.which(name) is None:
        raise StoreError(f"{name} is not on PATH: install PostgreSQL's client tools")
    run = subprocess.run([name, *args], capture_output=True, text=True, check=False)
    if run.returncode != 0:
        raise StoreError(f"{name} failed: {run.stderr.strip().splitlines()[-1:] or run.returncode}")
