"""Score who-did-what-to-whom on dev sets whose coders named the actors of each event.

* PLOVER GSR: one sentence per record, source and target actors as written.
* re3d: conflict documents with ``FightingAgainst`` relations between an organisation, person or
  nationality (source) and another (target), with the words that say so.
* PETRARCH-2 validation: newswire sentences coded with CAMEO actor codes; the first three
  letters are the actor's country (ISO 3166 alpha-3), so a prediction is right when the actor
  resolves to that country (a rough score: unknown actors have no country).

Each gold event is looked for among the mentions of its text (the one whose trigger lies in the
gold event's words, else the first).  ``actor1``/``actor2`` count an event right when the
predicted actor names the gold one after normalisation (shared content word, or the same
knowledge-base entry); a missing event or actor counts wrong.  ``class_errors`` lists predicted
actors that the coders marked as a place or a time (re3d), which an actor must never be.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .clean import content_key
from .extract import Extractor
from .model import ActorRef, Article, Mention

# "state" and "unidentified" name no actor on their own: "State forces (unidentified)" is not
# "The Islamic State".
STOP = frozenset(
    {"the", "a", "an", "of", "and", "its", "his", "her", "their", "in", "s"}
    | {"state", "unidentified"}
)
# CAMEO codes use ISO alpha-3 for countries; these prefixes name no country.
NO_COUNTRY = frozenset({"---", "IGO", "NGO", "MNC", "IMG"})
# re3d entity types that name something that can act.
ACTOR_TYPES = frozenset({"Organisation", "Person", "Nationality"})
# re3d entity types a predicted actor must never be.
NON_ACTOR_TYPES = frozenset({"Location", "Temporal", "Quantity", "Money", "Coordinate"})
# How many wrong actors a score keeps for reading (bench/actors_dev.py --misses).
MISSES_KEPT = 400


@dataclass(frozen=True)
class GoldEvent:
    text: str
    published: date | None
    actor1: str | None
    actor2: str | None
    span: tuple[int, int] | None = None  # where the event's words are in ``text``


@dataclass
class ActorScores:
    events: int = 0
    found: int = 0
    actor1: int = 0
    actor1_gold: int = 0
    actor2: int = 0
    actor2_gold: int = 0
    actor1_found: int = 0  # gold actor1 stated and the event found
    actor1_found_right: int = 0
    actor2_found: int = 0
    actor2_found_right: int = 0
    class_errors: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float | None]:
        def share(n: int, d: int) -> float | None:
            return round(n / d, 3) if d else None

        return {
            "found": share(self.found, self.events),
            "actor1": share(self.actor1, self.actor1_gold),
            "actor2": share(self.actor2, self.actor2_gold),
            "actor1_of_found": share(self.actor1_found_right, self.actor1_found),
            "actor2_of_found": share(self.actor2_found_right, self.actor2_found),
        }


def words(name: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in STOP}


def names_same(predicted: ActorRef | None, gold: str) -> bool:
    """Whether a predicted actor names the gold one (shared content word or same entry)."""
    if predicted is None:
        return False
    mine = words(predicted.text) | words(predicted.canonical)
    return bool(mine & words(gold))


def read_plover_gsr(path: Path) -> Iterator[GoldEvent]:
    for record in json.loads(path.read_text(encoding="utf-8")):
        if record.get("event") == "DOCUMENT" or "text" not in record:
            continue
        source, target = _actor_texts(record.get("source")), _actor_texts(record.get("target"))
        text = record["text"]
        event_words = record.get("eventText") or ""
        at = text.find(event_words) if event_words else -1
        yield GoldEvent(
            text,
            date.fromisoformat(record.get("date", "2000-01-01")),
            source[0] if source else None,
            target[0] if target else None,
            (at, at + len(event_words)) if at >= 0 else None,
        )


def _actor_texts(field: object) -> list[str]:
    """PLOVER GSR actor fields are a list of {actorText, code}, occasionally a bare string."""
    items = field if isinstance(field, list) else [field] if field else []
    found = [a.get("actorText") if isinstance(a, dict) else a for a in items]
    return [str(a) for a in found if a]


def read_petrarch(path: Path) -> Iterator[GoldEvent]:
    """PETRARCH-2 records (not well-formed XML: read by pattern); ``actor1``/``actor2`` are
    CAMEO codes, not names.  The first coding of each sentence is scored."""
    raw = path.read_text(encoding="utf-8")
    for record in re.split(r"(?=<Sentence )", raw)[1:]:
        stamp = re.search(r'date="(\d{8})"', record)
        coding = re.search(r'sourcecode="([^"]*)" targetcode="([^"]*)"', record)
        text = re.search(r"<Text>(.*?)</Text>", record, re.S)
        if not (stamp and coding and text):
            continue
        day = stamp.group(1)
        yield GoldEvent(
            " ".join(text.group(1).split()),
            date(int(day[:4]), int(day[4:6]), int(day[6:8])),
            coding.group(1),
            coding.group(2),
        )


def read_re3d(folder: Path) -> Iterator[tuple[str, list[GoldEvent], list[tuple[int, int, str]]]]:
    """Per document: its text, its FightingAgainst events and its entity spans."""
    for docs in sorted(folder.glob("*/documents.json")):
        texts = {}
        for line in docs.read_text(encoding="utf-8").splitlines():
            if line.strip():
                doc = json.loads(line)
                texts[doc["_id"]] = doc["text"]
        entities: dict[str, list[tuple[int, int, str]]] = {k: [] for k in texts}
        for line in (docs.parent / "entities.json").read_text(encoding="utf-8").splitlines():
            if line.strip():
                e = json.loads(line)
                entities.setdefault(e["documentId"], []).append((e["begin"], e["end"], e["type"]))
        events: dict[str, list[GoldEvent]] = {k: [] for k in texts}
        for line in (docs.parent / "relations.json").read_text(encoding="utf-8").splitlines():
            r = json.loads(line) if line.strip() else {}
            if r.get("type") != "FightingAgainst" or r["documentId"] not in texts:
                continue
            spans = entities.get(r["documentId"], [])
            kinds = {(b, e): t for b, e, t in spans}
            src = kinds.get((r["sourceBegin"], r["sourceEnd"]))
            tgt = kinds.get((r["targetBegin"], r["targetEnd"]))
            if src in ACTOR_TYPES and tgt in ACTOR_TYPES:
                text = texts[r["documentId"]]
                span = (min(r["begin"], r["sourceBegin"]), max(r["end"], r["targetEnd"]))
                events[r["documentId"]].append(
                    GoldEvent(text, None, r["source"], r["target"], span)
                )
        for key, text in texts.items():
            yield text, events[key], entities.get(key, [])


def _article(text: str, published: date | None) -> Article:
    return Article(doc_key=content_key(text), source="dev", text=text, published=published)


def _pick(mentions: list[Mention], span: tuple[int, int] | None) -> Mention | None:
    """The mention of the gold event: its trigger inside the gold words, else in the same
    sentence; with no gold words, the first mention."""
    if span is None:
        return mentions[0] if mentions else None
    start, end = span
    inside = [m for m in mentions if start <= m.trigger.start < end]
    if inside:
        return inside[0]
    same = [m for m in mentions if m.sentence.start <= start < m.sentence.end]
    return same[0] if same else None


def _score(scores: ActorScores, gold: GoldEvent, mention: Mention | None, coded: bool) -> None:
    scores.events += 1
    scores.found += mention is not None
    for attr, name in (("actor1", gold.actor1), ("actor2", gold.actor2)):
        if not name:
            continue
        setattr(scores, f"{attr}_gold", getattr(scores, f"{attr}_gold") + 1)
        predicted = getattr(mention, attr) if mention else None
        right = _country_same(predicted, name) if coded else names_same(predicted, name)
        setattr(scores, attr, getattr(scores, attr) + right)
        if mention is not None:
            setattr(scores, f"{attr}_found", getattr(scores, f"{attr}_found") + 1)
            setattr(scores, f"{attr}_found_right", getattr(scores, f"{attr}_found_right") + right)
        if not right and len(scores.examples) < MISSES_KEPT:
            scores.examples.append(_miss(attr, name, gold, mention, coded))


def _miss(attr: str, name: str, gold: GoldEvent, mention: Mention | None, coded: bool) -> str:
    """One wrong actor, tagged with what went wrong where the scorer can tell: (a) no event
    found, (b) the event found with no actor in that role, (c) the gold actor predicted in the
    other role; else '?' (a wrong actor: a naming the scorer does not match, or one the base
    does not know, which only reading tells apart)."""
    text = " ".join(gold.text.split())
    if gold.span is not None:
        text = text if len(text) < 220 else " ".join(gold.text[gold.span[0] :].split())
    if mention is None:
        return f"(a) {attr}: gold {name!r}, no event | {text[:200]}"
    predicted = getattr(mention, attr)
    other = mention.actor2 if attr == "actor1" else mention.actor1
    swapped = _country_same(other, name) if coded else names_same(other, name)
    tag = "(b)" if predicted is None else "(c)" if swapped else "(?)"
    got = f"{predicted.text!r} -> {predicted.canonical!r}" if predicted else None
    kind = f"{mention.event_type}/{mention.trigger.text}"
    line = " ".join(mention.sentence.text.split())[:200]
    return f"{tag} {attr}: gold {name!r} got {got} [{kind}] | {line}"


def _country_same(predicted: ActorRef | None, code: str) -> bool:
    """A CAMEO code's country against the predicted actor's (``country`` is alpha-2)."""
    from .acled import iso3_of

    if predicted is None or code[:3] in NO_COUNTRY:
        return predicted is not None and code[:3] in NO_COUNTRY and not predicted.country
    return iso3_of(predicted.country) == code[:3]


def score_sentences(
    extractor: Extractor, events: list[GoldEvent], *, coded: bool = False
) -> ActorScores:
    """Actor accuracy over one-sentence records (PLOVER GSR, PETRARCH)."""
    scores = ActorScores()
    batches = extractor.extract_many([_article(g.text, g.published) for g in events])
    for gold, mentions in zip(events, batches, strict=True):
        _score(scores, gold, _pick(mentions, gold.span), coded)
    return scores


def score_re3d(
    extractor: Extractor, folder: Path, keep: Callable[[str], bool] | None = None
) -> ActorScores:
    """Actor accuracy on re3d FightingAgainst relations, and actors that are places/times;
    ``keep(text)`` selects documents (a fixed half of the set)."""
    scores = ActorScores()
    documents = [d for d in read_re3d(folder) if keep is None or keep(d[0])]
    batches = extractor.extract_many([_article(text, None) for text, _, _ in documents])
    for (_text, events, entities), mentions in zip(documents, batches, strict=True):
        for gold in events:
            _score(scores, gold, _pick(mentions, gold.span), False)
        exact: dict[tuple[int, int], set[str]] = {}
        for begin, end, kind in entities:
            exact.setdefault((begin, end), set()).add(kind)
        for m in mentions:
            for role in ("actor1", "actor2", "assoc_actor_1"):
                span = m.evidence.get(role)
                kinds = exact.get((span.start, span.end), set()) if span else set()
                if kinds & NON_ACTOR_TYPES and not kinds & ACTOR_TYPES:
                    scores.class_errors.append(f"{role} {span.text!r}: {sorted(kinds)}")  # type: ignore[union-attr]
    return scores
