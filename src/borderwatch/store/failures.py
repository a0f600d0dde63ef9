"""Failures keyed by (source, stage): one row per document and stage that failed, its reason and
attempt count updated each time, removed once the document is stored.  Failures at extraction or
later (``RETRYABLE_STAGES``: the document was read, our own code failed on it) are worth trying
again after an upgrade; ``borderwatch retry`` does."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .. import __version__
from ..model import Skipped
from .schema import failures

RETRYABLE_STAGES = ("extract", "process", "store", "batch")
CHUNK = 500


def record_failure(conn: Connection, skipped: Skipped, at: datetime) -> None:
    f = failures.c
    key = sa.and_(f.source == skipped.source, f.stage == skipped.stage)
    done = conn.execute(
        failures.update()
        .where(key)
        .values(reason=skipped.reason, at=at, attempts=f.attempts + 1, version=__version__)
    )
    if done.rowcount == 0:
        conn.execute(
            failures.insert().values(
                source=skipped.source,
                stage=skipped.stage,
                reason=skipped.reason,
                at=at,
                attempts=1,
                version=__version__,
            )
        )


def clear_failures(conn: Connection, sources: Sequence[str]) -> None:
    """Forget the failures of documents now stored."""
    names = sorted(set(sources))
    for start in range(0, len(names), CHUNK):
        conn.execute(failures.delete().where(failures.c.source.in_(names[start : start + CHUNK])))


def list_failures(conn: Connection, stages: Sequence[str] = ()) -> list[dict[str, Any]]:
    f = failures.c
    query = sa.select(f.source, f.stage, f.reason, f.at, f.attempts, f.version)
    if stages:
        query = query.where(f.stage.in_(list(stages)))
    return [r._asdict() for r in conn.execute(query.order_by(f.at.desc(), f.source))]


def sources_failed_before(conn: Connection, version: str = __version__) -> list[str]:
    """Sources that failed at extraction or later under another version than ``version`` (or
    none recorded): worth reading again after an upgrade.  A retry that fails again records the
    current version, so each upgrade retries a document once."""
    f = failures.c
    older = sa.or_(f.version.is_(None), f.version != version)
    query = sa.select(f.source).where(f.stage.in_(RETRYABLE_STAGES), older).distinct()
    return sorted(r.source for r in conn.execute(query))
