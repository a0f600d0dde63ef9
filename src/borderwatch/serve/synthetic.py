"""Synthetic events for the API tests and the dashboard benchmark (not for analysis).

``fill(store, n)`` writes ``n`` made-up events along the Lebanon-Syria border, each with one to
three reports: a document, a mention whose evidence spans point into the document's text, and
the fused event, stored through the ordinary ``Transaction`` methods.  Same seed, same data.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import random
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import date, timedelta

from ..model import (
    ACLED_TYPES,
    ActorRef,
    Article,
    Claim,
    DateSpan,
    Event,
    Mention,
    Place,
    SourceRef,
    Span,
)
from ..store import BulkLoader, NewDocument, Rows, Store, rows_of

PLACES = [  # name, lat, lon, country, country code
    ("Arsal", 34.1794, 36.4206, "Lebanon", "LB"),
    ("Hermel", 34.3942, 36.3847, "Lebanon", "LB"),
    ("Al Qaa", 34.3436, 36.4756, "Lebanon", "LB"),
    ("Masnaa", 33.6953, 35.9878, "Lebanon", "LB"),
    ("Wadi Khaled", 34.6031, 36.2247, "Lebanon", "LB"),
    ("Baalbek", 34.0058, 36.2181, "Lebanon", "LB"),
    ("Shebaa", 33.3469, 35.7442, "Lebanon", "LB"),
    ("Qusayr", 34.5078, 36.5803, "Syria", "SY"),
    ("Jousieh", 34.4186, 36.5425, "Syria", "SY"),
    ("Zabadani", 33.7247, 36.0972, "Syria", "SY"),
    ("Serghaya", 33.8122, 36.1608, "Syria", "SY"),
    ("Tal Kalakh", 34.6689, 36.2597, "Syria", "SY"),
    ("Yabroud", 33.9672, 36.6575, "Syria", "SY"),
    ("Jdeidet Yabous", 33.6244, 36.0889, "Syria", "SY"),
]
ACTORS = [  # actor id, canonical name, ACLED inter code
    ("military-forces-of-lebanon", "Military Forces of Lebanon", 1),
    ("military-forces-of-syria-2024", "Military Forces of Syria (2024-)", 1),
    ("hezbollah", "Hezbollah", 3),
    ("islamic-state", "Islamic State", 2),
    ("general-security-lebanon", "General Directorate of General Security", 1),
    (None, "Unidentified Armed Group (Lebanon)", 3),
    (None, "Smugglers", 4),
    (None, "Civilians (Lebanon)", 7),
    (None, "Protesters (Syria)", 6),
]
OUTLETS = [
    "Cedar Valley Wire",
    "Orontes Daily",
    "Bekaa Post",
    "Levant Border Monitor",
    "Qalamoun Observer",
]
TAGS = [
    "smuggling",
    "illegal_crossing",
    "infiltration",
    "border_security_cooperation",
    "captive_exchange",
    "handover",
]
TYPES = [(t, s) for t, subs in ACLED_TYPES.items() for s in subs]
FIRST_DAY = date(2023, 1, 1)
DAYS = 3 * 365
# Events per block of generated data, each block from its own seeded generator (``_block``).
BLOCK = 10_000


def _report(
    rng: random.Random,
    i: int,
    k: int,
    sub: str,
    place: tuple,
    actor1: ActorRef,
    actor2: ActorRef | None,
    day: date,
    killed: int,
) -> tuple[Article, Mention, SourceRef]:
    """Report ``k`` of event ``i``: its article, the mention read from it and its source entry.

    ``rng`` is drawn once (the publication delay), so the same seed gives the same data.
    """
    outlet = OUTLETS[(i + k) % len(OUTLETS)]
    when = day.strftime("%B %-d")
    title, text, sentence, evidence = _report_text(outlet, sub, place, actor1, actor2, when, killed)
    published = day + timedelta(days=rng.randint(0, 2))
    article = _article(i, k, outlet, title, text, published)
    doc_key, url = article.doc_key, article.source
    mention_id = hashlib.sha1(f"m-{i}-{k}".encode()).hexdigest()[:16]
    mention = Mention(
        mention_id=mention_id,
        doc_key=doc_key,
        event_type=next(t for t, s in TYPES if s == sub),
        sub_event_type=sub,
        trigger=evidence["trigger"],
        sentence=sentence,
        actor1=actor1,
        actor2=actor2,
        place=_place(place),
        date=DateSpan(day, day, 1, when),
        counts={"killed": killed},
        modality="asserted",
        attribution="officials",
        evidence=evidence,
        confidence=0.8,
    )
    source = SourceRef(
        doc=url,
        outlet=outlet,
        published=published,
        sentence=sentence.text,
        attribution="officials",
        doc_key=doc_key,
        mention_id=mention_id,
    )
    return article, mention, source


def _article(i: int, k: int, outlet: str, title: str, text: str, published: date) -> Article:
    """The article of report ``k`` of event ``i``; its key and URL are derived from both, so
    they are stable across runs and never collide."""
    doc_key = hashlib.sha1(f"synthetic-{i}-{k}".encode()).hexdigest()[:24]
    url = f"https://synthetic.borderwatch.invalid/{outlet.lower().replace(' ', '-')}/{i}-{k}"
    return Article(
        doc_key=doc_key,
        source=url,
        text=text,
        title=title,
        published=published,
        published_from="metadata",
        outlet=outlet,
        url=url,
    )


def _report_text(
    outlet: str,
    sub: str,
    place: tuple,
    actor1: ActorRef,
    actor2: ActorRef | None,
    when: str,
    killed: int,
) -> tuple[str, str, Span, dict[str, Span]]:
    """The article's title and text, its event sentence, and the span of each field's words.

    The evidence spans are found in the finished text, so they point exactly where a reader
    (or the API's highlighting) would look for them.
    """
    parts = {
        "actor1": actor1.canonical,
        "trigger": sub.lower(),
        "place": place[0],
        "date": when,
        "counts.killed": str(killed),
    }
    sentence = (
        f"{parts['actor1']} were involved in an {parts['trigger']} near {parts['place']} "
        f"on {parts['date']}, leaving {parts['counts.killed']} dead"
        + (f" among {actor2.canonical}" if actor2 else "")
        + ", officials said."
    )
    if actor2:
        parts["actor2"] = actor2.canonical
    title = f"{sub} near {place[0]}"
    text = f"{title}\n\n{place[0].upper()} ({outlet}) — {sentence}\nMore details were not given."
    start = text.index(sentence)
    evidence = {}
    for name, words in parts.items():
        at = text.index(words, start)
        evidence[name] = Span(at, at + len(words), words)
    return title, text, Span(start, start + len(sentence), sentence), evidence


def _place(place: tuple) -> Place:
    name, lat, lon, country, code = place
    return Place(
        name=name,
        latitude=lat,
        longitude=lon,
        precision=1,
        country=country,
        country_code=code,
        admin1=None,
        source="synthetic",
    )


def _actor(entry: tuple) -> ActorRef:
    actor_id, canonical, inter = entry
    return ActorRef(text=canonical, canonical=canonical, actor_id=actor_id, inter=inter)


def generate(n: int, seed: int = 7) -> list[tuple[list[Article], list[Mention], Event]]:
    """``n`` synthetic events, each with its articles and mentions."""
    return list(stream(n, seed))


def stream(n: int, seed: int = 7) -> Iterator[tuple[list[Article], list[Mention], Event]]:
    """``generate``'s events one at a time (a million do not fit in memory at once)."""
    for block in range(0, n, BLOCK):
        yield from _block(seed, block // BLOCK, min(BLOCK, n - block))


def _block(seed: int, block: int, n: int) -> Iterator[tuple[list[Article], list[Mention], Event]]:
    """The first ``n`` events of block ``block``: each block draws from its own generator, so
    that worker processes can make blocks side by side (``bulk_fill``) and the first block is
    what one generator seeded with ``seed`` gives."""
    rng = random.Random(seed if block == 0 else f"{seed}/{block}")
    for i in range(block * BLOCK, block * BLOCK + n):
        event_type, sub = TYPES[rng.randrange(len(TYPES))]
        place = PLACES[rng.randrange(len(PLACES))]
        actor1 = _actor(ACTORS[rng.randrange(len(ACTORS))])
        actor2 = _actor(ACTORS[rng.randrange(len(ACTORS))]) if rng.random() < 0.6 else None
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        killed = rng.choice([0, 0, 0, 1, 1, 2, 3, 5, 8, 12, 30])
        reports = [
            _report(rng, i, k, sub, place, actor1, actor2, day, killed + (k if k == 2 else 0))
            for k in range(rng.choice([1, 1, 2, 3]))
        ]
        articles = [a for a, _, _ in reports]
        mentions = [m for _, m, _ in reports]
        claims = [
            Claim("counts.killed", m.counts["killed"], s.doc, s.sentence) for _, m, s in reports
        ]
        event = Event(
            event_id=f"BW-SYN{i:08d}",
            event_type=event_type,
            sub_event_type=sub,
            date=DateSpan(day, day, 1),
            place=_place(place),
            actor1=actor1,
            actor2=actor2,
            tags=tuple(sorted(rng.sample(TAGS, rng.choice([0, 0, 1, 1, 2])))),
            fatalities=killed,
            counts={"killed": killed},
            modality=rng.choice(["asserted"] * 8 + ["reported", "denied"]),
            n_sources=len(reports),
            confidence=round(rng.uniform(0.3, 0.95), 2),
            notes=f"{sub} near {place[0]}",
            sources=[s for _, _, s in reports],
            claims=claims,
            mention_ids=[m.mention_id for m in mentions],
        )
        yield articles, mentions, event


Generated = tuple[list[Article], list[Mention], Event]


def _first_report(part: list[Generated]) -> list[Generated]:
    """Each event with its first report only: its document and mention."""
    return [
        (articles[:1], mentions[:1], dataclasses.replace(e, mention_ids=e.mention_ids[:1]))
        for articles, mentions, e in part
    ]


def fill(
    store: Store,
    n: int,
    seed: int = 7,
    batch: int = 500,
    *,
    documents: bool = True,
    progress: Callable[[int], None] | None = None,
) -> list[Event]:
    """Write ``n`` synthetic events with their documents and mentions (without ``documents``:
    only each event's first report, as the dashboard's benchmark at a million events reads only
    the events) into ``store``; ``progress`` hears how many are written after each batch.
    Returns the events (an empty list without ``documents``, to keep a million out of memory)."""
    made: list[Event] = []
    events = stream(n, seed)
    done = 0
    while part := list(itertools.islice(events, batch)):
        if not documents:
            part = _first_report(part)
        with store.transaction() as tx:
            tx.add_documents([NewDocument(a) for articles, _, _ in part for a in articles])
            tx.add_mentions([m for _, mentions, _ in part for m in mentions])
            tx.replace_events(set(), [event for _, _, event in part])
        if documents:
            made += [event for _, _, event in part]
        done += len(part)
        if progress:
            progress(done)
    return made


def _block_rows(task: tuple[int, int, int, bool]) -> Rows:
    """The rows of one block of events (in a worker process: no database touched)."""
    seed, block, n, documents = task
    part = list(_block(seed, block, n))
    return rows_of(part if documents else _first_report(part))


def bulk_fill(
    store: Store,
    n: int,
    seed: int = 7,
    *,
    documents: bool = True,
    workers: int = 2,
    progress: Callable[[int], None] | None = None,
) -> None:
    """``fill``'s events, rows and derived rows (the same data, the same tables), written in
    bulk into an empty store (``Store.bulk_load``, a transaction per block) while ``workers``
    processes make the rows: a million events in minutes instead of the 40 of ``fill``."""
    tasks = [(seed, b // BLOCK, min(BLOCK, n - b), documents) for b in range(0, n, BLOCK)]
    done = 0
    loader = store.bulk_load()
    with ProcessPoolExecutor(workers) as pool:
        pending: deque[Future[Rows]] = deque()
        for task in tasks:
            pending.append(pool.submit(_block_rows, task))
            if len(pending) > 2 * workers:  # a few blocks ahead of the writer, not all
                done += _write_next(loader, pending)
                if progress:
                    progress(done)
        while pending:
            done += _write_next(loader, pending)
            if progress:
                progress(done)
    loader.finish()


def _write_next(loader: BulkLoader, pending: deque[Future[Rows]]) -> int:
    rows = pending.popleft().result()
    loader.write(rows)
    return len(rows)
