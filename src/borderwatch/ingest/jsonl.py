"""JSON Lines dumps: one article per line (``text`` or ``html``, plus optional metadata).

Dumps can be far larger than one article, so the file is streamed line by line and each record
is held to the per-document size cap; a line over the cap is skipped without being read whole.
A record is named ``PATH:LINE`` in messages so the user can find it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import IO, Any

from ..model import NotEnglish, RawDocument, Skipped
from .base import Defaults, parse_day, text_or_none

RECORD_FIELDS = "text or html"
ENGLISH = ("en", "eng", "english")


def iter_jsonl(path: Path, defaults: Defaults, max_bytes: int) -> Iterator[RawDocument | Skipped]:
    """Yield one document (or ``Skipped``) per non-blank line of ``path``."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield Skipped(str(path), "ingest", f"cannot read file ({exc.strerror or exc})")
        return
    with handle:
        for number, line in _lines(handle, max_bytes):
            source = f"{path}:{number}"
            if line is None:
                yield Skipped(source, "ingest", f"record is over the {max_bytes:,}-byte limit")
            elif b"\x00" in line:
                yield Skipped(str(path), "ingest", "binary file, not JSON lines")
                return
            elif line.strip():
                yield record_document(line, source, defaults)


def _lines(handle: IO[bytes], max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines, each read at most ``max_bytes`` at a time; None for an oversized line
    (unless it holds NUL bytes: then it is returned so the caller can call the file binary)."""
    number = 0
    while line := handle.readline(max_bytes + 1):
        number += 1
        if len(line) <= max_bytes or line.endswith(b"\n") or b"\x00" in line:
            yield number, line
            continue
        while (rest := handle.readline(max_bytes)) and not rest.endswith(b"\n"):
            pass
        yield number, None


def record_document(line: bytes, source: str, defaults: Defaults) -> RawDocument | Skipped:
    """One JSON record as a document; its own metadata beats the caller's defaults."""
    try:
        data = json.loads(line)
    except (ValueError, UnicodeDecodeError) as exc:
        return Skipped(source, "ingest", f"not valid JSON ({str(exc).splitlines()[0]})")
    if not isinstance(data, dict):
        return Skipped(source, "ingest", "a JSON object per line is expected")
    body = _body(data)
    if body is None:
        return Skipped(source, "ingest", f"record has no {RECORD_FIELDS}")
    own = defaults.override(
        published=parse_day(data.get("published")),
        outlet=text_or_none(data.get("outlet")),
        url=text_or_none(data.get("url")),
        title=text_or_none(data.get("title")),
    )
    language = text_or_none(data.get("language"))
    if language and language.lower().split("-")[0] not in ENGLISH:
        reason = f"not English (declared: {language})"
        # kept as the record gave it (plain text, or HTML not yet cleaned)
        return NotEnglish(source, "language", reason, language, body[0], **asdict(own))
    return RawDocument(source, body[0].encode("utf-8", "replace"), body[1], **asdict(own))


def _body(data: dict[str, Any]) -> tuple[str, str] | None:
    """The record's HTML (main text extracted later) or else its plain text."""
    html, text = text_or_none(data.get("html")), text_or_none(data.get("text"))
    if html:
        return html, "text/html"
    if text:
        return text, "text/plain"
    return None
