"""A generator of synthetic news articles of realistic length and vocabulary, for benchmarks.

Articles mix event sentences (clashes, arrests, seizures, handovers, strikes...) with the
background sentences that make up most of a real report (politics, economy, quotes), using
place and actor names from the packaged region data.  Deterministic for a given seed.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from borderwatch.model import RawDocument
from borderwatch.region import load_region

EVENTS = [
    "{actor} clashed with {enemy} near {place} on {day}, killing {n} fighters, {source} said.",
    "{n} people were wounded when a roadside bomb exploded near {place} on {day}.",
    "Security forces arrested {n} suspected smugglers in {place} on {day} and seized a "
    "shipment of captagon pills, {source} said.",
    "Gunmen kidnapped a farmer on the outskirts of {place} on {day}, residents said.",
    "Lebanon handed over {n} Syrian detainees to Syrian authorities at the {place} crossing "
    "on {day}.",
    "A drone strike hit a car near {place} on {day}, killing {n} people, {source} said.",
    "{actor} shelled positions held by {enemy} around {place} on {day}.",
    "Hundreds of residents protested in {place} on {day} against the closure of the border.",
]
BACKGROUND = [
    "The border between the two countries runs for more than 300 kilometres through "
    "mountains and valleys that have long been used by traders and herders.",
    "Officials have repeatedly called for closer coordination between the two governments.",
    "Prices of fuel and bread have risen sharply in recent months, adding to the hardship "
    "of families in the region.",
    "The area is home to several large families whose members live on both sides of the "
    "frontier and own farmland there.",
    "Local authorities say they lack the resources to monitor every path across the hills.",
    "Analysts say the economic crisis has pushed many young men into informal trade.",
    "The ministry did not respond to a request for comment.",
    "Aid groups have warned that winter will make conditions worse for displaced families.",
    "Parliament is expected to debate the budget in the coming weeks.",
    "Schools in the district reopened after a two-week break.",
]
SOURCES = ["a security source", "the army", "a local official", "the interior ministry"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def generate(count: int, *, seed: int = 7) -> Iterator[RawDocument]:
    """``count`` synthetic articles of about 250-450 words."""
    rng = random.Random(seed)
    region = load_region()
    places = [p.name for p in region.places if p.precision == 1]
    actors = [
        a.aliases[0] if a.aliases else a.canonical
        for a in region.actors
        if a.kind == "organisation" and a.inter in (1, 2, 3)
    ]
    for i in range(count):
        sentences = []
        for _ in range(rng.randint(14, 24)):
            if rng.random() < 0.25:
                template = rng.choice(EVENTS)
                sentences.append(
                    template.format(
                        actor=rng.choice(actors),
                        enemy=rng.choice(actors),
                        place=rng.choice(places),
                        day=rng.choice(DAYS),
                        n=rng.randint(2, 30),
                        source=rng.choice(SOURCES),
                    )
                )
            else:
                sentences.append(rng.choice(BACKGROUND))
        paragraphs = [" ".join(sentences[j : j + 3]) for j in range(0, len(sentences), 3)]
        text = f"Synthetic benchmark article {i}\n\n" + "\n\n".join(paragraphs)
        published = date(2025, 1, 1) + timedelta(days=rng.randint(0, 600))
        yield RawDocument(
            source=f"bench-{i:05d}.txt",
            content=text.encode(),
            media_type="text/plain",
            published=published,
            outlet=f"Outlet {i % 17}",
        )


# Real English news (Times of India, 2002-2016) with publication dates, from the IndiaPoliceEvents
# development set in the shared evaluation data; read in place, never copied into the project.
INDIA_POLICE_EVENTS = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "indiapoliceevents" / "metadata.jsonl"
)


def real_news(count: int) -> list[RawDocument]:
    """Up to ``count`` real news articles (IndiaPoliceEvents), for a ratio measured on the
    event density and sentence shapes of real reporting rather than of the generator."""
    if not INDIA_POLICE_EVENTS.exists():
        raise SystemExit(f"real corpus not found: {INDIA_POLICE_EVENTS}")
    raws = []
    with INDIA_POLICE_EVENTS.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            raws.append(
                RawDocument(
                    source=f"ipe-{record['doc_id']}.txt",
                    content=record["full_text"].encode(),
                    media_type="text/plain",
                    published=date.fromisoformat(record["date"]),
                    outlet="Times of India",
                )
            )
            if len(raws) >= count:
                break
    return raws


# 200 real English web news articles of ordinary length and casing (GeoWebNews: many outlets,
# 2017-2018, mostly not about conflict), read in place from the shared evaluation data.
GEOWEBNEWS = INDIA_POLICE_EVENTS.parents[1] / "geowebnews" / "brat_annotations"


def geowebnews(count: int) -> list[RawDocument]:
    """``count`` GeoWebNews articles, as the text files they are; past the 200 of the corpus,
    the 200 again, each copy a distinct document (its own name, and a last line naming the
    copy, so that its content key differs: stored, not skipped as already there)."""
    paths = sorted(GEOWEBNEWS.glob("*.txt"), key=lambda p: (len(p.stem), p.stem))
    if not paths:
        raise SystemExit(f"GeoWebNews corpus not found: {GEOWEBNEWS}")
    found = []
    for i in range(count):
        path, copy = paths[i % len(paths)], i // len(paths)
        content = path.read_bytes()
        if copy:
            content += f"\n\nCopy {copy} of this report.\n".encode()
        source = path.name if not copy else f"{path.stem}-copy{copy}{path.suffix}"
        found.append(RawDocument(source=source, content=content, media_type="text/plain"))
    return found


CORPORA = ("synthetic", "real", "geowebnews")


def load(name: str, count: int) -> list[RawDocument]:
    """The benchmark corpus ``name``: "synthetic" (generated), "real" (IndiaPoliceEvents) or
    "geowebnews"."""
    if name == "synthetic":
        return list(generate(count))
    return real_news(count) if name == "real" else geowebnews(count)
