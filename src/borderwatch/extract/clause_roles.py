"""What a trigger's clause says acts, is acted on and causes it: the heads of its subjects,
objects and causes, read from the parse (``roles_of``), and the noun phrases they head.

Shared by the sense checks (:mod:`.sense`), the typing of events, the scope evidence and the
actor roles; kept apart from the sense checks so that each reads in one sitting.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .raising import raiser

# Arcs that leave the trigger's clause: what hangs below them belongs to another event or claim.
CLAUSE_ARCS = frozenset({"ccomp", "advcl", "relcl", "conj", "parataxis", "xcomp", "punct", "cc"})
SUBJECT_ARCS = frozenset({"nsubj", "poss", "csubj"})
OBJECT_ARCS = frozenset({"dobj", "nsubjpass", "attr", "oprd"})
# Prepositions that introduce what a noun trigger acts on ("the capture of the town").
OBJECT_PREPS = frozenset({"of", "on", "against", "at", "upon"})
# Prepositions that introduce a cause or agent ("killed in a crash", "killed by the storm").
CAUSE_PREPS = frozenset({"by", "in", "from", "after", "during", "of"})


def phrase_heads(token: Token) -> list[Token]:
    """A noun phrase's head with its compounds and modifiers ("methane gas", "border town")."""
    return [token, *(c for c in token.children if c.dep_ in ("compound", "amod", "nmod"))]


def phrase_tokens(token: Token) -> list[Token]:
    """``token``'s subtree without the clauses inside it ("a man accused of smuggling", "the
    town which ..."): those describe the argument, not the event."""
    found = [token]
    for child in token.children:
        if child.dep_ not in ("acl", "relcl", "ccomp", "advcl", "appos"):
            found += phrase_tokens(child)
    return found


def carrier(token: Token) -> Token | None:
    """The verb a noun trigger is the object or subject of ("launched an attack")."""
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("dobj", "nsubj", "nsubjpass", "attr"):
        head = token.head
        if head.pos_ in ("VERB", "AUX"):
            return head
    return None


@dataclass(frozen=True)
class Roles:
    """The heads of what a trigger's clause says acts, is acted on, and causes it."""

    subjects: tuple[Token, ...]
    objects: tuple[Token, ...]
    causes: tuple[Token, ...]
    arguments: tuple[Token, ...]


def roles_of(token: Token) -> Roles:
    subjects: list[Token] = []
    objects: list[Token] = []
    causes: list[Token] = []
    heads = [token]
    verb = carrier(token)
    if verb is not None:
        heads.append(verb)
    for head in heads:
        for child in head.children:
            if child == token:
                continue
            if child.dep_ in SUBJECT_ARCS or child.dep_ == "compound" and head.pos_ == "NOUN":
                subjects += phrase_heads(child)
            elif child.dep_ == "agent":
                subjects += [g for c in child.children for g in phrase_heads(c)]
            elif child.dep_ in OBJECT_ARCS:
                objects += phrase_heads(child)
            elif child.dep_ == "prep":
                pobjs = [g for c in child.children if c.dep_ == "pobj" for g in phrase_heads(c)]
                if child.lower_ in OBJECT_PREPS and head.pos_ == "NOUN":
                    objects += pobjs
                if child.lower_ in CAUSE_PREPS:
                    causes += pobjs
    raised = raiser(token) if not subjects else None
    if raised is not None and any(c.dep_ == "auxpass" for c in token.children):
        objects += phrase_heads(raised)  # "soldiers are said to have been killed"
    elif raised is not None:
        subjects += phrase_heads(raised)  # "jets are believed to have struck the hospital"
    arguments: list[Token] = []
    for head in heads:
        for child in head.children:
            if child.dep_ not in CLAUSE_ARCS and child != token:
                arguments += phrase_tokens(child)
    return Roles(tuple(subjects), tuple(objects), tuple(causes), tuple(arguments))


def shared_subjects(token: Token, subjects: tuple[Token, ...]) -> tuple[Token, ...]:
    """Who acts in a participle clause without a subject of its own is its head's ("a fire
    swept the market, destroying the stalls": the fire destroyed them)."""
    if subjects or token.dep_ != "advcl" or token.tag_ != "VBG":
        return subjects
    return roles_of(token.head).subjects
