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
from datetime import date

from ..model import EXPORTED_MODALITIES, DateSpan, Mention
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


# The trigger of a toll told on its own (data/triggers.yaml): the toll of another event.
TOLL_TRIGGER = "toll"


def bare_toll(group: list[TriggerMatch], mention: Mention) -> bool:
    """A toll word alone ("Two men were wounded.", "three deaths", "evacuated the wounded")
    that continues no event: no event of its own (what befell them is told elsewhere or not at
    all), so no mention is made of it."""
    return all(m.trigger.trigger_id == TOLL_TRIGGER for m in group) and "continues" not in (
        mention.why
    )


def _only_a_toll(group: list[TriggerMatch], mention: Mention) -> bool:
    lemmas = {m.span.root.lemma_.lower() for m in group}
    return (
        bool(mention.counts)
        and not any(_running_total(m) for m in group)
        and lemmas <= CASUALTY_VERBS | TOLL_NOUNS
        and mention.actor1 is None
        and "place" not in mention.evidence
        and "date" not in mention.evidence
        and (mention.modality in EXPORTED_MODALITIES or mention.modality == "out_of_scope")
    )


def _running_total(match: TriggerMatch) -> bool:
    """A toll told in the perfect ("486 deaths had taken place", "have been killed"): a total
    over a period, not the toll of the event told before."""
    token = match.span.root
    verbs = [token, token.head] if token.pos_ == "NOUN" else [token]
    return any(c.dep_ == "aux" and c.lemma_.lower() == "have" for v in verbs for c in v.children)


def _told_just_before(ctx: ArticleContext, index: int, earlier: list[Mention]) -> Mention | None:
    if index < 1 or not ctx.same_paragraph(index - 1, index):
        return None
    start = ctx.sentences[index - 1].start
    found = [m for m in earlier if m.sentence.start == start and m.modality in EXPORTED_MODALITIES]
    return found[-1] if found else None


def carried_out(
    group: list[TriggerMatch], mention: Mention, agreed: dict[str, Mention], published: date | None
) -> Mention:
    """``mention`` as the carrying out of what an earlier sentence said was agreed ("Both sides
    agreed on Tuesday to exchange prisoners. ... The exchange took place at the crossing"), or
    unchanged.  It is its own event (the agreement was to do it later), admitted as the
    agreement was when it lacked only the parties and matter the agreement named, and dated
    after what led to it: an exchange the story leaves undated happened between the agreement
    and the report, not in the days before the agreement."""
    deal = agreed.get(group[0].trigger.trigger_id)
    if deal is None or deal.date is None:
        return mention
    changes: dict[str, object] = {}
    if "date" not in mention.evidence and published is not None:
        start = max(deal.date.start, mention.date.start if mention.date else deal.date.start)
        end = max(start, published)
        changes["date"] = DateSpan(start, end, 1 if start == end else 2, "")
    lacking = mention.why.get("scope", "").startswith("set aside") and "lacks" in mention.why.get(
        "scope", ""
    )
    if mention.actor1 is None and mention.actor2 is None:  # the parties that agreed carry it out
        changes["actor1"], changes["actor2"] = deal.actor1, deal.actor2
    if mention.modality == "out_of_scope" and lacking:
        changes["modality"] = "reported" if mention.attribution else "asserted"
        changes["scope"] = deal.scope
        changes["why"] = {**mention.why, "carries_out": deal.mention_id}
    return replace(mention, **changes) if changes else mention  # type: ignore[arg-type]
