"""Analysts' reviews: each action through the CLI and the API, bad values refused in one line
with nothing changed, and corrections that survive re-ingest, a new report fusing into the
event, ``reprocess --all`` with a changed lexicon, a merge and a split; two analysts on one
event (409); a rejection sent as ``retracted`` to a real webhook.  SQLite and PostgreSQL.
Invented wire-style reports."""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from borderwatch.alerts import Deliverer
from borderwatch.cli import main
from borderwatch.export import ACLED_HEADER, export
from borderwatch.model import RawDocument
from borderwatch.pipeline import Pipeline
from borderwatch.review import Reviewer
from borderwatch.serve import create_app
from borderwatch.settings import Settings
from borderwatch.store import EventFilter, ReviewError, SavedSearch, Store

from .conftest import LOCAL, borderwatch_command
from .test_alerts_delivery import SECRET, Receiver
from .test_alerts_end_to_end import FAR_AWAY, FIRST, SECOND
from .test_postgres import pg_url  # noqa: F401 - the fixture, for the PostgreSQL runs

TOKEN = "review-token-of-some-length"
# A user's lexicon that reads "attack" (noun) with a trigger of its own: every mention of it
# gets a new id on re-processing.
LEXICON = """triggers:
  - id: assault-on-post
    lemmas: [attack]
    pos: [NOUN]
    kind: attack
    event_type: Battles
    sub_event_type: Armed clash
    plover_type: ASSAULT
    plover_mode: firearms
    priority: 90
"""


def _report(text: str, name: str, day: int) -> RawDocument:
    return RawDocument(
        source=name,
        content=text.encode(),
        media_type="text/plain",
        published=date(2025, 3, day),
        outlet=f"Outlet {name}",
    )


def _ingest(pipeline: Pipeline, store: Store, *reports: RawDocument) -> None:
    done = list(pipeline.ingest(store, list(reports)))
    assert all(d.status in ("stored", "unchanged") for d in done), done


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    if request.param == "postgresql":
        return Store(request.getfixturevalue("pg_url"))
    return Store(str(tmp_path / "review.db"))


@pytest.fixture()
def one_event(store: Store, pipeline: Pipeline) -> tuple[Store, str]:
    _ingest(pipeline, store, _report(FIRST, "one.txt", 4))
    [event] = store.events()
    return store, event["event_id"]


def _cli(store: Store, *args: str, env: dict[str, str] | None = None) -> Any:
    db = store.url.replace("+psycopg", "")
    return CliRunner().invoke(main, [*args, "--db", db], env=env)


def test_edit_confirm_reject_through_the_cli(one_event: tuple[Store, str]) -> None:
    store, event_id = one_event
    machine = store.event(event_id)
    assert machine is not None and machine["review"]["status"] == "unreviewed"
    done = _cli(
        store,
        "review",
        "edit",
        event_id,
        "--set",
        "fatalities=3",
        "--set",
        "location=Arsal",
        "--note",
        "army statement",
        "--by",
        "alice",
    )
    assert done.exit_code == 0, done.output
    event = store.event(event_id)
    assert event is not None
    assert event["fatalities"] == 3 and event["review"]["status"] == "edited"
    assert event["review"]["fields"]["fatalities"]["by"] == "alice"
    assert event["machine"] == {
        "fatalities": 2,
        "location": "Arsal",
        "confidence": machine["confidence"],
    }
    assert event["confidence"] == "reviewed"
    assert _cli(store, "review", "confirm", event_id, "--by", "bob").exit_code == 0
    log = _cli(store, "review", "log", event_id, "--json")
    rows = [json.loads(line) for line in log.output.splitlines()]
    assert [
        (r["action"], r["field"], r["machine_value"], r["analyst_value"], r["by"]) for r in rows
    ] == [
        ("edit", "location", "Arsal", "Arsal", "alice"),
        ("edit", "fatalities", 2, 3, "alice"),
        ("confirm", None, None, None, "bob"),
    ]
    assert _cli(store, "review", "reject", event_id, "--note", "a drill").exit_code == 0
    assert store.events() == [] and store.count_events() == 0
    [shown] = store.events(EventFilter(include_rejected=True))
    assert shown["review"]["status"] == "rejected" and shown["fatalities"] == 3
    queue = _cli(store, "review", "queue", "--status", "rejected", "--json")
    assert [json.loads(x)["event_id"] for x in queue.output.splitlines()] == [event_id]


