"""Bringing a database's schema up to date without paying for Alembic when nothing needs it.

Every ``Store()`` used to run Alembic's upgrade, which imports Alembic (a third of a second) and
reads its migration scripts even when there is nothing to do: the common case, paid by every
one-shot command.  The shipped migrations' head revisions are read from the scripts' own
``revision = ...`` / ``down_revision = ...`` lines (no import of the scripts), and compared with
the ``alembic_version`` table; only a database that is behind (or new, or unreadable) goes
through Alembic, which then decides and does everything as before.

A *new* SQLite file (no tables at all) is the other common case (``ingest --db new.db``): it
receives a page-for-page copy of an empty database that Alembic migrated once and that is kept
in the cache directory (``compiled.cache_dirs``), keyed by the migration scripts' bytes and the
versions of Alembic and SQLAlchemy, so that any change to them makes a new template.  With no
writable cache directory the new file is migrated by Alembic, as before.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from functools import cache
from importlib import resources
from importlib.metadata import version
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from .. import compiled

REVISION = re.compile(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
DOWN_REVISION = re.compile(r"^down_revision\s*=\s*(.+)$", re.MULTILINE)
QUOTED = re.compile(r"['\"]([^'\"]+)['\"]")
# Bump when the way the template is made changes (its key also holds the scripts' bytes).
TEMPLATE_FORMAT = "1"


def _versions() -> list[Any]:
    versions = resources.files("borderwatch.store") / "migrations" / "versions"
    return sorted((p for p in versions.iterdir() if p.name.endswith(".py")), key=lambda p: p.name)


@cache
def _shipped() -> tuple[frozenset[str], frozenset[str]]:
    """Every revision of the migrations shipped in the package, and those some script names as
    its ``down_revision``.  Both empty when a script cannot be read this way."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in _versions():
        text = script.read_text(encoding="utf-8")
        revision, down = REVISION.search(text), DOWN_REVISION.search(text)
        if revision is None or down is None:
            return frozenset(), frozenset()
        revisions.add(revision.group(1))
        parents.update(QUOTED.findall(down.group(1)))
    return frozenset(revisions), frozenset(parents)


def shipped_heads() -> frozenset[str]:
    """The head revisions of the migrations shipped in the package: those no other script
    names as its ``down_revision``.  Empty when a script cannot be read this way (then the
    database always goes through Alembic)."""
    revisions, parents = _shipped()
    return revisions - parents


def is_current(conn: Connection) -> bool:
    """True when the database records exactly the shipped heads; False when it is behind,
    ahead, new (no version table) or the check itself fails."""
    heads = shipped_heads()
    if not heads or not sa.inspect(conn).has_table("alembic_version"):
        return False
    try:
        found = {row[0] for row in conn.execute(sa.text("SELECT version_num FROM alembic_version"))}
    except sa.exc.DBAPIError:
        return False
    return found == heads


def newer_than_shipped(conn: Connection) -> frozenset[str]:
    """The schema revisions the database records that no shipped migration knows: a store
    written by a newer Borderwatch, which this one must not touch (Alembic would fail with a
    traceback, or worse, on a schema it cannot read)."""
    if not sa.inspect(conn).has_table("alembic_version"):
        return frozenset()
    try:
        found = {row[0] for row in conn.execute(sa.text("SELECT version_num FROM alembic_version"))}
    except sa.exc.DBAPIError:
        return frozenset()
    known, _ = _shipped()
    return frozenset(found - known) if known else frozenset()


def upgrade(conn: Connection) -> None:
    """Alembic's upgrade to the shipped heads, on ``conn`` (in its transaction)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("borderwatch.store") / "migrations")
    )
    config.attributes["connection"] = conn
    command.upgrade(config, "head")


def fill_new_sqlite(engine: Engine) -> bool:
    """When ``engine``'s SQLite database has no tables yet, copy the migrated template into it
    and return True; False (nothing done) for a database with tables, or when no template can
    be had.  The caller holds the migration lock."""
    with engine.connect() as conn:
        if sa.inspect(conn).get_table_names():
            return False
    template = _template()
    if template is None:
        return False
    raw = engine.raw_connection()
    try:
        source = sqlite3.connect(f"{template.resolve().as_uri()}?mode=ro", uri=True)
        try:
            source.backup(raw.driver_connection)  # type: ignore[arg-type]
        finally:
            source.close()
    finally:
        raw.close()
    return True


def _template() -> Path | None:
    """The migrated empty database for the shipped migrations: found in a cache directory,
    else made there now; None when none can be written."""
    parts: list[bytes | str] = [TEMPLATE_FORMAT, version("alembic"), version("sqlalchemy")]
    parts += [script.read_bytes() for script in _versions()]
    parts += compiled.code_of(f"{__package__}.migrations.env")
    name = f"store-template-{compiled.digest(parts)}.sqlite"
    for directory in compiled.cache_dirs():
        if (directory / name).is_file():
            return directory / name
    for directory in compiled.cache_dirs():
        try:
            return _make_template(directory / name)
        except (OSError, sa.exc.DBAPIError) as exc:
            compiled.warn_once(f"{directory}: cannot write the empty database template ({exc})")
    return None


def _make_template(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    partial.unlink(missing_ok=True)
    try:
        engine = sa.create_engine(f"sqlite:///{partial}", poolclass=sa.pool.NullPool)
        with engine.begin() as conn:
            upgrade(conn)
        engine.dispose()
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path
