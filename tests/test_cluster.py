"""Fusion's clustering finds candidate clusters through an index; it must group exactly as the
plain definition does: each mention, in id order, joins the first cluster all of whose members
it can be one event with.  Commits re-cluster only the mentions linked to a new one; the store
must still end up holding the clusters of everything at once."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import given, settings
from hypothesis import strategies as st

from borderwatch.fuse import cluster, linked, same_event
from borderwatch.model import ActorRef, Article, DateSpan, Mention, Place, Span
from borderwatch.pipeline import Pipeline, Processed
from borderwatch.settings import Settings
from borderwatch.store import Store

ACTORS = [
    ActorRef("the army", "Lebanese Armed Forces", "laf", 1, "Lebanon"),
    ActorRef("gunmen", "Unidentified armed group", None, 3, None),
    ActorRef("Hezbollah", "Hezbollah", "hezbollah", 2, "Lebanon"),
    ActorRef("smugglers", "Smugglers", None, 3, None),
]
PLACES = [
    Place("Arsal", 34.18, 36.42, 1, "Baalbek-Hermel", "LB", None, "test"),
    Place("Labweh", 34.19, 36.35, 1, "Baalbek-Hermel", "LB", None, "test"),
    Place("Hermel", 34.39, 36.38, 2, "Baalbek-Hermel", "LB", None, "test"),
    Place("Qusayr", 34.51, 36.58, 1, "Homs", "SY", None, "test"),
    Place("Bekaa", 33.85, 35.90, 3, "Bekaa", "LB", None, "test"),
    Place("Lebanon", 33.89, 35.50, 4, "", "LB", None, "test"),
    Place("Tromso", 69.65, 18.96, 1, "Troms", "NO", None, "test"),
]
TYPES = [
    ("Battles", "Armed clash", None, None),
    ("Strategic developments", "Arrests", "ARREST", None),
    ("Strategic developments", "Agreement", "AGREE", "peace"),
]
DAY = date(2024, 3, 1)


@st.composite
def mentions(draw: st.DrawFn, most: int = 40, days: int = 20) -> list[Mention]:
    count = draw(st.integers(0, most))
    made = []
    for i in range(count):
        kind = draw(st.sampled_from(TYPES))
        start = DAY + timedelta(days=draw(st.integers(0, days)))
        dated = draw(st.booleans())
        made.append(
            Mention(
                mention_id=f"m{draw(st.integers(0, 10_000)):05d}{i:02d}",
                doc_key=f"d{draw(st.integers(0, 5))}",
                event_type=kind[0],
                sub_event_type=kind[1],
                plover_type=kind[2],
                plover_mode=kind[3],
                trigger=Span(0, 1, "x"),
                sentence=Span(draw(st.integers(0, 2000)), 2100, "x"),
                actor1=draw(st.none() | st.sampled_from(ACTORS)),
                actor2=draw(st.none() | st.sampled_from(ACTORS)),
                place=draw(st.none() | st.sampled_from(PLACES)),
                date=DateSpan(start, start + timedelta(days=draw(st.integers(0, 6))), 1)
                if dated
                else None,
                counts=draw(st.sampled_from([{}, {"killed": 3}, {"killed": 4}])),
                modality=draw(st.sampled_from(["asserted", "reported", "denied"])),
                historical=draw(st.booleans()),
            )
        )
    return made


def clash(mention_id: str, doc_key: str, actor: ActorRef) -> Mention:
    """A dated armed clash with one actor and no place."""
    return Mention(
        mention_id=mention_id,
        doc_key=doc_key,
        event_type="Battles",
        sub_event_type="Armed clash",
        trigger=Span(0, 1, "x"),
        sentence=Span(0, 1, "x"),
        actor1=actor,
        date=DateSpan(DAY, DAY, 1),
    )


def reference(items: list[Mention]) -> list[list[Mention]]:
    clusters: list[list[Mention]] = []
    for mention in sorted(items, key=lambda m: m.mention_id):
        home = next((c for c in clusters if all(same_event(mention, m) for m in c)), None)
        if home is None:
            clusters.append([mention])
        else:
            home.append(mention)
    return clusters


@settings(max_examples=300, deadline=None)
@given(mentions())
def test_indexed_clustering_equals_the_definition(items: list[Mention]) -> None:
    ids = [[m.mention_id for m in c] for c in cluster(items)]
    assert ids == [[m.mention_id for m in c] for c in reference(items)]


def test_unrelated_mentions_are_not_compared(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Thousands of mentions sharing type and window but nothing else: the plain definition
    would compare every pair (12.5 million comparisons); the index compares none."""
    from borderwatch import fuse

    calls = []

    def counted(a: Mention, b: Mention) -> bool:
        calls.append(1)
        return same_event(a, b)

    monkeypatch.setattr(fuse, "same_event", counted)
    items = [
        clash(f"m{i:05d}", f"d{i}", ActorRef(f"group {i}", f"Group {i}", f"g{i}", 3, None))
        for i in range(5000)
    ]
    assert len(cluster(items)) == 5000
    assert len(calls) == 0


