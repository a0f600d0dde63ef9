"""An actor's whole name where the candidate span holds only part of it.

Candidate spans are entity matches and noun phrases; two common shapes of English news name
one actor over words the span leaves out:

- a generic head narrowed by where its people come from ("armed men from Lebanese clans",
  "gunmen from the tribes"): the knowledge base reads the whole phrase as the group whose
  people they are (Unidentified Clan Militia), where the head alone is only an unidentified
  armed group;
- nationality words coordinated over one head ("senior Lebanese and Syrian military
  officers"): each nationality names its own side, of the kind the shared head names
  ("Lebanese military officers"), never the bare country ("Lebanese" -> its government).

Both return the reading of the whole words when the base knows it; otherwise the span is
read as before.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span

from ..model import ActorRef
from ..resolve.actors import ActorResolver, nationality

# Prepositions that tie a generic head to the group its people come from.
ORIGIN_PREPS = frozenset({"from", "of"})
# Entity labels of places: "gunmen from Syria" says where they came from, not who they are.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def whole_reading(span: Span, base: ActorResolver, on: date | None) -> ActorRef | None:
    """The actor the whole words around ``span`` name, when they name a different actor of
    the base than the span alone and the span alone names no particular actor."""
    shared = _coordinated_nationality(span)
    phrase = shared or _with_origin(span)
    if phrase is None:
        return None
    alone = base.ref(span.text, on)
    if base.kind_of(alone.actor_id) not in (None, "generic") and shared is None:
        return None  # a named actor stays named ("Hezbollah fighters from the town")
    whole = base.ref(phrase, on)
    if whole.actor_id is None or whole.actor_id == alone.actor_id:
        return None
    return whole


def _with_origin(span: Span) -> str | None:
    """ "Armed men from Lebanese clans": the span's words through the group they come from."""
    root = span.root
    for prep in root.children:
        if prep.dep_ != "prep" or prep.lower_ not in ORIGIN_PREPS or prep.i != span.end:
            continue
        group = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if group is None or group.ent_type_ in PLACE_LABELS or group.ent_id_.startswith("place:"):
            return None
        return span.doc[span.start : group.i + 1].text
    return None


def _coordinated_nationality(span: Span) -> str | None:
    """ "Lebanese" in "senior Lebanese and Syrian military officers": the nationality with
    the words its partner shares ("Lebanese military officers")."""
    if len(span) != 1 or nationality(span.text) is None:
        return None
    word = span.root
    partner = next((c for c in word.children if c.dep_ == "conj"), None)
    head = word.head
    if word.dep_ not in ("amod", "compound") or partner is None:
        return None
    if not word.i < partner.i < head.i:
        return None
    return f"{word.text} {span.doc[partner.i + 1 : head.i + 1].text}"
