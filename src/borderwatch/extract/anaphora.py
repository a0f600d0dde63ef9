"""A doer named in an earlier sentence and referred to again by a definite noun.

News names a group once and then calls it "the group", "the militants" or "the rebels"
("Nusra Front militants attacked an army post. The militants killed two soldiers."): the
definite noun is the group named before it, not the generic actor its words alone would give.
Only a named non-state armed group is referred back to this way, and only by a noun that can
stand for one; a state's forces ("the troops") or a name of its own stay as they are.
"""

from __future__ import annotations

from spacy.tokens import Span

from ..model import ActorRef

# Nouns by which news refers back to an armed group it has named ("the group", "the
# militants", "the rebels").
REFERRING_NOUNS = frozenset(
    {
        "group",
        "organisation",
        "organization",
        "movement",
        "militia",
        "militias",
        "militant",
        "militants",
        "rebel",
        "rebels",
        "insurgent",
        "insurgents",
        "jihadist",
        "jihadists",
        "fighter",
        "fighters",
    }
)
# ACLED interaction codes of non-state armed groups: rebels (2), political militias (3),
# identity militias (4).
ARMED_GROUP_INTER = frozenset({2, 3, 4})


def referred_back(span: Span | None, generic: bool, last: ActorRef | None) -> bool:
    """Whether ``span`` (resolved to a ``generic`` actor or to none) is a definite noun
    referring back to ``last``, the named armed group the article's previous event was done
    by (a group of the base, never a generic actor: the caller checks): "the" and a
    referring noun, nothing between ("the Syrian rebels" is a description of its own)."""
    if span is None or not generic or last is None or not last.actor_id:
        return False
    if last.inter not in ARMED_GROUP_INTER:
        return False
    words = [t.lower_ for t in span]
    if words[:1] == ["the"]:
        words = words[1:]
    elif span.start == 0 or span.doc[span.start - 1].lower_ != "the":
        return False
    return len(words) == 1 and words[0] in REFERRING_NOUNS


def as_named(span: Span, last: ActorRef) -> ActorRef:
    """``last`` with the words that referred to it here."""
    return ActorRef(span.text, last.canonical, last.actor_id, last.inter, last.country)
