"""What every reader shares: the defaults a caller gives for documents that carry no metadata."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True)
class Defaults:
    """Publication date, outlet, URL and title to use where a document names none of its own.

    Passed down as one value so a reader (file, JSONL record, feed entry) can override a single
    field -- a feed entry's date, a JSONL record's outlet -- without knowing about the others.
    """

    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None

    def override(self, **values: Any) -> Defaults:
        """A copy where every given non-empty value replaces the default."""
        given = {k: v for k, v in values.items() if v not in (None, "")}
        return dataclasses.replace(self, **given)


def parse_day(value: Any) -> date | None:
    """A calendar day from an ISO date or timestamp string (or a date); None when unreadable,
    so that a record's bad date falls back to the caller's default instead of failing."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def text_or_none(value: Any) -> str | None:
    """``value`` as a stripped string when it is a non-empty string, else None."""
    return value.strip() or None if isinstance(value, str) else None
