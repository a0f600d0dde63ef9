"""What the chaos harness compares: a snapshot of everything a store holds that a kill could lose
or duplicate, and the webhook deliveries, set against the clean run's.

Each table becomes a list of (identity, content) pairs with the moments of writing left out
(``VOLATILE``: two runs never write at the same instant) and a saved search named by its name
(its row id and the tag made from its creation time differ between two databases).  Two
snapshots are then compared key by key: a key of the clean run missing from the chaos run is
*lost*, one only in the chaos run is *extra*, a key held more often than in the clean run is
*twice*, and a key with other content is *changed*.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from chaos_world import Delivery

from borderwatch.store import Store
from borderwatch.store.crossing_store import crossing_claims
from borderwatch.store.query import EventFilter
from borderwatch.store.review_schema import review_actions, review_anchors
from borderwatch.store.schema import alerts, documents, failures, mentions, saved_searches

# Keys that say when (or how often) a row was written, not what it holds.
VOLATILE = frozenset(
    {"at", "ingested_at", "updated_at", "created_at", "delivered_at", "next_attempt_at"}
    | {"attempts", "last_error", "marked_at", "checked_at", "id", "search_id", "key"}
    # a review's lineage id is drawn at random when it is made; what it ties is compared
    | {"lineage"}
    # the export record's ACLED ``timestamp``: when the event was last written
    | {"timestamp"}
)

Rows = list[tuple[str, str]]  # (identity, normalised content)


def normalised(value: Any) -> Any:
    """``value`` with every ``VOLATILE`` key removed, at any depth."""
    if isinstance(value, dict):
        return {k: normalised(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [normalised(v) for v in value]
    return value


def _dumps(value: Any) -> str:
    return json.dumps(normalised(value), sort_keys=True, default=str)


def _without_token(event: dict[str, Any]) -> dict[str, Any]:
    """An event less its review's ``revision``: an opaque token over the review log's row ids,
    which differ where a killed transaction used some (PostgreSQL sequences do not roll back)."""
    if isinstance(event.get("review"), dict):
        event["review"] = {k: v for k, v in event["review"].items() if k != "revision"}
    return event


JSON_COLUMNS = ("payload", "body", "patch", "machine_value", "analyst_value")


def _table(store: Store, query: sa.Select[Any], identity: tuple[str, ...]) -> Rows:
    with store.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(query)]
    for row in rows:
        if "delivered_at" in row:  # when it was delivered varies; whether it was must not
            row["delivered"] = row["delivered_at"] is not None
        for name in JSON_COLUMNS:
            if isinstance(row.get(name), str):
                row[name] = normalised(json.loads(row[name]))
    return [(key_of(*(row.get(k) for k in identity)), _dumps(row)) for row in rows]


def key_of(*parts: Any) -> str:
    """A row's identity: its identifying values, normalised, joined."""
    return "/".join(_dumps(part) for part in parts)


def snapshot(db: str) -> dict[str, Rows]:
    """Everything of a store the harness checks, table by table."""
    store = Store(db)
    every = EventFilter(include_unconfirmed=True, include_rejected=True)
    events = [(e["event_id"], _dumps(_without_token(e))) for e in store.events(every)]
    retired = [(r["event_id"], _dumps(r)) for r in store.retired()]
    named = sa.select(alerts, saved_searches.c.name.label("search")).join(
        saved_searches, saved_searches.c.id == alerts.c.search_id
    )
    review = sa.select(review_actions).order_by(review_actions.c.id)
    log = ("event_id", "action", "field", "machine_value", "analyst_value", "note")
    taken = {
        "documents": _table(store, sa.select(documents), ("doc_key",)),
        "mentions": _table(store, sa.select(mentions), ("mention_id",)),
        "events": events,
        "retired ids": retired,
        "crossing claims": _table(store, sa.select(crossing_claims), ("claim_id",)),
        "review log": _table(store, review, log),
        "review anchors": _table(store, sa.select(review_anchors), ("mention_id",)),
        "outbox (alerts)": _table(store, named, ("search", "event_id", "revision")),
        "failures": _table(store, sa.select(failures), ("source", "stage")),
    }
    store.engine.dispose()
    return taken


@dataclass
class Verdict:
    """One line of the verdict table."""

    what: str
    clean: int
    chaos: int
    lost: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    twice: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    note: str = ""

    @property
    def ok(self) -> bool:
        return not (self.lost or self.extra or self.twice or self.changed)

    def as_json(self) -> dict[str, Any]:
        return {
            "what": self.what,
            "clean": self.clean,
            "chaos": self.chaos,
            "ok": self.ok,
            **{k: getattr(self, k)[:5] for k in ("lost", "extra", "twice", "changed")},
            "note": self.note,
        }


