"""The pipeline: ingest -> clean -> nlp/extract -> resolve -> fuse -> store.

``Pipeline.process`` is the pure per-document function (no database): the CLI, the API and batch
workers all call it.  ``Pipeline.commit`` writes one processed document, its mentions and the
events they change in a single transaction, re-fusing only the mentions the new ones can reach
within their block (same type, overlapping dates), so the cost per article stays flat as the store
grows; ``Pipeline.commit_many`` does the same for several documents in one transaction.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import islice

from .clean import clean_document
from .dedup import NEAR_DUPLICATE_SIMILARITY, bands, signature, similarity
from .errors import StoreConflict
from .extract import Extractor
from .fuse import build_event, cluster, linked
from .gcpause import paused_gc
from .model import Article, DateSpan, Event, IngestReport, Mention, RawDocument, Skipped
from .resolve import resolve_date
from .settings import Settings
from .store import NewDocument, Store, Transaction

# What a bug in extraction can raise on one strange document; it fails that document only.
EXTRACT_ERRORS = (ValueError, RuntimeError, KeyError, IndexError)
# Documents processed together by ``ingest`` (their candidate sentences parsed in one batch, then
# committed in one transaction).
INGEST_BATCH = 16
# Fusion looks this many days either side of the new mentions' windows for partners.
FUSION_MARGIN_DAYS = 7


@dataclass
class Processed:
    """The outcome of processing one document without touching the database."""

    source: str
    article: Article | None = None
    mentions: list[Mention] = field(default_factory=list)
    skipped: Skipped | None = None


@dataclass
class Committed:
    source: str
    status: str  # "stored", "unchanged", "skipped" or "failed"
    mentions: int = 0
    events: int = 0
    reason: str = ""


class Pipeline:
    """Holds the extractor (heavy: loads the spaCy model once) and the settings."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._extractor: Extractor | None = None

    @property
    def extractor(self) -> Extractor:
        if self._extractor is None:
            self._extractor = Extractor(
                model=self.settings.spacy_model, region_dirs=self.settings.region_dirs
            )
        return self._extractor

    def warm_up(self) -> None:
        """Load everything loaded on first use (the spaCy pipeline, the GeoNames indexes, the
        date parser's tables) so that no document pays for it: workers call this once."""
        with paused_gc():
            extractor = self.extractor
            extractor.resolver.places.preload()
            resolve_date("in the spring of 1999", date(2000, 1, 1))
        # What is loaded now lives as long as the process: moving it out of the collector's
        # sight makes every later collection cheaper (~10% of processing time otherwise) and
        # keeps forked workers' copies of it shared.
        gc.freeze()

    def process(self, raw: RawDocument | Skipped) -> Processed:
        """Clean and extract one document; any failure becomes a ``Skipped`` naming the stage."""
        return self.process_many([raw])[0]

    def process_many(self, raws: Sequence[RawDocument | Skipped]) -> list[Processed]:
        """:meth:`process` for several documents at once: the same work, with the candidate
        sentences of all of them parsed together (faster than one by one).  A document that
        fails to extract is retried alone, so it fails alone."""
        results = [self._clean(raw) for raw in raws]
        ready = [r for r in results if r.article is not None]
        batches: Sequence[list[Mention] | None]
        try:
            batches = self.extractor.extract_many([r.article for r in ready if r.article])
        except EXTRACT_ERRORS:
            batches = [self._extract_one(r) for r in ready]
        for result, mentions in zip(ready, batches, strict=True):
            if mentions is None:
                result.article = None
            else:
                result.mentions = mentions
        return results

    @staticmethod
    def _clean(raw: RawDocument | Skipped) -> Processed:
        if isinstance(raw, Skipped):
            return Processed(raw.source, skipped=raw)
        cleaned = clean_document(raw)
        if isinstance(cleaned, Skipped):
            return Processed(raw.source, skipped=cleaned)
        return Processed(raw.source, article=cleaned)

    def _extract_one(self, result: Processed) -> list[Mention] | None:
        """Extract one document; a failure marks ``result`` skipped and returns None."""
        assert result.article is not None
        try:
            return self.extractor.extract(result.article)
        except EXTRACT_ERRORS as exc:
            reason = f"{type(exc).__name__}: {exc}"
            result.skipped = Skipped(result.source, "extract", reason)
            return None

    def commit(self, store: Store, processed: Processed) -> Committed:
        """Store one processed document and re-fuse the events its mentions touch."""
        return self.commit_many(store, [processed])[0]

    def commit_many(self, store: Store, group: Sequence[Processed]) -> list[Committed]:
        """Store several processed documents in one transaction and re-fuse once for all of
        them: the same events as committing them one by one (fusion re-clusters everything a
        new mention reaches either way), at a fraction of the cost per document.  When the
        group cannot be stored whole (a concurrent writer stored one of its documents first,
        one document the store refuses), each document is committed alone, so it fails alone."""
        outcomes: list[Committed | None] = [_failed(p) for p in group]
        todo = [(i, p) for i, p in enumerate(group) if outcomes[i] is None]
        if not todo:
            return [o for o in outcomes if o is not None]
        try:
            with store.transaction() as tx:
                stored = self._store_documents(tx, todo, outcomes)
                new = [m for _, p in stored for m in p.mentions]
                tx.add_mentions(new)
                docs = [p for _, p in stored]
                events = self._refuse(tx, new, docs)
        except StoreConflict:
            if len(todo) == 1:  # a concurrent writer stored the same document first
                i, p = todo[0]
                outcomes[i] = Committed(p.source, "unchanged")
                return [o for o in outcomes if o is not None]
            return [self._commit_alone(store, p) for p in group]
        except Exception:
            if len(todo) == 1:
                raise
            return [self._commit_alone(store, p) for p in group]
        for i, p in stored:
            ids = {m.mention_id for m in p.mentions}
            touched = sum(1 for e in events if ids.intersection(e.mention_ids))
            outcomes[i] = Committed(p.source, "stored", len(p.mentions), touched)
        return [o for o in outcomes if o is not None]

    def _commit_alone(self, store: Store, processed: Processed) -> Committed:
        """:meth:`commit` of one document of a group that could not be stored whole; an error
        fails this document only."""
        try:
            return self.commit(store, processed)
        except Exception as exc:
            reason = f"store: {type(exc).__name__}: {exc}"
            return Committed(processed.source, "failed", reason=reason)

    @staticmethod
    def _store_documents(
        tx: Transaction, todo: list[tuple[int, Processed]], outcomes: list[Committed | None]
    ) -> list[tuple[int, Processed]]:
        """Add the new documents, each linked to the earliest-stored one it is a near copy of
        (in the store or earlier in the group); those already stored are marked unchanged in
        ``outcomes``.  Returns the ones added."""
        stored = tx.stored_documents([p.article.doc_key for _, p in todo if p.article])
        signed = []
        for i, processed in todo:
            article = processed.article
            assert article is not None
            if article.doc_key in stored:
                outcomes[i] = Committed(processed.source, "unchanged")
                continue
            stored.add(article.doc_key)  # a second copy in the group is unchanged too
            sig = signature(article.text)
            signed.append((i, processed, sig, bands(sig)))
        candidates = tx.near_duplicate_candidates([b for *_, keys in signed for b in keys])
        copies = _NearCopies(candidates)
        new = []
        for _, processed, sig, keys in signed:
            assert processed.article is not None
            original = copies.original_of(sig, keys)
            new.append(NewDocument(processed.article, original, sig, tuple(keys)))
            copies.add(processed.article.doc_key, original, sig, keys)
        tx.add_documents(new)
        return [(i, p) for i, p, *_ in signed]

    def _refuse(self, tx: Transaction, new: list[Mention], docs: list[Processed]) -> list[Event]:
        """Re-cluster the stored mentions the new ones may join, and rewrite the events they
        make (returned): within the blocks (see :func:`_blocks`), only what is linked to a new
        mention, all at once."""
        if not new:
            return []
        block, held = _reach(tx, _blocks(tx, new))
        # a cluster that is exactly a stored event (no new mention joined it, none left it) is
        # that event unchanged: only the others are built and written again
        stored = set(held.values())
        rebuilt = [c for c in cluster(block) if frozenset(m.mention_id for m in c) not in stored]
        infos = tx.doc_infos({m.doc_key for c in rebuilt for m in c})
        rule = self.settings.fatality_rule
        events = [build_event(c, infos, fatality_rule=rule) for c in rebuilt]
        # each change is put down to the last document of the group that reported the event
        brought = {
            m.mention_id: (n, p.article.doc_key)
            for n, p in enumerate(docs)
            if p.article is not None
            for m in p.mentions
        }
        last = docs[-1].article.doc_key if docs[-1].article else None
        tx.replace_events({m.mention_id for c in rebuilt for m in c}, events, last, brought)
        return events

    def ingest(
        self, store: Store, raws: Iterable[RawDocument | Skipped], *, batch: int = INGEST_BATCH
    ) -> Iterator[Committed]:
        """Process and store the documents ``batch`` at a time (their sentences parsed together,
        then committed together); a failure is recorded and the batch goes on."""
        items = iter(raws)
        while chunk := list(islice(items, batch)):
            processed = self.process_many(chunk)
            for result in processed:
                if result.skipped is not None:
                    store.record_failure(result.skipped)
            yield from self.commit_many(store, processed)


