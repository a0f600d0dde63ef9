"""The crossings of the region (``data/crossings.yaml`` plus users' region directories) and
the names that refer to them.

A crossing is found in text by two kinds of name: its own names ("Masnaa", "Jdeidet Yabous"),
which mean the crossing wherever they appear, and the names of the towns it is named after
("al-Qaa", "Jousieh"), which mean the crossing only in a sentence that speaks of a crossing
("the al-Qaa crossing"); a Syrian post's name is simply one more name of the same crossing.
Matching ignores case, hyphens, apostrophes and an "al-"/"el-" before the name, and maps the
text to a same-length folded copy so every match keeps its offsets in the original.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..errors import RegionDataError
from ..region import _read_yaml, _sources

CROSSINGS_FILE = "crossings.yaml"
KINDS = ("official", "informal")
# Articles English transliterations put before a name ("al-Qaa", "el Masnaa", "as-Sayyid").
_ARTICLE = r"(?:al|el|as|ad|an|ash)\s"
EARTH_KM = 6371.0


@dataclass(frozen=True)
class Crossing:
    """One crossing: an official post pair or an area of unofficial crossings."""

    crossing_id: str
    name: str
    kind: str
    lebanese_post: str | None
    syrian_post: str | None
    latitude: float | None
    longitude: float | None
    names: tuple[str, ...]
    places: tuple[str, ...]
    sources: tuple[str, ...]
    point: str = ""
    areas: tuple[str, ...] = ()

    def km_to(self, latitude: float, longitude: float) -> float | None:
        """Great-circle distance from the crossing's point (None: the crossing has none)."""
        if self.latitude is None or self.longitude is None:
            return None
        return haversine_km(self.latitude, self.longitude, latitude, longitude)


@dataclass(frozen=True)
class NameMatch:
    """A crossing named in a text: which, where, and whether by its own name."""

    crossing_id: str
    start: int
    end: int
    own_name: bool  # False: a town's name, a crossing only beside "crossing"


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(a))


# Characters folded to a space or an apostrophe (same length, so offsets hold).
_FOLDED = str.maketrans({**dict.fromkeys("-‐‑–—/_", " "), **dict.fromkeys("’‘`ʼʻ´", "'")})


def fold(text: str) -> str:
    """A same-length copy of ``text`` for matching: lower case, accents off, hyphens and
    slashes as spaces, every apostrophe as ``'``."""
    if text.isascii():
        return text.lower().translate(_FOLDED)  # the usual case, at C speed
    out = []
    for char in text.translate(_FOLDED):
        base = unicodedata.normalize("NFKD", char)[:1] or char
        out.append(base.lower() if len(base.lower()) == 1 else char)
    return "".join(out)


def _name_key(name: str) -> str:
    """A name as the matcher compares it: folded, no article, no apostrophes, single spaces."""
    core = " ".join(fold(name).replace("'", "").split())
    return re.sub(r"^(?:al|el|as|ad|an|ash) ", "", core)


def _name_pattern(key: str) -> str:
    words = ["'?".join(re.escape(ch) for ch in w) + "'?" for w in key.split()]
    return r"\s+".join(words)


class Crossings:
    """The region's crossings by id, and a matcher for the names of all of them."""

    def __init__(self, crossings: Iterable[Crossing]) -> None:
        self.by_id: dict[str, Crossing] = {c.crossing_id: c for c in crossings}
        self._names: dict[str, tuple[str, bool]] = {}
        for crossing in self.by_id.values():
            for name in crossing.names:
                self._names.setdefault(_name_key(name), (crossing.crossing_id, True))
            for name in crossing.places:
                self._names.setdefault(_name_key(name), (crossing.crossing_id, False))
        # longest first, so "Qaa-Jousieh" wins over "Qaa"
        keys = sorted(self._names, key=len, reverse=True)
        body = "|".join(_name_pattern(k) for k in keys) or "(?!)"
        self._pattern = re.compile(rf"(?<![\w'])(?:{_ARTICLE})?(?P<core>{body})(?!\w)")

    def __iter__(self) -> Any:
        return iter(self.by_id.values())

    def __len__(self) -> int:
        return len(self.by_id)

    def get(self, crossing_id: str) -> Crossing | None:
        return self.by_id.get(crossing_id)

    @property
    def official(self) -> list[Crossing]:
        return [c for c in self.by_id.values() if c.kind == "official"]

    def find_names(self, text: str) -> list[NameMatch]:
        """Every crossing name in ``text``, in order (an apostrophe inside a name is optional)."""
        found = []
        for match in self._pattern.finditer(fold(text)):
            crossing_id, own = self._names[" ".join(match["core"].replace("'", "").split())]
            found.append(NameMatch(crossing_id, match.start(), match.end(), own))
        return found

    def any_name(self, folded: str) -> bool:
        """Whether a folded text holds any crossing's name (a cheap first test)."""
        return self._pattern.search(folded) is not None

    def nearest(self, latitude: float, longitude: float, within_km: float) -> Crossing | None:
        """The crossing (area) nearest the point, if one is within ``within_km``."""
        best: tuple[float, Crossing] | None = None
        for crossing in self.by_id.values():
            km = crossing.km_to(latitude, longitude)
            if km is not None and km <= within_km and (best is None or km < best[0]):
                best = (km, crossing)
        return best[1] if best else None


def _crossing(raw: dict[str, Any], where: str) -> Crossing:
    try:
        kind = str(raw.get("kind", "official"))
        if kind not in KINDS:
            raise ValueError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
        lat, lon = raw.get("lat"), raw.get("lon")
        return Crossing(
            crossing_id=str(raw["id"]),
            name=str(raw["name"]),
            kind=kind,
            lebanese_post=raw.get("lebanese_post"),
            syrian_post=raw.get("syrian_post"),
            latitude=None if lat is None else float(lat),
            longitude=None if lon is None else float(lon),
            names=tuple(str(n) for n in (raw.get("names") or ())),
            places=tuple(str(n) for n in (raw.get("places") or ())),
            sources=tuple(str(s) for s in (raw.get("sources") or ())),
            point=str(raw.get("point") or ""),
            areas=tuple(str(a).lower() for a in (raw.get("areas") or ())),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise RegionDataError(f"{where}: crossing {raw!r:.80} is malformed ({exc})") from exc


@functools.lru_cache(maxsize=8)
def load_crossings(extra_dirs: tuple[str, ...] = ()) -> Crossings:
    """The packaged crossings plus those of ``extra_dirs`` (a later entry with the same id
    replaces an earlier one)."""
    found: dict[str, Crossing] = {}
    for path in _sources(CROSSINGS_FILE, extra_dirs):
        for raw in _read_yaml(path).get("crossings") or ():
            crossing = _crossing(raw, str(path))
            found[crossing.crossing_id] = crossing
    return Crossings(found.values())
