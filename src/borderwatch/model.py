"""The typed records every pipeline stage passes to the next.

Stages never hand each other loose dicts: ingest yields ``RawDocument``, clean turns it into an
``Article`` (or a ``Skipped``), extract yields ``Mention`` records (one per event an article
reports), resolve fills their ``Place``/``DateSpan``/``ActorRef`` fields, fuse groups mentions of
the same happening into an ``Event``, and store/export read events back.  Everything here is plain
data, serialisable with :func:`to_jsonable`, so records can cross process boundaries (batch
workers) and be written to JSONL for debugging.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

# ACLED's event types and sub-event types, spelled exactly as ACLED spells them.
ACLED_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

# Modalities an event mention can carry; only the first two are exported by default.
EXPORTED_MODALITIES = ("asserted", "reported")
MODALITIES = (
    "asserted",
    "reported",
    "denied",
    "attempted",
    "planned",
    "speculated",
    "hypothetical",
    "negated",
    "generic",  # a generic or habitual statement ("a dose that can kill")
    "out_of_scope",  # happened, but not an event ACLED codes (crime, disaster...): see ``why``
)

# Count keys an event may carry (as stated in the text).
COUNT_KEYS = (
    "killed",
    "injured",
    "detained",
    "arrested",
    "abducted",
    "released",
    "handed_over",
    "displaced",
    "evacuated",
    "seized",
    "area_km2",
)


@dataclass(frozen=True)
class RawDocument:
    """Bytes as read from a file, URL or record, plus whatever metadata came with them."""

    source: str  # file path or URL, shown to users and stored as sources[].doc
    content: bytes
    media_type: str  # "text/plain", "text/markdown" or "text/html"
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Skipped:
    """A document (or part of a batch) that could not be processed, and why."""

    source: str
    stage: str
    reason: str

    def line(self) -> str:
        return f"{self.source}: {self.stage}: {self.reason}"


@dataclass(frozen=True)
class NotEnglish(Skipped):
    """A readable document in another language: not processed (the extraction rules are English
    rules) but kept with its text and language, so that a later pipeline for that language can
    read it; it counts as skipped, not failed."""

    language: str = ""  # ISO 639 code, detected or declared by the record
    text: str = ""
    title: str | None = None
    published: date | None = None
    outlet: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Article:
    """Clean text of one news report with its metadata; ``doc_key`` identifies its content."""

    doc_key: str
    source: str
    text: str
    title: str | None = None
    published: date | None = None
    published_from: str = "unknown"  # "cli", "metadata", "dateline" or "unknown"
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    dateline: str | None = None  # "BEIRUT, June 4 (Reuters)", removed from the text
    removed_lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Span:
    """Character offsets into an article's text, with the text itself for readability."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Place:
    """A resolved location; ``precision`` 1 town/point, 2 near/part of, 3 region, 4 country."""

    name: str
    latitude: float
    longitude: float
    precision: int
    country: str
    country_code: str
    admin1: str | None = None
    source: str = ""
    # The name the text used when this place is a fallback to the region holding it (a village
    # the gazetteers do not know -> its governorate); "" when the place itself was found.
    named: str = ""
    # The district (ACLED's admin2) holding the place, as the region gazetteer's district record
    # names it; None above district level or where no gazetteer knows it.
    admin2: str | None = None
    # The sub-district (ACLED's admin3; OCHA's for Syria); None where no gazetteer has one.
    admin3: str | None = None


@dataclass(frozen=True)
class DateSpan:
    """A date window; ``precision`` 1 day, 2 week, 3 month, 4 year or vaguer."""

    start: date
    end: date
    precision: int
    text: str = ""

    @property
    def best(self) -> date:
        """The single best day: the day itself, else the middle of the window, the day that is
        never further than half the window from the true one."""
        return self.start + (self.end - self.start) / 2


@dataclass(frozen=True)
class ActorRef:
    """An actor as written in the text and what it resolved to (if anything).

    ``canonical`` is the name exported as ACLED's actor: an actor of the knowledge base, a
    generic actor with its country, a state's forces or government named from its country;
    empty when the words name no such actor ("members", an organisation the base does not
    know), whose text is still kept and shown beside the event."""

    text: str
    canonical: str
    actor_id: str | None = None
    inter: int | None = None  # ACLED interaction code, 1 state forces ... 8 external/other
    country: str | None = None

    @property
    def name(self) -> str | None:
        """The exported actor name, None when the words name no actor ACLED would."""
        return self.canonical or None


@dataclass
class Mention:
    """One event as one article reports it, with evidence for each field."""

    mention_id: str
    doc_key: str
    event_type: str
    sub_event_type: str
    trigger: Span
    sentence: Span
    plover_type: str | None = None
    plover_mode: str | None = None
    tags: tuple[str, ...] = ()
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    assoc_actor_1: ActorRef | None = None
    assoc_actor_2: ActorRef | None = None
    place: Place | None = None
    date: DateSpan | None = None
    counts: dict[str, int] = field(default_factory=dict)
    modality: str = "asserted"
    attribution: str | None = None
    historical: bool = False
    evidence: dict[str, Span] = field(default_factory=dict)
    confidence: float = 0.5
    # Why extraction admitted (or set aside) the event: trigger sense, arguments, scope rule.
    why: dict[str, str] = field(default_factory=dict)
    # Which scope admitted it: "acled" (ACLED's codebook) or "border" (Borderwatch's own border
    # business in the region's border zone: smuggling stopped, crossings closed, handovers).
    scope: str = "acled"


