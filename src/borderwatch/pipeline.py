"""The pipeline: ingest -> clean -> nlp/extract -> resolve -> fuse -> store.

``Pipeline.process`` is the pure per-document function (no database): the CLI, the API and batch
workers all call it.  ``Pipeline.commit`` writes one processed document, its mentions and the
events they change in a single transaction, re-fusing only the block of mentions the new ones can
belong to (same type, overlapping dates), so the cost per article stays flat as the store grows.
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
from .model import Article, IngestReport, Mention, RawDocument, Skipped
from .resolve import resolve_date
from .settings import Settings
from .store import Store, Transaction

# What a bug in extraction can raise on one strange document; it fails that document only.
EXTRACT_ERRORS = (ValueError, RuntimeError, KeyError, IndexError)
# Documents processed together by ``ingest`` (their candidate sentences parsed in one batch).
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
        if processed.skipped is not None:
            skipped = processed.skipped
            return Committed(
                processed.source, "failed", reason=f"{skipped.stage}: {skipped.reason}"
            )
        article = processed.article
        assert article is not None
        sig = signature(article.text)
        keys = bands(sig)
        try:
            with store.transaction() as tx:
                if tx.has_document(article.doc_key):
                    return Committed(processed.source, "unchanged")
                original = _near_duplicate_of(tx, sig, keys)
                tx.add_document(article, near_duplicate_of=original, minhash=sig, bands=keys)
                tx.add_mentions(processed.mentions)
                events = self._refuse(tx, processed.mentions, article.doc_key)
        except StoreConflict:  # a concurrent writer stored the same document first
            return Committed(processed.source, "unchanged")
        return Committed(processed.source, "stored", len(processed.mentions), events)

    def _refuse(self, tx: Transaction, new: list[Mention], doc_key: str) -> int:
        """Re-cluster the stored mentions the new ones may join, and rewrite the events they
        make.  Blocking: same types, windows within the margin, places within about a degree (or
        missing or coarse); within that block, only what is linked to a new mention."""
        dated = [m.date for m in new if m.date]
        if not new:
            return 0
        start = min(d.start for d in dated) - timedelta(days=FUSION_MARGIN_DAYS) if dated else None
        end = max(d.end for d in dated) + timedelta(days=FUSION_MARGIN_DAYS) if dated else None
        fine = [m.place for m in new if m.place and m.place.precision < 3]
        coarse = len(fine) < len(new)  # a mention without a fine place may join anything
        near = [] if coarse else [(p.latitude, p.longitude) for p in fine]
        block = tx.mentions_in_block({m.event_type for m in new}, start, end, near=near)
        block, held = _reach(tx, block, {m.mention_id for m in new})
        # a cluster that is exactly a stored event (no new mention joined it, none left it) is
        # that event unchanged: only the others are built and written again
        stored = set(held.values())
        rebuilt = [c for c in cluster(block) if frozenset(m.mention_id for m in c) not in stored]
        docs = tx.doc_infos({m.doc_key for c in rebuilt for m in c})
        rule = self.settings.fatality_rule
        events = [build_event(c, docs, fatality_rule=rule) for c in rebuilt]
        tx.replace_events({m.mention_id for c in rebuilt for m in c}, events, doc_key)
        new_ids = {m.mention_id for m in new}
        return sum(1 for e in events if new_ids & set(e.mention_ids))

    def ingest(
        self, store: Store, raws: Iterable[RawDocument | Skipped], *, batch: int = INGEST_BATCH
    ) -> Iterator[Committed]:
        """Process and store each document in turn (processing ``batch`` at a time); a failure
        is recorded and the batch goes on."""
        items = iter(raws)
        while chunk := list(islice(items, batch)):
            for processed in self.process_many(chunk):
                if processed.skipped is not None:
                    store.record_failure(processed.skipped)
                yield self.commit(store, processed)


def _reach(
    tx: Transaction, block: list[Mention], new_ids: set[str]
) -> tuple[list[Mention], dict[str, frozenset[str]]]:
    """The mentions of ``block`` that re-fusion can move -- those a new mention reaches by a
    chain of possible partners (see ``fuse.linked``) -- with every other mention of the stored
    events holding them, and those events.  A mention brought in from outside the block may
    reach further within it, so this goes on until nothing new is reached."""
    pool = {m.mention_id: m for m in block}
    reach = linked(block, new_ids)
    while True:
        held = tx.events_holding([m.mention_id for m in reach])
        grown = tx.expand_to_events(reach, held)
        if len(grown) == len(reach):
            return reach, held
        pool.update((m.mention_id, m) for m in grown)
        reach = linked(list(pool.values()), {m.mention_id for m in grown})


def _near_duplicate_of(tx: Transaction, sig: list[int], keys: list[str]) -> str | None:
    """The earliest-stored document this one is a near-copy of (the root of its copies)."""
    for doc_key, original, other in tx.near_duplicate_candidates(keys):
        if similarity(sig, other) >= NEAR_DUPLICATE_SIMILARITY:
            return original or doc_key
    return None


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
