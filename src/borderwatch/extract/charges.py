"""Deeds a sentence tells as charged or sought, not done: what someone is accused of doing
("accused the regime of using chemical weapons against civilians") and what fighting strives
for ("are fighting to retake the town").  Read by :mod:`.modality` (speculated, attempted).
"""

from __future__ import annotations

from spacy.tokens import Token

# Verbs of accusing: a deed one side is accused "of" doing or blamed "for" doing is a charge,
# not a report ("the opposition accused the regime of using chemical weapons").  A known event
# blamed on someone ("blamed the militia for the attack") did happen.
ACCUSING = frozenset({"accuse", "blame"})


def accused(trigger: Token) -> bool:
    """The trigger is (in) a deed told as a gerund that someone is accused of, and the sentence
    tells no toll of it (a toll told with the charge, "accused the army of shelling the town,
    killing five", reports the deed the charge is about)."""
    gerund = None
    for token in [trigger, *list(trigger.ancestors)[:5]]:
        if token.lemma_.lower() in ACCUSING and token.i != trigger.i:
            return gerund is not None and not _particular_deed(gerund)
        if token.tag_ == "VBG" and token.dep_ == "pcomp" and token.head.lower_ in ("of", "for"):
            gerund = token
    return False


# Entities that make a charged deed a particular one: its toll, its victim, its place, its day.
PARTICULAR_ENTS = frozenset({"CARDINAL", "PERSON", "GPE", "LOC", "FAC", "DATE", "TIME"})


def _particular_deed(gerund: Token) -> bool:
    """ "accused Russia of poisoning a former officer, Sergei S.", "of shelling the town on
    Monday, killing five": a deed with its victim, place, day or toll is reported, charge or
    not; "of using chemical weapons against civilians" charges a kind of conduct."""
    return any(t.ent_type_ in PARTICULAR_ENTS for t in gerund.subtree) or any(
        t.ent_type_ == "CARDINAL" for t in gerund.sent
    )


# Verbs of striving: what their "to" infinitive tells is sought, not done ("the Kurdish forces
# are fighting to retake the town").
STRIVING = frozenset({"fight", "battle", "struggle", "strive", "push"})


def striven_for(trigger: Token) -> bool:
    return (
        trigger.pos_ == "VERB"
        and trigger.dep_ in ("xcomp", "advcl")
        and trigger.head.lemma_.lower() in STRIVING
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children)
    )
