"""Processed documents as flat JSON rows, the form they take in Parquet files and between Ray
workers and the driver.

A row holds the source, the status (``ok`` or ``failed``), the content key, the failure's stage
and reason, and the article and its mentions as JSON (``model.to_jsonable``), so a row written by
one run can be loaded by a later one without pickles.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from typing import Any

from ..model import Article, RawDocument, Skipped, mention_from, to_jsonable
from ..pipeline import Processed

ROW_FIELDS = ("source", "status", "doc_key", "stage", "reason", "article", "mentions")


def row_schema(metadata: dict[bytes, bytes] | None = None) -> Any:
    """The Arrow schema of processed rows (every field a nullable string); needs pyarrow."""
    import pyarrow as pa

    return pa.schema([(key, pa.large_string()) for key in ROW_FIELDS], metadata=metadata)


def processed_to_row(processed: Processed) -> dict[str, str | None]:
    """One processed document as a row of strings (``article``/``mentions`` hold JSON)."""
    if processed.skipped is not None or processed.article is None:
        skipped = processed.skipped or Skipped(processed.source, "process", "no article")
        return {
            "source": processed.source,
            "status": "failed",
            "doc_key": None,
            "stage": skipped.stage,
            "reason": skipped.reason,
            "article": None,
            "mentions": None,
        }
    return {
        "source": processed.source,
        "status": "ok",
        "doc_key": processed.article.doc_key,
        "stage": None,
        "reason": None,
        "article": json.dumps(to_jsonable(processed.article), ensure_ascii=False),
        "mentions": json.dumps(to_jsonable(processed.mentions), ensure_ascii=False),
    }


def row_to_processed(row: dict[str, Any]) -> Processed:
    """The inverse of :func:`processed_to_row`."""
    source = str(row["source"])
    if row.get("status") != "ok":
        reason = row.get("reason") or "unknown failure"
        return Processed(source, skipped=Skipped(source, row.get("stage") or "process", reason))
    article = article_from(json.loads(row["article"]))
    mentions = [mention_from(m) for m in json.loads(row["mentions"] or "[]")]
    return Processed(source, article=article, mentions=mentions)


def article_from(data: dict[str, Any]) -> Article:
    """Rebuild an :class:`Article` from :func:`to_jsonable` output (dates from ISO strings,
    tuples from lists); fields the data lacks keep their defaults."""
    values: dict[str, Any] = {}
    for f in dataclasses.fields(Article):
        if f.name not in data:
            continue
        value, kind = data[f.name], str(f.type)
        if isinstance(value, str) and kind.startswith("date"):
            value = date.fromisoformat(value)
        elif isinstance(value, list) and kind.startswith("tuple"):
            value = tuple(value)
        values[f.name] = value
    return Article(**values)


def raw_to_row(raw: RawDocument) -> dict[str, Any]:
    """A raw document as a row of plain values (for Ray Data blocks)."""
    row = {f.name: getattr(raw, f.name) for f in dataclasses.fields(RawDocument)}
    row["published"] = raw.published.isoformat() if raw.published else None
    return row


def row_to_raw(row: dict[str, Any]) -> RawDocument:
    published = row.get("published")
    values: dict[str, Any] = {f.name: row.get(f.name) for f in dataclasses.fields(RawDocument)}
    values["published"] = date.fromisoformat(published) if published else None
    values["content"] = bytes(values["content"])
    return RawDocument(**values)
