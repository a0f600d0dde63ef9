"""The crossing board's typed records: a status claim as one report makes it.

Kept apart from the extractor so the store can read and write claims without loading the
region's names.  A claim is not an event: it is a dated statement about a crossing's state,
with its evidence, stored beside the events ("claims beside events") and never merged.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..model import DateSpan, Span, datespan_from, span_from, to_jsonable

STATUSES = ("open", "restricted", "closed", "unknown")
REASONS = ("strike", "works", "security", "policy", "health", "other")
SIDES = ("LB", "SY")


@dataclass(frozen=True)
class CrossingClaim:
    """One report's statement of a crossing's status over a date window.

    ``window`` comes from the report's wording ("on Monday", "since 3 February"); only when
    the wording gives no date is it the publication day (``dated_by`` says which).  ``scope``
    says how the crossing was referred to: by name, by "all crossings" (``all``), as the
    exception of "all crossings except X" (``except``), or as "the crossing" of the sentence
    before (``context``)."""

    claim_id: str
    crossing_id: str
    status: str
    window: DateSpan
    sentence: Span
    doc_key: str
    doc: str
    outlet: str | None
    published: date | None
    restriction: str | None = None
    reason: str | None = None
    side: str | None = None
    damaged: bool = False
    attribution: str | None = None
    dated_by: str = "wording"
    scope: str = "named"

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = to_jsonable(self)
        return data


def claim_key(doc_key: str, crossing_id: str, sentence_start: int, status: str) -> str:
    """A claim's id from what makes it: the same document read again gives the same ids."""
    raw = f"{doc_key}|{crossing_id}|{sentence_start}|{status}".encode()
    return hashlib.sha1(raw, usedforsecurity=False).hexdigest()[:24]


def claim_from(data: dict[str, Any]) -> CrossingClaim:
    """Rebuild a claim from :meth:`CrossingClaim.to_json` output."""
    window = datespan_from(data["window"])
    assert window is not None
    published = data.get("published")
    return CrossingClaim(
        claim_id=data["claim_id"],
        crossing_id=data["crossing_id"],
        status=data["status"],
        window=window,
        sentence=span_from(data["sentence"]),
        doc_key=data["doc_key"],
        doc=data["doc"],
        outlet=data.get("outlet"),
        published=date.fromisoformat(published) if published else None,
        restriction=data.get("restriction"),
        reason=data.get("reason"),
        side=data.get("side"),
        damaged=bool(data.get("damaged", False)),
        attribution=data.get("attribution"),
        dated_by=data.get("dated_by", "wording"),
        scope=data.get("scope", "named"),
    )
