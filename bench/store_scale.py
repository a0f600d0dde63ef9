"""Fusion and store cost per article as the database grows.

Commits generated, already-extracted documents (no NLP: each with 1-3 event mentions, a real
gazetteer place, actors from the knowledge base, dates that advance with the stream as news
does, and one report in five retelling an event that another outlet already reported, so that
fusion merges) through ``Pipeline.commit_many`` -- 16 documents per transaction, fusion re-run
for what they touch, exactly what ``ingest`` and ``batch`` do (``--group 1``: one document per
``Pipeline.commit``, as the API and ``watch`` do) -- and prints, at each
checkpoint, the events and documents stored and the time per article over the last window.
Flat numbers mean the cost per article does not grow with the store.

Usage: python bench/store_scale.py [--events 10000 100000] [--db PATH_OR_URL] [--window 320]
       [--group 16] [--vague 0.2]
       (a postgresql:// URL must name an empty database; SQLite goes to a temporary file)
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from borderwatch.model import ActorRef, Article, DateSpan, Mention, Place, Span
from borderwatch.pipeline import INGEST_BATCH, Pipeline, Processed
from borderwatch.region import load_region
from borderwatch.settings import Settings
from borderwatch.store import Store

TYPES = [
    ("Battles", "Armed clash", "fought", "FIGHT"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "shelled", "FIGHT"),
    ("Explosions/Remote violence", "Air/drone strike", "struck", "FIGHT"),
    ("Violence against civilians", "Abduction/forced disappearance", "kidnapped", "ASSAULT"),
    ("Strategic developments", "Arrests", "arrested", "ARREST"),
    ("Protests", "Peaceful protest", "protested", "PROTEST"),
]
WORDS = [
    "border",
    "town",
    "village",
    "army",
    "group",
    "fighters",
    "residents",
    "officials",
    "smugglers",
    "crossing",
    "road",
    "hills",
    "valley",
    "night",
    "morning",
    "convoy",
    "shipment",
    "families",
    "farmers",
    "market",
    "police",
    "checkpoint",
    "district",
    "province",
    "ministry",
    "statement",
    "source",
    "reporters",
    "witnesses",
    "week",
    "month",
    "aid",
    "fuel",
    "bread",
    "winter",
]
ARTICLES_PER_DAY = 20  # how fast the simulated news stream advances through time


class Stream:
    """A deterministic stream of processed documents."""

    def __init__(self, seed: int = 5, vague: float = 0.0) -> None:
        self.rng = random.Random(seed)
        self.vague = vague  # share of fresh mentions placed only in a region, dated to a week
        region = load_region()
        self.places = [p for p in region.places if p.precision == 1]
        self.actors = [a for a in region.actors if a.kind == "organisation"]
        self.recent: list[Mention] = []  # events other outlets may report again
        self.count = 0

    def next(self) -> Processed:
        self.count += 1
        return self.document(self.count - 1)

    def document(self, i: int, *, retell: bool = True) -> Processed:
        rng = self.rng
        words = [rng.choice(WORDS) for _ in range(rng.randint(200, 400))]
        text = f"Generated article {i}. " + " ".join(words) + "."
        doc_key = hashlib.sha256(text.encode()).hexdigest()[:24]
        published = date(2015, 1, 1) + timedelta(days=i // ARTICLES_PER_DAY)
        article = Article(
            doc_key=doc_key,
            source=f"gen-{i:07d}.txt",
            text=text,
            title=f"Generated article {i}",
            published=published,
            published_from="cli",
            outlet=f"Outlet {i % 23}",
        )
        mentions = []
        for j in range(rng.randint(1, 3)):
            if retell and self.recent and rng.random() < 0.2:
                mentions.append(self.retold(rng.choice(self.recent), doc_key, j))
            else:
                mentions.append(self.fresh(doc_key, j, published))
        self.recent = (self.recent + mentions)[-200:]
        return Processed(article.source, article=article, mentions=mentions)

    def fresh(self, doc_key: str, j: int, published: date) -> Mention:
        rng = self.rng
        event_type, sub_type, verb, plover = rng.choice(TYPES)
        place = rng.choice(self.places)
        actor1, actor2 = rng.sample(self.actors, 2)
        day = published - timedelta(days=rng.randint(0, 3))
        sentence = f"{actor1.canonical} {verb} {actor2.canonical} near {place.name}."
        mention = Mention(
            mention_id=f"{doc_key[:16]}{j:04d}",
            doc_key=doc_key,
            event_type=event_type,
            sub_event_type=sub_type,
            trigger=Span(0, len(verb), verb),
            sentence=Span(0, len(sentence), sentence),
            plover_type=plover,
            actor1=ActorRef(actor1.canonical, actor1.canonical, actor1.actor_id, actor1.inter),
            actor2=ActorRef(actor2.canonical, actor2.canonical, actor2.actor_id, actor2.inter),
            place=Place(
                place.name,
                place.lat,
                place.lon,
                1,
                "Lebanon" if place.country_code == "LB" else "Syria",
                place.country_code,
                source=place.source,
            ),
            date=DateSpan(day, day, 1, day.isoformat()),
            counts={"killed": rng.randint(1, 9)} if event_type == "Battles" else {},
            modality="asserted",
            confidence=0.7,
        )
        if rng.random() < self.vague:
            # "fighting went on in the Bekaa this week": a region's point, a week's window
            mention = Mention(
                **{
                    **{f: getattr(mention, f) for f in mention.__dataclass_fields__},
                    "place": Place(
                        place.admin1 or place.name, place.lat, place.lon, 3, "", place.country_code
                    ),
                    "date": DateSpan(published - timedelta(days=6), published, 2, "this week"),
                }
            )
        return mention

    def retold(self, other: Mention, doc_key: str, j: int) -> Mention:
        """Another outlet's report of the same event (which fusion should merge)."""
        return Mention(
            **{
                **{f: getattr(other, f) for f in other.__dataclass_fields__},
                "mention_id": f"{doc_key[:16]}{j:04d}",
                "doc_key": doc_key,
                "evidence": {},
            }
        )


