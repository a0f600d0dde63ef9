"""The compact region gazetteer, compiled: what ``region.load_region`` gives as ``atlas``.

``data/gazetteer_region.tsv.gz`` (and a user region directory's file of the same name) holds
every populated place of the region: tens of thousands of rows. Parsing it cost half a second
and tens of MB on every command; compiled once into a SQLite file (see ``compiled``: keyed by
the files' bytes and the code that reads them, so an edited file or changed code is compiled
again) it opens in a millisecond, and a stage reads the rows of the names it looks up.

:class:`AtlasIndex` answers as :class:`~borderwatch.region.CompactGazetteer` does (columns by
row number, ``by_name`` / ``by_fold`` from a key to row numbers), so callers need not know
which they hold. Every list column of ``CompactGazetteer`` is compiled, a column added there
(a new field of the source file) included, and read by the same name here.

The districts of the hand-made gazetteer's places (``resolve.districts``: the nearest compact
place's) need every row of the compact one; they are derived once per hand-made gazetteer
and kept in a small compiled file of their own, so that editing ``gazetteer.yaml`` does not
compile the compact gazetteer again.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from . import compiled, region
from .gcpause import paused_gc
from .region import CompactGazetteer, GazetteerEntry

# Bump when the layout of the compiled file changes (the code digest catches most changes).
ATLAS_FORMAT = 1
SQL_TYPES = {float: "REAL", int: "INTEGER", str: "TEXT"}


def compiled_atlas(sources: Sequence[Any]) -> AtlasIndex:
    """The compiled form of the compact gazetteer files ``sources`` (in order: a later file's
    rows come after an earlier one's), compiled now if no cached file matches them."""
    parts: list[bytes | str] = [str(ATLAS_FORMAT)]
    parts += compiled.code_of(region.__name__, __name__, compiled.__name__)
    parts += [s.read_bytes() for s in sources]  # their bytes, not their paths: checkouts share
    key = compiled.digest(parts)
    index = compiled.open_compiled(
        "region-atlas", key, functools.partial(_build, sources), "compiled region gazetteer"
    )
    return AtlasIndex(index, key)


def _build(sources: Sequence[Any], conn: compiled.Connection) -> None:
    atlas = CompactGazetteer()
    with paused_gc():
        for path in sources:
            atlas.add_file(path)
    columns = _columns(atlas)
    spec = ", ".join(f"{name} {SQL_TYPES[kind]}" for name, kind in columns)
    conn.execute(f"CREATE TABLE place (row INTEGER PRIMARY KEY, {spec})")
    names = [name for name, _ in columns]
    marks = ", ".join("?" * (len(names) + 1))
    values = zip(*(getattr(atlas, n) for n in names), strict=True)
    conn.executemany(f"INSERT INTO place VALUES ({marks})", ((i, *v) for i, v in enumerate(values)))
    conn.execute("CREATE INDEX place_by_kind ON place (kinds)")
    for table, keyed in (("name_key", atlas.by_name), ("fold_key", atlas.by_fold)):
        conn.execute(f"CREATE TABLE {table} (key TEXT NOT NULL, row INTEGER NOT NULL)")
        pairs = ((key, row) for key, rows in keyed.items() for row in rows)
        conn.executemany(f"INSERT INTO {table} VALUES (?, ?)", pairs)
        conn.execute(f"CREATE INDEX {table}_by_key ON {table} (key)")
    meta = {"fold_version": atlas.fold_version, "rows": len(atlas.ids), "columns": ",".join(names)}
    conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())


def _columns(atlas: CompactGazetteer) -> list[tuple[str, type]]:
    """The list fields of ``CompactGazetteer`` (one value per row) and their value types."""
    rows = len(atlas.ids)
    found = []
    for field in dataclasses.fields(atlas):
        values = getattr(atlas, field.name)
        if isinstance(values, list) and len(values) == rows:
            kinds = {type(v) for v in values} or {str}
            kind = float if kinds == {float, int} else kinds.pop()
            found.append((field.name, kind if kind in SQL_TYPES else str))
    return found


class Column(Sequence[Any]):
    """One column of the compiled atlas, by row number."""

    def __init__(self, atlas: AtlasIndex, position: int, name: str) -> None:
        self._atlas, self._position, self._name = atlas, position, name

    def __getitem__(self, row: Any) -> Any:
        if isinstance(row, slice):
            return [self[i] for i in range(*row.indices(len(self)))]
        return self._atlas.row(row)[self._position]

    def __len__(self) -> int:
        return len(self._atlas)

    def __iter__(self) -> Iterator[Any]:
        query = f"SELECT {self._name} FROM place ORDER BY row"
        return (r[0] for r in self._atlas.index.query(query))


class RowsByKey(Mapping[str, list[int]]):
    """A name key -> the rows it names (as ``CompactGazetteer.by_name`` / ``by_fold``)."""

    def __init__(self, index: compiled.CompiledFile, table: str) -> None:
        self._index, self._table = index, table
        self._rows = functools.lru_cache(maxsize=compiled.ROW_CACHE)(self._read)

    def _read(self, key: str) -> tuple[int, ...]:
        query = f"SELECT row FROM {self._table} WHERE key = ? ORDER BY rowid"
        return tuple(r[0] for r in self._index.query(query, (key,)))

    def __getitem__(self, key: str) -> list[int]:
        found = self._rows(key)
        if not found:
            raise KeyError(key)
        return list(found)

    def get(self, key: str, default: Any = None) -> Any:
        found = self._rows(key)
        return list(found) if found else default

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and bool(self._rows(key))

    def __iter__(self) -> Iterator[str]:
        return (r[0] for r in self._index.query(f"SELECT DISTINCT key FROM {self._table}"))

    def __len__(self) -> int:
        return int(self._index.query(f"SELECT COUNT(DISTINCT key) FROM {self._table}")[0][0])


