"""Words the knowledge base names no actor for, read as what they describe (issue 22: no raw
words as actors): a state's forces with a descriptor, the singular of a listed plural, a
loyalty, a group's members, civilians.  Called by :class:`.roles.ActorChooser` after the base's
own reading found nothing.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Span

from ..model import ActorRef
from ..resolve.actors import ActorResolver
from .candidates import CIVILIAN_HEADS
from .membership import affiliated, members_of
from .naming import CIVILIANS_ID
from .naming_forces import described_forces


def generic_reading(span: Span, ref: ActorRef, actors: ActorResolver, on: date | None) -> ActorRef:
    """Words the base names no actor for, read as what they describe: a state's forces
    with a descriptor, a singular of a listed plural, a loyalty, a group's members,
    civilians."""
    forces = described_forces(span, actors, on)  # "Iraqi elite forces"
    ref = replace(forces, text=span.text) if forces is not None else ref
    root = span.root
    if ref.actor_id is None and root.tag_ == "NN" and span.end - span.start <= 3:
        # the base lists plurals ("soldiers"); "a soldier" is the same kind of actor
        plural = actors.ref(f"{span.doc[span.start : root.i].text} {root.text}s".strip(), on)
        if plural.actor_id is not None:
            ref = ActorRef(
                span.text, plural.canonical, plural.actor_id, plural.inter, plural.country
            )
    if ref.actor_id is None and affiliated(span):
        # "forces loyal to Assad": the name alone needs the context the loyalty gives
        entry = actors.in_context(span.text, on)
        if entry is not None:
            ref = ActorRef(span.text, entry.canonical, entry.actor_id, entry.inter, entry.country)
    members = members_of(span) if ref.actor_id is None else None
    if members is not None:
        # "rebel fighters of the Hamza Brigade": a group the base does not know is named
        # by what its members are, the generic actor ACLED counts
        generic = actors.ref(members.text, on)
        if generic.actor_id is not None:
            return replace(generic, text=span.text)
    if ref.actor_id is None and root.lemma_.lower() in CIVILIAN_HEADS:
        civilians = actors.by_id(CIVILIANS_ID, on)
        if civilians is not None:  # "a man", "two farmers": civilians, as ACLED codes them
            return ActorRef(span.text, civilians.canonical, civilians.actor_id, 7)
    return ref
