"""The cheap schema check that lets a ``Store()`` on a current database skip Alembic: it must
agree with Alembic on what is current, and a database that is behind must still be migrated."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from borderwatch import compiled
from borderwatch.store import Store
from borderwatch.store.revision import is_current, shipped_heads, upgrade


def alembic_config() -> Config:
    config = Config()
    location = str(resources.files("borderwatch.store") / "migrations")
    config.set_main_option("script_location", location)
    return config


def version(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {row[0] for row in conn.execute("SELECT version_num FROM alembic_version")}


def test_the_heads_read_from_the_scripts_are_alembics_heads() -> None:
    assert shipped_heads() == set(ScriptDirectory.from_config(alembic_config()).get_heads())


def test_a_database_behind_the_shipped_migrations_is_brought_up_to_date(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    engine = sa.create_engine(f"sqlite:///{db}")
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0005")  # an old database: no watch state, reviews...
    with engine.connect() as conn:
        assert not is_current(conn)
    Store(str(db))
    assert version(db) == set(shipped_heads())
    with engine.connect() as conn:
        assert is_current(conn)
        assert sa.inspect(conn).has_table("review_actions")


def test_a_new_database_is_created_and_a_current_one_opens_without_alembic(
    tmp_path: Path,
) -> None:
    db = tmp_path / "new.db"
    Store(str(db))
    assert version(db) == set(shipped_heads())
    probe = (
        "import json, sys; from borderwatch.store import Store; Store(sys.argv[1]); "
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(db)], capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout) == []
    assert version(db) == set(shipped_heads())


def test_a_database_with_an_unknown_revision_goes_through_alembic(tmp_path: Path) -> None:
    """A database written by a newer Borderwatch is not 'current' for this one: Alembic, not
    the cheap check, says what happens (it refuses a revision it does not know)."""
    db = tmp_path / "newer.db"
    Store(str(db))
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with sa.create_engine(f"sqlite:///{db}").connect() as conn:
        assert not is_current(conn)


def schema(db: Path) -> list[tuple[str, ...]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name")
        return [tuple(row) for row in rows]


def test_a_new_sqlite_file_is_a_copy_of_a_template_alembic_migrated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(compiled, "cache_dirs", lambda: [tmp_path / "cache"])
    direct = tmp_path / "direct.db"
    with sa.create_engine(f"sqlite:///{direct}").begin() as conn:
        upgrade(conn)
    Store(str(tmp_path / "first.db"))  # makes the template
    assert len(list((tmp_path / "cache").glob("store-template-*.sqlite"))) == 1
    second = tmp_path / "second.db"
    Store(str(second))
    assert schema(second) == schema(direct) and version(second) == set(shipped_heads())
    with sqlite3.connect(second) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # a new file in another process: no Alembic at all
    probe = (
        "import json, sys; from borderwatch.store import Store; Store(sys.argv[1]); "
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic')))"
    )
    third = tmp_path / "third.db"
    env = {**os.environ, compiled.CACHE_ENV: str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-c", probe, str(third)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    assert json.loads(done.stdout) == [] and schema(third) == schema(direct)


def test_with_no_writable_cache_a_new_file_is_migrated_by_alembic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")
    monkeypatch.setattr(compiled, "cache_dirs", lambda: [blocked])
    monkeypatch.setattr(compiled, "_warned", set())
    db = tmp_path / "new.db"
    Store(str(db))
    assert version(db) == set(shipped_heads())
    assert "cannot write the empty database template" in capsys.readouterr().err


def test_a_database_with_tables_is_never_overwritten_by_the_template(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE keep_me (x INTEGER)")
        conn.execute("INSERT INTO keep_me VALUES (42)")
    Store(str(db))
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT x FROM keep_me").fetchall() == [(42,)]
    assert version(db) == set(shipped_heads())
