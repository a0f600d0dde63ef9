"""Custom SQL constructs of the event filters (``store.query``), each compiled per dialect: the
JSON functions SQLite and PostgreSQL spell differently, the free-text index's match, and a
column the planner must not read in order from an index.

Each declares the parts that make its SQL (``_traverse_internals``) so that SQLAlchemy keeps
the statements holding it compiled (its statement cache): with ``inherit_cache = False`` every
query holding one was compiled again, ~2.6 ms of a place-week's export's ~15 under
``bench/load.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal


class JsonArrayMatch(ColumnElement[bool]):
    """True when some element of the JSON array ``payload[key]`` matches.

    With ``values``: the element (a string) is one of them.  With ``pattern``: the element's
    ``subkey`` (a string) is LIKE ``pattern`` case-insensitively (``pattern`` already lower-case).
    """

    # cached compiled, keyed by these (SQLAlchemy's statement cache: uncached, every query with
    # one was compiled again, ~2.6 ms of a place-week's export of 15)
    inherit_cache = True
    _traverse_internals = [
        ("column", InternalTraversal.dp_clauseelement),
        ("key", InternalTraversal.dp_string),
        ("subkey", InternalTraversal.dp_string),
        ("values", InternalTraversal.dp_clauseelement_list),
        ("pattern", InternalTraversal.dp_clauseelement),
    ]
    type = sa.Boolean()

    def __init__(
        self,
        column: Any,
        key: str,
        *,
        values: Sequence[str] = (),
        subkey: str | None = None,
        pattern: str | None = None,
    ) -> None:
        self.column, self.key, self.subkey = column, key, subkey
        self.values = [sa.bindparam(None, v, type_=sa.Text) for v in values]
        self.pattern = None if pattern is None else sa.bindparam(None, pattern, type_=sa.Text)


def _json_array_match(element: JsonArrayMatch, compiler: SQLCompiler, sqlite: bool) -> str:
    column = compiler.process(element.column)
    if sqlite:
        source = f"json_each({column}, '$.{element.key}') AS j"
        item = f"json_extract(j.value, '$.{element.subkey}')" if element.subkey else "j.value"
    else:
        fn = "jsonb_array_elements" if element.subkey else "jsonb_array_elements_text"
        source = f"{fn}(CAST({column} AS jsonb) -> '{element.key}') AS j(value)"
        item = f"(j.value ->> '{element.subkey}')" if element.subkey else "j.value"
    if element.pattern is not None:
        condition = f"lower({item}) LIKE {compiler.process(element.pattern)} ESCAPE '\\'"
    else:
        condition = f"{item} IN ({', '.join(compiler.process(v) for v in element.values)})"
    return f"EXISTS (SELECT 1 FROM {source} WHERE {condition})"


@compiles(JsonArrayMatch, "sqlite")
def _json_array_match_sqlite(element: JsonArrayMatch, compiler: SQLCompiler, **_: Any) -> str:
    return _json_array_match(element, compiler, sqlite=True)


@compiles(JsonArrayMatch, "postgresql")
def _json_array_match_pg(element: JsonArrayMatch, compiler: SQLCompiler, **_: Any) -> str:
    return _json_array_match(element, compiler, sqlite=False)


class JsonText(ColumnElement[str]):
    """The string ``payload[key]`` of a JSON payload column."""

    inherit_cache = True  # cached compiled, keyed by these (as ``JsonArrayMatch``)
    _traverse_internals = [
        ("column", InternalTraversal.dp_clauseelement),
        ("key", InternalTraversal.dp_string),
    ]
    type = sa.Text()

    def __init__(self, column: Any, key: str) -> None:
        self.column, self.key = column, key


@compiles(JsonText, "sqlite")
def _json_text_sqlite(element: JsonText, compiler: SQLCompiler, **_: Any) -> str:
    return f"json_extract({compiler.process(element.column)}, '$.{element.key}')"


@compiles(JsonText, "postgresql")
def _json_text_pg(element: JsonText, compiler: SQLCompiler, **_: Any) -> str:
    return f"(CAST({compiler.process(element.column)} AS jsonb) ->> '{element.key}')"


# The trigram index answers a LIKE of at least three characters without wildcards of its own.
MIN_INDEXED_TEXT = 3


class TextIndexMatch(ColumnElement[bool]):
    """True for (at least) every event whose searchable text contains ``value``, from the
    free-text index: a sieve that the exact free-text condition is checked after."""

    # cached compiled, keyed by these (SQLAlchemy's statement cache: uncached, every query with
    # one was compiled again, ~2.6 ms of a place-week's export of 15)
    inherit_cache = True
    _traverse_internals = [
        ("pattern", InternalTraversal.dp_clauseelement),
        ("phrase", InternalTraversal.dp_clauseelement),
    ]
    type = sa.Boolean()

    def __init__(self, value: str) -> None:
        self.pattern = sa.bindparam(None, f"%{value.lower()}%", type_=sa.Text)
        # FTS5's trigram MATCH of a quoted phrase: the same rows as its LIKE for printable
        # ASCII (both fold ASCII case only there), read from the trigrams' posting lists
        # instead of checked row by row (at 100,000 events 1 ms against 16 ms).
        phrase = '"' + value.replace('"', '""') + '"' if index_is_exact(value) else None
        self.phrase = None if phrase is None else sa.bindparam(None, phrase, type_=sa.Text)


@compiles(TextIndexMatch, "sqlite")
def _text_index_sqlite(element: TextIndexMatch, compiler: SQLCompiler, **_: Any) -> str:
    if element.phrase is not None:
        phrase = compiler.process(element.phrase)
        return f"events.rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH {phrase})"
    pattern = compiler.process(element.pattern)
    return f"events.rowid IN (SELECT rowid FROM events_fts WHERE doc LIKE {pattern})"


@compiles(TextIndexMatch, "postgresql")
def _text_index_pg(element: TextIndexMatch, compiler: SQLCompiler, **_: Any) -> str:
    pattern = compiler.process(element.pattern)
    return f"events.event_id IN (SELECT event_id FROM event_search WHERE doc LIKE {pattern})"


def indexed_text(value: str) -> bool:
    """Whether the free-text index can look ``value`` up (else the filter scans)."""
    return len(value) >= MIN_INDEXED_TEXT and not {"%", "_", "\\"} & set(value)


def index_is_exact(value: str) -> bool:
    """Whether the free-text index's answer for ``value`` is the free-text filter's answer, with
    no check of the rows found: the index holds exactly the fields the filter searches, one a
    line (migration 0012), and matches substrings exactly, ignoring case as SQL's ``lower`` and
    ``LIKE`` do for ASCII.  So a printable ASCII value (no line break: it cannot span two
    fields) is found in the index where it is found in a field.  Other text (accents, other
    scripts, whose case folding differs between the index and ``lower``) is checked as
    written on the rows the index finds."""
    return indexed_text(value) and value.isascii() and value.isprintable()


class Unindexed(ColumnElement[Any]):
    """A column that SQLite's planner must not read in order from an index: ``+column`` (a
    no-op on any value).  Ordered by a date window's rows, SQLite otherwise walks the whole
    date index (reading every row) when a query has no small LIMIT, instead of the window
    index ``ix_events_window``: 170-230 ms against 5-90 ms per window at 100,000 events."""

    inherit_cache = True  # cached compiled, keyed by its column (as ``JsonText``)
    _traverse_internals = [("column", InternalTraversal.dp_clauseelement)]

    def __init__(self, column: Any) -> None:
        self.column = column
        self.type = column.type


@compiles(Unindexed, "sqlite")
def _unindexed_sqlite(element: Unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return f"+{compiler.process(element.column, **kw)}"


@compiles(Unindexed)
def _unindexed_other(element: Unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return str(compiler.process(element.column, **kw))