def compare(what: str, clean: Rows, chaos: Rows) -> Verdict:
    """The chaos run's rows against the clean run's: lost, extra, twice, changed."""
    before, after = Counter(k for k, _ in clean), Counter(k for k, _ in chaos)
    contents: dict[str, set[str]] = {}
    for key, content in clean:
        contents.setdefault(key, set()).add(content)
    verdict = Verdict(what, len(clean), len(chaos))
    verdict.lost = sorted(set(before) - set(after))
    verdict.extra = sorted(set(after) - set(before))
    verdict.twice = sorted(k for k in after if k in before and after[k] > before[k])
    verdict.changed = sorted(
        {
            f"{k}: {_difference(min(contents[k]), content)}"
            for k, content in chaos
            if k in contents and content not in contents[k]
        }
    )
    return verdict


def _difference(clean: str, chaos: str) -> str:
    """Where two contents first differ (the path of keys down to it), both values abridged."""
    left, right = json.loads(clean), json.loads(chaos)
    path = ""
    while isinstance(left, dict) and isinstance(right, dict):
        names = [n for n in sorted(set(left) | set(right)) if left.get(n) != right.get(n)]
        if not names:
            break
        path, left, right = f"{path}.{names[0]}", left.get(names[0]), right.get(names[0])
    return f"{path[1:]}: {json.dumps(left)[:100]} / {json.dumps(right)[:100]}"


def delivery_rows(deliveries: Iterable[Delivery]) -> Rows:
    """Deliveries as (search/event/revision, change), once per key: what reached the receiver."""
    seen = {(d.search, d.event_id, d.revision): d.change for d in deliveries}
    return [(key_of(s, e, r), c) for (s, e, r), c in sorted(seen.items())]


def check_deliveries(
    clean: list[Delivery], chaos: list[Delivery], outbox: Rows, resend_kills: int
) -> Verdict:
    """Every alert of the chaos run's outbox reached the receiver under one id and one body;
    the (search, event, revision) keys are the clean run's; a repeated POST (the sender killed
    after the receiver answered, before it recorded the answer) is allowed only with the same
    id and bytes, at most one per search per kill that landed while alerts were being sent,
    and never in the clean run."""
    verdict = compare("webhook deliveries", delivery_rows(clean), delivery_rows(chaos))
    by_key: dict[tuple[str, str, int], list[Delivery]] = {}
    for d in chaos:
        by_key.setdefault((d.search, d.event_id, d.revision), []).append(d)
    for (s, e, r), sent in sorted(by_key.items()):
        ids, bodies = {d.alert_id for d in sent}, {d.digest for d in sent}
        if len(ids) > 1 or len(bodies) > 1:
            verdict.twice.append(f"{key_of(s, e, r)}: {len(ids)} ids, {len(bodies)} bodies")
    queued = {key for key, _ in outbox}
    delivered = {key_of(s, e, r) for s, e, r in by_key}
    verdict.lost += sorted(queued - delivered)
    resent = len(chaos) - len(by_key)
    clean_resent = len(clean) - len({(d.search, d.event_id, d.revision) for d in clean})
    if clean_resent:
        verdict.twice.append(f"clean run: {clean_resent} repeated POSTs")
    # each search's alerts go in order, one POST in flight at a time: a kill can leave at most
    # one POST per search answered but not recorded
    for search in sorted({d.search for d in chaos}):
        repeats = sum(len(ds) - 1 for (s, _, _), ds in by_key.items() if s == search)
        if repeats > resend_kills:
            verdict.twice.append(
                f"{search}: {repeats} repeated POSTs for {resend_kills} kills while sending"
            )
    verdict.note = f"{resent} resent after a kill (same id, same bytes)" if resent else ""
    return verdict


def verdicts(
    clean: dict[str, Rows],
    chaos: dict[str, Rows],
    deliveries: tuple[list[Delivery], list[Delivery]],
    resend_kills: int,
) -> list[Verdict]:
    """The verdict table: each table of the snapshots, then the webhook deliveries."""
    found = [compare(what, clean[what], chaos[what]) for what in clean]
    found.append(check_deliveries(*deliveries, chaos["outbox (alerts)"], resend_kills))
    return found
