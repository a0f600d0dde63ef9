"""Fusion on short reports written for these tests, through the real pipeline and store."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from borderwatch.export import export_record
from borderwatch.fuse import same_event
from borderwatch.model import ActorRef, DateSpan, Mention, Place, RawDocument, Span
from borderwatch.pipeline import Pipeline
from borderwatch.settings import Settings
from borderwatch.store import EventFilter, Store

from .conftest import SAMPLES, samples_available

MONDAY = date(2024, 3, 11)


def doc(name: str, text: str, outlet: str, published: date = MONDAY) -> RawDocument:
    return RawDocument(
        source=name,
        content=text.encode(),
        media_type="text/plain",
        published=published,
        outlet=outlet,
    )


def ingest(
    tmp_path: Path, docs: list[RawDocument], rule: str = "conservative"
) -> list[dict[str, Any]]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    settings = Settings(db=str(tmp_path / "fuse.db"), fatality_rule=rule)
    store = Store(settings.db)
    list(Pipeline(settings).ingest(store, docs))
    return [export_record(e) for e in store.events(EventFilter())]


CLASH_A = (
    "Three soldiers were killed when gunmen attacked an army checkpoint near Hermel on "
    "Sunday, a security source said."
)
CLASH_B = (
    "Gunmen attacked an army checkpoint near the town of Hermel on Sunday, killing four "
    "soldiers, the army said in a statement."
)
ARREST_SAME_DAY = "Police arrested two smugglers at an illegal crossing in Hermel on Sunday."


def test_same_event_in_different_words_is_fused(tmp_path: Path) -> None:
    events = ingest(
        tmp_path, [doc("a.txt", CLASH_A, "Outlet A"), doc("b.txt", CLASH_B, "Outlet B")]
    )
    clashes = [e for e in events if e["event_type"] == "Battles"]
    assert len(clashes) == 1
    assert {s["doc"] for s in clashes[0]["sources"]} == {"a.txt", "b.txt"}


def test_conflicting_tolls_are_kept_side_by_side(tmp_path: Path) -> None:
    events = ingest(
        tmp_path, [doc("a.txt", CLASH_A, "Outlet A"), doc("b.txt", CLASH_B, "Outlet B")]
    )
    clash = next(e for e in events if e["event_type"] == "Battles")
    assert clash["fatalities"] == 3  # conservative, as ACLED
    claims = {(c["value"], c["doc"]) for c in clash["claims"] if c["field"] == "counts.killed"}
    assert claims == {(3, "a.txt"), (4, "b.txt")}


def test_fatality_rule_is_a_setting(tmp_path: Path) -> None:
    events = ingest(tmp_path, [doc("a.txt", CLASH_A, "A"), doc("b.txt", CLASH_B, "B")], rule="high")
    assert next(e for e in events if e["event_type"] == "Battles")["fatalities"] == 4


def test_same_place_and_day_but_different_events_stay_apart(tmp_path: Path) -> None:
    events = ingest(
        tmp_path, [doc("a.txt", CLASH_A, "Outlet A"), doc("c.txt", ARREST_SAME_DAY, "Outlet C")]
    )
    assert {e["event_type"] for e in events} == {"Battles", "Strategic developments"}
    assert all(len(e["sources"]) == 1 for e in events)


def test_reingest_in_another_order_gives_identical_ids_and_export(tmp_path: Path) -> None:
    docs = [
        doc("a.txt", CLASH_A, "A"),
        doc("b.txt", CLASH_B, "B"),
        doc("c.txt", ARREST_SAME_DAY, "C"),
    ]
    first = ingest(tmp_path / "one", docs)
    second = ingest(tmp_path / "two", list(reversed(docs)))

    def comparable(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        # revisions (and the timestamp of the last) are the history of this database, not the
        # event
        return sorted(
            ({k: v for k, v in e.items() if k not in ("revisions", "timestamp")} for e in events),
            key=lambda e: e["event_id"],
        )

    assert comparable(first) == comparable(second)


def test_syndicated_copy_counts_as_one_outlet_in_confidence(tmp_path: Path) -> None:
    wire = doc("wire.txt", CLASH_A, "Wire Service")
    copy = doc("copy.txt", CLASH_A + " ", "Wire Service")
    events = ingest(tmp_path, [wire, copy])
    assert len(events) == 1
    assert len(events[0]["sources"]) == 1  # identical text: one document, stored once


WIRE = (
    "Lebanese authorities handed over 14 Syrian detainees to Syrian officials at the Masnaa "
    "crossing on Sunday, a security source said. The detainees had served sentences for "
    "illegal entry and minor offences, the source added. Officials from both countries "
    "attended the handover, which took place under an agreement reached last month. "
    "Rights groups have criticised deportations to Syria in the past."
)
SYNDICATED = (
    "Lebanese authorities handed over 14 Syrian detainees to Syrian officials at the Masnaa "
    "crossing on Sunday, a security source said. The detainees had served sentences for "
    "illegal entry and minor offences, the source added. Officials from both countries "
    "attended the handover, which took place under an agreement reached last month."
)


def test_syndicated_copy_is_linked_and_counts_once(tmp_path: Path) -> None:
    events = ingest(
        tmp_path,
        [doc("wire.txt", WIRE, "Wire Service"), doc("site.txt", SYNDICATED, "Regional Site")],
    )
    handover = next(e for e in events if "handover" in e["tags"])
    assert {s["doc"] for s in handover["sources"]} == {"wire.txt", "site.txt"}
    assert handover["n_sources"] == 1


def test_independent_reports_count_separately(tmp_path: Path) -> None:
    events = ingest(
        tmp_path, [doc("a.txt", CLASH_A, "Outlet A"), doc("b.txt", CLASH_B, "Outlet B")]
    )
    clash = next(e for e in events if e["event_type"] == "Battles")
    assert clash["n_sources"] == 2
    assert (clash["fatalities_low"], clash["fatalities_high"]) == (3, 4)


def test_a_later_report_records_a_revision(tmp_path: Path) -> None:
    settings = Settings(db=str(tmp_path / "rev.db"))
    store = Store(settings.db)
    pipeline = Pipeline(settings)
    list(pipeline.ingest(store, [doc("a.txt", CLASH_A, "Outlet A")]))
    first = next(e for e in store.events() if e["event_type"] == "Battles")
    list(pipeline.ingest(store, [doc("b.txt", CLASH_B, "Outlet B", date(2024, 3, 12))]))
    later = store.event(first["event_id"])
    assert later is not None, "the event keeps its id when a later report joins it"
    kinds = [r["kind"] for r in later["revisions"]]
    assert kinds[0] == "created" and "updated" in kinds
    update = next(r for r in later["revisions"] if r["kind"] == "updated")
    assert "n_sources" in update["changes"]


@pytest.mark.skipif(not samples_available(), reason="../shared/samples not present")
def test_the_samples_together_give_the_events_of_each_alone(tmp_path: Path) -> None:
    """The two sample articles report different events: stored together (one group commit, as
    ingest does) they must give exactly the events each gives alone -- none duplicated, none
    wrongly merged across them."""
    gold = json.loads((SAMPLES / "gold.json").read_text(encoding="utf-8"))

    def raw(doc: dict[str, Any]) -> RawDocument:
        path = SAMPLES / doc["file"]
        published = date.fromisoformat(doc["published"]) if doc.get("published") else None
        return RawDocument(
            source=doc["file"],
            content=path.read_bytes(),
            media_type="text/plain",
            published=published,
        )

    raws = [raw(doc) for doc in gold["docs"]]
    together = ingest(tmp_path / "together", raws)
    alone = [e for n, one in enumerate(raws) for e in ingest(tmp_path / f"alone{n}", [one])]
    assert len(together) >= len(gold["docs"])

    def timeless(event: dict[str, Any]) -> str:
        history = [{k: v for k, v in r.items() if k != "at"} for r in event["revisions"]]
        # ``timestamp`` is the time of the last revision: when it was stored, not what
        return json.dumps({**event, "revisions": history, "timestamp": None}, sort_keys=True)

    assert sorted(map(timeless, together)) == sorted(map(timeless, alone))
    for event in together:
        assert len({s["doc"] for s in event["sources"]}) == 1, event["event_id"]


OVERRUN_GENERIC = (
    "Militants overran the Ras Baalbek area on Tuesday, killing two soldiers and seizing an "
    "army post, a security source said."
)
OVERRUN_NAMED = (
    "Islamic State fighters overran the border town of Ras Baalbek on Tuesday and seized an "
    "army post, the army said."
)


def test_a_generic_and_a_named_attacker_of_one_town_fuse(tmp_path: Path) -> None:
    """One report says "militants" and "the X area", the other names the group and the town
    (ACLED: the X area at precision 2 is X; a generic actor may be the named group)."""
    events = ingest(
        tmp_path,
        [doc("a.txt", OVERRUN_GENERIC, "Outlet A"), doc("b.txt", OVERRUN_NAMED, "Outlet B")],
    )
    battles = [e for e in events if e["event_type"] == "Battles"]
    assert len(battles) == 1, [(e["sub_event_type"], e["actor1"], e["location"]) for e in events]
    assert {s["doc"] for s in battles[0]["sources"]} == {"a.txt", "b.txt"}
    assert battles[0]["geo_precision"] == 1  # the fused event keeps the more precise place


def _overrun(doc_key: str, actor: ActorRef, precision: int) -> Mention:
    return Mention(
        mention_id=f"{doc_key}-1",
        doc_key=doc_key,
        event_type="Battles",
        sub_event_type="Non-state actor overtakes territory",
        trigger=Span(0, 7, "overran"),
        sentence=Span(0, 40, "They overran the town."),
        actor1=actor,
        place=Place("Ras Baalbek", 34.26, 36.42, precision, "Lebanon", "LB", "Baalbek-Hermel"),
        date=DateSpan(MONDAY, MONDAY, 1),
    )


def test_a_generic_actor_never_stands_for_a_state_force() -> None:
    militants = ActorRef("militants", "Rebels (Lebanon)", "rebels", 2, "LB")  # as resolved
    named = ActorRef("Islamic State", "Islamic State", "islamic-state", 2)
    army = ActorRef("the army", "Military Forces of Lebanon", "military-forces-of-lebanon", 1)
    assert same_event(_overrun("a", militants, 2), _overrun("b", named, 1))
    assert not same_event(_overrun("a", militants, 2), _overrun("b", army, 1))
    other = ActorRef("Nusra Front", "al-Nusra Front", "nusra-front", 2)
    assert not same_event(_overrun("a", other, 1), _overrun("b", named, 1))  # two named groups


UNPLACED_TOLL_A = "Gunmen killed five civilians on Sunday, a monitor said."
UNPLACED_TOLL_B = "Gunmen shot dead twelve civilians on Sunday, residents said."
SIDES_UNPLACED = "Hezbollah fighters clashed with the Nusra Front on Sunday, a source said."
SIDES_PLACED = "Hezbollah fighters clashed with the Nusra Front near Arsal on Sunday."


def test_unplaced_reports_sharing_only_a_generic_side_stay_apart(tmp_path: Path) -> None:
    """Two articles of one day that place nothing and share only "civilians" tell of two
    happenings as likely as of one: each keeps its own toll and doer."""
    events = ingest(
        tmp_path, [doc("a.txt", UNPLACED_TOLL_A, "A"), doc("b.txt", UNPLACED_TOLL_B, "B")]
    )
    violent = [e for e in events if e["fatalities"]]
    assert sorted(e["fatalities"] for e in violent) == [5, 12], [
        (e["sub_event_type"], e["fatalities"], len(e["sources"])) for e in events
    ]


def test_unplaced_report_naming_both_sides_on_the_day_joins_the_placed_one(
    tmp_path: Path,
) -> None:
    events = ingest(tmp_path, [doc("a.txt", SIDES_UNPLACED, "A"), doc("b.txt", SIDES_PLACED, "B")])
    battles = [e for e in events if e["event_type"] == "Battles"]
    assert len(battles) == 1, [(e["actor1"], e["actor2"], e["location"]) for e in battles]
    assert {s["doc"] for s in battles[0]["sources"]} == {"a.txt", "b.txt"}


def test_reports_without_a_date_fuse_only_within_their_article(tmp_path: Path) -> None:
    """Two undated articles (no publication date, so "on Sunday" names no day) telling of a
    clash at one town are not evidence of one happening: a town sees many clashes in a year.
    Dated, the same two reports fuse (test above)."""
    undated = [
        RawDocument(source=n, content=t.encode(), media_type="text/plain", outlet=o)
        for n, t, o in (("a.txt", CLASH_A, "Outlet A"), ("b.txt", CLASH_B, "Outlet B"))
    ]
    events = ingest(tmp_path, undated)
    clashes = [e for e in events if e["event_type"] == "Battles"]
    assert len(clashes) == 2, clashes
    assert all(e["event_date"] in (None, "") for e in clashes)


def test_fusion_takes_the_identified_armed_actor_over_a_bare_unidentified_one() -> None:
    from borderwatch.fuse import _most_cited

    gunmen = ActorRef("gunmen", "Unidentified Armed Group (Lebanon)", None, 3, "LB")
    clan = ActorRef("clan gunmen", "Unidentified Clan Militia (Lebanon)", None, 4, "LB")
    civilians = ActorRef("shepherds", "Civilians (Lebanon)", None, 7, "LB")
    # two reports say only "gunmen", one says which clan's: the clan militia
    assert _most_cited([gunmen, gunmen, clan]) == clan
    # a reading of another kind is no more specific: the most cited stays
    assert _most_cited([gunmen, gunmen, civilians]) == gunmen
