"""Read-only index files compiled from the shipped data, kept between runs.

The region's gazetteers are tens of thousands of rows (hundreds of thousands of names for the
world's towns). Parsing them on every command cost seconds; compiled once into a SQLite file,
they open in a millisecond and are read row by row, only where a stage asks.

A compiled file is *derived*: its name carries a digest of everything it is made from (the
bytes of its source files, the source code that turns them into rows, a format version), so
an edited source file or an upgraded package is never answered from a stale file: the digest
differs, the old file is not found, a new one is compiled (and the old one removed). A file is
written under a temporary name and renamed when complete, so a crash or a second process
compiling at the same time never leaves half a file under the real name.

Files are kept in the first usable directory of :func:`cache_dirs` (``$BORDERWATCH_CACHE_DIR``,
else the user cache directory, else the system temporary directory). A directory that cannot
be written or a file that cannot be read is reported once on stderr and the next is tried; with
none usable the index is compiled into memory for this process: a run never fails for want of
a cache.

This is the one module besides ``store`` that opens SQLite: these files are read-only data,
never the event database.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import pickle
import sqlite3
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from .gcpause import paused_gc

CACHE_ENV = "BORDERWATCH_CACHE_DIR"
# Rows read through an index are memoised this many at a time (a document names a few dozen
# places; a batch worker sees the same few thousand again and again).
ROW_CACHE = 16384
SUFFIX = ".sqlite"
# A compiled file no process has opened for this long, beside a newer one of the same kind, is
# removed (several checkouts or installed versions may share one cache directory, each with
# its own current file: only the forgotten ones go).
STALE_DAYS = 7

T = TypeVar("T")

_warned: set[str] = set()


def warn_once(message: str) -> None:
    """Say ``message`` on stderr the first time only (a cache problem is not worth a line per
    document)."""
    if message not in _warned:
        _warned.add(message)
        print(f"warning: {message}", file=sys.stderr)


def cache_dirs() -> list[Path]:
    """Where compiled files may be kept, in order of preference."""
    dirs = [Path(os.environ[CACHE_ENV])] if os.environ.get(CACHE_ENV) else []
    home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "borderwatch"
    return [*dirs, home, Path(tempfile.gettempdir()) / f"borderwatch-{os.getuid()}"]


def digest(parts: Iterable[bytes | str]) -> str:
    """A short, stable digest of ``parts`` (in order; each part delimited)."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()[:20]


def code_of(*modules: str) -> list[bytes]:
    """The source of ``modules`` (dotted names; read without importing them): a compiled
    file made by other code is stale even when its data is not (a changed column, a changed
    name key). Where a module's source cannot be read (an installation without it), its name
    and the package version stand in."""
    from . import __version__

    found: list[bytes] = []
    for name in modules:
        spec = importlib.util.find_spec(name)
        try:
            found.append(Path(spec.origin if spec and spec.origin else "").read_bytes())
        except OSError:
            found.append(f"{name} {__version__}".encode())
    return found


# What a compiler fills (the other modules never import sqlite3 themselves).
Connection = sqlite3.Connection
Build = Callable[[Connection], None]


class CompiledFile:
    """A read-only compiled index: ``query`` from any thread or forked process."""

    def __init__(self, path: Path | None, memory: sqlite3.Connection | None = None) -> None:
        self.path = path
        self._memory = memory
        # per process: a connection (and a lock held by another thread) never crosses a fork
        self._local: dict[int, tuple[sqlite3.Connection, threading.Lock]] = {}

    def _connection(self) -> tuple[sqlite3.Connection, threading.Lock]:
        pid = os.getpid()
        found = self._local.get(pid)
        if found is None:
            conn = self._memory or _open_read_only(self.path)  # type: ignore[arg-type]
            found = self._local[pid] = (conn, threading.Lock())
        return found

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        conn, lock = self._connection()
        with lock:
            return conn.execute(sql, params).fetchall()

    def meta(self, name: str) -> Any:
        rows = self.query("SELECT value FROM meta WHERE name = ?", (name,))
        return rows[0][0] if rows else None