@dataclass(frozen=True)
class DocInfo:
    """What fusion needs to know of a mention's document (the store reads it, fusion uses
    it: here so that the store does not depend on the fuse stage)."""

    doc: str
    outlet: str | None
    published: date | None
    near_duplicate_of: str | None = None


@dataclass(frozen=True)
class SourceRef:
    """One report behind an event."""

    doc: str
    outlet: str | None
    published: date | None
    sentence: str
    attribution: str | None
    doc_key: str = ""
    mention_id: str = ""


@dataclass(frozen=True)
class Claim:
    """One source's value for one field; conflicting claims are kept side by side."""

    field: str
    value: Any
    doc: str
    sentence: str


@dataclass
class Event:
    """A real-world happening, fused from one or more mentions."""

    event_id: str
    event_type: str
    sub_event_type: str
    date: DateSpan | None
    place: Place | None
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    assoc_actor_1: ActorRef | None = None
    assoc_actor_2: ActorRef | None = None
    plover_type: str | None = None
    plover_mode: str | None = None
    tags: tuple[str, ...] = ()
    fatalities: int | None = None
    # UCDP-style range of reported deaths: {"low": .., "best": .., "high": ..}
    fatality_range: dict[str, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    modality: str = "asserted"
    historical: bool = False
    confidence: float = 0.5
    n_sources: int = 1  # independent outlets (a syndicated copy counts once)
    notes: str = ""
    sources: list[SourceRef] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    mention_ids: list[str] = field(default_factory=list)
    why: dict[str, str] = field(default_factory=dict)  # of the primary mention
    scope: str = "acled"  # "acled" when any report is in ACLED's scope, else "border"


@dataclass
class IngestReport:
    """What one ingest run did, for the CLI's summary table."""

    read: int = 0
    unchanged: int = 0
    events: int = 0
    mentions: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    failed: list[Skipped] = field(default_factory=list)


def to_jsonable(value: Any) -> Any:
    """Turn records (dataclasses, dates, tuples) into JSON-ready builtins."""
    if value is None or isinstance(value, str | int | float):
        return value
    names = _field_names(type(value))
    if names is not None:
        return {name: to_jsonable(getattr(value, name)) for name in names}
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    return value


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def _field_names(kind: type) -> tuple[str, ...] | None:
    """A dataclass's field names (looked up once per class: this runs for every value of
    every record written)."""
    if kind not in _FIELD_NAMES:
        is_record = dataclasses.is_dataclass(kind)
        _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(kind)) if is_record else None
    return _FIELD_NAMES[kind]


def _parse_date(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def span_from(data: dict[str, Any]) -> Span:
    return Span(int(data["start"]), int(data["end"]), str(data["text"]))


def place_from(data: dict[str, Any] | None) -> Place | None:
    return Place(**data) if data else None


def datespan_from(data: dict[str, Any] | None) -> DateSpan | None:
    if not data:
        return None
    return DateSpan(
        start=date.fromisoformat(data["start"]),
        end=date.fromisoformat(data["end"]),
        precision=int(data["precision"]),
        text=data.get("text", ""),
    )


def actor_from(data: dict[str, Any] | None) -> ActorRef | None:
    return ActorRef(**data) if data else None


def mention_from(data: dict[str, Any]) -> Mention:
    """Rebuild a :class:`Mention` from :func:`to_jsonable` output."""
    return Mention(
        mention_id=data["mention_id"],
        doc_key=data["doc_key"],
        event_type=data["event_type"],
        sub_event_type=data["sub_event_type"],
        trigger=span_from(data["trigger"]),
        sentence=span_from(data["sentence"]),
        plover_type=data.get("plover_type"),
        plover_mode=data.get("plover_mode"),
        tags=tuple(data.get("tags", ())),
        actor1=actor_from(data.get("actor1")),
        actor2=actor_from(data.get("actor2")),
        assoc_actor_1=actor_from(data.get("assoc_actor_1")),
        assoc_actor_2=actor_from(data.get("assoc_actor_2")),
        place=place_from(data.get("place")),
        date=datespan_from(data.get("date")),
        counts={k: int(v) for k, v in data.get("counts", {}).items()},
        modality=data.get("modality", "asserted"),
        attribution=data.get("attribution"),
        historical=bool(data.get("historical", False)),
        evidence={k: span_from(v) for k, v in data.get("evidence", {}).items()},
        confidence=float(data.get("confidence", 0.5)),
        why={str(k): str(v) for k, v in (data.get("why") or {}).items()},
        scope=str(data.get("scope") or "acled"),
    )


def source_from(data: dict[str, Any]) -> SourceRef:
    return SourceRef(
        doc=data["doc"],
        outlet=data.get("outlet"),
        published=_parse_date(data.get("published")),
        sentence=data["sentence"],
        attribution=data.get("attribution"),
        doc_key=data.get("doc_key", ""),
        mention_id=data.get("mention_id", ""),
    )


# An event's review status, from the analysts' log (store/lineage.py); "conflict": two corrected
# events fused into one with disagreeing corrections.  Here so the CLI and API can name the
# statuses without opening the store.
REVIEW_STATUSES = ("unreviewed", "confirmed", "edited", "rejected", "conflict")
