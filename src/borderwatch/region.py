"""The one loader for region knowledge: gazetteer, admin1 names, actors and the trigger lexicon.

Region knowledge is data, not code.  The packaged files under ``borderwatch/data`` describe the
first region (the Lebanon-Syria border); a user adds or overrides entries by pointing
``settings.region_dirs`` at directories holding files of the same names.  Entries with the same
``id`` (actors, triggers) or the same ``name`` and country (places) are replaced by later files.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import RegionDataError
from .gazetteer_table import Atlas, CompactGazetteer

# The compact gazetteer of every populated place of the region (the hand-made gazetteer.yaml
# keeps precedence over it); user region_dirs may hold their own file of the same name and format.
COMPACT_GAZETTEER = "gazetteer_region.tsv.gz"
PLACE_KEYS = ("name", "kind", "country", "lat", "lon", "precision")
# libyaml's parser where PyYAML was built with it: the same documents, ten times faster (the
# region's YAML files took a third of a second to parse in Python).
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Bump when what a parsed YAML file is kept as changes (its cache key also has its bytes).
YAML_CACHE_FORMAT = "1"


@dataclass(frozen=True)
class GazetteerEntry:
    place_id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    country_code: str
    admin1: str | None
    lat: float
    lon: float
    precision: int
    source: str


@dataclass(frozen=True)
class Role:
    """A role held over [start, end): ``end`` is the first day it no longer held."""

    role: str
    org: str | None
    start: date | None
    end: date | None


@dataclass(frozen=True)
class ActorEntry:
    """An actor; names are valid over [valid_from, valid_to) (None: open-ended)."""

    actor_id: str
    canonical: str
    inter: int
    kind: str
    country: str | None
    aliases: tuple[str, ...]
    context_aliases: tuple[str, ...] = ()
    valid_from: date | None = None
    valid_to: date | None = None
    successor: str | None = None
    roles: tuple[Role, ...] = ()
    source: str = ""

    def valid_on(self, day: date | None) -> bool:
        if day is None:
            return True
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day < self.valid_to
        )


@dataclass(frozen=True)
class Trigger:
    trigger_id: str
    event_type: str
    sub_event_type: str
    lemmas: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    pos: tuple[str, ...] = ("NOUN", "VERB")
    kind: str | None = None
    plover_type: str | None = None
    plover_mode: str | None = None
    tags: tuple[str, ...] = ()
    requires_any: tuple[str, ...] = ()
    priority: int = 0


@dataclass(frozen=True)
class Lexicon:
    triggers: tuple[Trigger, ...]
    tag_words: dict[str, tuple[str, ...]]
    counts: dict[str, tuple[str, ...]]
    vague_numbers: dict[str, int]
    reporting_verbs: tuple[str, ...]
    modality: dict[str, tuple[str, ...]]
    protest_intervention: tuple[str, ...] = ()
    protest_excessive_force: tuple[str, ...] = ()
    abstract_objects: tuple[str, ...] = ()
    person_nouns: tuple[str, ...] = ()
    possession_verbs: tuple[str, ...] = ()
    protest_violence: tuple[str, ...] = ()
    classes: dict[str, frozenset[str]] = field(default_factory=dict)
    habitual_modifiers: tuple[str, ...] = ()
    # scope.yaml: cue word classes, trigger senses and ACLED scope rules (extract/scope.py)
    scope: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Outlet:
    """A news outlet: its names, web addresses, home country and reach (``data/outlets.yaml``)."""

    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    country: str | None
    scale: str
    source: str = ""


OUTLET_SCALES = ("Local", "Subnational", "National", "Regional", "International")


@dataclass(frozen=True)
class RegionData:
    places: tuple[GazetteerEntry, ...]
    admin1: dict[str, dict[str, str]]
    actors: tuple[ActorEntry, ...]
    lexicon: Lexicon
    country_names: dict[str, str] = field(default_factory=dict)
    atlas: Atlas = field(default_factory=CompactGazetteer)


def _read_yaml(path: Path | Any) -> Any:
    """The parsed YAML file ``path``: parsed once per content and kept pickled between runs
    (``compiled.cached_object``: loading the pickle takes a tenth of the time of parsing the
    region's files, paid by every command that reads them)."""
    from . import compiled

    data = path.read_bytes()
    key = compiled.digest([YAML_CACHE_FORMAT, yaml.__version__, YAML_LOADER.__name__, data])
    stem = f"yaml-{Path(str(path)).name}"
    return compiled.cached_object(
        stem, key, lambda: _parse_yaml(data, path), f"parsed copy of {path}"
    )


def _parse_yaml(data: bytes, path: Path | Any) -> Any:
    try:
        return yaml.load(data.decode("utf-8"), Loader=YAML_LOADER) or {}
    except yaml.YAMLError as exc:
        raise RegionDataError(f"{path}: not valid YAML ({exc}); fix the file or remove it") from exc


def _sources(name: str, extra_dirs: tuple[str, ...]) -> list[Any]:
    packaged = resources.files("borderwatch") / "data" / name
    found: list[Any] = [packaged] if packaged.is_file() else []
    for directory in extra_dirs:
        candidate = Path(directory) / name
        if candidate.is_file():
            found.append(candidate)
    return found


def _as_date(value: Any, where: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise RegionDataError(f"{where}: {value!r} is not an ISO date (YYYY-MM-DD)") from exc


def _tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _place(raw: dict[str, Any], where: str) -> GazetteerEntry:
    missing = [k for k in PLACE_KEYS if k not in raw]
    if missing:
        raise RegionDataError(f"{where}: place {raw.get('name')!r} lacks {', '.join(missing)}")
    country = str(raw["country"]).upper()
    return GazetteerEntry(
        place_id=f"{country}:{raw['name']}".lower(),
        name=str(raw["name"]),
        aliases=_tuple(raw.get("aliases")),
        kind=str(raw["kind"]),
        country_code=country,
        admin1=raw.get("admin1"),
        lat=float(raw["lat"]),
        lon=float(raw["lon"]),
        precision=int(raw["precision"]),
        source=str(raw.get("source", "")),
    )


def _outlet(raw: dict[str, Any], where: str) -> Outlet:
    scale = raw.get("scale")
    if scale not in OUTLET_SCALES or not raw.get("name"):
        raise RegionDataError(
            f"{where}: outlet {raw.get('name')!r} needs a name and a scale, one of "
            f"{', '.join(OUTLET_SCALES)} (not {scale!r})"
        )
    country = raw.get("country")
    return Outlet(
        name=str(raw["name"]),
        aliases=_tuple(raw.get("aliases")),
        domains=tuple(d.lower().removeprefix("www.") for d in _tuple(raw.get("domains"))),
        country=str(country).upper() if country else None,
        scale=str(scale),
        source=str(raw.get("source", "")),
    )


@functools.lru_cache(maxsize=8)
def load_outlets(extra_dirs: tuple[str, ...] = ()) -> tuple[Outlet, ...]:
    """The outlets of the packaged ``outlets.yaml`` and of ``extra_dirs`` (a later entry of the
    same name replaces an earlier one). Separate from :func:`load_region`, which loads the
    gazetteers: exports need only this."""
    outlets: list[Outlet] = []
    for path in _sources("outlets.yaml", extra_dirs):
        outlets += [_outlet(o, str(path)) for o in _read_yaml(path).get("outlets") or ()]
    return _merge_by_key(outlets, "name")


def _actor(raw: dict[str, Any], where: str) -> ActorEntry:
    try:
        roles = tuple(
            Role(
                role=str(r["role"]),
                org=r.get("org"),
                start=_as_date(r.get("from"), where),
                end=_as_date(r.get("to"), where),
            )
            for r in raw.get("roles") or ()
        )
        return ActorEntry(
            actor_id=str(raw["id"]),
            canonical=str(raw["canonical"]),
            inter=int(raw.get("type", 8)),
            kind=str(raw.get("kind", "organisation")),
            country=raw.get("country"),
            aliases=_tuple(raw.get("aliases")),
            context_aliases=_tuple(raw.get("context_aliases")),
            valid_from=_as_date(raw.get("valid_from"), where),
            valid_to=_as_date(raw.get("valid_to"), where),
            successor=raw.get("successor"),
            roles=roles,
            source=str(raw.get("source", "")),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise RegionDataError(f"{where}: actor entry {raw!r:.80} is malformed ({exc})") from exc


def _trigger(raw: dict[str, Any], where: str) -> Trigger:
    try:
        return Trigger(
            trigger_id=str(raw["id"]),
            event_type=str(raw["event_type"]),
            sub_event_type=str(raw["sub_event_type"]),
            lemmas=_tuple(raw.get("lemmas")),
            phrases=_tuple(raw.get("phrases")),
            pos=_tuple(raw.get("pos")) or ("NOUN", "VERB"),
            kind=raw.get("kind"),
            plover_type=raw.get("plover_type"),
            plover_mode=raw.get("plover_mode"),
            tags=_tuple(raw.get("tags")),
            requires_any=_tuple(raw.get("requires_any")),
            priority=int(raw.get("priority", 0)),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise RegionDataError(f"{where}: trigger {raw!r:.80} is malformed ({exc})") from exc


def _merge_by_key(items: list[Any], key: str) -> tuple[Any, ...]:
    merged: dict[str, Any] = {}
    for item in items:
        merged[getattr(item, key)] = item
    return tuple(merged.values())


def _load_lexicon(extra_dirs: tuple[str, ...]) -> Lexicon:
    triggers: list[Trigger] = []
    lists: dict[str, Any] = {}
    for path in _sources("triggers.yaml", extra_dirs):
        raw = _read_yaml(path)
        triggers += [_trigger(t, str(path)) for t in raw.get("triggers") or ()]
        for name in (
            "tag_words",
            "counts",
            "vague_numbers",
            "modality",
            "classes",
        ):
            lists.setdefault(name, {}).update(raw.get(name) or {})
        for name in (
            "reporting_verbs",
            "protest_intervention",
            "protest_excessive_force",
            "abstract_objects",
            "person_nouns",
            "possession_verbs",
            "protest_violence",
            "habitual_modifiers",
        ):
            if raw.get(name):
                lists[name] = tuple(raw[name])
    return Lexicon(
        triggers=_merge_by_key(triggers, "trigger_id"),
        tag_words={k: _tuple(v) for k, v in lists.get("tag_words", {}).items()},
        counts={k: _tuple(v) for k, v in lists.get("counts", {}).items()},
        vague_numbers={str(k): int(v) for k, v in lists.get("vague_numbers", {}).items()},
        reporting_verbs=lists.get("reporting_verbs", ()),
        modality={k: _tuple(v) for k, v in lists.get("modality", {}).items()},
        protest_intervention=lists.get("protest_intervention", ()),
        protest_excessive_force=lists.get("protest_excessive_force", ()),
        abstract_objects=lists.get("abstract_objects", ()),
        person_nouns=lists.get("person_nouns", ()),
        possession_verbs=lists.get("possession_verbs", ()),
        protest_violence=lists.get("protest_violence", ()),
        classes={k: frozenset(_tuple(v)) for k, v in lists.get("classes", {}).items()},
        habitual_modifiers=lists.get("habitual_modifiers", ()),
        scope=_load_scope(extra_dirs),
    )


def _load_scope(extra_dirs: tuple[str, ...]) -> dict[str, Any]:
    """scope.yaml files merged: cue lists, cue exceptions and the border zone's units joined,
    senses replaced per trigger id, rules appended (a later rule with the same id replaces the
    earlier one where it is applied)."""
    cues: dict[str, list[str]] = {}
    senses: dict[str, Any] = {}
    rules: list[Any] = []
    exceptions: dict[str, list[str]] = {}
    zone: dict[str, list[str]] = {}
    for path in _sources("scope.yaml", extra_dirs):
        raw = _read_yaml(path)
        for name, words in (raw.get("cues") or {}).items():
            cues.setdefault(str(name), []).extend(str(w).lower() for w in words or ())
        for word, mods in (raw.get("cue_exceptions") or {}).items():
            exceptions.setdefault(str(word).lower(), []).extend(str(m).lower() for m in mods)
        for country, units in ((raw.get("border_zone") or {}).get("admin1") or {}).items():
            zone.setdefault(str(country).upper(), []).extend(str(u) for u in units or ())
        senses.update(raw.get("senses") or {})
        rules += list(raw.get("rules") or ())
    return {
        "cues": cues,
        "senses": senses,
        "rules": rules,
        "cue_exceptions": exceptions,
        "border_zone": zone,
    }


def _atlas(extra_dirs: tuple[str, ...]) -> Atlas:
    """The compact gazetteer files, compiled (see ``atlas``); none: an empty one."""
    sources = _sources(COMPACT_GAZETTEER, extra_dirs)
    if not sources:
        return CompactGazetteer()
    from .atlas import compiled_atlas

    return compiled_atlas(sources)


@functools.lru_cache(maxsize=8)
def load_region(extra_dirs: tuple[str, ...] = ()) -> RegionData:
    """Load packaged region data plus the files in ``extra_dirs`` (cached per directory set)."""
    places: list[GazetteerEntry] = []
    for path in _sources("gazetteer.yaml", extra_dirs):
        places += [_place(p, str(path)) for p in _read_yaml(path).get("places") or ()]
    actors: list[ActorEntry] = []
    for path in _sources("actors.yaml", extra_dirs):
        actors += [_actor(a, str(path)) for a in _read_yaml(path).get("actors") or ()]
    admin1: dict[str, dict[str, str]] = {}
    for path in _sources("admin1.yaml", extra_dirs):
        for country, codes in _read_yaml(path).items():
            admin1.setdefault(str(country), {}).update({str(k): str(v) for k, v in codes.items()})
    return RegionData(
        atlas=_atlas(extra_dirs),
        places=_merge_by_key(places, "place_id"),
        admin1=admin1,
        actors=_merge_by_key(actors, "actor_id"),
        lexicon=_load_lexicon(extra_dirs),
    )