def prefill(store: Store, stream: Stream, target: int, settings: Settings) -> None:
    """Grow the store to ``target`` events fast: documents of the stream stored with one event
    per mention (no re-fusion) in transactions of 200 documents.  The history this leaves is
    what the timed commits at the head of the stream block against."""
    from borderwatch.fuse import build_event

    while store.count_events() < target:
        with store.transaction() as tx:
            for _ in range(200):
                i = stream.count
                processed = stream.document(i, retell=False)
                stream.count += 1
                assert processed.article is not None
                tx.add_document(processed.article)
                tx.add_mentions(processed.mentions)
                docs = tx.doc_infos({processed.article.doc_key})
                rule = settings.fatality_rule
                tx.replace_events(
                    set(), [build_event([m], docs, fatality_rule=rule) for m in processed.mentions]
                )


def timed_window(
    pipeline: Pipeline, store: Store, stream: Stream, size: int, group: int
) -> list[float]:
    """Milliseconds per article of ``size`` articles committed ``group`` at a time (each
    group's time shared among its articles)."""
    timings = []
    for _ in range(max(1, size // group)):
        processed = [stream.next() for _ in range(group)]
        started = time.perf_counter()
        if group == 1:
            pipeline.commit(store, processed[0])
        else:
            pipeline.commit_many(store, processed)
        timings += [(time.perf_counter() - started) * 1000 / group] * group
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[2_000, 10_000, 100_000])
    parser.add_argument("--db", help="a postgresql:// URL of an empty database [default: SQLite]")
    parser.add_argument("--window", type=int, default=320, help="articles timed per checkpoint")
    parser.add_argument(
        "--group",
        type=int,
        default=INGEST_BATCH,
        help="articles per commit: 16 as ingest and batch commit them, 1 for Pipeline.commit "
        "(the API, watch) [default: %(default)s]",
    )
    parser.add_argument(
        "--commit-only",
        action="store_true",
        help="grow through Pipeline.commit all the way (slow) instead of prefilling history "
        "beyond the first checkpoint",
    )
    parser.add_argument(
        "--vague",
        type=float,
        default=0.0,
        help="share of reports placed only in a region and dated only to a week, as general "
        "news often is [default: %(default)s]",
    )
    args = parser.parse_args()
    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "scale.db")
        store = Store(db)
        if store.document_count():
            sys.exit(f"{db} is not empty")
        pipeline = Pipeline(settings)
        print(
            f"store: {store.engine.dialect.name}; {ARTICLES_PER_DAY} articles a day; "
            f"{args.group} per commit\n"
        )
        print(
            f"{'events':>9} {'documents':>10} {'grown by':>9} {'ms/article':>11} {'p95 ms':>8} "
            f"{'elapsed s':>10}"
        )
        stream = Stream(vague=args.vague)
        started = time.perf_counter()
        for n, target in enumerate(sorted(args.events)):
            grown = "commit" if n == 0 or args.commit_only else "prefill"
            if grown == "commit":
                while store.count_events() < target:
                    for _ in range(200):
                        pipeline.commit(store, stream.next())
            else:
                prefill(store, stream, target, settings)
            timings = timed_window(pipeline, store, stream, args.window, args.group)
            p95 = statistics.quantiles(timings, n=20)[-1]
            print(
                f"{store.count_events():>9} {store.document_count():>10} {grown:>9} "
                f"{statistics.mean(timings):>11.1f} {p95:>8.1f} "
                f"{time.perf_counter() - started:>10.0f}",
                flush=True,
            )
        store.engine.dispose()


if __name__ == "__main__":
    main()
