"""Arrests told by "hold" (issue 22 item 4; Codebook: Arrests - state forces detaining people).

"Four activists were held by police", "security forces held three men for questioning": the
verb is an arrest when state forces hold people, named as its agent or subject, and those held
are people.  "Held a meeting", "the rally was held on Friday", "hostages held by the gang"
(abductors are no state force) are none.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..region import Lexicon

# Those who hold people in custody: state forces and their agencies.
HOLDERS = frozenset(
    {"police", "policeman", "policemen", "officer", "security", "force", "army", "soldier",
     "troop", "agent", "intelligence", "authority", "gendarme", "gendarmerie", "guard",
     "military", "interior", "ministry", "immigration"}
)  # fmt: skip


def _people(tokens: list[Token], lexicon: Lexicon) -> bool:
    people = lexicon.classes.get("person", frozenset()) | frozenset(lexicon.person_nouns)
    return any(t.lemma_.lower() in people or t.lower_ in people for t in tokens)


def _words(token: Token) -> list[Token]:
    """A noun with its compounds ("security forces" -> forces, security)."""
    return [token, *(c for c in token.children if c.dep_ in ("compound", "amod"))]


def held_by_forces(token: Token, lexicon: Lexicon) -> bool:
    """ "Activists were held by police", "troops held two shepherds": people held by state
    forces; no particle ("held off", "held up") and no captive of an abduction."""
    if any(c.dep_ == "prt" for c in token.children):
        return False
    held = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    if not _people(held, lexicon):
        return False
    if any(t.lemma_.lower() in ("hostage", "captive") for t in held):
        return False
    holders = [c for c in token.children if c.dep_ == "nsubj"]
    holders += [g for c in token.children if c.dep_ == "agent" for g in c.children]
    return any(
        t.lemma_.lower() in HOLDERS or t.lower_ in HOLDERS for h in holders for t in _words(h)
    )