@pytest.mark.parametrize(
    ("sets", "message"),
    [
        (["fatalities=-2"], "fatalities: -2 is negative"),
        (["fatalities=many"], "fatalities: 'many' is not a whole number"),
        (["event_type=Riots"], "sub_event_type: 'Armed clash' is not a sub-event type of 'Riots'"),
        (["event_type=Battles", "sub_event_type=Grenade"], "'Grenade' is not a sub-event type"),
        (["event_date=2025-02-30"], "event_date: '2025-02-30' is not a date"),
        (["date_start=2025-03-05", "date_end=2025-03-01"], "is after date_end"),
        (["actor1=The Committee of Invented Things"], "is not a known or generic actor"),
        (["location=Nowhereville Qqq"], "no place found"),
        (["latitude=95"], "latitude: 95.0 is outside -90..90"),
        (["colour=red"], "unknown field 'colour'"),
        (["fatalities"], "write FIELD=VALUE"),
    ],
)
def test_bad_values_are_refused_in_one_line_and_change_nothing(
    one_event: tuple[Store, str], sets: list[str], message: str
) -> None:
    store, event_id = one_event
    before = store.event(event_id)
    args = [a for s in sets for a in ("--set", s)]
    done = _cli(store, "review", "edit", event_id, *args)
    assert done.exit_code == 1
    lines = done.output.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], done.output
    assert store.event(event_id) == before
    assert _cli(store, "review", "log", event_id).exit_code == 1  # nothing logged


def test_a_new_actor_needs_new_actor(one_event: tuple[Store, str], settings: Settings) -> None:
    store, event_id = one_event
    reviewer = Reviewer(store, settings)
    with pytest.raises(ReviewError):
        reviewer.review(event_id, "edit", by="a", sets=["actor2=Invented Brigade Of Tests"])
    event = reviewer.review(
        event_id, "edit", by="a", sets=["actor2=Invented Brigade Of Tests"], new_actor=True
    )
    assert event["actor2"]["canonical"] == "Invented Brigade Of Tests"
    generic = reviewer.review(event_id, "edit", by="a", sets=["actor1=Protesters (Lebanon)"])
    assert generic["actor1"]["canonical"] == "Protesters (Lebanon)"


def test_corrections_survive_reingest_a_new_report_and_reprocess_with_a_new_lexicon(
    store: Store, pipeline: Pipeline, tmp_path: Path
) -> None:
    _ingest(pipeline, store, _report(FIRST, "one.txt", 4))
    [event] = store.events()
    reviewer = Reviewer(store, Settings())
    reviewer.review(event["event_id"], "edit", by="alice", sets={"actor1": "Hezbollah"})
    _ingest(pipeline, store, _report(FIRST, "one.txt", 4))  # the same document again
    [again] = store.events()
    assert again["actor1"]["canonical"] == "Hezbollah"
    _ingest(pipeline, store, _report(SECOND, "two.txt", 5))  # a new report of the same event
    [fused] = store.events()
    assert len(fused["sources"]) == 2
    assert fused["actor1"]["canonical"] == "Hezbollah" and fused["review"]["status"] == "edited"
    before_ids = set(fused["mention_ids"])
    (tmp_path / "lexicon").mkdir()
    (tmp_path / "lexicon" / "triggers.yaml").write_text(LEXICON)
    env = {"BORDERWATCH_REGION_DIRS": str(tmp_path / "lexicon")}
    done = _cli(store, "reprocess", "--all", env=env)
    assert done.exit_code == 0, done.output
    assert "reprocessed 2 documents: 2 mentions before, 2 after" in " ".join(done.output.split())
    [after] = store.events()
    assert not set(after["mention_ids"]) & before_ids  # every mention has a new id
    assert after["actor1"]["canonical"] == "Hezbollah"
    assert after["machine"]["actor1"] == fused["machine"]["actor1"]
    assert after["review"]["status"] == "edited"
    for _ in range(2):  # nothing new to read: nothing changes, however often
        again = _cli(store, "reprocess", "--all", env=env)
        assert again.exit_code == 0, again.output
        assert store.events() == [after]


