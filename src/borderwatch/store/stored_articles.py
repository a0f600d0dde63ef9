"""The store's side of ``reprocess``: the stored documents read back as articles, and their
mentions dropped so the current pipeline's can take their place."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..model import Article, Mention
from .schema import documents, event_mentions, mentions
from .transaction import mention_row

CHUNK = 500


def document_keys(conn: Connection, refs: Sequence[str] | None) -> tuple[list[str], list[str]]:
    """(keys of the stored, not retracted documents ``refs`` name -- by key, URL or source;
    every one when None --, the refs that name none), in ingest order."""
    d = documents.c
    query = sa.select(d.doc_key, d.url, d.source).where(d.retracted_at.is_(None))
    rows = list(conn.execute(query.order_by(d.ingested_at, d.doc_key)))
    if refs is None:
        return [r.doc_key for r in rows], []
    found: list[str] = []
    missing: list[str] = []
    for ref in refs:
        keys = [r.doc_key for r in rows if ref in (r.doc_key, r.url, r.source)]
        if keys:
            found += [k for k in keys if k not in found]
        else:
            missing.append(ref)
    return found, missing


def stored_articles(conn: Connection, doc_keys: Sequence[str]) -> list[Article]:
    """The documents ``doc_keys`` as the articles they were stored from (their clean text)."""
    d = documents.c
    found = {}
    for start in range(0, len(doc_keys), CHUNK):
        query = sa.select(documents).where(d.doc_key.in_(list(doc_keys[start : start + CHUNK])))
        for r in conn.execute(query):
            found[r.doc_key] = Article(
                doc_key=r.doc_key,
                source=r.source,
                text=r.text,
                title=r.title,
                published=r.published,
                published_from=r.published_from or "unknown",
                outlet=r.outlet,
                url=r.url,
                author=r.author,
            )
    return [found[k] for k in doc_keys if k in found]


def replace_mentions(conn: Connection, gone: Sequence[str], new: Sequence[Mention]) -> None:
    """Put a document's re-read mentions ``new`` in place of its old ones (ids ``gone``): a
    mention read again under the same id is updated where it is (its events keep it), one no
    longer read is removed with its places in events (the caller rewrites those events in the
    same transaction), a new one is added."""
    fresh = {m.mention_id: m for m in new}
    dropped = sorted(set(gone) - set(fresh))
    for start in range(0, len(dropped), CHUNK):
        chunk = dropped[start : start + CHUNK]
        conn.execute(event_mentions.delete().where(event_mentions.c.mention_id.in_(chunk)))
        conn.execute(mentions.delete().where(mentions.c.mention_id.in_(chunk)))
    kept = set(gone) & set(fresh)
    for mention_id in sorted(kept):
        row = mention_row(fresh[mention_id])
        conn.execute(mentions.update().where(mentions.c.mention_id == mention_id).values(**row))
    added = [mention_row(m) for m in new if m.mention_id not in kept]
    if added:
        conn.execute(mentions.insert(), added)