class AtlasIndex:
    """The compiled compact gazetteer, read a row at a time (see the module)."""

    ids: Column
    names: Column
    kinds: Column
    countries: Column
    admin1: Column
    lats: Column
    lons: Column
    populations: Column
    admin2: Column
    admin3: Column

    def __init__(self, index: compiled.CompiledFile, key: str) -> None:
        self.index, self.key = index, key
        self.fold_version = int(index.meta("fold_version"))
        self._length = int(index.meta("rows"))
        self.column_names = tuple(str(index.meta("columns")).split(","))
        for position, name in enumerate(self.column_names):
            setattr(self, name, Column(self, position, name))
        self.by_name = RowsByKey(index, "name_key")
        self.by_fold = RowsByKey(index, "fold_key")
        select = f"SELECT {', '.join(self.column_names)} FROM place WHERE row = ?"
        self.row = functools.lru_cache(maxsize=compiled.ROW_CACHE)(
            lambda row: tuple(self._one(select, row))
        )

    def _one(self, select: str, row: int) -> tuple[Any, ...]:
        if not 0 <= row < self._length:
            raise IndexError(f"no row {row} in the compiled region gazetteer")
        return tuple(self.index.query(select, (row,))[0])

    def __len__(self) -> int:
        return self._length

    def countries_present(self) -> list[str]:
        """The country codes of the gazetteer's rows."""
        return [r[0] for r in self.index.query("SELECT DISTINCT countries FROM place")]

    def rows_of_kinds(self, kinds: Iterable[str]) -> list[int]:
        """The rows whose kind is one of ``kinds``, in row order."""
        wanted = sorted(set(kinds))
        marks = ", ".join("?" * len(wanted))
        query = f"SELECT row FROM place WHERE kinds IN ({marks}) ORDER BY row"
        return [r[0] for r in self.index.query(query, wanted)]

    def districts_of(self, entries: tuple[GazetteerEntry, ...]) -> dict[str, str]:
        """``resolve.districts.hand_districts`` of ``entries`` over this gazetteer, derived once
        per set of entries and kept compiled (see the module)."""
        code = compiled.code_of(
            f"{__package__}.resolve.districts", f"{__package__}.resolve.folding", __name__
        )
        described = repr(
            [(e.place_id, e.kind, e.country_code, e.admin1, e.lat, e.lon) for e in entries]
        )
        key = compiled.digest([self.key, *code, described])
        found = compiled.open_compiled(
            "region-districts",
            key,
            functools.partial(_build_districts, self, entries),
            "compiled districts of the hand-made gazetteer",
        )
        return dict(found.query("SELECT place_id, district FROM district"))

    def ocha_records_of(self, entries: tuple[GazetteerEntry, ...]) -> dict[str, Any]:
        """``resolve.ocha.hand_ocha_records`` of ``entries`` over this gazetteer, derived once
        per set of entries and kept compiled, as :meth:`districts_of` (finding the communities
        near every unmatched Syrian town read the whole gazetteer: a fifth of a second of
        every start)."""
        from .resolve.ocha import OchaRecord

        code = compiled.code_of(
            f"{__package__}.resolve.ocha", f"{__package__}.resolve.folding", __name__
        )
        described = repr(
            [(e.place_id, e.name, e.aliases, e.kind, e.country_code, e.lat, e.lon) for e in entries]
        )
        key = compiled.digest([self.key, *code, described])
        found = compiled.open_compiled(
            "region-ocha",
            key,
            functools.partial(_build_ocha, self, entries),
            "compiled OCHA communities of the hand-made gazetteer",
        )
        rows = found.query("SELECT place_id, name, admin2, admin3 FROM ocha")
        return {place_id: OchaRecord(*record) for place_id, *record in rows}

    def in_memory(self, names: Iterable[str]) -> CompactGazetteer:
        """A ``CompactGazetteer`` holding the columns ``names`` whole (for derivations that
        read every row)."""
        wanted = list(names)
        rows = self.index.query(f"SELECT {', '.join(wanted)} FROM place ORDER BY row")
        whole = CompactGazetteer(fold_version=self.fold_version)
        for name, values in zip(wanted, zip(*rows, strict=True), strict=True):
            setattr(whole, name, list(values))
        return whole


def _build_districts(
    atlas: AtlasIndex, entries: tuple[GazetteerEntry, ...], conn: compiled.Connection
) -> None:
    from .resolve.districts import hand_districts

    names = ("kinds", "countries", "admin1", "lats", "lons", "admin2")
    found = hand_districts(entries, atlas.in_memory(names)) if len(atlas) else {}
    conn.execute("CREATE TABLE district (place_id TEXT PRIMARY KEY, district TEXT)")
    conn.executemany("INSERT INTO district VALUES (?, ?)", found.items())


def _build_ocha(
    atlas: AtlasIndex, entries: tuple[GazetteerEntry, ...], conn: compiled.Connection
) -> None:
    from .resolve.ocha import hand_ocha_records

    found = hand_ocha_records(entries, atlas)
    conn.execute("CREATE TABLE ocha (place_id TEXT PRIMARY KEY, name TEXT, admin2, admin3)")
    rows = ((key, r.name, r.admin2, r.admin3) for key, r in found.items())
    conn.executemany("INSERT INTO ocha VALUES (?, ?, ?, ?)", rows)
