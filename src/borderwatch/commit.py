"""Commit: the store side of the pipeline -- store processed documents, then re-fuse.

``store_documents`` adds new documents to a transaction, each linked to the document it is a near
copy of (the same wire story from another outlet: MinHash bands, see ``dedup``).  ``refuse``
re-clusters what new mentions can change and rewrites those events: it reads the block of stored
mentions they may join (same types, windows within the margin, nearby or unknown places; part by
part for a group of documents from months apart), keeps the mentions a new one reaches by a chain
of possible partners (``fuse.linked``: clustering those alone gives the clusters clustering
everything gives them), and writes only the events whose membership changed.  ``Pipeline.commit``
and ``Pipeline.commit_many`` call both in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from .dedup import NEAR_DUPLICATE_SIMILARITY, bands, signature, similarity
from .errors import StoreError
from .fuse import build_event, cluster, linked, may_fuse_across_articles
from .model import Article, DateSpan, Event, Mention
from .review_links import constrain, name_events, named_ids
from .store import NewDocument, Store, Transaction, drop_crossing_records
from .store.review_store import fusion_links_of

# Fusion looks this many days either side of the new mentions' windows for partners.
FUSION_MARGIN_DAYS = 7


def store_documents(tx: Transaction, articles: Sequence[Article]) -> list[bool]:
    """Add the articles not stored yet, each linked to the earliest-stored document it is a near
    copy of (in the store or earlier among ``articles``).  Returns, for each, whether it was
    added (False: already stored, or a second copy in ``articles``)."""
    stored = tx.stored_documents([a.doc_key for a in articles])
    added: list[bool] = []
    signed = []
    for article in articles:
        added.append(article.doc_key not in stored)
        if added[-1]:
            stored.add(article.doc_key)
            sig = signature(article.text)
            signed.append((article, sig, bands(sig)))
    copies = _NearCopies(tx.near_duplicate_candidates([b for *_, keys in signed for b in keys]))
    new = []
    for article, sig, keys in signed:
        original = copies.original_of(sig, keys)
        new.append(NewDocument(article, original, sig, tuple(keys)))
        copies.add(article.doc_key, original, sig, keys)
    tx.add_documents(new)
    return added


def refuse(
    tx: Transaction,
    new: list[Mention],
    reporters: Sequence[Article],
    fatality_rule: str,
    dropped: Sequence[str] = (),
) -> list[Event]:
    """Re-cluster the stored mentions ``new`` (already added) may join, and rewrite the events
    they make (returned).  Each change is put down to the last of ``reporters`` (the documents
    just stored, in order) that reported the event.  Analysts' merges and splits hold
    (``review_links``); ``dropped``: events whose mentions were just removed (re-read)."""
    if not new:
        return []
    block, held = _reach(tx, _blocks(tx, new))
    # a cluster that is exactly a stored event (no new mention joined it, none left it) is
    # that event unchanged: only the others are built and written again
    # (not when mentions were dropped: a re-read mention may keep its id with new values)
    stored = set(held.values()) if not dropped else set()
    links = fusion_links_of(tx.conn)
    clusters = constrain(cluster(block), links)
    rebuilt = [c for c in clusters if frozenset(m.mention_id for m in c) not in stored]
    infos = tx.doc_infos({m.doc_key for c in rebuilt for m in c})
    events = [build_event(c, infos, fatality_rule=fatality_rule) for c in rebuilt]
    ids = {m.mention_id for c in rebuilt for m in c}
    if links:
        taken = tx.events_left_in_place(named_ids(links), sorted(ids), dropped)
        name_events(events, rebuilt, links, taken)
    order = {a.doc_key: n for n, a in enumerate(reporters)}
    brought = {m.mention_id: (order.get(m.doc_key, -1), m.doc_key) for m in new}
    last = reporters[-1].doc_key if reporters else None
    tx.replace_events(ids, events, last, brought, also=dropped)
    return events


@dataclass(frozen=True)
class Retraction:
    """What withdrawing a document did: its mentions removed, events rewritten and retired."""

    doc_key: str
    mentions: int
    events: list[str]  # the events that now hold the other reports of the touched events
    retired: list[str]  # touched events that no longer exist (left without a source, or split)


def retract(store: Store, ref: str, fatality_rule: str) -> Retraction:
    """Withdraw a document (its key, URL or source): its mentions leave their events, the other
    reports of those events are fused again among themselves (a withdrawal can split an event,
    never join it to another), an event left without a report is retired, and every touched
    event gets a ``retracted`` revision -- all in one transaction, alerts included."""
    with store.transaction() as tx:
        found = tx.find_document(ref)
        if found is None:
            raise StoreError(f"no stored document {ref!r} (give its key, URL or source)")
        doc_key, already = found
        if already:
            raise StoreError(f"document {ref!r} is already retracted")
        gone = tx.document_mention_ids(doc_key)
        held = tx.events_holding(gone)
        kept = tx.mentions_by_id(sorted({m for ids in held.values() for m in ids} - set(gone)))
        infos = tx.doc_infos({m.doc_key for m in kept})
        links = fusion_links_of(tx.conn)
        clusters = constrain(cluster(kept), links)
        events = [build_event(c, infos, fatality_rule=fatality_rule) for c in clusters]
        ids = set(gone) | {m.mention_id for m in kept}
        name_events(events, clusters, links, tx.events_left_in_place(named_ids(links), sorted(ids)))
        tx.replace_events(ids, events, doc_key)
        tx.drop_retracted(doc_key, gone, [*held, *(e.event_id for e in events)])
        drop_crossing_records(tx, doc_key)  # its crossing claims go with it
    new_ids = {e.event_id for e in events}
    return Retraction(doc_key, len(gone), sorted(new_ids), sorted(set(held) - new_ids))


def _blocks(tx: Transaction, new: list[Mention]) -> list[tuple[list[Mention], list[Mention]]]:
    """The stored mentions (new ones included) that ``new`` may be fused with -- of the same
    types, with windows within the margin of theirs, places within about a degree (or missing
    or coarse) -- part by part (see :func:`_by_window`) with the part's new mentions, so that a
    group of documents from months apart reads and compares what each would alone."""
    found = []
    alone = [m for m in new if not may_fuse_across_articles(m)]
    if alone:  # their partners can only be their own articles' mentions, all of them new
        found.append((list(new), alone))
        new = [m for m in new if may_fuse_across_articles(m)]
    for part, window in _by_window(new):
        fine = [m.place for m in part if m.place and m.place.precision < 3]
        coarse = len(fine) < len(part)  # a mention without a fine place may join anything
        near = [] if coarse else [(p.latitude, p.longitude) for p in fine]
        windows = None if window is None else [window]
        found.append((tx.mentions_in_block({m.event_type for m in part}, windows, near), part))
    return found


def _by_window(new: list[Mention]) -> list[tuple[list[Mention], tuple[date, date] | None]]:
    """New mentions in parts, each with the window fusion looks in for their partners: those
    whose windows, widened by the margin, overlap (their union widened), and those without a
    date (None: any window)."""
    parts: list[tuple[list[Mention], tuple[date, date] | None]] = []
    margin = timedelta(days=FUSION_MARGIN_DAYS)
    dated = sorted((m for m in new if m.date is not None), key=lambda m: _span(m).start)
    part: list[Mention] = []
    start = end = date.min
    for mention in dated:
        span = _span(mention)
        if part and span.start - margin > end:
            parts.append((part, (start, end)))
            part = []
        if not part:
            start, end = span.start - margin, span.end + margin
        part.append(mention)
        end = max(end, span.end + margin)
    if part:
        parts.append((part, (start, end)))
    undated = [m for m in new if m.date is None]
    return parts + [(undated, None)] if undated else parts


def _span(mention: Mention) -> DateSpan:
    assert mention.date is not None
    return mention.date


def _reach(
    tx: Transaction, blocks: list[tuple[list[Mention], list[Mention]]]
) -> tuple[list[Mention], dict[str, frozenset[str]]]:
    """The mentions re-fusion can move -- in each block, those its new mentions reach by a
    chain of possible partners (see ``fuse.linked``) -- with every other mention of the stored
    events holding them, and those events.  A mention brought in from outside the blocks may
    reach further within them, so this goes on until nothing new is reached."""
    pool: dict[str, Mention] = {}
    reach: dict[str, Mention] = {}
    for block, new in blocks:
        pool.update((m.mention_id, m) for m in block)
        reach.update((m.mention_id, m) for m in linked(block, {m.mention_id for m in new}))
    while True:
        held = tx.events_holding(sorted(reach))
        added = [
            m for m in tx.expand_to_events(list(reach.values()), held) if m.mention_id not in reach
        ]
        if not added:
            return list(reach.values()), held
        pool.update((m.mention_id, m) for m in added)
        reach.update((m.mention_id, m) for m in added)
        more = linked(list(pool.values()), {m.mention_id for m in added})
        reach.update((m.mention_id, m) for m in more)


class _NearCopies:
    """Documents by the near-duplicate bands they have (from the store, then those of the group
    being stored), to find the one a new document is a near copy of."""

    def __init__(self, candidates: list[tuple[str, str, str | None, list[int]]]) -> None:
        self.by_band: dict[str, list[tuple[str, str | None, list[int]]]] = {}
        for band, doc_key, original, sig in candidates:
            self.by_band.setdefault(band, []).append((doc_key, original, sig))

    def original_of(self, sig: list[int], keys: list[str]) -> str | None:
        """The root of the copies of the first document (by key) sharing a band with this one
        and similar enough, or None."""
        sharing = {
            doc_key: (original, other)
            for b in keys
            for doc_key, original, other in self.by_band.get(b, ())
        }
        for doc_key in sorted(sharing):
            original, other = sharing[doc_key]
            if similarity(sig, other) >= NEAR_DUPLICATE_SIMILARITY:
                return original or doc_key
        return None

    def add(self, doc_key: str, original: str | None, sig: list[int], keys: list[str]) -> None:
        for band in keys:
            self.by_band.setdefault(band, []).append((doc_key, original, sig))