def _failed(processed: Processed) -> Committed | None:
    if processed.skipped is None:
        return None
    skipped = processed.skipped
    return Committed(processed.source, "failed", reason=f"{skipped.stage}: {skipped.reason}")


def _blocks(tx: Transaction, new: list[Mention]) -> list[tuple[list[Mention], list[Mention]]]:
    """The stored mentions (new ones included) that ``new`` may be fused with -- of the same
    types, with windows within the margin of theirs, places within about a degree (or missing
    or coarse) -- part by part (see :func:`_by_window`) with the part's new mentions, so that a
    group of documents from months apart reads and compares what each would alone."""
    found = []
    for part in _by_window(new):
        fine = [m.place for m in part if m.place and m.place.precision < 3]
        coarse = len(fine) < len(part)  # a mention without a fine place may join anything
        near = [] if coarse else [(p.latitude, p.longitude) for p in fine]
        windows = _windows([m.date for m in part if m.date])
        found.append((tx.mentions_in_block({m.event_type for m in part}, windows, near), part))
    return found


def _by_window(new: list[Mention]) -> list[list[Mention]]:
    """New mentions in parts whose windows (widened by the margin) overlap, and those without a
    date."""
    parts: list[list[Mention]] = []
    end: date | None = None
    margin = timedelta(days=FUSION_MARGIN_DAYS)
    dated = [(m.date, m) for m in new if m.date is not None]
    for span, mention in sorted(dated, key=lambda pair: pair[0].start):
        if end is None or span.start - margin > end:
            parts.append([])
            end = span.end + margin
        parts[-1].append(mention)
        end = max(end, span.end + margin)
    undated = [m for m in new if m.date is None]
    return parts + [undated] if undated else parts


def _windows(dates: list[DateSpan]) -> list[tuple[date, date]] | None:
    """The date windows fusion looks in for partners of mentions with these dates (each widened
    by the margin, overlapping ones merged); None, for mentions without dates, means any."""
    if not dates:
        return None
    margin = timedelta(days=FUSION_MARGIN_DAYS)
    merged: list[tuple[date, date]] = []
    for span in sorted(dates, key=lambda d: d.start):
        start, end = span.start - margin, span.end + margin
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


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


def summarise(outcomes: Iterable[Committed]) -> IngestReport:
    """Fold per-document outcomes into the summary the CLI prints."""
    report = IngestReport()
    for outcome in outcomes:
        report.read += 1
        if outcome.status == "stored":
            report.mentions += outcome.mentions
            report.events += outcome.events
        elif outcome.status == "unchanged":
            report.unchanged += 1
        else:
            report.failed.append(Skipped(outcome.source, outcome.status, outcome.reason))
    return report
