"""Hedges that do not reach the deed, and wishes that are no deed.  Read by :mod:`.modality`.

A hedge on WHO did it is no hedge on WHETHER it happened: "a drone believed to be Russian struck
the market", "the car bomb, believed to have been planted by IS, killed five" report a strike and
a bombing whose owner is uncertain (the parser often reads the participle "believed" as the main
verb of the sentence).  Nor does a speculation or a denial of a part in a deed the sentence tells
as done: "IS is believed to have carried out the bombing that killed 20 people", "Hezbollah
denied involvement in the bombing that killed 12 on Sunday" report the bombing (ACLED codes it,
whoever did it).  Attribution ("X said", "according to") is no hedge at all.

(Tried and dropped: a deed as the topic of "discussed"/"debated" read as no report, and a
present relative clause with a pronoun subject ("the territory it retakes") read as a habit;
each cost one event of recall on the India set.)

What someone demands or calls for is a wish, not a deed: "demanded the withdrawal of all foreign
troops", "urged the release of the detainees", "called for a ceasefire" (PLOVER's REQUEST).
"""

from __future__ import annotations

from spacy.tokens import Token

from .periods import dated

# Verbs of a hedge on a noun ("jets believed to be Russian", "a bomb thought to have been planted
# by rebels"): a reduced relative clause telling what someone supposes of the noun.
HEDGING_PARTICIPLES = frozenset(
    {"believe", "think", "suspect", "say", "report", "presume", "understand", "know", "reckon"}
)
# Determiners of a noun that names one event the reader is told of as a fact ("the bombing").
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# Verbs and verb-preposition pairs whose object is wished for ("demanded the withdrawal",
# "called for a ceasefire"), not done.
REQUESTING = frozenset({"demand", "urge", "request", "appeal", "plead"})
# Nouns whose "on"/"for"/"over" object is sought, not done ("negotiations on a prisoner swap",
# "talks on a ceasefire", "a proposal for the evacuation of fighters", "calls for a truce").
SEEKING_NOUNS = frozenset(
    {"negotiation", "talk", "proposal", "offer", "demand", "call", "request", "appeal", "push"}
)
SEEKING_PREPS = frozenset({"on", "for", "over", "about"})
# "called for", "pressed for", "appealed for": the object of "for" is what is asked.
ASKING_FOR = frozenset({"call", "press", "push", "appeal", "plead", "clamour", "lobby"})
# Verbs telling that talks took place: "talks on a truce have started" reports the talks
# themselves (talks between conflict parties on a conflict matter are coded), not a wish.
TALKS_HELD = frozenset({"start", "begin", "open", "resume", "hold", "launch", "conclude"})


def hedge_on_subject(verb: Token) -> bool:
    """``verb`` is a hedge on its subject the parser read as the main verb: a past participle
    with no auxiliary and a "to" infinitive ("jets believed to be Russian"), beside the
    sentence's real predicate, a finite past verb it was made to govern ("... bombed a bakery",
    "..., killed five soldiers").  The hedge names what the noun is thought to be; the
    predicate tells what it did, as a fact."""
    if verb.lemma_.lower() not in HEDGING_PARTICIPLES or verb.tag_ not in ("VBD", "VBN"):
        return False
    if any(c.dep_ in ("aux", "auxpass", "dobj", "neg") for c in verb.children):
        return False  # "are believed to have ...", "believed the army": a finite hedge
    if not any(c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") for c in verb.children):
        return False
    infinitive = any(
        c.dep_ in ("xcomp", "ccomp")
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in verb.children
    )
    predicate = any(
        c.dep_ in ("ccomp", "conj")
        and c.tag_ == "VBD"
        and not any(m.dep_ == "mark" for m in c.children)
        for c in verb.children
    )
    return infinitive and predicate


def told_as_done(clause: Token) -> bool:
    """A relative clause in the simple past ("the bombing that killed 20 people", "the militants
    who attacked the post"): a fact told of its antecedent, whatever the clause above it plans,
    denies or supposes."""
    return clause.dep_ == "relcl" and clause.tag_ == "VBD"


def presupposed(trigger: Token) -> bool:
    """A definite event noun told with its toll or its day ("the bombing that killed 20 people",
    "the attack on Monday"): the sentence takes the event as a fact; a hedge or a denial above it
    is about who did it, not whether it happened."""
    if trigger.pos_ != "NOUN":
        return False
    children = list(trigger.children)
    if not any((c.dep_ == "det" and c.lower_ in DEFINITE) or c.dep_ == "poss" for c in children):
        return False
    return any(told_as_done(c) or dated(c) for c in children)


# Nouns that ask for a deed to stop ("demanded an end to the bombardment", "called for a halt
# to the shelling"): what they end is going on, not reported as an incident, and the request
# reaches through them.
ENDING_NOUNS = frozenset({"end", "halt", "stop", "cessation", "suspension"})


def _through_ending(trigger: Token, chain: list[Token]) -> list[Token]:
    """The chain above "an end to": the requesting words sit two steps higher."""
    if (
        len(chain) >= 2
        and chain[0].dep_ == "prep"
        and chain[0].lower_ in ("to", "of")
        and chain[1].lemma_.lower() in ENDING_NOUNS
        and trigger.dep_ == "pobj"
    ):
        return chain[1:]
    return chain


def requested(trigger: Token, chain: list[Token]) -> bool:
    """The trigger is what someone demands or asks for ("demanded the withdrawal of foreign
    troops", "urged the release of detainees", "called for a ceasefire", "called on the army to
    withdraw"): a wish, no deed.  Only the nearest words ask for it: "called for an
    investigation into the strike that killed 30" asks for the investigation, the strike took
    place."""
    chain = _through_ending(trigger, chain)
    below = trigger
    for token in chain[:2]:
        lemma = token.lemma_.lower()
        if lemma in REQUESTING and token.pos_ == "VERB":
            return True
        if lemma == "call" and any(
            c.dep_ == "prep" and c.lower_ in ("on", "upon") for c in token.children
        ):
            return True  # "called on the regime to stop its attacks and release detainees"
        if (
            token.dep_ == "prep"
            and token.lower_ in SEEKING_PREPS
            and token.head.pos_ == "NOUN"
            and token.head.lemma_.lower() in SEEKING_NOUNS
            and below.dep_ == "pobj"
            and not _talks_held(token.head)
        ):
            return True  # "negotiations on a prisoner swap stalled"
        if (
            token.dep_ == "prep"
            and token.lower_ == "for"
            and token.head.lemma_.lower() in ASKING_FOR
            and below.dep_ in ("pobj", "pcomp")
        ):
            return True
        below = token
    return False


def _talks_held(noun: Token) -> bool:
    """The seeking noun is the subject or object of a verb telling the talks took place
    ("talks on a truce have started", "held negotiations on a swap")."""
    return noun.dep_ in ("nsubj", "nsubjpass", "dobj") and noun.head.lemma_.lower() in TALKS_HELD


def above_lemmas(trigger: Token, limit: int = 4) -> list[str]:
    """The lemmas of the trigger's nearest ancestors, up to a clause told as done ("denied
    that ... the militants who attacked the post" still reports the attack)."""
    lemmas: list[str] = []
    below = trigger
    for token in list(trigger.ancestors)[:limit]:
        if told_as_done(below):
            break
        lemmas.append(token.lemma_.lower())
        below = token
    return lemmas
