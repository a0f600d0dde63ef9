""" "The group", "the militants": a definite bare noun that points back to an armed group the
article already named.  One module for both ways news does it (issue 22):

English news names a group once and then calls it "the group" ("Syrian forces launched an
offensive against the group"); read alone those words name no actor, and exporting them
would put a raw word where ACLED names an actor (issue 22: no raw words as actors).  The
group meant is the last non-state armed side the article named; when it named none, the
words stay as they are (no guess).
"""

from __future__ import annotations

from spacy.tokens import Span

from ..model import EXPORTED_MODALITIES, ActorRef, Mention
from .context import ArticleContext

# Head nouns that, bare after "the", point back to an armed group ("the group", "the cell",
# "the faction"): read alone they name no actor (``named_before``).
POINTING_NOUNS = frozenset(
    {"group", "groups", "cell", "cells", "faction", "factions", "organisation", "organization"}
)
# Nouns that name a kind of armed actor themselves ("the militants", "the rebels") and, after
# "the", refer back to the group the previous event named (``referred_back``).
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
# Non-state armed sides (ACLED inter codes 2-4: rebels, political and identity militias).
NON_STATE_ARMED = frozenset({2, 3, 4})


def record_groups(ctx: ArticleContext, mention: Mention) -> None:
    """Keep the non-state armed groups the article's events named, latest last."""
    if mention.modality not in EXPORTED_MODALITIES:
        return
    for ref in (mention.actor1, mention.actor2, mention.assoc_actor_1, mention.assoc_actor_2):
        if ref is not None and ref.actor_id and ref.inter in NON_STATE_ARMED:
            ctx.groups.append(ref)


def named_before(ref: ActorRef | None, span: Span | None, ctx: ArticleContext) -> ActorRef | None:
    """``ref`` as read, or the group named before when ``span`` is a bare "the group" that
    named no actor."""
    if ref is None or span is None or ref.actor_id is not None or not ctx.groups:
        return ref
    head = span.root
    modifiers = [c for c in head.children if c.i < head.i]
    bare = [c.lower_ for c in modifiers] == ["the"] and modifiers[0].dep_ == "det"
    if not bare or head.lower_ not in POINTING_NOUNS or len(span) > 2:
        return ref
    before = ctx.groups[-1]
    return ActorRef(span.text, before.canonical, before.actor_id, before.inter, before.country)


def referred_back(span: Span | None, generic: bool, last: ActorRef | None) -> bool:
    """Whether ``span`` (resolved to a ``generic`` actor or to none) is a definite noun
    referring back to ``last``, the named armed group the article's previous event was done
    by ("Nusra Front militants attacked an army post. The militants killed two soldiers."):
    "the" and a referring noun, nothing between ("the Syrian rebels" is a description of its
    own); a state's forces ("the troops") or a name of its own stay as they are."""
    if span is None or not generic or last is None or not last.actor_id:
        return False
    if last.inter not in NON_STATE_ARMED:
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
