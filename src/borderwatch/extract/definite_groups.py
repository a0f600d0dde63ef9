""" "The group", "the militants": a definite bare noun that points back to an armed group the
article already named.

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
# "the faction"); nouns that name a kind of actor themselves ("the militants") resolve alone.
POINTING_NOUNS = frozenset(
    {"group", "groups", "cell", "cells", "faction", "factions", "organisation", "organization"}
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
