"""Re-read stored documents with the current pipeline and region data: what a user runs after
extending the lexicon or the gazetteer (``region_dirs``), and after an upgrade.

Each group of documents is re-extracted from its stored clean text, its old mentions replaced
by the new ones and the events they touch fused again, in one transaction -- the same events
as ingesting the documents afresh.  Analysts' reviews are keyed by the reports they were made
on, not by event or mention ids, so they stay with their events (``store.lineage``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .commit import refuse
from .pipeline import EXTRACT_ERRORS, Pipeline
from .store import Store
from .store.stored_articles import document_keys, replace_mentions, stored_articles

GROUP = 16  # documents re-extracted together (parsed in one batch) and committed together


@dataclass(frozen=True)
class Reprocessed:
    """What re-reading one group of documents did."""

    documents: int
    mentions_before: int
    mentions_after: int
    events: int  # events fused again (written where they changed)
    failed: tuple[str, ...] = ()  # one line per document that failed to extract


def plan(store: Store, refs: Sequence[str] | None) -> tuple[list[str], list[str]]:
    """(the document keys to re-read, the refs that name no stored document)."""
    with store.engine.connect() as conn:
        return document_keys(conn, refs)


def reprocess(
    store: Store, pipeline: Pipeline, doc_keys: Sequence[str], *, group: int = GROUP
) -> Iterator[Reprocessed]:
    """Re-read ``doc_keys`` ``group`` at a time; yields what each group did."""
    for start in range(0, len(doc_keys), group):
        yield _group(store, pipeline, list(doc_keys[start : start + group]))


def _group(store: Store, pipeline: Pipeline, keys: list[str]) -> Reprocessed:
    with store.engine.connect() as conn:
        articles = stored_articles(conn, keys)
    failed: list[str] = []
    try:
        found = pipeline.extractor.extract_many(articles)
    except EXTRACT_ERRORS:
        found = []
        for article in articles:
            try:
                found.append(pipeline.extractor.extract(article))
            except EXTRACT_ERRORS as exc:
                failed.append(f"{article.source}: extract: {type(exc).__name__}: {exc}")
                found.append([])
    bad = {line.split(":", 1)[0] for line in failed}
    pairs = [(a, ms) for a, ms in zip(articles, found, strict=True) if a.source not in bad]
    with store.transaction() as tx:
        gone = [m for a, _ in pairs for m in tx.document_mention_ids(a.doc_key)]
        held = tx.events_holding(gone)
        others = sorted({m for ids in held.values() for m in ids} - set(gone))
        new = [m for _, ms in pairs for m in ms]
        replace_mentions(tx.conn, gone, new)
        kept = tx.mentions_by_id(others)
        rule = pipeline.settings.fatality_rule
        events = refuse(tx, new + kept, [a for a, _ in pairs], rule, dropped=sorted(held))
    return Reprocessed(len(pairs), len(gone), len(new), len(events), tuple(failed))
