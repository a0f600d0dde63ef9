"""Who acts in a crowd's deed, and whether a sentence tells a protest (ACLED codebook: Riots
and Protests are told apart by who acts and why).

Read by :mod:`.typing`: the doers of a trigger with their quantities ("dozens of angry
relatives"), a word of a gathering, and the crowd that fights police at a protest, whose deed
is a Violent demonstration, not a mob's violence.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..model import ActorRef
from ..region import Lexicon
from .clause_roles import roles_of

# Heads of a quantity whose "of" names who acts ("dozens of relatives", "a group of youths").
QUANTITIES = frozenset({"dozen", "hundred", "thousand", "score", "group", "number", "band", "gang"})


def crowd_at_forces(
    token: Token,
    actor1: ActorRef | None,
    actor2: ActorRef | None,
    objects: set[str],
    sent: Span,
    lexicon: Lexicon,
) -> bool:
    """Unorganised people (students, villagers, a crowd) fighting the police or attacking a
    police post in a sentence that tells a protest ("students protesting fees clashed with
    police", "villagers blocked the highway and attacked a police station"): demonstrators
    turned violent, a Violent demonstration; a mob's violence on people is Mob violence
    (Codebook: Riots)."""
    classes = lexicon.classes
    unorganised = (actor1 is not None and actor1.inter in (5, 6, 7)) or doers_in(
        token, classes.get("mob", frozenset())
    )
    forces = (actor2 is not None and actor2.inter == 1) or bool(
        objects & classes.get("armed_site", frozenset())
    )
    return unorganised and forces and tells_protest(sent, classes)


# Roads a crowd blocks in protest ("blocked the highway", "barricaded the main road").
BLOCKED_WAYS = frozenset({"road", "highway", "street", "railway", "track", "bridge", "junction"})


def tells_protest(sent: Span, classes: dict[str, frozenset[str]]) -> bool:
    """The sentence tells a protest: a word of a gathering or of protesters ("protesting",
    "a rally"), or a road blocked (a protest's way of making a demand)."""
    protest = classes.get("protester", frozenset()) | classes.get("gathering", frozenset())
    if any(word_in(t, protest) for t in sent):
        return True
    return any(
        t.pos_ == "VERB"
        and t.lemma_.lower() in ("block", "barricade")
        and any(c.dep_ == "dobj" and c.lemma_.lower() in BLOCKED_WAYS for c in t.children)
        for t in sent
    )


def doers_in(token: Token, words: frozenset[str]) -> bool:
    """Whether who acts (the trigger's subject or agent, with its modifiers: "Syrian army
    troops", "a mob") is a word of ``words``."""
    node, subjects = token, list(roles_of(token).subjects)
    for _ in range(3):  # "stormed the station, smashing windows and setting fire to a car"
        if subjects or not shares_subject(node):
            break
        node = node.head
        subjects = list(roles_of(node).subjects)
    for subject in list(subjects):
        if subject.lemma_.lower() in QUANTITIES:  # "dozens of angry relatives"
            subjects += [g for p in subject.children if p.lower_ == "of" for g in p.children]
    return any(t.lemma_.lower() in words or t.lower_ in words for t in subjects)


def shares_subject(token: Token) -> bool:
    """A clause without its own subject that takes its head's ("stormed the station, setting
    fire to a car"; "attacked and looted"); not a passive ("after he was killed") or a clause
    of its own."""
    if token.head.i == token.i or any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children):
        return False
    return token.dep_ in ("xcomp", "conj") or (token.dep_ == "advcl" and token.tag_ == "VBG")


def word_in(token: Token, words: frozenset[str]) -> bool:
    """A common noun or verb of ``words`` ("march" the protest, not "March" the month)."""
    return token.pos_ in ("NOUN", "VERB") and token.lemma_.lower() in words
