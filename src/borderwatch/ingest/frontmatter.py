"""Front matter: the YAML header of a Markdown or text file (``---`` ... ``---``), read with bounds.

The header arrives from anyone who can hand us a file, a fetched text/markdown page or an API
submission, so it is read as hostile input.  YAML aliases are refused (``&a [*b, *b, ...]`` ten
levels deep turns a few hundred bytes into gigabytes once anything reads it as text), and the
header is held to a size, depth and node budget so that reading it costs little whatever it holds.
Only the fields Borderwatch uses are kept, each checked for its type: a list where the outlet
should be is the writer's mistake, reported as one line, not a database driver's traceback.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import yaml

from ..errors import IngestError

# A real header is a few hundred bytes; this leaves room for long titles and summaries.
MAX_BYTES = 64 * 1024
# Nesting and node count a header may reach; real headers are flat and hold tens of nodes.
MAX_DEPTH = 20
MAX_NODES = 5_000
TEXT_FIELDS = ("title", "outlet", "url", "author")
DATE_FIELDS = ("published",)
HEADER = re.compile(r"\A---[ \t]*(?:#[^\n]*)?\n(.*?)\n---[ \t]*\n", re.S)


class FrontMatterError(IngestError):
    """The header is YAML but not one Borderwatch accepts; the message is the one-line reason."""


class _BoundedLoader(yaml.SafeLoader):
    """The safe loader, refusing aliases and holding composition to the depth and node budgets."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._nodes = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise FrontMatterError("YAML aliases (*name) are not accepted")
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise FrontMatterError(f"more than {MAX_NODES:,} values")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise FrontMatterError(f"nested deeper than {MAX_DEPTH} levels")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def read_front_matter(text: str) -> tuple[str, dict[str, Any]]:
    """``(text without its header, typed fields)``; ``(text, {})`` when there is no header or
    it is not YAML (a Markdown rule, say).  Raises ``FrontMatterError`` for a header that is
    YAML but hostile or mistyped."""
    match = HEADER.match(text)
    if not match:
        return text, {}
    header = match.group(1)
    if len(header.encode("utf-8", "replace")) > MAX_BYTES:
        raise FrontMatterError(f"header is over the {MAX_BYTES:,}-byte limit")
    try:
        data = _load(header)
    except (yaml.YAMLError, ValueError):  # ValueError: an impossible date such as 2025-02-30
        return text, {}
    except RecursionError as exc:  # a budget above the interpreter's own: refuse all the same
        raise FrontMatterError(f"nested deeper than {MAX_DEPTH} levels") from exc
    if not isinstance(data, dict):
        return text, {}
    return text[match.end() :], typed_fields(data)


def _load(header: str) -> Any:
    """The header's one YAML document.  The loader is made inside the caller's ``try``: its
    reader already refuses control characters (``ReaderError``) when it is constructed."""
    loader = _BoundedLoader(header)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def typed_fields(data: dict[Any, Any]) -> dict[str, Any]:
    """The fields Borderwatch reads, checked: text fields as strings (a number or date that YAML
    read from unquoted text is that text again), dates as dates or date strings.
    Other keys are ignored."""
    fields: dict[str, Any] = {}
    for key, value in data.items():
        name = str(key).lower()
        if value is None or (name not in TEXT_FIELDS and name not in DATE_FIELDS):
            continue
        if name in DATE_FIELDS:
            if not isinstance(value, date | str):
                raise FrontMatterError(f"{name!r} must be a date, not {_kind(value)}")
            fields[name] = value.date() if isinstance(value, datetime) else value
        elif isinstance(value, str):
            fields[name] = value
        elif isinstance(value, int | float | date) and not isinstance(value, bool):
            fields[name] = str(value)  # YAML's reading of an unquoted "1984" or "2025-03-12"
        else:
            raise FrontMatterError(f"{name!r} must be text, not {_kind(value)}")
    return fields


def _kind(value: Any) -> str:
    kinds = {bool: "a boolean", list: "a list", dict: "a mapping", date: "a date"}
    for kind, name in kinds.items():
        if isinstance(value, kind):
            return name
    return f"a {type(value).__name__}"
