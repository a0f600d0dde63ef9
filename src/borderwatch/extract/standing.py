"""Deeds told as a pattern or a standing fact, not as an incident (syria_actors GUIDE.md:
generic statements and summaries are no event): done again and again ("the rebels have
repeatedly shelled the city", "targeted the hospital several times"), or who fights whom told
in the present with nothing to anchor it ("the SDF, which is fighting IS").  Read by
:mod:`.modality` as generic frames.
"""

from __future__ import annotations

from spacy.tokens import Token

from .periods import WEEKDAYS, dated

# "Repeatedly shelled", "have targeted hospitals several times": deeds done again and again, a
# pattern told in one sentence, not one incident (unless a day is named with them).
ITERATING_ADVERBS = frozenset(
    {"repeatedly", "regularly", "constantly", "continually", "continuously", "periodically",
     "persistently", "systematically"}
)  # fmt: skip
MANY = frozenset({"several", "many", "multiple", "numerous", "countless"})


def iterated(verb: Token) -> bool:
    """Done again and again with no day named ("the rebels have repeatedly shelled the city",
    "warplanes targeted the hospital several times"): see ``ITERATING_ADVERBS``."""
    if any(dated(c) for c in verb.children):
        return False
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ in ITERATING_ADVERBS:
            return True
        if (
            child.dep_ == "npadvmod"
            and child.lower_ == "times"
            and any(c.lower_ in MANY for c in child.children)
        ):
            return True
    return False


# Auxiliaries of the present progressive ("is fighting").
PRESENT_BE = frozenset({"is", "are", "am", "'s", "'re", "'m"})
# Verbs that tell who is at war with whom: in the present progressive with nothing to anchor
# them they state a standing relation ("the SDF, which is fighting IS"); a harm told so ("is
# killing civilians") is still charged as going on.
WAR_RELATION_VERBS = frozenset({"fight", "battle", "combat", "wage", "confront"})
# Entities that anchor an ongoing deed to an incident: a place, a day or hour, a count.
ANCHORS = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME", "CARDINAL"})


def ongoing_undated(verb: Token) -> bool:
    """A present progressive of fighting in a sentence with no place, day or count ("the SDF,
    which is fighting IS, is led by Kurds", "the regime says it is fighting terrorists"): who
    fights whom (the verb's object) in the war, told as a standing fact, no incident.  "Rebels
    are fighting the army in Aleppo's east" names where it happens."""
    if verb.lemma_.lower() not in WAR_RELATION_VERBS or verb.tag_ != "VBG":
        return False
    if not any(c.dep_ == "aux" and c.lower_ in PRESENT_BE for c in verb.children):
        return False
    if not any(c.dep_ == "dobj" for c in verb.children):
        return False  # "are battling to recapture the oil field": a fight for a place, going on
    return not any(t.ent_type_ in ANCHORS or t.lower_ in WEEKDAYS for t in verb.sent)
