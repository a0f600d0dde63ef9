"""The API's documents: ``POST /api/documents`` processes an article and stores its events, and
``DELETE /api/documents/{doc_key}`` withdraws a report as ``borderwatch retract`` does (both
behind the token)."""

from __future__ import annotations

import dataclasses
import hashlib
import threading
from typing import Annotated, Any

import anyio
import anyio.to_thread
from fastapi import APIRouter, HTTPException, Path, Response

from ..commit import retract
from ..errors import StoreError
from ..ingest import Defaults, Fetcher, FetchError, URLRefused, fetch_article
from ..model import RawDocument
from ..pipeline import Committed, Pipeline, Processed, note_failure
from ..settings import Settings
from ..store import Store
from .common import Authorise, Credentials, Error, refused
from .params import DocumentIn

# Threads for documents sent at once (one is processed at a time; the others fetch their URL or
# wait for the pipeline), apart from the few that compute the reads' answers (serve.app).
SENDER_THREADS = 4

DocKey = Annotated[str, Path(pattern=r"^[A-Za-z0-9_.:-]{1,64}$")]


SUBMIT_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "Already stored (same content)"},
    400: {"model": Error, "description": "The URL is refused (not http(s), private)"},
    401: {"model": Error},
    403: {"model": Error},
    413: {"model": Error},
    502: {"model": Error, "description": "The URL could not be read"},
    503: {
        "model": Error,
        "description": "The database is locked or out of reach: try again",
        "headers": {"Retry-After": {"schema": {"type": "integer"}}},
    },
}


def documents_router(
    settings: Settings,
    db: Store,
    authorise: Authorise,
    pipeline: Pipeline | None = None,
    *,
    warm: bool = False,
) -> APIRouter:
    """The document routes; documents sent are processed with ``pipeline`` (built on first use
    when not given: it loads the spaCy model), one at a time. ``warm``: load the pipeline and
    run it once now, in the background (a long-lived server: the first document sent then
    waits for nothing the server could have done before)."""
    router = APIRouter(tags=["documents"])
    shared = SharedPipeline(settings, pipeline)
    if warm:
        shared.warm_in_background()

    def submit(doc: DocumentIn, response: Response) -> dict[str, Any]:
        raw = sent_document(doc, settings)
        with shared.lock:  # one document at a time: the pipeline holds one spaCy model
            processed = shared.pipeline().process(raw)
            if processed.skipped is not None:
                note_failure(db, processed.skipped)
            done = shared.pipeline().commit(db, processed)
        if done.status in ("unchanged", "skipped"):  # skipped: kept in its language, unread
            response.status_code = 200
        return submitted(raw.source, processed, done)

    @router.post("/api/documents", status_code=201, responses=SUBMIT_RESPONSES)
    async def submit_document(
        doc: DocumentIn, response: Response, credentials: Credentials = None
    ) -> dict[str, Any]:
        """Process an article (plain text, HTML, or a URL fetched as ``ingest`` does) and store
        its events.  Needs the header ``Authorization: Bearer <api_token>``; refused when the
        server has no api_token."""
        authorise(settings.api_token, credentials)
        # on threads of their own: documents sent at once wait for the pipeline (seconds
        # each) without holding the few threads that compute the reads' answers
        return await anyio.to_thread.run_sync(submit, doc, response, limiter=shared.senders)

    @router.delete("/api/documents/{doc_key}")
    def retract_document(doc_key: DocKey, credentials: Credentials = None) -> dict[str, Any]:
        """Withdraw a report (needs the token): its mentions leave their events, which are
        fused again from their other reports; an event left with none is retired.  Answers
        the events rewritten and retired."""
        authorise(settings.api_token, credentials)
        try:
            done = retract(db, doc_key, settings.fatality_rule)
        except StoreError as exc:
            refused(exc, "already", 404)
        return {
            "doc_key": done.doc_key,
            "mentions": done.mentions,
            "events": done.events,
            "retired": done.retired,
        }

    return router


class SharedPipeline:
    """The server's one pipeline, built on first use (it loads the spaCy model) and used by one
    request at a time; ``warm_in_background`` builds and runs it once now, so that the first
    document sent waits for nothing a long-lived server could have done before."""

    def __init__(self, settings: Settings, pipeline: Pipeline | None = None) -> None:
        self.settings, self._pipeline = settings, pipeline
        self.lock = threading.Lock()
        self._senders: anyio.CapacityLimiter | None = None

    @property
    def senders(self) -> anyio.CapacityLimiter:
        """The threads of documents sent (made on the event loop, at its first use)."""
        if self._senders is None:
            self._senders = anyio.CapacityLimiter(SENDER_THREADS)
        return self._senders

    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = Pipeline(self.settings)
        return self._pipeline

    def warm_in_background(self) -> None:
        def warm_up() -> None:
            with self.lock:  # a document sent meanwhile waits for it, as for any other
                self.pipeline().warm_up()

        threading.Thread(target=warm_up, name="pipeline-warm-up", daemon=True).start()


def sent_document(doc: DocumentIn, settings: Settings) -> RawDocument:
    """The document a submission carries (fetched when it names a URL); 413 when it is over
    ``max_document_bytes``."""
    raw = fetched_document(doc, settings) if doc.url is not None else given_document(doc)
    if len(raw.content) > settings.max_document_bytes:
        raise HTTPException(
            status_code=413,
            detail=f"document is over max_document_bytes ({settings.max_document_bytes})",
        )
    return raw


def submitted(source: str, processed: Processed, done: Committed) -> dict[str, Any]:
    """The answer to a submission: what became of it, or 503 (the database is locked or out of
    reach: try again) / 422 (the document could not be processed) when it failed."""
    if done.status == "failed" and done.retry:
        raise HTTPException(
            status_code=503, detail=f"not stored: {done.reason}", headers={"Retry-After": "30"}
        )
    if done.status == "failed":
        raise HTTPException(status_code=422, detail=f"not processed: {done.reason}")
    key = processed.article.doc_key if processed.article else None
    return {
        "status": done.status,
        "source": source,
        "doc_key": key,
        "mentions": done.mentions,
        "events": done.events,
        **({"reason": done.reason} if done.status == "skipped" else {}),
    }


def given_document(doc: DocumentIn) -> RawDocument:
    """The text or HTML sent, as a document named by ``source`` or a hash of its content."""
    content = (doc.text if doc.text is not None else doc.html or "").encode("utf-8")
    return RawDocument(
        source=doc.source or f"api:{hashlib.sha256(content).hexdigest()[:16]}",
        content=content,
        published=doc.published,
        media_type="text/html" if doc.html is not None else "text/plain",
        outlet=doc.outlet,
        title=doc.title,
    )


def fetched_document(doc: DocumentIn, settings: Settings) -> RawDocument:
    """The page at ``doc.url``, read under ``ingest``'s guard and limits: a URL the guard
    refuses (private address unless ``fetch_allow_private``, a port other than 80/443, not
    http(s)) is the asker's error (400); a server that fails or sends no page is a 502."""
    url = doc.url or ""
    defaults = Defaults(published=doc.published, outlet=doc.outlet, title=doc.title)
    try:
        with Fetcher(
            max_bytes=settings.max_document_bytes, allow_private=settings.fetch_allow_private
        ) as fetcher:
            page = fetch_article(url, fetcher, defaults)
    except URLRefused as exc:
        raise HTTPException(status_code=400, detail=f"{url}: refused: {exc}") from exc
    except FetchError as exc:
        raise HTTPException(status_code=502, detail=f"{url}: cannot read: {exc}") from exc
    return dataclasses.replace(page, source=doc.source) if doc.source else page