def open_compiled(stem: str, key: str, build: Build, what: str) -> CompiledFile:
    """The compiled file ``stem-key``: found in a cache directory, else compiled by ``build``
    (which fills a fresh connection's tables) and saved into the first writable one; ``what``
    names it in warnings."""
    name = f"{stem}-{key}{SUFFIX}"
    for directory in cache_dirs():
        path = directory / name
        if path.exists():
            if _complete(path):
                _touch(path)
                return CompiledFile(path)
            warn_once(f"{path}: an incomplete or unreadable {what}; compiling it again")
    # compiled in memory first: an error in the data or the code is raised as itself, and
    # what can fail below is only writing the file
    memory = sqlite3.connect(":memory:", check_same_thread=False)
    memory.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value)")
    build(memory)
    memory.execute("INSERT INTO meta VALUES ('complete', 1)")
    memory.commit()
    for directory in cache_dirs():
        path = directory / name
        try:
            _save(memory, path)
        except (OSError, sqlite3.Error) as exc:
            warn_once(f"{path}: cannot write the {what} ({exc}); trying elsewhere")
            continue
        memory.close()
        _remove_stale(directory, stem, name)
        return CompiledFile(path)
    warn_once(f"no writable cache directory: the {what} is compiled again on every start")
    return CompiledFile(None, memory)


def cached_object(stem: str, key: str, build: Callable[[], T], what: str) -> T:
    """An object derived from installed data (a model held in a compressed file, say), kept
    pickled as ``stem-key.pickle`` in the first usable cache directory and loaded from there
    by later runs; built by ``build`` when no cached copy can be read."""
    name = f"{stem}-{key}.pickle"
    for directory in cache_dirs():
        path = directory / name
        if not path.exists():
            continue
        try:
            with path.open("rb") as handle, paused_gc():
                found: T = pickle.load(handle)
            _touch(path)
            return found
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError) as exc:
            warn_once(f"{path}: cannot read the {what} ({exc}); building it again")
    value = build()
    for directory in cache_dirs():
        path = directory / name
        try:
            directory.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f"{name}.{os.getpid()}.{threading.get_ident()}.tmp")
            with partial.open("wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(partial, path)
        except (OSError, pickle.PicklingError) as exc:
            warn_once(f"{path}: cannot write the {what} ({exc}); trying elsewhere")
            continue
        _remove_stale(directory, stem, name, suffix=".pickle")
        return value
    warn_once(f"no writable cache directory: the {what} is built again on every start")
    return value


def _open_read_only(path: Path) -> sqlite3.Connection:
    # immutable: the file is never written after it is renamed into place (a new compile
    # writes a new file), so no locking is needed
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


def _complete(path: Path) -> bool:
    try:
        conn = _open_read_only(path)
        try:
            row = conn.execute("SELECT value FROM meta WHERE name = 'complete'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return bool(row and row[0] == 1)


def _save(memory: sqlite3.Connection, path: Path) -> None:
    """Copy the compiled ``memory`` database to ``path``, whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    partial.unlink(missing_ok=True)
    try:
        conn = sqlite3.connect(partial)
        try:
            memory.backup(conn)
        finally:
            conn.close()
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _touch(path: Path) -> None:
    """Mark ``path`` as in use (see ``STALE_DAYS``)."""
    with contextlib.suppress(OSError):
        os.utime(path)


def _remove_stale(directory: Path, stem: str, keep: str, suffix: str = SUFFIX) -> None:
    """Files of the same stem made from other sources (an older package, an edited data file)
    that no process has opened for ``STALE_DAYS``: removed, so that the cache does not grow
    with every edit."""
    cutoff = time.time() - STALE_DAYS * 86400
    for old in directory.glob(f"{stem}-*{suffix}"):
        try:
            if old.name != keep and old.stat().st_mtime < cutoff:
                old.unlink()
        except OSError:
            pass
