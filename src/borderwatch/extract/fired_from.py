"""The doer of fire the report only places: "shells fired from the Syrian side landed near
Hermel", "rockets fired from Syrian territory".

The words say where the fire came from, not who fired it.  Two codebook rules decide:
shelling or strikes inside an ongoing battle belong to that battle
(../shared/reference/EVENT_CODING.md), so when the article has told of fighting with a side
of that country, the fire is that side's; when it has named none, nothing says who, and the
doer stays unnamed (../shared/data/syria_actors/GUIDE.md: actor1 is null unless the text
names or clearly implies the attacker) — never a guessed state or armed group.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from ..model import EXPORTED_MODALITIES, ActorRef, Mention
from ..resolve.actors import nationality
from .context import ArticleContext
from .naming import VIOLENT_TYPES

# Nouns that, after "from" and a nationality, name one side of a border: "from the Syrian
# side", "from Syrian territory", "from across the Lebanese border".
SIDE_NOUNS = frozenset({"side", "territory", "soil", "border", "frontier", "direction"})
# Verbs of firing a weapon, whose "from" phrase says where the fire came from.
FIRING_LEMMAS = frozenset({"fire", "launch", "lob", "shell"})
# Armed sides (ACLED inter codes 1-4: state forces, rebels, political and identity militias);
# civilians, protesters and rioters fire no shells.
ARMED_INTERS = frozenset({1, 2, 3, 4})


def record_sides(ctx: ArticleContext, mention: Mention) -> None:
    """Keep the armed sides of the article's violent events, latest last, for fire told later
    that only says where it came from."""
    if mention.event_type not in VIOLENT_TYPES or mention.modality not in EXPORTED_MODALITIES:
        return
    for ref in (mention.actor1, mention.actor2):
        if ref is not None and ref.canonical and ref.inter in ARMED_INTERS and ref.country:
            ctx.sides.append(ref)


def fired_from(
    trigger: Token, ctx: ArticleContext, country_of: Callable[[Span], str | None]
) -> ActorRef | None:
    """The armed side of the country fire came "from", when the article named one fighting;
    ``country_of`` reads a place name's country ("from Syria")."""
    code = _from_country(trigger, country_of)
    if code is None:
        return None
    return next((r for r in reversed(ctx.sides) if r.country == code), None)


def _from_country(trigger: Token, country_of: Callable[[Span], str | None]) -> str | None:
    """The country a "from" phrase on the trigger, or on the weapon fired, names."""
    heads = [trigger, *trigger.children]
    if trigger.dep_ in ("acl", "relcl"):
        heads.append(trigger.head)  # "shells fired from ...": the trigger may be "shells"
    # "rounds fired from the Syrian side landed ... no casualties from the shelling": the
    # sentence's verb of firing carries the "from" its event noun lacks
    heads += [t for t in trigger.sent if t.lemma_.lower() in FIRING_LEMMAS and t.pos_ == "VERB"]
    for head in heads:
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "from"):
            place = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if place is None:
                continue
            if place.lemma_.lower() in SIDE_NOUNS:
                words = " ".join(t.text for t in place.children if t.dep_ in ("amod", "compound"))
                code = nationality(words) if words else None
                if code:
                    return code
            ent = next((e for e in place.doc.ents if e.start <= place.i < e.end), None)
            if ent is not None:
                code = country_of(ent)
                if code:
                    return code
    return None
