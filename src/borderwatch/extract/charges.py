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


# Verbs that pass a judgement on the deeds that are their subject ("the regime's attacks on the
# city amount to a war crime", "the shelling constitutes a violation of the truce"), and the
# nouns a copula passes it with ("airstrikes on hospitals are a crime").  The syria_actors
# GUIDE.md codes such rhetoric as no event: the sentence judges a kind of conduct, it reports no
# incident.
JUDGING_VERBS = frozenset({"amount", "constitute", "represent", "equal"})
JUDGEMENT_NOUNS = frozenset(
    {"crime", "violation", "breach", "atrocity", "genocide", "outrage", "terrorism", "aggression"}
)
# Verbs that pass it on their object ("condemned the attacks on journalists", "described the
# shelling as a provocation").
CONDEMNING = frozenset(
    {"condemn", "denounce", "decry", "deplore", "criticise", "criticize", "describe", "brand",
     "label"}
)  # fmt: skip
# What makes the judged deeds particular ones, reported with the judgement: a count, a day, a
# time, or a clause telling what they did ("condemned the attacks, which killed 12 people").
PARTICULAR_JUDGED = frozenset({"CARDINAL", "DATE", "TIME"})


def judged(trigger: Token) -> bool:
    """The trigger is a kind of deed (a plural, or a gerund without "a") that the sentence
    passes judgement on ("the attacks amount to a war crime", "condemned the bombings of
    schools"): rhetoric about conduct, no incident.  One attack ("condemned an attack") or deeds
    told with their day or toll ("the strikes on Monday") are reported."""
    if trigger.pos_ == "NOUN" and _amounts_to(trigger):
        return not any(t.ent_type_ in PARTICULAR_JUDGED for t in trigger.subtree)
    if trigger.pos_ != "NOUN" or not _kind_of_deed(trigger, singular=trigger.dep_ == "nsubj"):
        return False
    first = trigger
    while first.dep_ == "conj":
        first = first.head
    head = first.head
    lemma = head.lemma_.lower()
    if first.dep_ == "nsubj" and lemma in JUDGING_VERBS:
        return True
    if first.dep_ == "nsubj" and lemma == "be":
        return any(c.dep_ == "attr" and c.lemma_.lower() in JUDGEMENT_NOUNS for c in head.children)
    return first.dep_ == "dobj" and lemma in CONDEMNING and _kind_of_deed(trigger)


def _amounts_to(noun: Token) -> bool:
    """ "the regime's attacks on Aleppo amount to a war crime" with "amount" read as a noun: a
    judging verb followed by "to" and a judgement noun, inside the deed noun's own phrase."""
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "to"):
        before = noun.doc[prep.i - 1] if prep.i > 0 else prep
        if before.lemma_.lower() in JUDGING_VERBS and any(
            o.dep_ == "pobj" and o.lemma_.lower() in JUDGEMENT_NOUNS for o in prep.children
        ):
            return True
    return False


def _kind_of_deed(noun: Token, *, singular: bool = False) -> bool:
    """A kind of deed: a plural or a bare gerund; with ``singular``, any deed noun (judged as
    the subject of "is a crime", "amounts to", "the regime's bombardment of residential areas is
    a violation of international law": the judgement is the news, not the deed).  Never one
    told with its count, day, time or a clause of what it did."""
    countable = (
        singular
        or noun.tag_ == "NNS"
        or (noun.lower_.endswith("ing") and not any(c.lower_ in ("a", "an") for c in noun.children))
    )
    if not countable or any(c.dep_ in ("relcl", "acl", "nummod") for c in noun.children):
        return False
    return not any(t.ent_type_ in PARTICULAR_JUDGED for t in noun.subtree)
