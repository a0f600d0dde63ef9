"""The cheap schema check that lets a ``Store()`` on a current database skip Alembic: it must
agree with Alembic on what is current, and a database that is behind must still be migrated."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from importlib import resources
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from borderwatch.store import Store
from borderwatch.store.revision import is_current, shipped_heads


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