def test_merge_and_split_hold_through_new_reports(store: Store, pipeline: Pipeline) -> None:
    _ingest(pipeline, store, _report(FIRST, "one.txt", 4), _report(FAR_AWAY, "far.txt", 4))
    keep, other = sorted(e["event_id"] for e in store.events())
    reviewer = Reviewer(store, Settings())
    reviewer.review(other, "edit", by="a", sets={"fatalities": "5"})
    merged = reviewer.merge(keep, other, by="alice", note="one raid")
    assert merged["event_id"] == keep and len(merged["sources"]) == 2
    assert [e["event_id"] for e in store.events()] == [keep]
    resolved = store.event(other)
    assert resolved is not None and resolved["event_id"] == keep
    _ingest(pipeline, store, _report(SECOND, "two.txt", 5))  # joins the kept event
    [event] = store.events()
    assert event["event_id"] == keep and len(event["sources"]) == 3
    log = store.review_log(other)
    assert [r["action"] for r in log][-2:] == ["merge", "merged"]
    part = reviewer.split(keep, "far.txt", by="bob", note="another town")
    assert [s["doc"] for s in part["sources"]] == ["far.txt"]
    events = {e["event_id"]: e for e in store.events()}
    assert set(events) == {keep, part["event_id"]}
    assert sorted(s["doc"] for s in events[keep]["sources"]) == ["one.txt", "two.txt"]
    _ingest(pipeline, store, _report(FAR_AWAY.replace("four", "4"), "far2.txt", 6))
    assert sorted(s["doc"] for s in store.event(keep)["sources"]) == ["one.txt", "two.txt"]


def test_a_merge_or_split_run_again_after_it_committed_changes_nothing(
    store: Store, pipeline: Pipeline
) -> None:
    """An operator re-runs a merge or a split whose first run was killed after its commit: the
    re-run answers the same event and logs nothing more (exit 0, like any finished job run
    again); merging an event with itself, or splitting off a document the event never had, is
    still refused in one line."""
    _ingest(pipeline, store, _report(FIRST, "one.txt", 4), _report(FAR_AWAY, "far.txt", 4))
    keep, other = sorted(e["event_id"] for e in store.events())
    reviewer = Reviewer(store, Settings())
    first = reviewer.merge(keep, other, by="alice")
    log = store.review_log(keep)
    assert reviewer.merge(keep, other, by="alice") == first
    assert store.review_log(keep) == log
    part = reviewer.split(keep, "far.txt", by="bob")
    log = store.review_log(keep)
    assert reviewer.split(keep, "far.txt", by="bob") == part
    assert store.review_log(keep) == log
    assert [e["event_id"] for e in store.events()] == sorted([keep, part["event_id"]])
    with pytest.raises(ReviewError, match="with itself"):
        reviewer.merge(keep, keep, by="alice")
    _ingest(pipeline, store, _report(SECOND, "two.txt", 5))
    with pytest.raises(ReviewError, match="has no report from"):
        reviewer.split(part["event_id"], "two.txt", by="bob")


