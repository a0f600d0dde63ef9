"""Whether a database's schema is already current, found without Alembic.

Every ``Store()`` used to run Alembic's upgrade, which imports Alembic (a third of a second) and
reads its migration scripts even when there is nothing to do: the common case, paid by every
one-shot command.  The shipped migrations' head revisions are read from the scripts' own
``revision = ...`` / ``down_revision = ...`` lines (no import of the scripts), and compared with
the ``alembic_version`` table; only a database that is behind (or new, or unreadable) goes
through Alembic, which then decides and does everything as before.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import sqlalchemy as sa
from sqlalchemy.engine import Connection

REVISION = re.compile(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
DOWN_REVISION = re.compile(r"^down_revision\s*=\s*(.+)$", re.MULTILINE)
QUOTED = re.compile(r"['\"]([^'\"]+)['\"]")


@cache
def shipped_heads() -> frozenset[str]:
    """The head revisions of the migrations shipped in the package: those no other script
    names as its ``down_revision``.  Empty when a script cannot be read this way (then the
    database always goes through Alembic)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    versions = resources.files("borderwatch.store") / "migrations" / "versions"
    for script in versions.iterdir():
        if not script.name.endswith(".py"):
            continue
        text = script.read_text(encoding="utf-8")
        revision, down = REVISION.search(text), DOWN_REVISION.search(text)
        if revision is None or down is None:
            return frozenset()
        revisions.add(revision.group(1))
        parents.update(QUOTED.findall(down.group(1)))
    return frozenset(revisions - parents)


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
