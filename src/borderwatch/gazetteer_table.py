"""The region's compact gazetteer as a column-wise table, and the ``Atlas`` protocol that it and
the compiled SQLite index (``borderwatch.atlas``) both answer.  Kept apart from the YAML loaders
of ``region`` because it is a data structure with its own reading rules, not a loader.
"""

from __future__ import annotations

import gzip
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from .errors import RegionDataError

if TYPE_CHECKING:
    from .region import GazetteerEntry


@dataclass
class CompactGazetteer:
    """Every populated place, district and governorate of the region and its neighbours
    (``data/gazetteer_region.tsv.gz``, built by ``scripts/build_gazetteer.py``), column-wise:
    48k rows as lists cost far less memory and load time than one object per place.
    ``by_name`` and ``by_fold`` map exact and folded name keys to row numbers."""

    fold_version: int = 0
    ids: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    admin1: list[str] = field(default_factory=list)
    lats: list[float] = field(default_factory=list)
    lons: list[float] = field(default_factory=list)
    populations: list[int] = field(default_factory=list)
    # the district (admin2) as the district record names it; "" for none (older ten-column
    # files have no such column)
    admin2: list[str] = field(default_factory=list)
    # the sub-district (admin3; OCHA's, Syria only); "" for none (absent from older files)
    admin3: list[str] = field(default_factory=list)
    by_name: dict[str, list[int]] = field(default_factory=dict)
    by_fold: dict[str, list[int]] = field(default_factory=dict)

    def rows_of_kinds(self, kinds: Iterable[str]) -> list[int]:
        """The rows whose kind is one of ``kinds``, in row order."""
        wanted = frozenset(kinds)
        return [row for row, kind in enumerate(self.kinds) if kind in wanted]

    def districts_of(self, entries: tuple[GazetteerEntry, ...]) -> dict[str, str]:
        """The districts of the hand-made gazetteer's ``entries`` (``resolve.districts``)."""
        from .resolve.districts import hand_districts

        return hand_districts(entries, self)

    def ocha_records_of(self, entries: tuple[GazetteerEntry, ...]) -> dict[str, Any]:
        """The OCHA communities the hand-made gazetteer's ``entries`` are (``resolve.ocha``)."""
        from .resolve.ocha import hand_ocha_records

        return dict(hand_ocha_records(entries, self))

    def add_file(self, path: Any) -> None:
        with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as handle:
            header = handle.readline()
            version = header.split("fold_version=", 1)[-1].split("\t", 1)[0]
            if not header.startswith("#") or not version.isdigit():
                raise RegionDataError(f"{path}: not a compact gazetteer (no fold_version header)")
            self.fold_version = int(version)
            for line in handle:
                self._add_row(line.rstrip("\n").split("\t"), path)

    def _add_row(self, cols: list[str], path: Any) -> None:
        if len(cols) not in (10, 11, 12):
            raise RegionDataError(
                f"{path}: a row has {len(cols)} columns, not 12 (or 11, 10): {cols[:2]}"
            )
        row = len(self.ids)
        ident, name, kind, country, admin1, lat, lon, population, exact, folded = cols[:10]
        # kinds, countries, governorates and districts repeat thousands of times: one string
        # object each
        self.admin2.append(sys.intern(cols[10]) if len(cols) > 10 else "")
        self.admin3.append(sys.intern(cols[11]) if len(cols) > 11 else "")
        self.ids.append(ident)
        self.names.append(name)
        self.kinds.append(sys.intern(kind))
        self.countries.append(sys.intern(country))
        self.admin1.append(sys.intern(admin1))
        self.lats.append(float(lat))
        self.lons.append(float(lon))
        self.populations.append(int(population or 0))
        for key in exact.split("|"):
            self.by_name.setdefault(key, []).append(row)
        for key in folded.split("|"):
            self.by_fold.setdefault(key, []).append(row)


class Atlas(Protocol):
    """What the place resolver reads of the compact gazetteer: :class:`CompactGazetteer`
    parsed in memory, or ``atlas.AtlasIndex``, its compiled form (what ``load_region``
    gives)."""

    fold_version: int

    @property
    def ids(self) -> Sequence[str]: ...
    @property
    def names(self) -> Sequence[str]: ...
    @property
    def kinds(self) -> Sequence[str]: ...
    @property
    def countries(self) -> Sequence[str]: ...
    @property
    def admin1(self) -> Sequence[str]: ...
    @property
    def lats(self) -> Sequence[float]: ...
    @property
    def lons(self) -> Sequence[float]: ...
    @property
    def populations(self) -> Sequence[int]: ...
    @property
    def admin2(self) -> Sequence[str]: ...

    @property
    def admin3(self) -> Sequence[str]: ...
    @property
    def by_name(self) -> Mapping[str, list[int]]: ...
    @property
    def by_fold(self) -> Mapping[str, list[int]]: ...
    def rows_of_kinds(self, kinds: Iterable[str]) -> list[int]: ...
    def districts_of(self, entries: tuple[GazetteerEntry, ...]) -> dict[str, str]: ...
    def ocha_records_of(self, entries: tuple[GazetteerEntry, ...]) -> dict[str, Any]: ...