def ids(clusters: list[list[Mention]]) -> set[frozenset[str]]:
    return {frozenset(m.mention_id for m in c) for c in clusters}


@settings(max_examples=300, deadline=None)
@given(mentions(), st.data())
def test_linked_mentions_cluster_alone_as_among_all(
    items: list[Mention], data: st.DataObject
) -> None:
    seeds = data.draw(st.sets(st.sampled_from([m.mention_id for m in items]))) if items else set()
    reach = linked(items, seeds)
    assert seeds <= {m.mention_id for m in reach}
    reached = {m.mention_id for m in reach}
    among_all = {c for c in ids(cluster(items)) if c & reached}
    assert ids(cluster(reach)) == among_all


def reports(items: list[Mention]) -> list[Processed]:
    by_doc: dict[str, list[Mention]] = {}
    for m in items:
        by_doc.setdefault(m.doc_key, []).append(m)
    return [
        Processed(key, Article(doc_key=key, source=key, text=f"report {key}", published=DAY), found)
        for key, found in by_doc.items()
    ]


def stored_clusters(store: Store) -> set[frozenset[str]]:
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT payload FROM events").all()
    return {frozenset(json.loads(r.payload)["mention_ids"]) for r in rows}


@settings(max_examples=40, deadline=None)
@given(mentions(most=30, days=30), st.integers(1, 4))
def test_committing_reports_in_groups_stores_the_clusters_of_all(
    items: list[Mention], size: int
) -> None:
    """Whatever order and grouping the reports come in, re-fusing only what each new one reaches
    leaves the store with the events of clustering every mention at once."""
    with TemporaryDirectory() as tmp:
        store = Store(str(Path(tmp) / "c.db"))
        pipeline = Pipeline(Settings(db=str(Path(tmp) / "c.db")))
        todo = reports(items)
        for at in range(0, len(todo), size):
            outcomes = pipeline.commit_many(store, todo[at : at + size])
            assert [o.status for o in outcomes] == ["stored"] * len(todo[at : at + size])
        found = stored_clusters(store)
        store.engine.dispose()
    assert found == ids(cluster(items))


def test_a_report_the_store_refuses_fails_alone_in_its_group(tmp_path: Path) -> None:
    """A group that cannot be stored whole is stored document by document: the one at fault
    fails with the store's reason, the others are stored and fused."""
    store = Store(str(tmp_path / "c.db"))
    pipeline = Pipeline(Settings(db=str(tmp_path / "c.db")))
    # reports of one town (across articles a shared actor alone does not make one event)
    first, second, third = (
        replace(clash(f"m{i}", f"d{i}", ACTORS[0]), place=PLACES[0]) for i in range(3)
    )
    assert pipeline.commit_many(store, reports([first]))[0].status == "stored"
    # a toll no database integer holds: the event it makes cannot be written
    absurd = replace(
        first, mention_id="m9", doc_key="d9", actor1=ACTORS[3], counts={"killed": 10**20}
    )
    group = reports([absurd, second, third])
    outcomes = pipeline.commit_many(store, group)
    assert [o.status for o in outcomes] == ["failed", "stored", "stored"]
    assert outcomes[0].reason.startswith("store: ") and "too large" in outcomes[0].reason
    assert stored_clusters(store) == {frozenset({"m0", "m1", "m2"})}
    assert not store.has_document("d9") and store.has_document("d2")