# One sentence reporting two attacks (two mentions of one type from one sentence, fused into two
# events) and a report of each attack; and an unrelated abduction.  Found by bench/chaos.py.
TWO_ATTACKS = (
    "Gunmen attacked an army checkpoint in Arsal on Monday, and on Tuesday other gunmen "
    "attacked a police post in Hermel, security sources said."
)
ARSAL_ATTACK = "Gunmen attacked an army checkpoint in Arsal on Monday, a security source said."
HERMEL_ATTACK = "Gunmen attacked a police post in Hermel on Tuesday, the army said."
ABDUCTION = "Gunmen kidnapped a shepherd near Qusayr on Wednesday, residents said."


def test_a_split_beside_a_merge_of_the_same_sentence_keeps_ids_apart(
    store: Store, pipeline: Pipeline
) -> None:
    """A merge's reports are matched by sentence and type, so an event elsewhere can hold a
    report of the merge (the other attack of the same sentence).  Re-fusing that event (a
    split, a new report, a withdrawal) must not give it the merged event's id, which a stored
    event keeps: the split used to fail on the events table's unique id."""
    reports = [("two.txt", TWO_ATTACKS), ("arsal.txt", ARSAL_ATTACK)]
    reports += [("hermel.txt", HERMEL_ATTACK), ("x.txt", ABDUCTION)]
    _ingest(pipeline, store, *(_report(text, name, 5) for name, text in reports))
    by_doc = {tuple(sorted(s["doc"] for s in e["sources"])): e["event_id"] for e in store.events()}
    arsal, hermel = by_doc[("arsal.txt", "two.txt")], by_doc[("hermel.txt", "two.txt")]
    reviewer = Reviewer(store, Settings())
    reviewer.merge(arsal, by_doc[("x.txt",)], by="alice")
    part = reviewer.split(hermel, "hermel.txt", by="bob")
    events = {e["event_id"]: sorted(s["doc"] for s in e["sources"]) for e in store.events()}
    assert events[arsal] == ["arsal.txt", "two.txt", "x.txt"]
    assert events[hermel] == ["two.txt"] and events[part["event_id"]] == ["hermel.txt"]
    _ingest(pipeline, store, _report(HERMEL_ATTACK + " Two were hurt.", "h2.txt", 6))
    assert store.event(arsal)["sources"] and len(store.events()) == len(events)


def _client(store: Store) -> TestClient:
    settings = Settings(api_token=TOKEN)
    return TestClient(create_app(settings, store), base_url=LOCAL)


def test_the_api_reviews_with_the_write_token_and_answers_409_to_a_stale_revision(
    one_event: tuple[Store, str],
) -> None:
    store, event_id = one_event
    client = _client(store)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    loaded = client.get(f"/api/events/{event_id}").json()
    revision = loaded["review"]["revision"]
    url = f"/api/events/{event_id}/review"
    assert client.post(url, json={"action": "confirm"}).status_code == 401
    first = client.post(
        url,
        headers=auth,
        json={"action": "edit", "set": {"fatalities": 4}, "by": "ann", "revision": revision},
    )
    assert first.status_code == 200, first.text
    assert first.json()["fatalities"] == 4 and first.json()["machine"]["fatalities"] == 2
    second = client.post(
        url,
        headers=auth,
        json={"action": "edit", "set": {"fatalities": 6}, "by": "ben", "revision": revision},
    )
    assert second.status_code == 409 and "reload" in second.json()["detail"]
    assert client.get(f"/api/events/{event_id}").json()["fatalities"] == 4
    bad = client.post(url, headers=auth, json={"action": "edit", "set": {"fatalities": -1}})
    assert bad.status_code == 400 and bad.json()["detail"] == "fatalities: -1 is negative"
    assert client.post(url, headers=auth, json={"action": "reject"}).status_code == 400
    rejected = client.post(url, headers=auth, json={"action": "reject", "note": "duplicate"})
    assert rejected.json()["review"]["status"] == "rejected"
    assert client.get(f"/api/events/{event_id}").status_code == 404
    assert client.get(f"/api/events/{event_id}?include_rejected=1").status_code == 200
    assert client.get("/api/events").json()["total"] == 0
    assert client.get("/api/events?include_rejected=1").json()["total"] == 1
    undo = client.post(url, headers=auth, json={"action": "confirm", "by": "ann"})
    assert undo.json()["review"]["status"] == "edited"
    listed = client.get("/api/events?reviewed=true").json()
    assert [e["event_id"] for e in listed["events"]] == [event_id]
    assert client.get("/api/events?reviewed=false").json()["total"] == 0


