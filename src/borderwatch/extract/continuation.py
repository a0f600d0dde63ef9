"""A toll told in the sentence after its event: the same event, not a new one.

News and coders' notes often tell an event, then its dead in a sentence of their own: "Israeli
forces conducted an airstrike on a vehicle near Janta. Two Hezbollah members were killed." The
second sentence is no battle of its own (ACLED codes one air strike with two fatalities and
Hezbollah as the target). A toll sentence continues the event of the sentence just before it,
in the same paragraph, when it says nothing that would make it another event: its trigger is
a casualty verb or noun, it names no doer, and it states neither its own place nor its own
date. It then takes that event's type, doer, place, date and scope (a toll alone, with no doer,
is set aside as out of scope), so that fusion makes one event of the two reports, each field
keeping the sentence that says it.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import EXPORTED_MODALITIES, Mention
from .context import ArticleContext
from .sense import CASUALTY_VERBS
from .triggers import TriggerMatch

# Nouns that tell a toll on their own ("three fatalities", "two deaths").
TOLL_NOUNS = frozenset({"fatality", "death", "casualty", "toll", "dead"})


def continued(
    ctx: ArticleContext,
    index: int,
    group: list[TriggerMatch],
    mention: Mention,
    earlier: list[Mention],
) -> Mention:
    """``mention`` as the toll of the event told just before it, or unchanged."""
    before = _told_just_before(ctx, index, earlier)
    if before is None or not _only_a_toll(group, mention):
        return mention
    return replace(
        mention,
        event_type=before.event_type,
        sub_event_type=before.sub_event_type,
        plover_type=before.plover_type,
        plover_mode=before.plover_mode,
        actor1=before.actor1,
        assoc_actor_1=before.assoc_actor_1,
        place=before.place,
        date=before.date,
        # a toll alone is set aside as out of scope (no doer): as part of the event it is in
        modality=mention.modality if mention.modality in EXPORTED_MODALITIES else before.modality,
        scope=before.scope,
        why={**mention.why, "continues": before.mention_id},
    )


def _only_a_toll(group: list[TriggerMatch], mention: Mention) -> bool:
    lemmas = {m.span.root.lemma_.lower() for m in group}
    return (
        bool(mention.counts)
        and lemmas <= CASUALTY_VERBS | TOLL_NOUNS
        and mention.actor1 is None
        and "place" not in mention.evidence
        and "date" not in mention.evidence
        and (mention.modality in EXPORTED_MODALITIES or mention.modality == "out_of_scope")
    )


def _told_just_before(ctx: ArticleContext, index: int, earlier: list[Mention]) -> Mention | None:
    if index < 1 or not ctx.same_paragraph(index - 1, index):
        return None
    start = ctx.sentences[index - 1].start
    found = [m for m in earlier if m.sentence.start == start and m.modality in EXPORTED_MODALITIES]
    return found[-1] if found else None
