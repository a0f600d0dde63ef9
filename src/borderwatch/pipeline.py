"""The pipeline: ingest -> clean -> nlp/extract -> resolve -> fuse -> store.

``Pipeline.process`` is the pure per-document function (no database): the CLI, the API and batch
workers all call it.  ``Pipeline.commit`` writes one processed document, its mentions and the
events they change in a single transaction (``commit``: re-fusing only what the new mentions can
change, so the cost per article stays flat as the store grows); ``Pipeline.commit_many`` does the
same for several documents in one transaction, as ``ingest`` and ``batch`` do.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import islice

from .clean import clean_document
from .commit import refuse, store_documents
from .crossings import ClaimExtractor, load_crossings
from .errors import StoreConflict
from .extract import Extractor
from .gcpause import paused_gc
from .model import Article, IngestReport, Mention, NotEnglish, RawDocument, Skipped
from .resolve import resolve_date
from .settings import Settings
from .store import Store, Transaction, is_unavailable, one_line, store_crossing_records

# What a bug in extraction can raise on one strange document; it fails that document only.
EXTRACT_ERRORS = (ValueError, RuntimeError, KeyError, IndexError)
# Documents processed together by ``ingest`` (their candidate sentences parsed in one batch, then
# committed in one transaction).
INGEST_BATCH = 16

# An invented report that goes through every stage once in ``Pipeline.warm_up``.
WARM_UP_REPORT = RawDocument(
    source="warm-up",
    content=b"Army clashes with gunmen near the border\n\nSoldiers clashed with gunmen near "
    b"the border town of Arsal on Friday, killing two of them, a security source said.",
    media_type="text/plain",
    published=date(2020, 1, 1),
)

log = logging.getLogger(__name__)


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
    # the store was locked or unreachable: the same document may be stored on a later try
    retry: bool = False


class Pipeline:
    """Holds the extractor (heavy: loads the spaCy model once) and the settings."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._extractor: Extractor | None = None
        self._claims: ClaimExtractor | None = None

    @property
    def extractor(self) -> Extractor:
        if self._extractor is None:
            self._extractor = Extractor(
                model=self.settings.spacy_model, region_dirs=self.settings.region_dirs
            )
        return self._extractor

    @property
    def crossing_claims(self) -> ClaimExtractor:
        """The crossing-claim extractor (cheap: the region's crossing names only)."""
        if self._claims is None:
            self._claims = ClaimExtractor(load_crossings(self.settings.region_dirs))
        return self._claims

    def warm_up(self) -> None:
        """Load everything loaded on first use (the spaCy pipeline, the GeoNames indexes, the
        date parser's tables) so that no document pays for it: workers call this once."""
        with paused_gc():
            extractor = self.extractor
            extractor.resolver.places.preload()
            resolve_date("in the spring of 1999", date(2000, 1, 1))
            # one invented report through every stage, so that what loads on the first
            # parse (spaCy's and the matchers' lazy tables) is loaded too
            self.process_many([WARM_UP_REPORT])
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
        return self._extract([self._clean(raw) for raw in raws])

    def _extract(self, results: list[Processed]) -> list[Processed]:
        """Extract the mentions of the cleaned documents among ``results``, parsed together."""
        ready = [r for r in results if r.article is not None]
        if not ready:  # nothing to parse: the model is not loaded for nothing
            return results
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
        one document the store refuses), each document is committed alone, so it fails alone;
        a store error fails its document in one line (``retry`` set when the database was only
        locked or unreachable), never the caller."""
        outcomes: list[Committed | None] = [_failed(p) for p in group]
        todo = [(i, p) for i, p in enumerate(group) if outcomes[i] is None]
        if not todo:
            return [o for o in outcomes if o is not None]
        try:
            with store.transaction() as tx:
                articles = [_article(p) for _, p in todo]
                added = store_documents(tx, articles)
                stored = [(i, p) for (i, p), fresh in zip(todo, added, strict=True) if fresh]
                for (i, p), fresh in zip(todo, added, strict=True):
                    if not fresh:
                        outcomes[i] = Committed(p.source, "unchanged")
                new = [m for _, p in stored for m in p.mentions]
                tx.add_mentions(new)
                self._store_claims(tx, [p for _, p in stored])
                reporters = [_article(p) for _, p in stored]
                events = refuse(tx, new, reporters, self.settings.fatality_rule)
        except StoreConflict:
            if len(todo) == 1:  # a concurrent writer stored the same document first
                i, p = todo[0]
                outcomes[i] = Committed(p.source, "unchanged")
                return [o for o in outcomes if o is not None]
            return [self.commit(store, p) for p in group]
        except Exception as exc:
            if len(todo) == 1:
                i, p = todo[0]
                outcomes[i] = _store_failure(p.source, exc)
                return [o for o in outcomes if o is not None]
            log.warning(
                "a group of %d documents could not be stored (%s); committing them one by one",
                len(todo),
                one_line(exc),
            )
            log.debug("the group's error", exc_info=exc)
            return [self.commit(store, p) for p in group]
        for i, p in stored:
            ids = {m.mention_id for m in p.mentions}
            touched = sum(1 for e in events if ids.intersection(e.mention_ids))
            outcomes[i] = Committed(p.source, "stored", len(p.mentions), touched)
        return [o for o in outcomes if o is not None]

    def _store_claims(self, tx: Transaction, stored: Sequence[Processed]) -> None:
        """The crossing claims of the documents just stored, and the crossings their event
        mentions name, written in the same transaction (so a re-ingest adds nothing)."""
        claims, named = [], []
        for processed in stored:
            found, names = self.crossing_claims.records(_article(processed), processed.mentions)
            claims += found
            named += names
        store_crossing_records(tx, claims, named)

    def ingest(
        self, store: Store, raws: Iterable[RawDocument | Skipped], *, batch: int = INGEST_BATCH
    ) -> Iterator[Committed]:
        """Process and store the documents ``batch`` at a time (their sentences parsed together,
        then committed together); a failure is recorded and the batch goes on."""
        items = iter(raws)
        while chunk := list(islice(items, batch)):
            cleaned = [self._clean(raw) for raw in chunk]
            stored = _stored_among(store, cleaned)
            processed = self._extract([c for i, c in enumerate(cleaned) if i not in stored])
            for result in processed:
                if result.skipped is not None:
                    note_failure(store, result.skipped)
            done = iter(self.commit_many(store, processed))
            for i, result in enumerate(cleaned):  # in input order
                yield Committed(result.source, "unchanged") if i in stored else next(done)


def _stored_among(store: Store, cleaned: Sequence[Processed]) -> set[int]:
    """The positions in ``cleaned`` of documents whose text is stored already: a re-run (or a
    feed seen again) skips parsing them, and their outcome is "unchanged", as committing them
    would give.  When the store cannot be read now, nothing is skipped (committing decides)."""
    keys = {i: r.article.doc_key for i, r in enumerate(cleaned) if r.article is not None}
    if not keys:
        return set()
    try:
        known = store.stored_among(list(keys.values()))
    except Exception as exc:
        log.debug("stored documents not looked up (%s)", one_line(exc))
        return set()
    return {i for i, key in keys.items() if key in known}


def _store_failure(source: str, exc: Exception) -> Committed:
    """One document the store did not take, in one line; marked for a retry when the database
    was only locked or out of reach."""
    log.debug("%s: store error", source, exc_info=exc)
    return Committed(source, "failed", reason=f"store: {one_line(exc)}", retry=is_unavailable(exc))


def note_failure(store: Store, skipped: Skipped) -> None:
    """Note a failed document in the store; when the store cannot take even that, the failure
    is still reported to the caller (its outcome), so it is logged and the batch goes on."""
    try:
        store.record_failure(skipped)
    except Exception as exc:
        log.warning("%s: could not record the failure (%s)", skipped.source, one_line(exc))


def _article(processed: Processed) -> Article:
    if processed.article is None:
        raise ValueError(f"{processed.source}: processed without an article or a reason")
    return processed.article


def _failed(processed: Processed) -> Committed | None:
    if processed.skipped is None:
        return None
    skipped = processed.skipped
    status = "skipped" if isinstance(skipped, NotEnglish) else "failed"  # kept, not lost
    return Committed(processed.source, status, reason=f"{skipped.stage}: {skipped.reason}")


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
        elif outcome.status == "skipped":
            report.skipped.append(Skipped(outcome.source, outcome.status, outcome.reason))
        else:
            report.failed.append(Skipped(outcome.source, outcome.status, outcome.reason))
    return report