def test_a_review_run_again_after_it_committed_is_logged_once(
    one_event: tuple[Store, str], settings: Settings
) -> None:
    """A review command killed after its commit, before it answered, is run again by its
    operator: the repeat changes nothing, so the log holds each action once and a rejection
    raises one ``retracted`` alert (bench/chaos.py found the edit logged twice).  A different
    action, or the same one later in the log, is still logged."""
    store, event_id = one_event
    store.add_search(SavedSearch("every", min_sources=1))
    reviewer = Reviewer(store, settings)
    steps = [
        ("confirm", {}, "seen"),
        ("edit", {"fatalities": "3", "actor2": "Civilians (Lebanon)"}, None),
        ("reject", {}, "a drill"),
    ]
    for action, sets, note in steps:
        for _ in range(2):
            reviewer.review(event_id, action, by="ann", sets=sets, note=note)
    log = [(r["action"], r["field"]) for r in store.review_log(event_id)]
    assert log == [
        ("confirm", None),
        ("edit", "actor2"),
        ("edit", "fatalities"),
        ("reject", None),
    ]
    retracted = [a for a in store.recent_alerts("every") if a["change"] == "retracted"]
    assert len(retracted) == 1
    reviewer.review(event_id, "confirm", by="ann", note="seen")  # not the last action: logged
    assert len(store.review_log(event_id)) == 5


def test_exports_carry_the_corrections(one_event: tuple[Store, str], settings: Settings) -> None:
    store, event_id = one_event
    Reviewer(store, settings).review(event_id, "edit", by="a", sets={"event_date": "2025-03-02"})
    [record] = [json.loads(x) for x in export(store.events(), "jsonl")]
    assert record["event_date"] == "2025-03-02" and record["review"]["status"] == "edited"
    csv_text = "".join(export(store.events(), "csv"))
    header, row = csv_text.splitlines()[:2]
    assert header.split(",")[: len(ACLED_HEADER)] == ACLED_HEADER
    assert "2025-03-02" in row
    geo = json.loads("".join(export(store.events(), "geojson")))
    assert geo["features"][0]["properties"]["event_date"] == "2025-03-02"
    flt = EventFilter(since=date(2025, 3, 2), until=date(2025, 3, 2))
    assert store.count_events(flt) == 1 and len(store.events(flt)) == 1


def test_a_rejected_event_is_retracted_to_a_webhook(
    one_event: tuple[Store, str], settings: Settings
) -> None:
    store, event_id = one_event
    receiver = Receiver()
    try:
        store.add_search(
            SavedSearch(
                "arsal",
                place="Arsal",
                webhook=f"{receiver.url}/h",
                secret=SECRET,
                allow_private=True,
            )
        )
        Reviewer(store, settings).review(event_id, "reject", by="a", note="a drill")
        with Deliverer(store) as deliverer:
            deliverer.deliver()
        bodies = [json.loads(r["body"]) for r in receiver.received]
        assert [(b["change"], b["event"]["event_id"]) for b in bodies] == [("retracted", event_id)]
    finally:
        receiver.close()


