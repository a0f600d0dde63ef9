"""A state's forces named with a descriptor the knowledge base does not list: "Iraqi elite
forces", "Syrian special forces", "Iraqi counter-terrorism forces" are that state's military
(ACLED's Military Forces of Iraq / Syria), as "Iraqi forces" already are.  Without this the
words resolve to nothing and the event loses its doer.

Only plain descriptors count: a word that names an actor of its own ("Iraqi Shiite forces",
"Syrian opposition forces", "Syrian Kurdish forces") says whose forces they are, and the rest
of the naming reads it.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span

from ..model import ActorRef
from ..resolve.actors import ActorResolver, nationality

# Heads of a state's regular forces (spaCy lemmas).
FORCE_HEADS = frozenset({"force", "troop", "soldier", "commando", "unit", "serviceman"})
# Entity types a plain descriptor never carries (a sect, a party, a named body).
NAMING_ENTS = frozenset({"ORG", "PERSON", "GPE", "FAC"})


def described_forces(span: Span, actors: ActorResolver, on: date | None) -> ActorRef | None:
    """The military of the state a nationality word before ``span``'s head names, when the
    other words before the head are plain descriptors; None otherwise."""
    root = span.root
    if root.lemma_.lower() not in FORCE_HEADS:
        return None
    before = [t for t in root.subtree if t.i < root.i and not t.is_punct and t.dep_ != "det"]
    codes = [nationality(t.text) for t in before]
    found = {c for c in codes if c is not None}
    if len(found) != 1:
        return None
    for token, code in zip(before, codes, strict=True):
        if code is not None:
            continue
        if token.ent_type_ in NAMING_ENTS or token.ent_type_ == "NORP" or token.pos_ == "PROPN":
            return None
        if actors.ref(token.text, on).actor_id or actors.in_context(token.text, on):
            return None  # "opposition forces", "Kurdish forces": a side of its own
    return actors.state_of(found.pop(), on, violent=True, text=span.text)