def test_the_real_cli_says_a_bad_value_in_one_line(
    tmp_path: Path, pipeline: Pipeline, cli_env: dict[str, str]
) -> None:
    store = Store(cli_env["BORDERWATCH_DB"])
    _ingest(pipeline, store, _report(FIRST, "one.txt", 4))
    [event] = store.events()
    done = subprocess.run(
        [*borderwatch_command(), "review", "edit", event["event_id"], "--set", "geo_precision=9"],
        env=cli_env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.strip() == "Error: geo_precision: 9 is not 1 (town) .. 4 (country)"


def test_evaluate_reviewed_counts_the_fields_analysts_changed(
    store: Store, pipeline: Pipeline, settings: Settings
) -> None:
    _ingest(pipeline, store, _report(FIRST, "one.txt", 4), _report(FAR_AWAY, "far.txt", 4))
    first, second = sorted(e["event_id"] for e in store.events())
    reviewer = Reviewer(store, settings)
    reviewer.review(first, "edit", by="a", sets={"fatalities": "7"})
    reviewer.review(second, "confirm", by="a")
    done = _cli(store, "evaluate", "--reviewed", "--json")
    assert done.exit_code == 0, done.output
    report = json.loads(done.output)
    assert report["reviewed"] == 2
    assert report["fields"]["fatalities"] == {"changed": 1, "share": 0.5, "machine_right": 0.5}
    assert report["fields"]["actor1"]["changed"] == 0
    # a second edit puts the machine's value back: the log's machine value is still the
    # machine's (not the first edit's), so the machine is counted right again
    machine = store.event(first)["machine"]["fatalities"]
    reviewer.review(first, "edit", by="b", sets={"fatalities": str(machine)})
    last = store.review_log(first)[-1]
    assert (last["machine_value"], last["analyst_value"]) == (machine, machine)
    again = json.loads(_cli(store, "evaluate", "--reviewed", "--json").output)
    assert again["fields"]["fatalities"]["changed"] == 0


def test_two_reviewed_events_fused_into_one_are_a_conflict(
    store: Store, settings: Settings
) -> None:
    from .test_alerts_outbox import _event, _write

    _write(store, set(), _event("BW-E1", ["m1"]), _event("BW-E2", ["m2"]))
    reviewer = Reviewer(store, settings)
    reviewer.review("BW-E1", "edit", by="ann", sets={"fatalities": "3"})
    reviewer.review("BW-E2", "edit", by="ben", sets={"fatalities": "5"}, note="later")
    assert _cli(store, "review", "queue", "--status", "conflict", "--json").output == ""
    _write(store, {"m1", "m2"}, _event("BW-E3", ["m1", "m2"]))  # fusion joins them
    queue = _cli(store, "review", "queue", "--status", "conflict", "--json")
    [event] = [json.loads(line) for line in queue.output.splitlines()]
    assert event["event_id"] == "BW-E3" and event["review"]["conflict"] is True
    assert event["fatalities"] == 5  # the later correction wins; both stay in the log
    old = store.event("BW-E1")  # an id fusion retired finds the event its review went to
    assert old is not None and old["event_id"] == "BW-E3"
    assert [r["by"] for r in store.review_log("BW-E3")] == ["ann", "ben"]


def test_the_dashboard_map_and_timeline_read_reviews(
    one_event: tuple[Store, str], settings: Settings
) -> None:
    store, event_id = one_event
    client = _client(store)
    reviewer = Reviewer(store, settings)
    reviewer.review(event_id, "edit", by="a", sets={"event_date": "2025-02-20", "fatalities": "9"})
    view = client.get("/api/dashboard?since=2025-02-20&until=2025-02-20").json()
    assert view["total"] == 1 and view["events"][0]["fatalities"] == 9
    assert view["events"][0]["review"]["status"] == "edited"
    timeline = client.get("/api/stats/timeline?interval=day").json()
    assert "2025-02-20" in json.dumps(timeline) and "2025-03-03" not in json.dumps(timeline)
    reviewer.review(event_id, "reject", by="a", note="not an attack")
    assert client.get("/api/dashboard").json()["total"] == 0
    assert client.get("/api/map").json()["n"] == 0
    assert client.get("/api/dashboard?include_rejected=true").json()["total"] == 1


def test_reprocess_names_a_document_it_does_not_have_in_one_line(
    one_event: tuple[Store, str],
) -> None:
    store, _ = one_event
    done = _cli(store, "reprocess", "no-such-doc.txt")
    assert done.exit_code == 1
    assert "error: no-such-doc.txt: no stored document" in done.output
    assert _cli(store, "reprocess").exit_code == 2  # neither documents nor --all


@pytest.mark.parametrize(
    "command",
    [
        ["review", "queue"],
        ["review", "confirm"],
        ["review", "edit"],
        ["review", "reject"],
        ["review", "merge"],
        ["review", "split"],
        ["review", "log"],
        ["reprocess"],
        ["evaluate"],
    ],
)
def test_every_review_command_has_help_with_an_example(command: list[str]) -> None:
    done = CliRunner().invoke(main, [*command, "--help"])
    assert done.exit_code == 0 and "Example:" in done.output


def test_merge_and_split_through_the_cli_and_the_api(store: Store, pipeline: Pipeline) -> None:
    _ingest(pipeline, store, _report(FIRST, "one.txt", 4), _report(FAR_AWAY, "far.txt", 4))
    keep, other = sorted(e["event_id"] for e in store.events())
    merged = _cli(store, "review", "merge", keep, other, "--note", "one raid")
    assert merged.exit_code == 0 and f"merged: {other} is now {keep} (2 reports)" in merged.output
    split = _cli(store, "review", "split", keep, "--source", "one.txt")
    assert split.exit_code == 0, split.output
    assert len(store.events()) == 2
    client, auth = _client(store), {"Authorization": f"Bearer {TOKEN}"}
    url = f"/api/events/{keep}/review"
    part = next(e["event_id"] for e in store.events() if e["event_id"] != keep)
    stale = client.get(f"/api/events/{keep}").json()["review"]["revision"]
    again = client.post(url, headers=auth, json={"action": "merge", "other": part})
    assert again.status_code == 200 and len(again.json()["sources"]) == 2
    assert client.get(f"/api/events/{part}").json()["event_id"] == keep  # resolves to KEEP
    refused = client.post(
        url, headers=auth, json={"action": "split", "source": "far.txt", "revision": stale}
    )
    assert refused.status_code == 409
    apart = client.post(url, headers=auth, json={"action": "split", "source": "far.txt"})
    assert apart.status_code == 200 and [s["doc"] for s in apart.json()["sources"]] == ["far.txt"]
    missing = client.post(url, headers=auth, json={"action": "split", "source": "nowhere.txt"})
    assert missing.status_code == 400 and "no stored document" in missing.json()["detail"]


def test_a_new_report_that_changes_no_revised_field_still_shows_on_a_reviewed_event(
    one_event: tuple[Store, str], pipeline: Pipeline, settings: Settings
) -> None:
    store, event_id = one_event
    Reviewer(store, settings).review(event_id, "confirm", by="a")
    assert len(store.events()[0]["sources"]) == 1  # read once: the corrected events are kept
    same_outlet = RawDocument(
        source="two.txt",
        content=SECOND.encode(),
        media_type="text/plain",
        published=date(2025, 3, 5),
        outlet="Outlet one.txt",  # the first report's outlet: n_sources stays 1
    )
    _ingest(pipeline, store, same_outlet)
    [event] = store.events()
    assert event["n_sources"] == 1 and len(event["sources"]) == 2
    assert event["review"]["status"] == "confirmed"


def test_a_rejection_is_in_the_deletions_list_for_sync(
    one_event: tuple[Store, str], settings: Settings
) -> None:
    store, event_id = one_event
    assert store.retired() == []
    Reviewer(store, settings).review(event_id, "reject", by="a", note="not an event")
    [row] = _client(store).get("/api/retired").json()["retired"]
    assert (row["event_id"], row["replaced_by"], row["rejected"]) == (event_id, [], True)
